/** What the variants that wrap the reference's store build on: a store passed through whole, and a dataset's records read whole. */
import type { DatasetRef, DatasetStore, ImmediateStore, StoredRecord } from "./store.js";

/** Every method passed through: a variant overrides the few its bug lives in. */
export function through(inner: ImmediateStore): ImmediateStore {
  return {
    describe: (ref) => inner.describe(ref),
    deletedAtSyncCount: (ref) => inner.deletedAtSyncCount(ref),
    changes: (ref, after, from, limit) => inner.changes(ref, after, from, limit),
    update: (ref, patches, by, now) => inner.update(ref, patches, by, now),
    delete: (ref) => inner.delete(ref),
    erase: (ref) => inner.erase(ref),
    datasets: (pool, id, after, limit) => inner.datasets(pool, id, after, limit),
    setMergedDatasetNames: (ref, names) => inner.setMergedDatasetNames(ref, names),
    load: (ref, records, syncCount, now) => inner.load(ref, records, syncCount, now),
  };
}

export const everything = (store: DatasetStore, ref: DatasetRef): StoredRecord[] => store.changes(ref, 0, undefined, Number.MAX_SAFE_INTEGER).records;
