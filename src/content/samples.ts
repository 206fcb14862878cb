/**
 * Fixed record content the scenarios store on purpose: each sample one kind of text that a
 * real app stores and a store on a database typically mangles (a collation, a column width,
 * a character set, JSON handling, normalisation). Plain data, the same in every run.
 */

export interface Sample {
  /** What kind of text it is, for titles and notes. */
  readonly kind: string;
  readonly text: string;
}

/** Values of every kind a client can store, none longer than a few dozen characters. */
export const VALUES: readonly Sample[] = [
  { kind: "two-byte UTF-8", text: "façade Ærø Straße ñandú" },
  { kind: "three-byte UTF-8", text: "日本語のテキスト € ₹ ﷺ" },
  { kind: "four-byte UTF-8, outside the BMP", text: "🎮🏆 𝄞 𠜎 👩‍👩‍👧" },
  { kind: "combining marks (decomposed)", text: "e\u0301te\u0301 a\u0308 n\u0303 Z\u0335\u0321" },
  { kind: "right-to-left text", text: "שלום עולם مرحبا بالعالم" },
  { kind: "control characters other than U+0000", text: "\u0001\u0007\b\t\n\r\u001b\u007f\u0085" },
  { kind: "invisible characters", text: "\u200b\u200d\ufeff\u2028\u2029" },
  { kind: "JSON-special characters", text: '"quoted" \\back\\slash /slash/ </script>' },
  { kind: "the word null", text: "null" },
  { kind: "a boolean's spelling", text: "true" },
  { kind: "a number too long for a double", text: "12345678901234567890" },
  { kind: "a number with a fraction", text: "3.10" },
  { kind: "a JSON object", text: '{"score": 3, "tags": ["a", null]}' },
  { kind: "whitespace only", text: " \t  " },
  { kind: "leading and trailing spaces", text: "  padded  " },
  { kind: "percent and plus signs", text: "100%+1 a+b%20c" },
];

/**
 * Keys of every kind (all within the clients' 128 UTF-8 bytes but the long ASCII one and the
 * long non-ASCII one, which the model still allows), none blank: the Android client refuses
 * a key that is blank once trimmed.
 */
export const KEYS: readonly Sample[] = [
  { kind: "one character", text: "k" },
  { kind: "1,024 ASCII characters, the model's longest", text: "K".repeat(1000) + "-0123456789abcdefghijkl" + "Z" },
  { kind: "non-ASCII, 128 UTF-8 bytes", text: "ключ-" + "é".repeat(58) + "k" },
  { kind: "non-ASCII, 300 UTF-8 bytes", text: "键".repeat(100) },
  { kind: "outside the BMP", text: "🔑-key-𝄞" },
  { kind: "inner, leading and trailing spaces", text: " two words " },
  { kind: "a JavaScript object property (__proto__)", text: "__proto__" },
  { kind: "a JavaScript object property (constructor)", text: "constructor" },
  { kind: "a JavaScript object property (toString)", text: "toString" },
  { kind: "JSON-special characters", text: '"key"\\with/quotes' },
  { kind: "digits only", text: "007" },
  { kind: "right-to-left text", text: "مفتاح" },
];

/** Keys that differ from each other only in case, accents or Unicode normalisation: each its own record. */
export const KEY_TWINS: readonly Sample[] = [
  { kind: "lower case", text: "score" },
  { kind: "capitalised", text: "Score" },
  { kind: "upper case", text: "SCORE" },
  { kind: "no accent", text: "resume" },
  { kind: "accents, precomposed (NFC)", text: "résumé" },
  { kind: "accents, decomposed (NFD)", text: "re\u0301sume\u0301" },
];

/** Column widths where databases cut text (VARCHAR(255), Oracle's 4,000, MySQL's 65,535-byte TEXT). */
export const WIDTHS = [255, 256, 4000, 4001, 65535, 65536] as const;

/** Text of exactly `n` code points of `unit`, ending in a marker so a cut anywhere shows. */
export function textOfLength(n: number, unit = "x"): string {
  if (n <= 1) return n === 1 ? "$" : "";
  return unit.repeat(n - 1) + "$";
}

/** Every character the model's pattern allows in a dataset name. */
export const DATASET_NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-";
