/**
 * Sync-count filtering: what lastSyncCount lets through, the dataset's count after N
 * updates, tombstones of removed records, deleted datasets, and counts that do not exist.
 */
import { listRecordsRequest, updateRecordsRequest } from "../src/http/cognito-sync.js";
import { conformance } from "../src/harness/conformance.js";
import { expectedWhere } from "../src/harness/records.js";
import type { RecordOut, TestContext } from "../src/harness/test-context.js";

const AREA = "sync-count";

/** Four UpdateRecords calls: three keys at 1, two at 2, one of the first rewritten and a new one at 3, one at 4; letters dealt in a seeded order. */
function seed4(t: TestContext) {
  const [a, b, c, d, e, f, g] = t.shuffle([..."abcdefg"]) as [string, string, string, string, string, string, string];
  return t.seed("four-updates", [{ [a]: "a1", [b]: "b1", [c]: "c1" }, { [d]: "d2", [e]: "e2" }, { [a]: "a3", [f]: "f3" }, { [g]: "g4" }]);
}
const keysOf = (records: readonly RecordOut[]) =>
  records
    .map((r) => r.Key)
    .sort()
    .join(", ") || "none";

describe("sync-count filtering", () => {
  for (const query of [{ lastSyncCount: 0 }, {}]) {
    const how = "lastSyncCount" in query ? "lastSyncCount 0" : "no lastSyncCount";
    conformance(
      AREA,
      `${how} returns every record with its latest value`,
      ["LR-SYNC-ALL"],
      async (t) => {
        const ds = await seed4(t);
        const walk = await t.walk(ds, { ...query, maxResults: 100 }, "LR-SYNC-ALL", ds.records.size);
        t.expectExactly("LR-SYNC-ALL", walk.records, ds.records, walk.pages);
      },
      { id: `all-${"lastSyncCount" in query ? "from-0" : "without-count"}` },
    );
  }

  conformance(
    AREA,
    "lastSyncCount 2 returns the records written at 3 and 4 and none written at 1",
    ["LR-SYNC-AFTER", "LR-SYNC-NOT-BEFORE", "LR-SYNC-BOUNDARY"],
    async (t) => {
      const ds = await seed4(t);
      const walk = await t.walk(ds, { lastSyncCount: 2, maxResults: 100 }, "LR-SYNC-AFTER", ds.records.size);
      const ex = walk.pages.at(-1)!.exchange;
      const at = (n: number) => walk.records.filter((r) => ds.records.get(r.Key)?.syncCount === n);
      t.expectExactly(
        "LR-SYNC-AFTER",
        walk.records.filter((r) => (ds.records.get(r.Key)?.syncCount ?? 0) > 2),
        expectedWhere(ds.records, (n) => n > 2),
        ex,
      );
      t.check("LR-SYNC-NOT-BEFORE", at(1).length === 0, "no record written at sync count 1", () => keysOf(at(1)), ex);
      t.check("LR-SYNC-BOUNDARY", at(2).length === 0, "no record written at sync count 2, the lastSyncCount itself", () => keysOf(at(2)), ex);
    },
    { id: "after-2" },
  );

  conformance(
    AREA,
    "lastSyncCount equal to DatasetSyncCount returns no records",
    ["LR-SYNC-NOT-BEFORE", "LR-SYNC-BOUNDARY"],
    async (t) => {
      const ds = await seed4(t);
      const { records, exchange } = await t.list(ds, { lastSyncCount: 4 }, "LR-SYNC-NOT-BEFORE");
      const older = records.filter((r) => (ds.records.get(r.Key)?.syncCount ?? 0) < 4);
      t.check("LR-SYNC-NOT-BEFORE", older.length === 0, "no record written before sync count 4", () => keysOf(older), exchange);
      t.check("LR-SYNC-BOUNDARY", records.length === 0, "no records: nothing changed after sync count 4", () => keysOf(records), exchange);
    },
    { id: "at-dataset-count" },
  );

  conformance(
    AREA,
    "after four UpdateRecords calls DatasetSyncCount is 4 and each record carries its call's count",
    ["LR-SYNC-DATASET-COUNT"],
    async (t) => {
      const ds = await seed4(t);
      const { body, records, exchange } = await t.list(ds, { maxResults: 100 }, "LR-SYNC-DATASET-COUNT");
      t.check("LR-SYNC-DATASET-COUNT", body.DatasetSyncCount === 4, "DatasetSyncCount 4", () => `DatasetSyncCount ${body.DatasetSyncCount}`, exchange);
      t.expectSyncCounts("LR-SYNC-DATASET-COUNT", records, ds.records, exchange);
    },
    { id: "dataset-count-4" },
  );

  conformance(
    AREA,
    "a record removed after a client's sync reaches that client as a tombstone without a value",
    ["LR-TOMBSTONE"],
    async (t) => {
      const ds = await t.seed("tombstone", [{ keep: "1", drop: "2" }, { drop: null }]);
      const { records, exchange } = await t.list(ds, { lastSyncCount: 1 }, "LR-TOMBSTONE");
      const tombstone = records.find((r) => r.Key === "drop");
      t.check("LR-TOMBSTONE", tombstone !== undefined, "a record for the removed key 'drop'", () => `records: ${keysOf(records)}`, exchange);
      t.check("LR-TOMBSTONE", tombstone!.SyncCount === 2, "SyncCount 2 (the removal's)", () => `SyncCount ${tombstone!.SyncCount}`, exchange);
      t.check(
        "LR-TOMBSTONE",
        tombstone!.Value === undefined || tombstone!.Value === null,
        "no Value (absent or null)",
        () => `Value ${JSON.stringify(tombstone!.Value)}`,
        exchange,
      );
    },
    { id: "tombstone" },
  );

  conformance(
    AREA,
    "a full sync includes or leaves out tombstones as chosen",
    ["LR-TOMBSTONE-FULL-SYNC"],
    async (t) => {
      const ds = await t.seed("tombstone-full", [{ keep: "1", drop: "2" }, { drop: null }]);
      const { records, exchange } = await t.list(ds, { lastSyncCount: 0 }, "LR-TOMBSTONE-FULL-SYNC");
      const want = t.choice("tombstones") === "include" ? "drop, keep" : "keep";
      t.check("LR-TOMBSTONE-FULL-SYNC", keysOf(records) === want, `records: ${want} (tombstones=${t.choice("tombstones")})`, () => keysOf(records), exchange);
    },
    { id: "full-sync-tombstones", needs: ["interpretation:tombstones"] },
  );

  conformance(
    AREA,
    "after DeleteDataset, a client that synced before is told the dataset was deleted",
    ["LR-DELETED-VISIBLE", "LR-DELETED-FLAG"],
    async (t) => {
      const ds = await t.seed("deleted", [{ a: "1" }, { b: "2" }]);
      await t.deleteDataset(ds);
      const { body, records, exchange } = await t.list(ds, { lastSyncCount: 2 }, "LR-DELETED-VISIBLE");
      const flags = () =>
        `DatasetDeletedAfterRequestedSyncCount ${String(body.DatasetDeletedAfterRequestedSyncCount)}, DatasetExists ${String(body.DatasetExists)}, ${records.length} records`;
      t.check("LR-DELETED-VISIBLE", !records.some((r) => r.Value !== undefined && r.Value !== null), "no deleted record back as live data", flags, exchange);
      t.check("LR-DELETED-FLAG", body.DatasetDeletedAfterRequestedSyncCount === true, "DatasetDeletedAfterRequestedSyncCount true", flags, exchange);
    },
    { id: "deleted-flag" },
  );

  conformance(
    AREA,
    "lastSyncCount above the dataset's count is refused with 400 InvalidParameterException",
    ["LR-SYNC-FUTURE"],
    async (t) => {
      const ds = await t.seed("future", [{ a: "1" }]);
      const result = await t.list(ds, { lastSyncCount: 6 }, "LR-SYNC-FUTURE", { expectOk: false });
      t.expectError(result, { requirement: "LR-SYNC-FUTURE", equals: 400 }, { requirement: "LR-SYNC-FUTURE", equals: "InvalidParameterException" });
    },
    { id: "future-count", needs: ["interpretation:future-sync-count"] },
  );

  conformance(
    AREA,
    "a SyncSessionToken already used by UpdateRecords is refused by ListRecords with 400",
    ["LR-SESSION-SPENT"],
    async (t) => {
      const ds = await t.seed("spent", []);
      const token = await t.sessionToken(ds);
      await t.write(ds, { a: "1" }, { token });
      const result = await t.list(ds, { syncSessionToken: token }, "LR-SESSION-SPENT", { expectOk: false });
      t.expectError(result, { requirement: "LR-SESSION-SPENT", equals: 400 });
    },
    { id: "spent-token", needs: ["interpretation:spent-session"] },
  );
});

