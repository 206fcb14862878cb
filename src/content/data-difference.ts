/**
 * How the data a device holds differs from what it should hold, as a failure report shows it:
 * whole when small, else its size and the keys missing, extra or changed (long text shortened).
 */
import { showText, textDifference } from "./show-text.js";

/** Keys that `data` lacks, has beyond `want`, or holds with another value. */
export function differences(data: Record<string, string>, want: Record<string, string>) {
  const has = (o: Record<string, string>, k: string) => Object.hasOwn(o, k);
  return {
    missing: Object.keys(want).filter((k) => !has(data, k)),
    extra: Object.keys(data).filter((k) => !has(want, k)),
    changed: Object.keys(data).filter((k) => has(want, k) && want[k] !== data[k]),
  };
}
export const same = (data: Record<string, string>, want: Record<string, string>) => Object.values(differences(data, want)).every((xs) => xs.length === 0);

/** A device's data as a failure shows it: whole when small, else its size and how it differs from what it should hold. */
export function shown(data: Record<string, string>, want?: Record<string, string>): string {
  const keys = Object.keys(data);
  const small = (o: Record<string, string>) => Object.keys(o).length <= 8 && Object.entries(o).every(([k, v]) => k.length <= 40 && v.length <= 40);
  if (small(data) && (!want || small(want))) return JSON.stringify(data);
  if (!want) return `${keys.length} keys, as written`;
  const few = (xs: string[]) => (xs.length > 5 ? `${xs.slice(0, 5).join(", ")} and ${xs.length - 5} more` : xs.join(", "));
  const d = differences(data, want);
  const changed = d.changed.map((k) => `${showText(k)} (${textDifference(want[k], data[k])})`);
  return `${keys.length} keys; missing: ${few(d.missing.map(showText)) || "none"}; extra: ${few(d.extra.map(showText)) || "none"}; other values: ${few(changed) || "none"}`;
}
