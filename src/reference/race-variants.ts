/**
 * Broken variants whose bug shows only when calls arrive at the same moment: the classic
 * races of a store on a database that does in two statements, with a round trip between them,
 * what must be one atomic step. Each holds an awaited gap where the round trip would be, so
 * two devices pushing together both land in it; calls that arrive one at a time never do,
 * and every sequential scenario and history passes.
 */
import type { DatasetRef, ImmediateStore, Patch, StoredRecord } from "./store.js";
import { everything, through } from "./store-wrappers.js";
import type { BrokenVariant } from "./variant-hooks.js";

/** A database round trip: long enough that calls released together all wait in it at once. */
const ROUND_TRIP_MS = 25;
const roundTrip = () => new Promise<void>((resolve) => setTimeout(resolve, ROUND_TRIP_MS));

/** The patch whose SyncCount is not the record's current one, if any (what the real store refuses). */
function stalePatch(inner: ImmediateStore, ref: DatasetRef, patches: readonly Patch[]): { key: string; current: number; given: number } | undefined {
  const held = new Map(everything(inner, ref).map((r) => [r.key, r.syncCount]));
  const stale = patches.find((p) => p.syncCount !== (held.get(p.key) ?? 0));
  return stale && { key: stale.key, current: held.get(stale.key) ?? 0, given: stale.syncCount };
}

/** The patches with the counts the records hold now, so the real store takes them whatever they said. */
function forced(inner: ImmediateStore, ref: DatasetRef, patches: readonly Patch[]): Patch[] {
  const held = new Map(everything(inner, ref).map((r) => [r.key, r.syncCount]));
  return patches.map((p) => ({ ...p, syncCount: held.get(p.key) ?? 0 }));
}

export const raceVariants: Record<string, BrokenVariant> = {
  "conflict-check-then-write": {
    breaks: "LR-RACE-ONE-WINNER",
    description:
      "UpdateRecords checks the patches' SyncCounts, then writes in a second statement after a database round trip: two devices pushing one key at one count are both acknowledged, and the first value is lost",
    store: (inner) => ({
      ...through(inner),
      async update(ref, patches, by, now) {
        const stale = stalePatch(inner, ref, patches);
        if (stale) return { kind: "conflict", ...stale };
        await roundTrip();
        return inner.update(ref, forced(inner, ref, patches), by, now);
      },
    }),
  },
  "dataset-count-read-then-written": {
    breaks: "LR-RACE-COUNTS",
    description:
      "UpdateRecords reads the dataset's sync count, and after a database round trip writes the records and the count as that count plus one: two devices writing different keys at once get the same SyncCount",
    store: (inner) => ({
      ...through(inner),
      async update(ref, patches, by, now) {
        const read = inner.describe(ref)?.syncCount ?? inner.deletedAtSyncCount(ref) ?? 0;
        await roundTrip();
        const outcome = inner.update(ref, patches, by, now);
        if (outcome.kind !== "applied") return outcome;
        // What `UPDATE ... SET sync_count = read + 1` leaves behind: the records and the dataset at one count above the stale read.
        const count = read + 1;
        const written = new Set(patches.map((p) => p.key));
        const records: StoredRecord[] = everything(inner, ref).map((r) => (written.has(r.key) ? { ...r, syncCount: count } : r));
        inner.load(ref, records, count, now);
        return { kind: "applied", records: outcome.records.map((r) => ({ ...r, syncCount: count })) };
      },
    }),
  },
  "next-token-is-an-offset": {
    breaks: "LR-RACE-WALK",
    description:
      "NextToken is the number of records already handed out (LIMIT/OFFSET paging): a record updated during a walk moves to the end, every later record shifts one place, and the walk skips one of them",
    store: (inner) => ({
      ...through(inner),
      changes(ref, after, from, limit) {
        const all = inner.changes(ref, after, undefined, Number.MAX_SAFE_INTEGER).records;
        // The cursor's key carries the offset; its sync count is never read.
        const offset = from ? Number(from.key.slice(OFFSET.length)) || 0 : 0;
        const records = all.slice(offset, offset + limit);
        const more = offset + limit < all.length;
        return { records, ...(more ? { next: { syncCount: 0, key: `${OFFSET}${offset + limit}` } } : {}) };
      },
    }),
  },
};

const OFFSET = "offset:";
