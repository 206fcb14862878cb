/** Comparing the records a scenario got with the records it wrote. */
import type { RecordOut } from "./answers.js";

export interface Expected {
  value: string | undefined;
  syncCount: number;
}

export interface RecordDiff {
  missing: string[];
  duplicated: string[];
  unexpected: string[];
  wrongValue: string[];
  wrongSyncCount: string[];
}

/** Every way `actual` differs from exactly-once delivery of `expected`. */
export function diffRecords(actual: readonly RecordOut[], expected: ReadonlyMap<string, Expected>): RecordDiff {
  const seen = new Map<string, number>();
  const diff: RecordDiff = { missing: [], duplicated: [], unexpected: [], wrongValue: [], wrongSyncCount: [] };
  for (const r of actual) {
    seen.set(r.Key, (seen.get(r.Key) ?? 0) + 1);
    const want = expected.get(r.Key);
    if (!want) {
      diff.unexpected.push(r.Key);
      continue;
    }
    if ((r.Value ?? undefined) !== want.value) diff.wrongValue.push(`${r.Key} (${JSON.stringify(r.Value)}, wrote ${JSON.stringify(want.value ?? null)})`);
    if (r.SyncCount !== want.syncCount) diff.wrongSyncCount.push(`${r.Key} (${r.SyncCount}, written at ${want.syncCount})`);
  }
  for (const [key, n] of seen) if (n > 1 && expected.has(key)) diff.duplicated.push(`${key} (${n} times)`);
  for (const key of expected.keys()) if (!seen.has(key)) diff.missing.push(key);
  return diff;
}

const list = (xs: string[]) => (xs.length > 8 ? `${xs.slice(0, 8).join(", ")} and ${xs.length - 8} more` : xs.join(", "));

export function describeDiff(d: Partial<RecordDiff>): string {
  const parts = Object.entries(d)
    .filter(([, xs]) => xs.length > 0)
    .map(([what, xs]) => `${what}: ${list(xs)}`);
  return parts.length > 0 ? parts.join("; ") : "no differences";
}

/** The records expected from a filter: those written at a sync count the predicate accepts. */
export function expectedWhere(all: ReadonlyMap<string, Expected>, keep: (syncCount: number) => boolean): Map<string, Expected> {
  return new Map([...all].filter(([, e]) => keep(e.syncCount)));
}

/** Keys `${prefix}000` ... for [from, to), each with a value naming it: seed data for one UpdateRecords call. */
export function numbered(prefix: string, from: number, to: number): Record<string, string> {
  const update: Record<string, string> = {};
  for (let i = from; i < to; i++) update[`${prefix}${String(i).padStart(3, "0")}`] = `value of ${prefix}${i}`;
  return update;
}
