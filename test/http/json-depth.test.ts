/** JSON read with a depth limit: answers nested past it are cut off before any code walks them, with a note saying so. */
import { expect } from "chai";
import { CUT_NOTE, MAX_DEPTH, parseBounded } from "../../src/http/json-depth.js";

const nested = (levels: number, inner = "1") => `${"[".repeat(levels)}${inner}${"]".repeat(levels)}`;

describe("answers parsed to a bounded depth", () => {
  it("parses JSON within the bound exactly as JSON.parse does", () => {
    for (const text of [
      '{"a":[1,{"b":"[[{"}],"c":null}',
      "null",
      '"x\\"]]"',
      nested(MAX_DEPTH),
      '{"Records":[{"Key":"k","Value":"{{{"}]}',
      '{"a":"\\\\","b":["\\"[[",{"c":"\\\\\\"]"}]}',
    ]) {
      expect(parseBounded(text)).to.deep.equal(JSON.parse(text));
    }
  });

  it("cuts each value that opens below the bound, keeping its siblings", () => {
    const text =
      String.raw`{"Count":1,"Esc":"ends in a backslash \\","Quote":"\"[",` +
      `"Unmodelled":${nested(200_000)},"Records":[{"Key":"k","Deep":${nested(MAX_DEPTH + 5, '{"a":"]"}')}}],"NextToken":"t"}`;
    const parsed = parseBounded(text) as Record<string, unknown>;
    expect(parsed.Count).to.equal(1);
    expect(parsed.NextToken).to.equal("t");
    let v: unknown = parsed.Unmodelled;
    let depth = 1; // the top-level object
    while (Array.isArray(v)) [v, depth] = [v[0], depth + 1];
    expect([v, depth]).to.deep.equal([CUT_NOTE, MAX_DEPTH]);
    expect((parsed.Records as Array<Record<string, unknown>>)[0]!.Key).to.equal("k");
  });

  it("still refuses text that is not JSON, cut or not", () => {
    for (const text of ['{"a": [1,', nested(MAX_DEPTH + 10).slice(0, -1), `[${nested(MAX_DEPTH + 1)} x]`, "<html>"]) {
      expect(() => parseBounded(text), text.slice(0, 40)).to.throw(SyntaxError);
    }
  });
});
