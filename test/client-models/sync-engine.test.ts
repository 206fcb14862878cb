/**
 * The client models on their own, against scripted answers: each trait that makes a server
 * requirement a MUST shows in what the model reports.
 */
import { expect } from "chai";
import type { Exchange, ReceivedResponse } from "../../src/http/exchange.js";
import { newDevice, put, type Patch, type SyncTransport } from "../../src/client-models/device.js";
import { synchronize } from "../../src/client-models/sync-engine.js";
import { android, ios, javascript } from "../../src/client-models/traits.js";

type Answer = { status?: number; headers?: Record<string, string>; json: unknown };
const exchange = (operation: string, a: Answer): Exchange & { response: ReceivedResponse } => ({
  operation,
  request: { method: "GET", url: "http://scripted", headers: {} },
  response: { status: a.status ?? 200, headers: a.headers ?? {}, text: JSON.stringify(a.json), json: a.json },
  durationMs: 0,
  curl: "curl http://scripted",
});

/** An endpoint that answers ListRecords with `pages` in turn (the last one again and again) and UpdateRecords with `pushed`. */
function scripted(pages: unknown[], pushed: Answer = { json: { Records: [] } }) {
  const calls: string[] = [];
  let n = 0;
  const endpoint: SyncTransport = {
    listRecords: async (q) => (
      calls.push(`list ${q.lastSyncCount}${q.maxResults ? ` max ${q.maxResults}` : ""}`),
      exchange("ListRecords", { json: pages[Math.min(n++, pages.length - 1)] })
    ),
    updateRecords: async (_token, patches: readonly Patch[]) => (
      calls.push(`update ${patches.map((p) => `${p.Key}@${p.SyncCount}`).join(",")}`),
      exchange("UpdateRecords", pushed)
    ),
    deleteDataset: async () => (calls.push("delete"), exchange("DeleteDataset", { json: {} })),
  };
  return { endpoint, calls };
}
const page = (more: object = {}) => ({ Records: [], DatasetSyncCount: 0, DatasetExists: false, DatasetDeletedAfterRequestedSyncCount: false, SyncSessionToken: "t", ...more });

describe("client models", () => {
  it("Android: an absent DatasetExists fails the sync with a NullPointerException; iOS reads it as a deletion", async () => {
    const { endpoint } = scripted([{ Records: [], DatasetSyncCount: 3, DatasetDeletedAfterRequestedSyncCount: false, SyncSessionToken: "t" }]);
    const failed = await synchronize(android, newDevice("A"), endpoint);
    expect(failed).to.include({ outcome: "failed" });
    expect(failed.why).to.match(/NullPointerException reading DatasetExists, which is absent/);
    const synced = Object.assign(newDevice("B"), { lastSyncCount: 3 });
    expect(await synchronize(ios, synced, endpoint)).to.include({ outcome: "synced", deletedRemotely: true });
  });

  it("JavaScript: a pull that always returns a record (an inclusive filter) never lets the sync finish", async () => {
    const { endpoint, calls } = scripted([page({ DatasetExists: true, DatasetSyncCount: 2, Records: [{ Key: "k", Value: "v", SyncCount: 2 }] })]);
    const report = await synchronize(javascript, newDevice("A"), endpoint);
    expect(report).to.include({ outcome: "gave-up" });
    expect(calls).to.deep.equal(["list 0 max 1024", "list 2 max 1024", "list 2 max 1024", "list 2 max 1024"]);
  });

  it("JavaScript learns of a deletion from the deleted flag alone; Android also from DatasetExists false", async () => {
    const answer = page({ DatasetExists: false, DatasetSyncCount: 0 });
    for (const [client, told] of [
      [javascript, false],
      [android, true],
    ] as const) {
      const device = Object.assign(newDevice("A"), { lastSyncCount: 5 });
      const report = await synchronize(client, device, scripted([answer]).endpoint);
      expect(report.deletedRemotely ?? false, client.name).to.equal(told);
    }
  });

  it("iOS makes one call without maxResults and never follows NextToken", async () => {
    const { endpoint, calls } = scripted([page({ DatasetExists: true, DatasetSyncCount: 2, Records: [{ Key: "a", Value: "1", SyncCount: 1 }], NextToken: "more" })]);
    const device = newDevice("A");
    await synchronize(ios, device, endpoint);
    expect(calls).to.deep.equal(["list 0"]);
    expect(device.lastSyncCount, "the count it keeps skips whatever the next page held").to.equal(2);
  });

  it("a 409 is retried by iOS only when x-amzn-ErrorType names the conflict; Android also reads the body's __type", async () => {
    const conflict = (headers: Record<string, string>, json: object): Answer => ({ status: 409, headers, json: { message: "stale", ...json } });
    const inBody = conflict({}, { __type: "ResourceConflictException" });
    for (const [client, pushed, outcome] of [
      [ios, inBody, "failed"],
      [android, inBody, "gave-up"],
      [ios, conflict({ "x-amzn-errortype": "ResourceConflictException:" }, {}), "gave-up"],
    ] as const) {
      const device = newDevice("A");
      put(device, "k", "v");
      const report = await synchronize(client, device, scripted([page()], pushed).endpoint);
      expect(report.outcome, client.name).to.equal(outcome);
    }
  });
});
