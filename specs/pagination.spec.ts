/**
 * Pagination: page sizes from 1 to larger than the dataset, walking NextToken to the end,
 * Count, the last page, pagination under a lastSyncCount filter, and bad tokens.
 */
import { conformance } from "../src/harness/conformance.js";
import { expectedWhere } from "../src/harness/records.js";
import type { SeededDataset, TestContext } from "../src/harness/test-context.js";

const AREA = "pagination";

/** 25 records in three UpdateRecords calls: 10 at sync count 1, 10 at 2, 5 at 3, keys dealt to the calls in a seeded order (the greatest key at 1). */
const seed25 = (t: TestContext, label = "paged") => t.seed(label, t.spread("k", [10, 10, 5]));

/** A walk with `maxResults` must deliver every record exactly once, in pages no larger than asked. */
async function walkAll(t: TestContext, ds: SeededDataset, maxResults: number) {
  const walk = await t.walk(ds, { maxResults }, "LR-PAGE-WALK", ds.records.size);
  for (const [i, page] of walk.pages.entries()) {
    t.check("LR-PAGE-MAX", page.records.length <= maxResults, `at most ${maxResults} records per page`, () => `${page.records.length} records on page ${i + 1}`, page.exchange);
  }
  t.expectExactly("LR-PAGE-WALK", walk.records, ds.records, walk.pages);
  return walk;
}

