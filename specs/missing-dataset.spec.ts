/** Datasets that do not exist: never written, or deleted. */
import { conformance } from "../src/harness/conformance.js";

const AREA = "missing-dataset";

describe("missing datasets", () => {
  conformance(
    AREA,
    "a never-written dataset answers 200 with DatasetExists false, Count 0, no records and DatasetSyncCount 0",
    ["LR-MISSING-200", "LR-MISSING-FIELDS", "LR-SHAPE-MEMBERS"],
    async (t) => {
      const at = t.dataset("never-written");
      const { body, exchange } = await t.list(at, {}, "LR-MISSING-200");
      t.check(
        "LR-MISSING-FIELDS",
        (body.DatasetExists ?? false) === false,
        "DatasetExists false (absent means false)",
        () => `DatasetExists ${String(body.DatasetExists)}`,
        exchange,
      );
      t.check("LR-MISSING-FIELDS", (body.Count ?? 0) === 0, "Count 0 (or absent)", () => `Count ${body.Count}`, exchange);
      t.check("LR-MISSING-FIELDS", (body.Records ?? []).length === 0, "no records", () => `${body.Records!.length} records`, exchange);
      t.check("LR-MISSING-FIELDS", (body.DatasetSyncCount ?? 0) === 0, "DatasetSyncCount 0 (or absent)", () => `DatasetSyncCount ${body.DatasetSyncCount}`, exchange);
      t.check(
        "LR-MISSING-FIELDS",
        body.DatasetDeletedAfterRequestedSyncCount !== true,
        "DatasetDeletedAfterRequestedSyncCount false",
        () => "DatasetDeletedAfterRequestedSyncCount true",
        exchange,
      );
    },
    { id: "never-written" },
  );

  conformance(
    AREA,
    "a never-written dataset still gets a SyncSessionToken for its first UpdateRecords",
    ["LR-SESSION-PRESENT", "LR-SESSION-USABLE"],
    async (t) => {
      const ds = await t.seed("first-write", []);
      const { body, exchange } = await t.list(ds, {}, "LR-SESSION-PRESENT");
      const token = body.SyncSessionToken;
      t.check("LR-SESSION-PRESENT", typeof token === "string" && token !== "", "a non-empty SyncSessionToken", () => `SyncSessionToken ${JSON.stringify(token)}`, exchange);
      await t.write(ds, { first: "value" }, { token: token!, because: "LR-SESSION-USABLE" });
    },
    { id: "first-write-token" },
  );

  conformance(
    AREA,
    "a deleted dataset is answered 200 and looks missing to a new client",
    ["LR-MISSING-AFTER-DELETE"],
    async (t) => {
      const ds = await t.seed("deleted", [{ a: "1" }, { b: "2" }]);
      await t.deleteDataset(ds);
      const { body, exchange } = await t.list(ds, {}, "LR-MISSING-AFTER-DELETE");
      t.check(
        "LR-MISSING-AFTER-DELETE",
        (body.DatasetExists ?? false) === false,
        "DatasetExists false (absent means false)",
        () => `DatasetExists ${String(body.DatasetExists)}`,
        exchange,
      );
      t.check("LR-MISSING-AFTER-DELETE", (body.Records ?? []).length === 0, "no records", () => `${body.Records!.length} records`, exchange);
      t.check(
        "LR-MISSING-AFTER-DELETE",
        body.DatasetDeletedAfterRequestedSyncCount !== true,
        "DatasetDeletedAfterRequestedSyncCount false (this client never synced it)",
        () => "DatasetDeletedAfterRequestedSyncCount true",
        exchange,
      );
    },
    { id: "after-delete" },
  );
});
