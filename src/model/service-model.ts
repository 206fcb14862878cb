/**
 * An executable model of what the requirements catalogue says about a dataset's life:
 * UpdateRecords (sync counts, conflicts, tombstones), DeleteDataset and writing the dataset
 * again. Pure and synchronous, and written apart from src/reference (it imports nothing), so
 * the histories that compare an endpoint with it can never pass because both share a bug.
 *
 * Where the sources leave a number open it learns it from the endpoint instead of guessing:
 * a dataset written again after a delete may number its writes from 1 or carry on from the
 * deleted dataset's count, and the model accepts either.
 */

export interface ModelRecord {
  /** Undefined for a tombstone: the record was removed at `syncCount`. */
  value: string | undefined;
  syncCount: number;
}

/** One life of a dataset, from its first write to its deletion. */
export interface Incarnation {
  readonly records: Map<string, ModelRecord>;
  /** The count this life numbers its writes from: 0 for the first; learnt for later ones. */
  base: number | undefined;
  writes: number;
}

export interface DatasetState {
  /** The live dataset; undefined while it is missing (never written, or deleted). */
  current?: Incarnation;
  /** Earlier lives, ended by DeleteDataset, oldest first, each with the count it reached. */
  readonly gone: Array<{ life: Incarnation; finalCount: number | undefined }>;
  /** Key/value pairs of patches that a conflict refused: they must never show up. */
  readonly refused: Array<{ key: string; value: string | undefined }>;
  /** Every value any accepted call wrote, by key, in any life: what a listing may show at most. */
  readonly written: Map<string, Set<string | undefined>>;
}

/** What one patch of a planned UpdateRecords call sends. */
export interface PlannedPatch {
  key: string;
  value: string | undefined;
  syncCount: number;
}

export type PlannedUpdate = { patches: PlannedPatch[]; outcome: "applied" } | { patches: PlannedPatch[]; outcome: "conflict"; staleKey: string };

export const syncCountOf = (life: Incarnation): number | undefined => (life.base === undefined ? undefined : life.base + life.writes);

export class ServiceModel {
  private readonly datasets = new Map<string, DatasetState>();

  /** An independent copy, for trying one order of calls without touching another. */
  clone(): ServiceModel {
    const copy = new ServiceModel();
    for (const [name, s] of this.datasets) copy.datasets.set(name, structuredClone(s));
    return copy;
  }

  /**
   * How `patches` stand against the records' current counts (0 for a key the live dataset
   * lacks): "stale" when one is older (the call must be refused), "ahead" when none is but one
   * is newer (the catalogue leaves that open), else "current" (the call must be accepted).
   */
  standing(dataset: string, patches: readonly PlannedPatch[]): "stale" | "ahead" | "current" {
    const records = this.state(dataset).current?.records;
    const held = (p: PlannedPatch) => records?.get(p.key)?.syncCount ?? 0;
    return patches.some((p) => p.syncCount < held(p)) ? "stale" : patches.some((p) => p.syncCount > held(p)) ? "ahead" : "current";
  }

  state(dataset: string): DatasetState {
    let s = this.datasets.get(dataset);
    if (!s) this.datasets.set(dataset, (s = { gone: [], refused: [], written: new Map() }));
    return s;
  }

  /**
   * The patches a client sends to set `changes` (undefined removes a key), each with the sync
   * count it holds for the key. With `staleKey`, that key's patch carries a count older than
   * the record's, so the call must be refused; a key with nothing to be stale against gets the
   * current count instead.
   */
  plan(dataset: string, changes: ReadonlyArray<{ key: string; value: string | undefined }>, staleKey?: string): PlannedUpdate {
    const records = this.state(dataset).current?.records;
    const patches = changes.map(({ key, value }) => ({ key, value, syncCount: records?.get(key)?.syncCount ?? 0 }));
    const stale = patches.find((p) => p.key === staleKey && p.syncCount > 0);
    if (!stale) return { patches, outcome: "applied" };
    stale.syncCount -= 1;
    return { patches, outcome: "conflict", staleKey: stale.key };
  }

  /** A refused call changes nothing; its values are remembered so none may appear later. */
  refuse(dataset: string, update: PlannedUpdate): void {
    for (const p of update.patches) this.state(dataset).refused.push({ key: p.key, value: p.value });
  }

  /**
   * Applies an accepted call. `answeredCount` is the sync count the endpoint gave the written
   * records; it fixes the numbering of a dataset's later life. Returns what went wrong with
   * the endpoint's count, if anything.
   */
  apply(dataset: string, update: PlannedUpdate, answeredCount: number | undefined): string | undefined {
    const s = this.state(dataset);
    const firstLife = s.gone.length === 0;
    const life = (s.current ??= { records: new Map(), base: firstLife ? 0 : undefined, writes: 0 });
    life.writes += 1;
    let problem: string | undefined;
    if (life.base === undefined) {
      // A later life: numbered from 1 again, or on from the deleted life's count.
      const allowed = [0, s.gone.at(-1)!.finalCount].filter((b): b is number => b !== undefined).map((b) => b + life.writes);
      if (answeredCount !== undefined && allowed.includes(answeredCount)) life.base = answeredCount - life.writes;
      else problem = `the first write to a dataset written again after a delete numbered ${allowed.join(" or ")}, not ${answeredCount}`;
      life.base ??= allowed[0]! - life.writes;
    } else if (answeredCount !== undefined && answeredCount !== syncCountOf(life)) {
      problem = `write ${life.writes} of this dataset numbered ${syncCountOf(life)}, not ${answeredCount}`;
    }
    const count = syncCountOf(life)!;
    for (const p of update.patches) {
      life.records.set(p.key, { value: p.value, syncCount: count });
      (s.written.get(p.key) ?? s.written.set(p.key, new Set()).get(p.key)!).add(p.value);
    }
    return problem;
  }

  delete(dataset: string): void {
    const s = this.state(dataset);
    if (!s.current) return;
    s.gone.push({ life: s.current, finalCount: syncCountOf(s.current) });
    delete s.current;
  }
}
