/** How stored data looks on the wire: rest-json members, timestamps in epoch seconds. */
import type { DatasetInfo, StoredRecord } from "./store.js";

// restJson1 timestamps default to epoch seconds as a JSON number; milliseconds stay as a fraction.
export const epochSeconds = (ms: number) => ms / 1000;

export function recordOut(r: StoredRecord) {
  return {
    Key: r.key,
    ...(r.value === undefined ? {} : { Value: r.value }),
    SyncCount: r.syncCount,
    LastModifiedDate: epochSeconds(r.lastModifiedDate),
    LastModifiedBy: r.lastModifiedBy,
    ...(r.deviceLastModifiedDate === undefined ? {} : { DeviceLastModifiedDate: epochSeconds(r.deviceLastModifiedDate) }),
  };
}

export function datasetOut(d: DatasetInfo) {
  return {
    IdentityId: d.ref.identityId,
    DatasetName: d.ref.datasetName,
    CreationDate: epochSeconds(d.creationDate),
    LastModifiedDate: epochSeconds(d.lastModifiedDate),
    LastModifiedBy: d.lastModifiedBy ?? null,
    DataStorage: d.dataStorage,
    NumRecords: d.numRecords,
  };
}
