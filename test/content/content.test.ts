/**
 * Record content on its own: the samples and generators keep to the service model's limits
 * (and leave U+0000 out unless asked), seeds are dealt unlike key order, and two texts that
 * differ are shown by where they first differ, never whole.
 */
import { expect } from "chai";
import fc from "fast-check";
import { caseTwin, keyWithTwin, recordBatch, recordKey, recordValue } from "../../src/content/arbitraries.js";
import { KEY_TWINS, KEYS, VALUES, textOfLength } from "../../src/content/samples.js";
import { codePoint, showText, textDifference } from "../../src/content/show-text.js";
import { spread } from "../../src/harness/records.js";
import { random } from "../../src/random.js";

const codePoints = (s: string) => [...s].length;
const wellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe("record content", () => {
  describe("samples and generators", () => {
    it("keep keys to 1..1,024 characters and values to at most 1,048,575, as well-formed Unicode without U+0000", () => {
      for (const k of [...KEYS, ...KEY_TWINS].map((s) => s.text)) expect(codePoints(k), k).to.be.within(1, 1024);
      expect(codePoints(KEYS.find((k) => k.kind.startsWith("1,024"))!.text)).to.equal(1024);
      fc.assert(
        fc.property(recordKey, recordValue(), (k, v) => {
          expect(codePoints(k)).to.be.within(1, 1024);
          expect(codePoints(v)).to.be.at.most(1_048_575);
          for (const s of [k, v]) expect(wellFormed(s) && !s.includes("\u0000"), JSON.stringify(s.slice(0, 40))).to.equal(true);
        }),
        { seed: 1, numRuns: 300 },
      );
    });

    it("draw U+0000 only when asked, and batches of distinct keys within 900,000 bytes", () => {
      const nul = fc.sample(recordValue({ nul: true }), { seed: 3, numRuns: 2000 }).some((v) => v.includes("\u0000"));
      expect(nul, "some value with U+0000").to.equal(true);
      fc.assert(
        fc.property(recordBatch(8), (batch) => {
          expect(new Set(batch.map((r) => r.key)).size).to.equal(batch.length);
          expect(batch.reduce((n, r) => n + Buffer.byteLength(r.key) + Buffer.byteLength(r.value), 0)).to.be.at.most(900_000);
        }),
        { seed: 2, numRuns: 200 },
      );
    });

    it("make case twins that differ from their key only in case", () => {
      expect(caseTwin("score")).to.equal("Score");
      expect(caseTwin("123")).to.equal(undefined);
      fc.assert(
        fc.property(keyWithTwin, ([a, b]) => {
          expect(a).to.not.equal(b);
          // Case mapping may change a letter's length (ß and SS, İ and i̇): the two still agree in one case.
          expect(a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase(), `${a} / ${b}`).to.equal(true);
        }),
        { seed: 4, numRuns: 200 },
      );
    });

    it("cover two-, three- and four-byte UTF-8, JSON-like text and whitespace in the fixed values", () => {
      const all = VALUES.map((v) => v.text).join("");
      for (const bytes of [2, 3, 4])
        expect(
          [...all].some((c) => Buffer.byteLength(c) === bytes),
          `${bytes}-byte`,
        ).to.equal(true);
      expect(VALUES.map((v) => v.text)).to.include.members(["null", " \t  "]);
      const long = textOfLength(4001, "€");
      expect(codePoints(long)).to.equal(4001);
      expect(long.endsWith("$")).to.equal(true);
    });
  });

  describe("seeds dealt unlike key order", () => {
    it("put every key in one call, the greatest in the first and the smallest in the last, in an order that follows the seed", () => {
      for (let seed = 0; seed < 200; seed++) {
        const calls = spread("k", [10, 10, 5], random(seed));
        const keys = calls.flatMap((c) => Object.keys(c));
        expect(calls.map((c) => Object.keys(c).length)).to.deep.equal([10, 10, 5]);
        expect(new Set(keys).size).to.equal(25);
        expect(Object.keys(calls[0]!)).to.include("k0024");
        expect(Object.keys(calls[2]!)).to.include("k0000");
      }
      expect(spread("k", [10, 10, 5], random(1))).to.deep.equal(spread("k", [10, 10, 5], random(1)));
      expect(spread("k", [10, 10, 5], random(1))).to.not.deep.equal(spread("k", [10, 10, 5], random(2)));
    });
  });

  describe("showing texts", () => {
    it("quotes short printable text and sizes the rest", () => {
      expect(showText("abc")).to.equal('"abc"');
      expect(showText(undefined)).to.equal("(no value)");
      expect(showText("a\u0000b")).to.equal('"a\\u0000b" (3 characters, 3 UTF-8 bytes)');
      expect(showText("x".repeat(1_000_000))).to.equal(`"${"x".repeat(24)}"... (1,000,000 characters, 1,000,000 UTF-8 bytes)`);
    });

    it("shows where two texts first differ: sizes, the code points there, and the UTF-8 around them, in a few hundred characters", () => {
      const stored = textOfLength(65536, "é");
      const d = textDifference(stored, stored.slice(0, 32767));
      expect(d).to.include("stored 65,536 characters (131,071 UTF-8 bytes), returned 32,767 characters");
      expect(d).to.include("first difference at character 32,768: stored U+00E9 'é', returned nothing (the text ends)");
      expect(d.length).to.be.below(400);
      expect(textDifference("😀!", "?!")).to.include("stored U+1F600 '😀', returned U+003F '?'");
      expect(textDifference("a", "a")).to.equal("");
      expect(codePoint("\n")).to.equal("U+000A");
    });
  });
});
