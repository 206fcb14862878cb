/**
 * Dataset names as apps choose them: two names that differ only in case are two datasets
 * (records, counts and deletion kept apart), and every name the model's pattern allows holds
 * records like any other.
 */
import { DATASET_NAME_CHARACTERS } from "../src/content/samples.js";
import { store } from "../src/harness/content-checks.js";
import { conformance } from "../src/harness/conformance.js";

const AREA = "record-content";

describe("dataset names", () => {
  conformance(
    AREA,
    "dataset names that differ only in case are separate datasets: the records and deletion of one never reach the other",
    ["LR-CONTENT-DATASET-CASE"],
    async (t) => {
      const lower = t.dataset("settings");
      const upper = t.dataset("twin", undefined, () => lower.datasetName.replace(/settings$/, "Settings"));
      const a = await store(t, "", [{ theme: "dark" }], "LR-CONTENT-DATASET-CASE", { ...lower, syncCount: 0, records: new Map() });
      const b = await store(t, "", [{ theme: "light" }, { font: "serif" }], "LR-CONTENT-DATASET-CASE", { ...upper, syncCount: 0, records: new Map() });
      for (const ds of [a.ds, b.ds]) {
        const { records, exchange } = await t.list(ds, { lastSyncCount: 0 }, "LR-CONTENT-DATASET-CASE");
        t.expectExactly("LR-CONTENT-DATASET-CASE", records, ds.records, exchange);
      }
      await t.deleteDataset(a.ds);
      const { body, records, exchange } = await t.list(b.ds, { lastSyncCount: 0 }, "LR-CONTENT-DATASET-CASE");
      t.check(
        "LR-CONTENT-DATASET-CASE",
        body.DatasetExists === true,
        `${b.ds.datasetName} still exists after its twin was deleted`,
        () => `DatasetExists ${body.DatasetExists}`,
        exchange,
      );
      t.expectExactly("LR-CONTENT-DATASET-CASE", records, b.ds.records, exchange);
    },
    { id: "dataset-name-twins" },
  );

  conformance(
    AREA,
    "datasets named across the whole pattern (':', '.', '_', '-', any case, 128 characters) hold records like any other",
    ["LR-CONTENT-DATASET-NAME"],
    async (t) => {
      const alphabet = t.shuffle([...DATASET_NAME_CHARACTERS]).join("");
      const names = [
        t.dataset("with.dots:colons_Under-Dash"),
        t.dataset("x", undefined, (n) => `${n}-${alphabet}`.slice(0, 128)),
        t.dataset("Z", undefined, (n) => n.padEnd(128, ":.")),
      ];
      for (const at of names) {
        const { ds } = await store(t, "", [{ name: at.datasetName }], "LR-CONTENT-DATASET-NAME", { ...at, syncCount: 0, records: new Map() });
        const { records, exchange } = await t.list(ds, { lastSyncCount: 0 }, "LR-CONTENT-DATASET-NAME");
        t.expectExactly("LR-CONTENT-DATASET-NAME", records, ds.records, exchange);
      }
    },
    { id: "dataset-names" },
  );
});
