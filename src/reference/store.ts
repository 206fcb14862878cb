/**
 * The reference endpoint's data, datasets of key/value records with sync counts, and the
 * store interface the operations use: any store that keeps its promises here will do
 * (memory-store.ts is the reference's own).
 */

export interface DatasetRef {
  identityPoolId: string;
  identityId: string;
  datasetName: string;
}

export interface StoredRecord {
  key: string;
  /** Absent for a tombstone: the record was removed at `syncCount`. */
  value?: string;
  syncCount: number;
  lastModifiedDate: number; // epoch milliseconds
  lastModifiedBy: string;
  deviceLastModifiedDate?: number; // epoch milliseconds
}

export interface DatasetInfo {
  ref: DatasetRef;
  syncCount: number;
  creationDate: number;
  lastModifiedDate: number;
  lastModifiedBy: string | undefined;
  /** UTF-8 bytes of the keys and values of live records. */
  dataStorage: number;
  numRecords: number;
  mergedDatasetNames: readonly string[] | undefined;
}

export interface Patch {
  op: "replace" | "remove";
  key: string;
  value?: string;
  syncCount: number;
  deviceLastModifiedDate?: number;
}

/** Where a page walk stopped: the last record handed out, in (syncCount, key) order. */
export interface Cursor {
  syncCount: number;
  key: string;
}

export interface ChangePage {
  records: StoredRecord[];
  /** Present when more changes follow this page. */
  next?: Cursor;
}

export type UpdateOutcome = { kind: "applied"; records: StoredRecord[] } | { kind: "conflict"; key: string; current: number; given: number } | { kind: "limit"; message: string };

export interface Limits {
  /** Bytes of keys and values per dataset; the documented quota is 1 MB. */
  datasetBytes: number;
  /** The documented quota is 20 datasets per identity. */
  datasetsPerIdentity: number;
}

export const AWS_LIMITS: Limits = { datasetBytes: 1024 * 1024, datasetsPerIdentity: 20 };

/**
 * The small interface the operations use; an implementation may keep data anywhere. `update`
 * may answer later (a store in a database), but it must check every patch's SyncCount, write
 * the records and raise the dataset's count as one atomic step per dataset: two calls that
 * check before either writes lose an acknowledged write (race-variants.ts shows how).
 */
export interface DatasetStore {
  describe(ref: DatasetRef): DatasetInfo | undefined;
  /** The dataset's sync count when it was last deleted, if it ever was. */
  deletedAtSyncCount(ref: DatasetRef): number | undefined;
  /** Records changed after `afterSyncCount`, in (syncCount, key) order, resuming after `from`. */
  changes(ref: DatasetRef, afterSyncCount: number, from: Cursor | undefined, limit: number): ChangePage;
  update(ref: DatasetRef, patches: readonly Patch[], by: string, now: number): UpdateOutcome | Promise<UpdateOutcome>;
  delete(ref: DatasetRef): DatasetInfo | undefined;
  /** Drops the dataset and any memory of its deletion, as if it had never been written (provider states only). */
  erase(ref: DatasetRef): void;
  /** Datasets of one identity, by name, starting after `afterName`. */
  datasets(identityPoolId: string, identityId: string, afterName: string | undefined, limit: number): { datasets: DatasetInfo[]; more: boolean };
  setMergedDatasetNames(ref: DatasetRef, names: readonly string[]): void;
  /** Replaces a dataset with exactly these records and count (for provider states). */
  load(ref: DatasetRef, records: readonly StoredRecord[], syncCount: number, now: number): void;
}

/**
 * A store whose every call completes before it returns, as the reference's own does: Node runs
 * one request's JavaScript at a time, so each UpdateRecords checks and writes with no other
 * request in between, which serialises the writes to every dataset without a lock.
 */
export interface ImmediateStore extends DatasetStore {
  update(ref: DatasetRef, patches: readonly Patch[], by: string, now: number): UpdateOutcome;
}
