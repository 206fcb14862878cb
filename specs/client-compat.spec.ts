/**
 * What AWS's own sync clients do with ListRecords, replayed step by step: the Android and
 * JavaScript paging loop (maxResults 1024, same lastSyncCount on every page, keep the last
 * page's count and token) and the iOS client's single call without maxResults.
 */
import { conformance } from "../src/harness/conformance.js";
import { expectedWhere } from "../src/harness/records.js";
import type { SeededDataset, TestContext } from "../src/harness/test-context.js";

const AREA = "client-compatibility";
const CLIENT_PAGE = 1024;

/** 300 records: well inside every client-side limit (1024 records, 1 MB) so real AWS accepts them too. */
const seed300 = (t: TestContext, label: string) => t.seed(label, t.spread("r", [150, 150]));

/**
 * The Android/JavaScript sync loop: pages until NextToken is absent, with the same
 * lastSyncCount each time, and keeps the last page's count and token.
 */
async function clientSync(t: TestContext, ds: SeededDataset, lastSyncCount: number, pageSize = CLIENT_PAGE) {
  const walk = await t.walk(ds, { lastSyncCount, maxResults: pageSize }, "LR-CLIENT-PAGING", ds.records.size);
  const last = walk.pages.at(-1)!;
  const token = last.body.SyncSessionToken;
  t.check("LR-SESSION-PRESENT", typeof token === "string" && token !== "", "a SyncSessionToken on the last page", () => JSON.stringify(token), last.exchange);
  for (const [i, page] of walk.pages.slice(0, -1).entries()) {
    const earlier = page.body.SyncSessionToken;
    t.check(
      "LR-SESSION-EVERY-PAGE",
      typeof earlier === "string" && earlier !== "",
      "a SyncSessionToken on every page",
      () => `page ${i + 1}: ${JSON.stringify(earlier)}`,
      page.exchange,
    );
  }
  return { records: walk.records, pages: walk.pages, syncCount: last.body.DatasetSyncCount, token: token!, exchange: last.exchange };
}

describe("client compatibility", () => {
  conformance(
    AREA,
    "the Android/JavaScript loop with maxResults 1024 gets all 300 records, the dataset's count and a token that UpdateRecords accepts",
    ["LR-CLIENT-PAGING", "LR-SESSION-PRESENT", "LR-SESSION-EVERY-PAGE", "LR-SESSION-USABLE"],
    async (t) => {
      const ds = await seed300(t, "android-full");
      const first = await clientSync(t, ds, 0);
      t.expectExactly("LR-CLIENT-PAGING", first.records, ds.records, first.pages);
      t.check(
        "LR-CLIENT-PAGING",
        first.syncCount === ds.syncCount,
        `DatasetSyncCount ${ds.syncCount} on the last page`,
        () => `DatasetSyncCount ${first.syncCount}`,
        first.exchange,
      );
      await t.write(ds, { r0000: "changed on the device" }, { token: first.token, because: "LR-SESSION-USABLE" });
    },
    { id: "loop-1024" },
  );

  conformance(
    AREA,
    "the same loop in pages of 7 keeps the last page's count and token, and UpdateRecords accepts the token",
    ["LR-CLIENT-PAGING", "LR-SESSION-PRESENT", "LR-SESSION-EVERY-PAGE", "LR-SESSION-USABLE"],
    async (t) => {
      const ds = await t.seed("android-paged", t.spread("p", [20, 10]));
      const sync = await clientSync(t, ds, 0, 7);
      t.expectExactly("LR-CLIENT-PAGING", sync.records, ds.records, sync.pages);
      t.check("LR-CLIENT-PAGING", sync.syncCount === ds.syncCount, `DatasetSyncCount ${ds.syncCount} on the last page`, () => `DatasetSyncCount ${sync.syncCount}`, sync.exchange);
      await t.write(ds, { p0000: "changed on the device" }, { token: sync.token, because: "LR-SESSION-USABLE" });
    },
    { id: "loop-pages-of-7" },
  );

  conformance(
    AREA,
    "the loop's next sync, from the count it kept, gets exactly the change made since",
    ["LR-CLIENT-PAGING", "LR-SYNC-AFTER", "LR-SYNC-BOUNDARY", "LR-SESSION-PRESENT", "LR-SESSION-EVERY-PAGE"],
    async (t) => {
      const ds = await seed300(t, "android-incremental");
      const first = await clientSync(t, ds, 0);
      const kept = first.syncCount ?? 0;
      await t.write(ds, { r0007: "changed elsewhere", r0299: null });
      const next = await clientSync(t, ds, kept);
      // Nothing written at the kept count may come back: the JavaScript client would never finish a sync.
      const after = next.records.filter((r) => (ds.records.get(r.Key)?.syncCount ?? Infinity) > kept);
      t.expectExactly(
        "LR-SYNC-AFTER",
        after,
        expectedWhere(ds.records, (n) => n > kept),
        next.exchange,
      );
      const atKept = next.records.filter((r) => ds.records.get(r.Key)?.syncCount === kept).length;
      t.check("LR-SYNC-BOUNDARY", atKept === 0, `no record written at the kept count ${kept}`, () => `${atKept}`, next.exchange);
      t.check("LR-CLIENT-PAGING", next.syncCount === ds.syncCount, `DatasetSyncCount ${ds.syncCount}`, () => `DatasetSyncCount ${next.syncCount}`, next.exchange);
    },
    { id: "loop-next-sync" },
  );

  conformance(
    AREA,
    "the iOS client's single call without maxResults returns all changes of a full dataset (1,024 records)",
    ["LR-CLIENT-ONE-CALL"],
    async (t) => {
      const ds = await t.seed("ios", t.spread("r", [512, 512]));
      const { records, exchange } = await t.list(ds, { lastSyncCount: 0 }, "LR-CLIENT-ONE-CALL");
      t.expectExactly("LR-CLIENT-ONE-CALL", records, ds.records, exchange);
    },
    { id: "ios-one-call" },
  );
});
