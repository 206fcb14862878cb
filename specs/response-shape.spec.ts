/**
 * The documented response shape on pages that exercise the members: records with values, a
 * NextToken, the last page, and timestamps. The shared check validates every answer of every
 * scenario against the schema; this scenario makes sure the members actually appear, with
 * values that mean what they should.
 */
import { updateRecordsRequest } from "../src/http/cognito-sync.js";
import { conformance } from "../src/harness/conformance.js";
import type { RecordOut } from "../src/harness/test-context.js";

const AREA = "response-shape";
const DAY = 24 * 60 * 60;

describe("response shape", () => {
  conformance(
    AREA,
    "a first page with records and a NextToken, then the last page, have the documented shape with timestamps in epoch seconds",
    ["LR-SHAPE-200", "LR-SHAPE-MEMBERS", "LR-SHAPE-CONTENT-TYPE", "LR-SHAPE-TIMESTAMPS", "LR-PAGE-WALK", "LR-MERGED-NONE"],
    async (t) => {
      const now = Date.now() / 1000;
      const ds = await t.seed("shape", [{ a: "1", b: "2", c: "3" }]);
      // One more record with the device's own modification time, as a sync client sends it.
      const token = await t.sessionToken(ds);
      const device = now - 3600;
      const write = await t.send(updateRecordsRequest(ds, token, [{ Op: "replace", Key: "d", Value: "4", SyncCount: 0, DeviceLastModifiedDate: device }]));
      t.check("LR-SHAPE-TIMESTAMPS", write.response.status === 200, "UpdateRecords with a DeviceLastModifiedDate answers 200", () => `HTTP ${write.response.status}`, write);

      const first = await t.list(ds, { maxResults: 2 }, "LR-SHAPE-200");
      t.check(
        "LR-PAGE-WALK",
        typeof first.body.NextToken === "string",
        "a NextToken on the first page of four records in pages of two",
        () => `NextToken ${JSON.stringify(first.body.NextToken)}`,
        first.exchange,
      );
      const walk = await t.walk(ds, { maxResults: 2 }, "LR-PAGE-WALK", 4);
      const records: RecordOut[] = walk.records;
      for (const page of [first, ...walk.pages]) {
        const merged = page.body.MergedDatasetNames ?? [];
        t.check("LR-MERGED-NONE", merged.length === 0, "no merged datasets (nothing was merged)", () => `MergedDatasetNames ${JSON.stringify(merged)}`, page.exchange);
      }
      for (const r of records) {
        // The model makes every member optional: a timestamp is checked where it is present.
        for (const [name, value] of [
          ["LastModifiedDate", r.LastModifiedDate],
          ["DeviceLastModifiedDate", r.DeviceLastModifiedDate],
        ] as const) {
          if (value === undefined || value === null) continue;
          t.check(
            "LR-SHAPE-TIMESTAMPS",
            Math.abs(value - now) < DAY,
            `${name} of ${r.Key} within a day of ${Math.round(now)} (epoch seconds)`,
            () => `${value}`,
            walk.pages.at(-1)!.exchange,
          );
        }
      }
      const d = records.find((r) => r.Key === "d");
      const sent = d?.DeviceLastModifiedDate;
      if (sent !== undefined && sent !== null) {
        t.check("LR-SHAPE-TIMESTAMPS", Math.abs(sent - device) < 1, `DeviceLastModifiedDate of d as written (${device.toFixed(3)})`, () => `${sent}`, walk.pages.at(-1)!.exchange);
      }
    },
    { id: "two-pages" },
  );
});
