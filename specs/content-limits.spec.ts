/**
 * Record content at the edges the sources draw, or leave open: what DescribeDataset counts,
 * whether U+0000 survives, what the model refuses (keys over 1,024 characters, values over
 * 1,048,575), and the 1 MB dataset quota. Open points are checked at SHOULD, under the
 * interpretation that names the suite's choice.
 */
import { describeDatasetRequest, updateRecordsRequest, type PatchBody } from "../src/http/cognito-sync.js";
import { textOfLength } from "../src/content/samples.js";
import { checkAnswer, store } from "../src/harness/content-checks.js";
import { conformance } from "../src/harness/conformance.js";
import type { Update } from "../src/harness/test-context.js";

const AREA = "record-content";
const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

describe("record content at the limits", () => {
  conformance(
    AREA,
    "DescribeDataset counts the records that hold a value and the UTF-8 bytes of their keys and values",
    ["LR-CONTENT-DESCRIBE"],
    async (t) => {
      const updates: Update[] = [
        { ascii: "plain", ключ: "значение", "🔑": "😀😀", empty: "", gone: "soon removed" },
        { gone: null, ascii: "rewritten" },
      ];
      const { ds } = await store(t, "describe", updates, "LR-CONTENT-DESCRIBE");
      const live = [...ds.records].filter(([, r]) => r.value !== undefined);
      const bytes = live.reduce((n, [k, r]) => n + utf8(k) + utf8(r.value!), 0);
      const ex = await t.send(describeDatasetRequest(ds));
      const d = (ex.response.json as { Dataset?: { NumRecords?: unknown; DataStorage?: unknown } } | undefined)?.Dataset;
      t.check("LR-CONTENT-DESCRIBE", ex.response.status === 200, "DescribeDataset answers 200", () => `HTTP ${ex.response.status}`, ex);
      t.check(
        "LR-CONTENT-DESCRIBE",
        d?.NumRecords === live.length && d?.DataStorage === bytes,
        `NumRecords ${live.length} and DataStorage ${bytes}`,
        () => `NumRecords ${String(d?.NumRecords)} and DataStorage ${String(d?.DataStorage)}`,
        ex,
      );
    },
    { id: "describe-counts", needs: ["interpretation:describe-counts"] },
  );

  conformance(
    AREA,
    "a value holding U+0000 comes back with it",
    ["LR-CONTENT-CONTROL"],
    async (t) => {
      const updates: Update[] = [{ inner: "a\u0000b", alone: "\u0000", trailing: "end\u0000" }];
      const { ds, answers } = await store(t, "nul", updates, "LR-CONTENT-CONTROL");
      updates.forEach((u, i) => checkAnswer(t, "LR-CONTENT-CONTROL", u, answers[i]!));
      const { records, exchange } = await t.list(ds, { lastSyncCount: 0 }, "LR-CONTENT-CONTROL");
      t.expectExactly("LR-CONTENT-CONTROL", records, ds.records, exchange);
    },
    { id: "nul-value", needs: ["interpretation:control-characters"] },
  );

  conformance(
    AREA,
    "a key over 1,024 characters or a value over 1,048,575 is refused with 400, and nothing of its call is applied",
    ["LR-CONTENT-TOO-LONG"],
    async (t) => {
      const { ds } = await store(t, "too-long", [{ before: "1" }], "LR-CONTENT-TOO-LONG");
      const calls: Array<{ what: string; patches: PatchBody[] }> = [
        {
          what: "a key of 1,025 characters",
          patches: [
            { Op: "replace", Key: "fine", Value: "1", SyncCount: 0 },
            { Op: "replace", Key: textOfLength(1025), Value: "2", SyncCount: 0 },
          ],
        },
        {
          what: "a value of 1,048,576 characters",
          patches: [
            { Op: "replace", Key: "fine", Value: "1", SyncCount: 0 },
            { Op: "replace", Key: "huge", Value: textOfLength(1_048_576), SyncCount: 0 },
          ],
        },
      ];
      for (const call of calls) {
        const ex = await t.send(updateRecordsRequest(ds, await t.sessionToken(ds), call.patches));
        t.check("LR-CONTENT-TOO-LONG", ex.response.status === 400, `UpdateRecords with ${call.what} refused with 400`, () => `HTTP ${ex.response.status}`, ex);
      }
      const { records, exchange } = await t.list(ds, { lastSyncCount: 0 }, "LR-CONTENT-TOO-LONG");
      t.expectExactly("LR-CONTENT-TOO-LONG", records, ds.records, exchange);
    },
    { id: "too-long" },
  );

  conformance(
    AREA,
    "a dataset holds 1 MiB (the longest value the model allows), and a write past the quota is refused with LimitExceededException and changes nothing",
    ["LR-CONTENT-QUOTA"],
    async (t) => {
      // One byte of key and 1,048,575 of value: exactly 1,048,576 bytes.
      const { ds } = await store(t, "quota", [{ q: textOfLength(1_048_575) }], "LR-CONTENT-QUOTA");
      // The token from a listing of what changed since (nothing), as a client that holds the megabyte asks.
      const since = await t.list(ds, { lastSyncCount: ds.syncCount }, "LR-CONTENT-QUOTA");
      const ex = await t.send(updateRecordsRequest(ds, since.body.SyncSessionToken ?? "", [{ Op: "replace", Key: "r", Value: "1", SyncCount: 0 }]));
      const type = (ex.response.headers["x-amzn-errortype"] ?? "").split(":")[0];
      t.check(
        "LR-CONTENT-QUOTA",
        ex.response.status === 400 && type === "LimitExceededException",
        "400 LimitExceededException for 2 bytes past 1 MiB",
        () => `HTTP ${ex.response.status} ${type || "(no x-amzn-ErrorType)"}`,
        ex,
      );
      const { records, exchange } = await t.list(ds, { lastSyncCount: 0 }, "LR-CONTENT-QUOTA");
      t.expectExactly("LR-CONTENT-QUOTA", records, ds.records, exchange);
    },
    { id: "quota", needs: ["interpretation:quotas"] },
  );
});
