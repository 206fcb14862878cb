/** ListRecords: the changes of one dataset after a sync count, a page at a time. */
import { authorize, datasetFrom, type Call, type Services } from "../call.js";
import { invalidParameter } from "../errors.js";
import type { Cursor, DatasetRef } from "../store.js";
import { INT32, parseWhole, Violations } from "../validate.js";
import { boundTo, datasetScope } from "../tokens.js";
import { recordsOut } from "../wire.js";

/**
 * No source gives a default or maximum page size. AWS's mobile clients ask for 1024 and
 * the iOS client reads only the first page, so the reference serves up to 1024 per page.
 */
export const MAX_PAGE = 1024;
const KIND = "list-records";

export function listRecords(call: Call, { store, sealer, sessions }: Services) {
  const v = new Violations();
  const ref = datasetFrom(call, v);
  const lastSyncCount = parseWhole(v, call.query.get("lastSyncCount"), "lastSyncCount", { min: 0, max: Number.MAX_SAFE_INTEGER }) ?? 0;
  const maxResults = parseWhole(v, call.query.get("maxResults"), "maxResults", { min: 1, max: INT32.max });
  v.throwIfAny();
  authorize(call, ref.identityId);

  const nextToken = call.query.get("nextToken");
  const from = nextToken === null ? undefined : openNextToken(nextToken, ref, lastSyncCount, sealer);
  const sessionToken = call.query.get("syncSessionToken");
  if (sessionToken !== null) sessions.check(ref, sessionToken, call.now);

  const dataset = store.describe(ref);
  const deletedAt = store.deletedAtSyncCount(ref);
  // Counts continue across a delete (see the store), so a count at or below the one the
  // dataset was deleted at can only come from a client that synced before the delete.
  const deletedAfter = lastSyncCount > 0 && deletedAt !== undefined && lastSyncCount <= deletedAt;
  if (dataset && lastSyncCount > dataset.syncCount && !deletedAfter) {
    throw invalidParameter(`No such SyncCount: ${lastSyncCount} exists for this Dataset`);
  }

  const page = store.changes(ref, lastSyncCount, from, Math.min(maxResults ?? MAX_PAGE, MAX_PAGE));
  return {
    Count: page.records.length,
    DatasetDeletedAfterRequestedSyncCount: deletedAfter,
    DatasetExists: dataset !== undefined,
    DatasetSyncCount: dataset?.syncCount ?? 0,
    LastModifiedBy: dataset?.lastModifiedBy ?? null,
    MergedDatasetNames: dataset?.mergedDatasetNames ?? null,
    NextToken: page.next ? sealer.seal(KIND, { ...bind(ref, lastSyncCount), c: page.next.syncCount, k: page.next.key }) : null,
    Records: recordsOut(page.records),
    SyncSessionToken: sessions.issue(ref, call.now),
  };
}

// A NextToken only continues the walk it came from: same identity, dataset and filter.
const bind = (ref: DatasetRef, lastSyncCount: number) => ({ ...datasetScope(ref), l: lastSyncCount });

function openNextToken(token: string, ref: DatasetRef, lastSyncCount: number, sealer: Services["sealer"]): Cursor {
  const payload = sealer.open(KIND, token);
  if (!payload) throw invalidParameter("The nextToken is not one this endpoint issued, or it was altered");
  if (!boundTo(payload, ref)) throw invalidParameter("The nextToken belongs to another identity or dataset");
  if (payload.l !== lastSyncCount) throw invalidParameter(`The nextToken was issued for lastSyncCount ${String(payload.l)}, not ${lastSyncCount}`);
  return { syncCount: Number(payload.c), key: String(payload.k) };
}
