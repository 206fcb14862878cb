/**
 * The reference endpoint's data: datasets of key/value records with sync counts.
 *
 * Every method is synchronous, so each call is atomic on Node's single thread: two
 * UpdateRecords calls can never interleave, and nothing acknowledged is lost.
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

interface LogEntry {
  syncCount: number;
  key: string;
}

const utf8Bytes = (s: string | undefined) => (s === undefined ? 0 : Buffer.byteLength(s, "utf8"));
const recordBytes = (r: StoredRecord) => (r.value === undefined ? 0 : utf8Bytes(r.key) + utf8Bytes(r.value));

class Dataset {
  syncCount: number;
  readonly creationDate: number;
  lastModifiedDate: number;
  lastModifiedBy: string | undefined;
  dataStorage = 0;
  numRecords = 0;
  mergedDatasetNames: readonly string[] | undefined;
  readonly records = new Map<string, StoredRecord>();
  /**
   * Every change in (syncCount, key) order, so a page starts with a binary search instead
   * of a scan from the beginning. An updated record leaves a stale entry behind; stale
   * entries are skipped and compacted away once they outnumber the live ones.
   */
  private log: LogEntry[] = [];
  private stale = 0;

  constructor(
    readonly ref: DatasetRef,
    startSyncCount: number,
    now: number,
  ) {
    this.syncCount = startSyncCount;
    this.creationDate = now;
    this.lastModifiedDate = now;
  }

  info(): DatasetInfo {
    const { ref, syncCount, creationDate, lastModifiedDate, lastModifiedBy, dataStorage, numRecords, mergedDatasetNames } = this;
    return { ref, syncCount, creationDate, lastModifiedDate, lastModifiedBy, dataStorage, numRecords, mergedDatasetNames };
  }

  /**
   * Pages asked for again while the dataset is unchanged are served from here; any write
   * clears it. Clients poll the same page far more often than datasets change.
   */
  private readonly pages = new Map<string, ChangePage>();

  changes(afterSyncCount: number, from: Cursor | undefined, limit: number): ChangePage {
    const key = `${afterSyncCount}/${from ? `${from.syncCount}/${from.key}` : ""}/${limit}`;
    const cached = this.pages.get(key);
    if (cached) return cached;
    const page = this.collect(afterSyncCount, from, limit);
    if (this.pages.size >= 256) this.pages.clear();
    this.pages.set(key, page);
    return page;
  }

  private collect(afterSyncCount: number, from: Cursor | undefined, limit: number): ChangePage {
    const records: StoredRecord[] = [];
    let i = from ? this.firstAfter(from.syncCount, from.key) : this.firstAfter(afterSyncCount);
    for (; i < this.log.length; i++) {
      const live = this.live(this.log[i]!);
      if (!live) continue;
      if (records.length === limit) {
        const last = records[records.length - 1]!;
        return { records, next: { syncCount: last.syncCount, key: last.key } };
      }
      records.push(live);
    }
    return { records };
  }

  /** Checks every patch before applying any, so a rejected call changes nothing. */
  update(patches: readonly Patch[], by: string, now: number, limits: Limits): UpdateOutcome {
    this.pages.clear();
    let bytes = this.dataStorage;
    for (const p of patches) {
      const current = this.records.get(p.key);
      const currentCount = current?.syncCount ?? 0;
      // Stale means older than the server's count; AWS's own iOS client force-writes with
      // the dataset's (higher) count, so a newer count is accepted.
      if (p.syncCount < currentCount) return { kind: "conflict", key: p.key, current: currentCount, given: p.syncCount };
      bytes += (p.op === "replace" ? utf8Bytes(p.key) + utf8Bytes(p.value) : 0) - (current ? recordBytes(current) : 0);
    }
    if (bytes > limits.datasetBytes && bytes > this.dataStorage) {
      return { kind: "limit", message: `Dataset ${this.ref.datasetName} would hold ${bytes} bytes; the limit is ${limits.datasetBytes}` };
    }

    const syncCount = ++this.syncCount;
    const written: StoredRecord[] = [];
    for (const p of [...patches].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
      const old = this.records.get(p.key);
      if (old) {
        this.stale++;
        this.dataStorage -= recordBytes(old);
        if (old.value !== undefined) this.numRecords--;
      }
      const record: StoredRecord = { key: p.key, syncCount, lastModifiedDate: now, lastModifiedBy: by };
      if (p.op === "replace") record.value = p.value ?? "";
      if (p.deviceLastModifiedDate !== undefined) record.deviceLastModifiedDate = p.deviceLastModifiedDate;
      this.records.set(p.key, record);
      this.log.push({ syncCount, key: p.key });
      this.dataStorage += recordBytes(record);
      if (record.value !== undefined) this.numRecords++;
      written.push(record);
    }
    this.lastModifiedDate = now;
    this.lastModifiedBy = by;
    if (this.stale > Math.max(1024, this.log.length - this.stale)) this.compact();
    return { kind: "applied", records: written };
  }

  load(records: readonly StoredRecord[], syncCount: number): void {
    this.pages.clear();
    const sorted = [...records].sort((a, b) => a.syncCount - b.syncCount || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.records.clear();
    this.dataStorage = 0;
    this.numRecords = 0;
    for (const r of sorted) {
      this.records.set(r.key, { ...r });
      this.dataStorage += recordBytes(r);
      if (r.value !== undefined) this.numRecords++;
    }
    this.log = sorted.map((r) => ({ syncCount: r.syncCount, key: r.key }));
    this.stale = 0;
    this.syncCount = syncCount;
  }

  private live(entry: LogEntry): StoredRecord | undefined {
    const record = this.records.get(entry.key);
    return record && record.syncCount === entry.syncCount ? record : undefined;
  }

  /** Index of the first log entry after (syncCount, key); with no key, after every key of that count. */
  private firstAfter(syncCount: number, key?: string): number {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.log[mid]!;
      const after = e.syncCount > syncCount || (e.syncCount === syncCount && key !== undefined && e.key > key);
      if (after) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private compact(): void {
    this.log = this.log.filter((e) => this.live(e) !== undefined);
    this.stale = 0;
  }
}

const refKey = (r: DatasetRef) => `${r.identityPoolId}/${r.identityId}/${r.datasetName}`;
const identityKey = (pool: string, id: string) => `${pool}/${id}`;

export class MemoryStore implements ImmediateStore {
  private readonly byIdentity = new Map<string, Map<string, Dataset>>();
  private readonly deletions = new Map<string, number>();

  constructor(private readonly limits: Limits = AWS_LIMITS) {}

  describe(ref: DatasetRef): DatasetInfo | undefined {
    return this.find(ref)?.info();
  }

  deletedAtSyncCount(ref: DatasetRef): number | undefined {
    return this.deletions.get(refKey(ref));
  }

  changes(ref: DatasetRef, afterSyncCount: number, from: Cursor | undefined, limit: number): ChangePage {
    return this.find(ref)?.changes(afterSyncCount, from, limit) ?? { records: [] };
  }

  update(ref: DatasetRef, patches: readonly Patch[], by: string, now: number): UpdateOutcome {
    const owned = this.owned(ref.identityPoolId, ref.identityId);
    const existing = owned.get(ref.datasetName);
    if (!existing && owned.size >= this.limits.datasetsPerIdentity) {
      return { kind: "limit", message: `Identity ${ref.identityId} already has ${owned.size} datasets; the limit is ${this.limits.datasetsPerIdentity}` };
    }
    // A new dataset is kept only if its first write is accepted.
    const dataset = existing ?? this.fresh(ref, now);
    const outcome = dataset.update(patches, by, now, this.limits);
    if (!existing && outcome.kind === "applied") owned.set(ref.datasetName, dataset);
    return outcome;
  }

  delete(ref: DatasetRef): DatasetInfo | undefined {
    const dataset = this.find(ref);
    if (!dataset) return undefined;
    this.byIdentity.get(identityKey(ref.identityPoolId, ref.identityId))!.delete(ref.datasetName);
    this.deletions.set(refKey(ref), dataset.syncCount);
    return dataset.info();
  }

  erase(ref: DatasetRef): void {
    this.byIdentity.get(identityKey(ref.identityPoolId, ref.identityId))?.delete(ref.datasetName);
    this.deletions.delete(refKey(ref));
  }

  datasets(identityPoolId: string, identityId: string, afterName: string | undefined, limit: number) {
    const names = [...(this.byIdentity.get(identityKey(identityPoolId, identityId))?.keys() ?? [])].sort();
    const rest = afterName === undefined ? names : names.filter((n) => n > afterName);
    const owned = this.owned(identityPoolId, identityId);
    return { datasets: rest.slice(0, limit).map((n) => owned.get(n)!.info()), more: rest.length > limit };
  }

  setMergedDatasetNames(ref: DatasetRef, names: readonly string[]): void {
    this.findOrCreate(ref, Date.now()).mergedDatasetNames = names.length > 0 ? [...names] : undefined;
  }

  load(ref: DatasetRef, records: readonly StoredRecord[], syncCount: number, now: number): void {
    this.findOrCreate(ref, now).load(records, syncCount);
  }

  private findOrCreate(ref: DatasetRef, now: number): Dataset {
    const found = this.find(ref);
    if (found) return found;
    const dataset = this.fresh(ref, now);
    this.owned(ref.identityPoolId, ref.identityId).set(ref.datasetName, dataset);
    return dataset;
  }

  private find(ref: DatasetRef): Dataset | undefined {
    return this.byIdentity.get(identityKey(ref.identityPoolId, ref.identityId))?.get(ref.datasetName);
  }

  private owned(pool: string, id: string): Map<string, Dataset> {
    const k = identityKey(pool, id);
    let owned = this.byIdentity.get(k);
    if (!owned) this.byIdentity.set(k, (owned = new Map()));
    return owned;
  }

  /**
   * A dataset created again after a delete carries on numbering from where the deleted one
   * stopped, so a client's old lastSyncCount can never be mistaken for a count of the new one.
   */
  private fresh(ref: DatasetRef, now: number): Dataset {
    return new Dataset(ref, this.deletions.get(refKey(ref)) ?? 0, now);
  }
}
