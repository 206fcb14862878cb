/**
 * One dataset held in memory: its records, a change log in (syncCount, key) order so a page
 * starts with a binary search, and a cache of the pages asked for since the last write.
 */
import type { ChangePage, Cursor, DatasetInfo, DatasetRef, Limits, Patch, StoredRecord, UpdateOutcome } from "./store.js";

interface LogEntry {
  syncCount: number;
  key: string;
}

const utf8Bytes = (s: string | undefined) => (s === undefined ? 0 : Buffer.byteLength(s, "utf8"));
const recordBytes = (r: StoredRecord) => (r.value === undefined ? 0 : utf8Bytes(r.key) + utf8Bytes(r.value));

export class Dataset {
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