describe("pagination", () => {
  conformance(
    AREA,
    "maxResults 1 walks all 25 records, one per page, each exactly once",
    ["LR-PAGE-WALK", "LR-PAGE-MAX"],
    async (t) => {
      await walkAll(t, await seed25(t), 1);
    },
    { id: "max-results-1" },
  );

  conformance(
    AREA,
    "maxResults 7 walks all 25 records in pages of at most 7, each exactly once",
    ["LR-PAGE-WALK", "LR-PAGE-MAX"],
    async (t) => {
      await walkAll(t, await seed25(t), 7);
    },
    { id: "max-results-7" },
  );

  conformance(
    AREA,
    "when the pages come out even (maxResults 5), the fifth page ends the listing without a NextToken",
    ["LR-PAGE-WALK", "LR-PAGE-MAX", "LR-PAGE-LAST"],
    async (t) => {
      const walk = await walkAll(t, await seed25(t), 5);
      const last = walk.pages.at(-1)!;
      t.check(
        "LR-PAGE-LAST",
        walk.pages.length === 5,
        "5 pages, the last without a NextToken",
        () => `${walk.pages.length} pages, the last holding ${last.records.length} records`,
        last.exchange,
      );
    },
    { id: "pages-come-out-even" },
  );

  conformance(
    AREA,
    "maxResults larger than the dataset returns all 25 records in one page with no NextToken",
    ["LR-PAGE-WALK", "LR-PAGE-MAX", "LR-PAGE-LARGE"],
    async (t) => {
      const walk = await walkAll(t, await seed25(t), 100);
      t.check(
        "LR-PAGE-LARGE",
        walk.pages.length === 1,
        "one page",
        () => `${walk.pages.length} pages of ${walk.pages.map((p) => p.records.length).join(", ")} records`,
        walk.pages[0]!.exchange,
      );
    },
    { id: "max-results-above-size" },
  );

  conformance(
    AREA,
    "Count agrees with the chosen interpretation on every page",
    ["LR-PAGE-COUNT", "LR-PAGE-WALK"],
    async (t) => {
      const ds = await seed25(t);
      const chosen = t.choice("count");
      const walk = await t.walk(ds, { maxResults: 10, lastSyncCount: 1 }, "LR-PAGE-WALK", ds.records.size);
      const filtered = walk.records.length;
      for (const [i, page] of walk.pages.entries()) {
        const want = chosen === "page" ? page.records.length : chosen === "filtered" ? filtered : ds.records.size;
        const count = page.body.Count ?? 0;
        t.check(
          "LR-PAGE-COUNT",
          count === want,
          `Count ${want} (count=${chosen})`,
          () => `Count ${count} on page ${i + 1} of ${walk.pages.length}, which holds ${page.records.length} records`,
          page.exchange,
        );
      }
    },
    { id: "count-reading", needs: ["interpretation:count"] },
  );

  conformance(
    AREA,
    "walking with lastSyncCount 2 and maxResults 4 returns the later records exactly once and none of the earlier",
    ["LR-PAGE-WALK", "LR-SYNC-NOT-BEFORE", "LR-SYNC-BOUNDARY"],
    async (t) => {
      const ds = await seed25(t);
      const walk = await t.walk(ds, { maxResults: 4, lastSyncCount: 2 }, "LR-PAGE-WALK", ds.records.size);
      const last = walk.pages.at(-1)!.exchange;
      const got = (keep: (n: number) => boolean) => walk.records.filter((r) => keep(ds.records.get(r.Key)?.syncCount ?? -1));
      t.expectExactly(
        "LR-PAGE-WALK",
        got((n) => n > 2),
        expectedWhere(ds.records, (n) => n > 2),
        walk.pages,
      );
      t.check(
        "LR-SYNC-NOT-BEFORE",
        got((n) => n < 2).length === 0,
        "no record written at sync count 1",
        () =>
          `${got((n) => n < 2)
            .map((r) => r.Key)
            .join(", ")}`,
        last,
      );
      const boundary = got((n) => n === 2);
      t.check(
        "LR-SYNC-BOUNDARY",
        boundary.length === 0,
        "no record written at sync count 2, the lastSyncCount itself",
        () => `${boundary.length}: ${boundary.map((r) => r.Key).join(", ")}`,
        last,
      );
    },
    { id: "since-count-in-pages" },
  );

  describe("NextTokens that are not the walk's own", () => {
    const bad = [
      { id: "garbage", name: "garbage", token: async () => "not-a-token-%%" },
      { id: "altered", name: "altered in one character", token: async (t: TestContext, ds: SeededDataset) => alter(await firstToken(t, ds)) },
      { id: "foreign", name: "another dataset's", token: async (t: TestContext) => firstToken(t, await t.seed("other", t.spread("other", [6]))) },
    ];
    for (const b of bad) {
      conformance(
        AREA,
        `a NextToken that is ${b.name} yields no record of another dataset, and is refused with 400`,
        // A token taken from a first page fails LR-PAGE-WALK when there is none.
        ["LR-TOKEN-NO-LEAK", "LR-TOKEN-INVALID", ...(b.id === "garbage" ? [] : (["LR-PAGE-WALK"] as const))],
        async (t) => {
          const ds = await t.seed("target", t.spread("k", [6]));
          const result = await t.list(ds, { maxResults: 2, nextToken: await b.token(t, ds) }, "LR-TOKEN-NO-LEAK", { expectOk: false });
          const foreign = result.records.filter((r) => !ds.records.has(r.Key));
          t.check(
            "LR-TOKEN-NO-LEAK",
            foreign.length === 0,
            "no record that was not written to the requested dataset",
            () => `${foreign.length} such records: ${foreign.map((r) => r.Key).join(", ")}`,
            result.exchange,
          );
          if (t.choice("bad-next-token") !== "any") t.expectError(result, { requirement: "LR-TOKEN-INVALID", equals: 400 });
        },
        { id: `token-${b.id}` },
      );
    }
  });
});

async function firstToken(t: TestContext, ds: SeededDataset): Promise<string> {
  const page = await t.list(ds, { maxResults: 2 }, "LR-PAGE-WALK");
  const token = page.body.NextToken;
  t.check("LR-PAGE-WALK", typeof token === "string", "a NextToken on the first of three pages", () => `NextToken ${JSON.stringify(token)}`, page.exchange);
  return token!;
}

/** The token with one character in its middle changed, so it differs but keeps its length and alphabet. */
function alter(token: string): string {
  const i = Math.floor(token.length / 2);
  const c = token[i]!;
  const swapped = c === "A" ? "B" : c === "a" ? "b" : c === "0" ? "1" : /[A-Za-z0-9]/.test(c) ? "A" : "0";
  return `${token.slice(0, i)}${swapped}${token.slice(i + 1)}`;
}
