/** The harness's pure parts on their own: the page walker, SHOULD failures held to the end, the LIFO teardown. */
import { expect } from "chai";
import { ConformanceFailure } from "../../src/harness/failure.js";
import { walkPages } from "../../src/harness/page-walker.js";
import { pageWhereWrong } from "../../src/harness/records.js";
import { Teardown } from "../../src/harness/teardown.js";
import { Verdicts } from "../../src/harness/verdicts.js";
import { assertWellFormed } from "../../src/harness/well-formed.js";

/** A fake endpoint whose pages hand out these NextTokens in turn (undefined ends the walk). */
function pagesWithTokens(tokens: Array<string | undefined>) {
  const asked: Array<string | undefined> = [];
  const fetch = async (token: string | undefined) => (asked.push(token), { n: asked.length, next: tokens[asked.length - 1] });
  return { fetch, asked };
}
const limits = (maxPages: number) => ({
  maxPages,
  cycle: (_: unknown, n: number) => new Error(`cycle at page ${n}`),
  tooMany: (_: unknown, n: number) => new Error(`too many at page ${n}`),
});

describe("harness: pure parts", () => {
  describe("the page walker", () => {
    it("follows NextToken until it is absent, sending each token once", async () => {
      const { fetch, asked } = pagesWithTokens(["a", "b", undefined]);
      const pages = await walkPages(fetch, (p) => p.next, limits(10));
      expect(pages.map((p) => p.n)).to.deep.equal([1, 2, 3]);
      expect(asked).to.deep.equal([undefined, "a", "b"]);
    });

    it("stops a walk whose NextToken comes back, at the page that handed it back", async () => {
      const { fetch } = pagesWithTokens(["a", "b", "a", "b"]);
      const err = await walkPages(fetch, (p) => p.next, limits(10)).catch((e: Error) => e);
      expect((err as Error).message).to.equal("cycle at page 3");
    });

    it("stops a walk that still has a NextToken on its last allowed page", async () => {
      const { fetch, asked } = pagesWithTokens(["a", "b", "c", "d"]);
      const err = await walkPages(fetch, (p) => p.next, limits(3)).catch((e: Error) => e);
      expect((err as Error).message).to.equal("too many at page 3");
      expect(asked).to.have.length(3);
    });
  });

  describe("verdicts", () => {
    it("throws a MUST failure at once, and holds a SHOULD failure for the end of the scenario", () => {
      const v = new Verdicts(["LR-SESSION-EVERY-PAGE", "LR-PAGE-WALK"]);
      expect(() => v.check("LR-SESSION-EVERY-PAGE", false, "a token on every page", () => "none on page 1")).to.not.throw();
      expect(v.firstHeld()?.requirement.id).to.equal("LR-SESSION-EVERY-PAGE");
      expect(() => v.check("LR-PAGE-WALK", false, "every record once", () => "a gap")).to.throw(ConformanceFailure, /^LR-PAGE-WALK \(MUST\)/);
      expect(v.firstHeld()?.requirement.id, "the first held failure stays first").to.equal("LR-SESSION-EVERY-PAGE");
    });

    it("names the clients a failed MUST breaks", () => {
      expect(() => new Verdicts(["LR-DELETED-FLAG"]).check("LR-DELETED-FLAG", false, "the flag", () => "no flag")).to.throw(ConformanceFailure, /\n {2}breaks JavaScript: /);
    });

    it("a check under a requirement the scenario did not declare is a suite bug, even when it passes", () => {
      const v = new Verdicts(["LR-PAGE-WALK"]);
      for (const ok of [true, false]) {
        expect(() => v.check("LR-PAGE-MAX", ok, "at most maxResults", () => "more")).to.throw(Error, /^suite bug: a check under LR-PAGE-MAX, which the scenario does not declare/);
      }
      expect(() => v.check("LR-SHAPE-200", true, "a JSON body", () => "text"), "the shared answer check holds for every scenario").to.not.throw();
    });
  });

  it("the well-formedness check refuses counts written with a fraction, but not such text inside a value", () => {
    const answer = (text: string) => ({
      operation: "ListRecords",
      request: { method: "GET", url: "http://x", headers: {} },
      response: { status: 200, headers: { "content-type": "application/json" }, text, json: JSON.parse(text) as unknown },
      durationMs: 0,
      curl: "curl http://x",
    });
    const page = (count: string, value = "v") =>
      `{"Records":[{"Key":"k","Value":${JSON.stringify(value)},"SyncCount":1}],"DatasetSyncCount":${count},"DatasetExists":true,"DatasetDeletedAfterRequestedSyncCount":false}`;
    expect(() => assertWellFormed(answer(page("3")))).to.not.throw();
    expect(() => assertWellFormed(answer(page("3", '"SyncCount": 3.0')))).to.not.throw();
    for (const count of ["3.0", "3e0", "30E-1"]) expect(() => assertWellFormed(answer(page(count))), count).to.throw(ConformanceFailure, /LR-SHAPE-MEMBERS/);
  });

  it("teardown undoes newest first, once, and reports a failing step without stopping", async () => {
    const done: string[] = [];
    const problems: string[] = [];
    const t = new Teardown();
    t.add(async () => void done.push("dataset"));
    t.add(async () => {
      throw new Error("state hook refused\nmore detail");
    });
    t.add(async () => void done.push("client"));
    await t.run((p) => problems.push(p));
    await t.run((p) => problems.push(p));
    expect(done).to.deep.equal(["client", "dataset"]);
    expect(problems).to.deep.equal(["state hook refused"]);
  });
});

describe("the page where a walk went wrong", () => {
  const rec = (Key: string, SyncCount: number, Value = `v${Key}`) => ({ Key, Value, SyncCount });
  const expected = new Map(["a", "b", "c", "d", "e", "f"].map((k) => [k, { value: `v${k}`, syncCount: 1 }]));
  const cases: Array<{ title: string; pages: string[][]; want: number }> = [
    { title: "a page that dropped its last record", pages: [["a", "b"], ["d", "e"], ["f"]], want: 0 },
    { title: "a record missing inside a page", pages: [["a", "b"], ["c", "e"], ["f"]], want: 1 },
    {
      title: "a record twice",
      pages: [
        ["a", "b"],
        ["c", "d"],
        ["d", "e", "f"],
      ],
      want: 2,
    },
    {
      title: "nothing wrong: the last page",
      pages: [
        ["a", "b", "c"],
        ["d", "e", "f"],
      ],
      want: 1,
    },
  ];
  for (const { title, pages, want } of cases) {
    it(`${title}: page ${want + 1}`, () =>
      expect(
        pageWhereWrong(
          pages.map((keys) => ({ records: keys.map((k) => rec(k, 1)) })),
          expected,
        ),
      ).to.equal(want));
  }
});
