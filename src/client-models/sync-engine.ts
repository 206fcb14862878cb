/**
 * One sync of one device, as an official client performs it, driven by that client's traits:
 * pull (paged or one call), remote merge and deletion handling, applying remote records
 * (conflicts resolved with the remote value, as the modelled app chooses), pushing local
 * changes with the pull's session token, and retrying on a recognised conflict. It judges
 * nothing: it reports to the app what the client would, and the specs compare devices.
 */
import type { Exchange } from "../http/exchange.js";
import type { Device, Patch, SyncReport, SyncTransport } from "./device.js";
import type { ClientTraits, Page } from "./traits.js";

/** A listing that hands out NextTokens for this many pages never ends (the client would loop). */
const MAX_PAGES = 100;

type Pulled = { page: Page; records: Page[]; exchange: Exchange } | { failed: string; exchange: Exchange };

const typeOf = (ex: Exchange) => (ex.response?.headers["x-amzn-errortype"] ?? "").split(":")[0] || "no x-amzn-ErrorType";
const asPage = (json: unknown): Page => (typeof json === "object" && json !== null && !Array.isArray(json) ? (json as Page) : {});

async function pull(c: ClientTraits, lastSyncCount: number, endpoint: SyncTransport): Promise<Pulled> {
  const records: Page[] = [];
  let nextToken: string | undefined;
  for (let n = 1; ; n++) {
    const exchange = await endpoint.listRecords(c.paging === "one-call" ? { lastSyncCount } : { lastSyncCount, maxResults: 1024, ...(nextToken ? { nextToken } : {}) });
    const { status, json } = exchange.response;
    if (status !== 200) return { failed: `ListRecords answered HTTP ${status} (${typeOf(exchange)}), and the sync ends there`, exchange };
    const page = asPage(json);
    const missing = c.unboxes.find((m) => page[m] === undefined || page[m] === null);
    if (missing) return { failed: `NullPointerException reading ${missing}, which is ${page[missing] === null ? "null" : "absent"}: the sync fails`, exchange };
    if (Array.isArray(page.Records)) records.push(...(page.Records as Page[]));
    if (c.paging === "one-call" || c.lastPage(page.NextToken)) return { page, records, exchange };
    if (n >= MAX_PAGES) return { failed: `still a NextToken after ${MAX_PAGES} pages: the client would page forever`, exchange };
    nextToken = String(page.NextToken);
  }
}

/** The app deleted the dataset on this device: the client deletes it on the endpoint. */
async function deleteRemote(c: ClientTraits, device: Device, endpoint: SyncTransport, conflicts: string[]): Promise<SyncReport> {
  const exchange = await endpoint.deleteDataset();
  const status = exchange.response.status;
  if (status !== 200 && !(status === 404 && c.acceptsMissingOnDelete))
    return { outcome: "failed", why: `DeleteDataset answered HTTP ${status}: the local delete stays pending`, conflicts, exchange };
  device.records.clear();
  device.lastSyncCount = 0;
  return { outcome: "synced", conflicts };
}

export async function synchronize(c: ClientTraits, device: Device, endpoint: SyncTransport): Promise<SyncReport> {
  const conflicts: string[] = [];
  for (let pass = 1; pass <= c.maxPasses; pass++) {
    if (device.lastSyncCount === -1) return deleteRemote(c, device, endpoint, conflicts);
    let deletedSince = false;
    const pulled = await pull(c, device.lastSyncCount, endpoint);
    if ("failed" in pulled) return { outcome: "failed", why: pulled.failed, conflicts, exchange: pulled.exchange };
    const { page, records, exchange } = pulled;
    const merged = Array.isArray(page.MergedDatasetNames) ? (page.MergedDatasetNames as string[]) : [];
    if (merged.length > 0 && c.stopsForMerge) return { outcome: "synced", merged, conflicts, exchange };
    if (c.deletedRemotely(page, device.lastSyncCount)) {
      // A new dataset can read as deleted (iOS); the modelled app lets the client start it afresh, as its default does.
      if (c.restartsDeletedDataset && device.lastSyncCount === 0 && page.DatasetDeletedAfterRequestedSyncCount !== true) {
        for (const r of device.records.values()) Object.assign(r, { syncCount: 0, dirty: true });
      } else {
        // Otherwise the modelled app accepts the deletion: the device drops its copy, unsynced changes too.
        device.records.clear();
        device.lastSyncCount = 0;
        // A client that goes on does so with a dataset recreated since (its records above the count it asked from).
        if (!c.restartsDeletedDataset || page.DatasetExists !== true)
          return { outcome: "synced", deletedRemotely: true, conflicts, exchange, ...(merged.length ? { merged } : {}) };
        deletedSince = true;
      }
    }
    const pulledCount = typeof page.DatasetSyncCount === "number" ? page.DatasetSyncCount : 0;
    for (const r of records) {
      const key = String(r.Key);
      const value = c.isRemoval(r) ? null : typeof r.Value === "string" ? r.Value : "";
      const local = device.records.get(key);
      if (local?.dirty && local.value !== value) conflicts.push(key);
      device.records.set(key, { value, syncCount: Number(r.SyncCount ?? 0), dirty: false });
    }
    if (c.keepsPulledCount(records, page)) device.lastSyncCount = pulledCount;
    if (c.restartsAfterPull && records.length > 0) continue;
    const dirty = [...device.records].filter(([, r]) => r.dirty);
    if (dirty.length === 0) return { outcome: "synced", conflicts, exchange, ...(merged.length ? { merged } : {}), ...(deletedSince ? { deletedRemotely: true } : {}) };
    const patches: Patch[] = dirty.map(([Key, r]) =>
      r.value === null ? { Op: "remove", Key, SyncCount: r.syncCount } : { Op: "replace", Key, Value: r.value, SyncCount: r.syncCount },
    );
    const token = typeof page.SyncSessionToken === "string" ? page.SyncSessionToken : undefined;
    const pushed = await endpoint.updateRecords(token, patches);
    const { status, headers, json } = pushed.response;
    if (status === 200) {
      const answered = asPage(json).Records;
      const broken = c.readsPushAnswer(answered);
      if (broken) return { outcome: "failed", why: broken, conflicts, exchange: pushed };
      const returned = (Array.isArray(answered) ? (answered as Page[]) : []).map((r) => ({ key: String(r.Key), count: Number(r.SyncCount ?? 0) }));
      for (const { key, count } of returned) {
        const local = device.records.get(key);
        if (local) Object.assign(local, { syncCount: count, dirty: false });
      }
      // Records not returned stay dirty; the count still moves as the client's rule says (iOS: to P + 1 even for none).
      const kept = Array.isArray(answered)
        ? c.countAfterPush(
            pulledCount,
            returned.map((r) => r.count),
          )
        : undefined;
      if (kept !== undefined) device.lastSyncCount = kept;
      return { outcome: "synced", conflicts, exchange: pushed, ...(merged.length ? { merged } : {}) };
    }
    if (!c.recognisesConflict(status, headers, json))
      return {
        outcome: "failed",
        why: `UpdateRecords answered HTTP ${status} (${typeOf(pushed)}), not a conflict it retries: the change stays on the device`,
        conflicts,
        exchange: pushed,
      };
    // A recognised conflict: start over, from the newest count pushed from where the client rewinds.
    const newestPatch = Math.max(...patches.map((p) => p.SyncCount));
    if (c.rewindsOnConflict && pulledCount > newestPatch) device.lastSyncCount = newestPatch;
  }
  return { outcome: "gave-up", why: `exceeded the maximum retries (${c.maxPasses} passes)`, conflicts };
}
