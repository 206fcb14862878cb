/**
 * Record content generated from the service model's constraints, as fast-check arbitraries
 * (seeded by the run and shrinkable): keys of 1 to 1,024 characters and values of 0 to 1,048,575
 * (batches kept inside the dataset quota), of any Unicode (every plane, combining marks,
 * control characters), JSON-looking text, whitespace, case twins, and lengths at the widths
 * where databases cut. U+0000 only where asked for: whether it survives is an open point.
 */
import fc from "fast-check";
import { KEY_TWINS, KEYS, VALUES, WIDTHS, textOfLength } from "./samples.js";

const NUL = "\u0000";
/** One code point of each UTF-8 width, the unit long values are made of. */
const UNITS = ["x", "é", "€", "😀"] as const;

const withoutNul = (s: string) => s.replaceAll(NUL, "");

/** Any text, from any plane of Unicode, with or without U+0000. */
function anyText(nul: boolean, maxLength: number): fc.Arbitrary<string> {
  const text = fc.oneof(
    { arbitrary: fc.string({ unit: "grapheme", maxLength }), weight: 3 },
    { arbitrary: fc.string({ unit: "binary", maxLength }), weight: 3 },
    { arbitrary: fc.string({ unit: "grapheme-ascii", maxLength }), weight: 1 },
    { arbitrary: fc.constantFrom(...VALUES.map((v) => v.text)), weight: 2 },
    { arbitrary: fc.json({ maxDepth: 2 }), weight: 1 },
    { arbitrary: fc.oneof(fc.double(), fc.bigInt()).map(String), weight: 1 },
    { arbitrary: fc.constantFrom("null", "true", "false", "[]", "{}", "undefined", "NaN"), weight: 1 },
    { arbitrary: fc.string({ unit: fc.constantFrom(" ", "\t", "\n", "\u00a0", "\u3000"), minLength: 1, maxLength: 6 }), weight: 1 },
  );
  const padded = fc.tuple(text, fc.constantFrom("", " ", "  "), fc.constantFrom("", " ", "\t")).map(([t, l, r]) => `${l}${t}${r}`);
  return nul ? padded : padded.map(withoutNul);
}

/**
 * A value at one of the narrower widths where databases cut text (255/256, 4,000/4,001), in
 * UTF-8 units of 1 to 4 bytes; the fixed scenarios write the wider ones once each.
 */
const wideValue: fc.Arbitrary<string> = fc.tuple(fc.constantFrom(...WIDTHS.filter((n) => n <= 4001)), fc.constantFrom(...UNITS)).map(([n, unit]) => textOfLength(n, unit));

/** A record value: usually short and wild, sometimes empty, sometimes at a cutting width. */
export function recordValue(options: { nul?: boolean } = {}): fc.Arbitrary<string> {
  return fc.oneof({ arbitrary: anyText(options.nul ?? false, 40), weight: 12 }, { arbitrary: fc.constant(""), weight: 2 }, { arbitrary: wideValue, weight: 1 });
}

/** A record key: 1 to 40 characters of any text (never U+0000 or empty), a sample key, or one of 1,024 characters. */
export const recordKey: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: anyText(false, 40).filter((k) => k.length > 0 && [...k].length <= 1024), weight: 8 },
  { arbitrary: fc.constantFrom(...KEYS.map((k) => k.text), ...KEY_TWINS.map((k) => k.text)), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 8 }).map((s) => s.padEnd(1024, "k")), weight: 1 },
);

/** The same text with the case of its first cased letter swapped, or undefined when it has none. */
export function caseTwin(text: string): string | undefined {
  const cs = [...text];
  const i = cs.findIndex((c) => c.toLowerCase() !== c.toUpperCase());
  if (i < 0) return undefined;
  const c = cs[i]!;
  cs[i] = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
  const twin = cs.join("");
  return twin === text ? undefined : twin;
}

/** A key with a cased letter, and its case twin: two records, whatever a collation says. */
export const keyWithTwin: fc.Arbitrary<[string, string]> = fc
  .tuple(fc.constantFrom(..."aAbBzZéÉßıİæÆωΩжЖ"), fc.string({ unit: "grapheme", maxLength: 10 }).map(withoutNul))
  .map(([letter, rest]) => `${letter}${rest}`)
  .map((k) => [k, caseTwin(k)] as const)
  .filter((pair): pair is [string, string] => pair[1] !== undefined);

/** UTF-8 bytes of records as the 1 MB quota is read: keys and values. */
const recordBytes = (records: ReadonlyArray<{ key: string; value: string }>) => records.reduce((n, r) => n + Buffer.byteLength(r.key) + Buffer.byteLength(r.value), 0);

/**
 * A batch of records for one UpdateRecords call: distinct keys (case twins included), within
 * 900,000 bytes (inside the 1 MB quota whichever way a server counts it).
 */
export function recordBatch(maxRecords: number, options: { nul?: boolean } = {}): fc.Arbitrary<Array<{ key: string; value: string }>> {
  const one = fc.record({ key: recordKey, value: recordValue(options) });
  const twins = keyWithTwin.chain(([a, b]) =>
    fc.tuple(recordValue(options), recordValue(options)).map(([x, y]) => [
      { key: a, value: x },
      { key: b, value: y },
    ]),
  );
  return fc
    .tuple(fc.uniqueArray(one, { minLength: 1, maxLength: maxRecords, selector: (r) => r.key }), fc.option(twins, { nil: undefined }))
    .map(([records, pair]) => {
      const all = [...records, ...(pair ?? [])];
      return all.filter((r, i) => all.findIndex((x) => x.key === r.key) === i);
    })
    .filter((records) => recordBytes(records) <= 900_000);
}
