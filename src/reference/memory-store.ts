/**
 * The reference's own store: every dataset in memory, by identity. Every method is
 * synchronous, so each call is atomic on Node's single thread: two UpdateRecords calls can
 * never interleave, and nothing acknowledged is lost.
 */
import { Dataset } from "./memory-dataset.js";
import {
  AWS_LIMITS,
  type ChangePage,
  type Cursor,
  type DatasetInfo,
  type DatasetRef,
  type ImmediateStore,
  type Limits,
  type Patch,
  type StoredRecord,
  type UpdateOutcome,
} from "./store.js";

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
