/**
 * Record content as a failure report shows it: short printable text whole, anything else by
 * its length and an excerpt, and two texts that should be equal by where they first differ
 * (the character with its code point, and a hex excerpt of the UTF-8 around it), never by
 * printing megabytes. Pure; used by the scenarios and the histories alike.
 */

const SHORT = 60;
const printable = (s: string) => !/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/.test(s);
const chars = (s: string) => [...s];
const bytes = (s: string) => Buffer.byteLength(s, "utf8");
const plural = (n: number, one: string) => `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;

/** `c` as U+XXXX with the character itself when it prints. */
export function codePoint(c: string | undefined): string {
  if (c === undefined) return "nothing (the text ends)";
  const hex = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  return printable(c) && c.trim() !== "" ? `${hex} '${c}'` : hex;
}

/** A text in one line: quoted when short and printable, else an excerpt with its size. */
export function showText(s: string | null | undefined): string {
  if (s === undefined || s === null) return "(no value)";
  if (s.length <= SHORT && printable(s)) return JSON.stringify(s);
  const cs = chars(s);
  const head = JSON.stringify(cs.slice(0, 24).join(""));
  return `${head}${cs.length > 24 ? "..." : ""} (${plural(cs.length, "character")}, ${plural(bytes(s), "UTF-8 byte")})`;
}

/** UTF-8 of `cs[from, to)` as hex pairs. */
const hexOf = (cs: readonly string[], from: number, to: number) =>
  Buffer.from(cs.slice(Math.max(0, from), to).join(""), "utf8")
    .toString("hex")
    .replace(/(..)(?!$)/g, "$1 ");

/** How `returned` differs from `stored`, for a person; "" when they are equal. */
export function textDifference(stored: string | null | undefined, returned: string | null | undefined): string {
  if (stored === returned) return "";
  if (stored === undefined || stored === null || returned === undefined || returned === null) return `stored ${showText(stored)}, returned ${showText(returned)}`;
  const a = chars(stored);
  const b = chars(returned);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const sizes = `stored ${plural(a.length, "character")} (${plural(bytes(stored), "UTF-8 byte")}), returned ${plural(b.length, "character")} (${plural(bytes(returned), "UTF-8 byte")})`;
  const where = `first difference at character ${(i + 1).toLocaleString("en-US")}: stored ${codePoint(a[i])}, returned ${codePoint(b[i])}`;
  const around = `UTF-8 from character ${Math.max(1, i - 3).toLocaleString("en-US")}: stored [${hexOf(a, i - 4, i + 4)}], returned [${hexOf(b, i - 4, i + 4)}]`;
  return `${sizes}; ${where}; ${around}`;
}