describe("writes that race", () => {
  conformance(
    AREA,
    "a write with a stale SyncCount is refused and changes nothing that ListRecords shows",
    ["LR-WRITE-CONFLICT", "LR-WRITE-CONFLICT-TYPE"],
    async (t) => {
      const ds = await t.seed("conflict", [{ score: "1" }, { score: "2" }]);
      const token = await t.sessionToken(ds);
      const stale = await t.send(updateRecordsRequest(ds, token, [{ Op: "replace", Key: "score", Value: "stale", SyncCount: 1 }]));
      t.expectConflict(stale);
      const after = await t.listRequest(listRecordsRequest(ds, {}));
      const score = after.records.find((r) => r.Key === "score");
      t.check(
        "LR-WRITE-CONFLICT",
        score?.Value === "2" && after.body.DatasetSyncCount === 2,
        "score still '2' at dataset count 2",
        () => `score ${JSON.stringify(score?.Value)}, DatasetSyncCount ${after.body.DatasetSyncCount}`,
        after.exchange,
      );
    },
    { id: "stale-write" },
  );
});

describe("layouts only a provider state can make", () => {
  conformance(
    AREA,
    "with gaps in the sync counts, lastSyncCount 3 returns the record at 5 and the tombstone at 6, nothing older",
    ["LR-SYNC-AFTER", "LR-SYNC-NOT-BEFORE", "LR-TOMBSTONE", "LR-SYNC-DATASET-COUNT"],
    async (t) => {
      const at = t.dataset("gaps");
      const records = [
        { Key: "early", Value: "1", SyncCount: 2 },
        { Key: "late", Value: "2", SyncCount: 5 },
        { Key: "gone", Value: null, SyncCount: 6 },
      ];
      await t.state("a dataset holds these records", { ...at, records, datasetSyncCount: 9 });
      const { body, records: got, exchange } = await t.list(at, { lastSyncCount: 3 }, "LR-SYNC-AFTER");
      t.check("LR-SYNC-AFTER", keysOf(got) === "gone, late", "records: gone, late", () => keysOf(got), exchange);
      t.check("LR-SYNC-NOT-BEFORE", !got.some((r) => r.Key === "early"), "not the record written at 2", () => keysOf(got), exchange);
      const gone = got.find((r) => r.Key === "gone");
      t.check(
        "LR-TOMBSTONE",
        gone !== undefined && (gone.Value === undefined || gone.Value === null) && gone.SyncCount === 6,
        "'gone' as a tombstone at 6",
        () => JSON.stringify(gone),
        exchange,
      );
      t.check("LR-SYNC-DATASET-COUNT", body.DatasetSyncCount === 9, "DatasetSyncCount 9, as the state set it", () => `DatasetSyncCount ${body.DatasetSyncCount}`, exchange);
    },
    { id: "gaps", needs: ["provider-states"] },
  );

  conformance(
    AREA,
    "merged datasets are named in MergedDatasetNames",
    ["LR-MERGED"],
    async (t) => {
      const at = t.dataset("merged");
      const merged = [`${at.datasetName}.${t.plan.otherIdentityId}`];
      await t.state("a dataset has been merged", { ...at, mergedDatasetNames: merged });
      const { body, exchange } = await t.list(at, {}, "LR-MERGED");
      t.check(
        "LR-MERGED",
        JSON.stringify(body.MergedDatasetNames) === JSON.stringify(merged),
        `MergedDatasetNames ${JSON.stringify(merged)}`,
        () => `MergedDatasetNames ${JSON.stringify(body.MergedDatasetNames)}`,
        exchange,
      );
    },
    { id: "merged", needs: ["provider-states"] },
  );
});
