/**
 * Broken variants whose bug lives in what the store remembers across calls: each shows only
 * after a history of two or more writes, deletes, listings or identities, so no fixed
 * scenario catches it and the random histories must. Each wraps the real store; a wrapper
 * is made per endpoint, so what it remembers is that endpoint's alone.
 */
import type { DatasetRef, ImmediateStore, Patch } from "./store.js";
import { everything, through } from "./store-wrappers.js";
import type { BrokenVariant } from "./variant-hooks.js";

const byName = (ref: DatasetRef) => `${ref.identityPoolId}/${ref.datasetName}`;

type Writers = { of(ref: DatasetRef): DatasetRef[] };

/**
 * The store passed through, remembering per pool and dataset name every identity that wrote
 * such a dataset (`of`), for the variants that mix identities up; `override` replaces what the
 * variant changes, and its `update` is the remembering one.
 */
function mixingIdentities(inner: ImmediateStore, override: (w: Writers, update: ImmediateStore["update"]) => Partial<ImmediateStore>): ImmediateStore {
  const seen = new Map<string, Set<string>>();
  const w: Writers = { of: (ref) => [...(seen.get(byName(ref)) ?? [])].map((identityId) => ({ ...ref, identityId })) };
  const update: ImmediateStore["update"] = (ref, patches, by, now) => {
    (seen.get(byName(ref)) ?? seen.set(byName(ref), new Set()).get(byName(ref))!).add(ref.identityId);
    return inner.update(ref, patches, by, now);
  };
  return { ...through(inner), update, ...override(w, update) };
}

export const historyVariants: Record<string, BrokenVariant> = {
  "tombstones-purged-after-full-sync": {
    breaks: "LR-WRITE-CONFLICT",
    description:
      "once a full sync (lastSyncCount 0) has been served, tombstones are purged: a device that synced before the removal never hears of it, and its stale write to the removed key is accepted",
    store: (inner) => ({
      ...through(inner),
      changes(ref, after, from, limit) {
        const page = inner.changes(ref, after, from, limit);
        const info = inner.describe(ref);
        if (after === 0 && from === undefined && info) {
          const all = everything(inner, ref);
          if (all.some((r) => r.value === undefined))
            inner.load(
              ref,
              all.filter((r) => r.value !== undefined),
              info.syncCount,
              info.lastModifiedDate,
            );
        }
        return page;
      },
    }),
  },
  "conflict-applies-earlier-patches": {
    breaks: "LR-WRITE-CONFLICT",
    description: "an UpdateRecords call refused for a stale patch still applies the patches before it",
    store: (inner) => ({
      ...through(inner),
      update(ref, patches, by, now) {
        const outcome = inner.update(ref, patches, by, now);
        const at = outcome.kind === "conflict" ? patches.findIndex((p: Patch) => p.key === outcome.key) : 0;
        if (at > 0) inner.update(ref, patches.slice(0, at), by, now);
        return outcome;
      },
    }),
  },
  "missing-dataset-found-by-name": {
    breaks: "LR-MISSING-FIELDS",
    description: "ListRecords of a dataset an identity never wrote answers with another identity's dataset of the same name (a lookup by name alone)",
    store: (inner) =>
      mixingIdentities(inner, (w) => {
        const stand = (ref: DatasetRef) => (inner.describe(ref) ? ref : (w.of(ref).find((other) => inner.describe(other)) ?? ref));
        return {
          describe: (ref) => inner.describe(stand(ref)),
          changes: (ref, after, from, limit) => inner.changes(stand(ref), after, from, limit),
        };
      }),
  },
  "delete-ignores-identity": {
    breaks: "LR-SYNC-ALL",
    description: "DeleteDataset deletes the dataset of that name for every identity in the pool, not only the caller's",
    store: (inner) =>
      mixingIdentities(inner, (w) => ({
        delete: (ref) => w.of(ref).reduce((mine, other) => (other.identityId === ref.identityId ? mine : (inner.delete(other), mine)), inner.delete(ref)),
      })),
  },
  "conflict-check-across-identities": {
    breaks: "LR-WRITE-CURRENT",
    description: "UpdateRecords checks a patch's SyncCount against every identity's record of that dataset name and key, refusing another identity's first write",
    store: (inner) =>
      mixingIdentities(inner, (w, remembering) => ({
        update(ref, patches, by, now) {
          for (const other of w.of(ref).filter((o) => o.identityId !== ref.identityId)) {
            const held = new Map(everything(inner, other).map((r) => [r.key, r.syncCount]));
            const stale = patches.find((p) => (held.get(p.key) ?? 0) > p.syncCount);
            if (stale) return { kind: "conflict", key: stale.key, current: held.get(stale.key)!, given: stale.syncCount };
          }
          return remembering(ref, patches, by, now);
        },
      })),
  },
  "removed-key-stays-removed": {
    breaks: "LR-SYNC-ALL",
    description: "a key once removed cannot be written again: UpdateRecords acknowledges the new value but keeps the tombstone",
    store: (inner) => {
      const removed = new Set<string>();
      const at = (ref: DatasetRef, key: string) => `${ref.identityId}/${byName(ref)}/${key}`;
      return {
        ...through(inner),
        update(ref, patches, by, now) {
          const outcome = inner.update(
            ref,
            patches.map((p) => (p.op === "replace" && removed.has(at(ref, p.key)) ? { ...p, op: "remove" as const } : p)),
            by,
            now,
          );
          if (outcome.kind === "applied") for (const p of patches) if (p.op === "remove") removed.add(at(ref, p.key));
          return outcome;
        },
        delete: (ref) => (everything(inner, ref).forEach((r) => removed.delete(at(ref, r.key))), inner.delete(ref)),
      };
    },
  },
  "removed-key-needs-newer-count": {
    breaks: "LR-WRITE-CURRENT",
    description: "writing a removed key again is refused as a conflict unless its SyncCount is above the removal's, though the removal's count is the record's current one",
    store: (inner) => ({
      ...through(inner),
      update(ref, patches, by, now) {
        const tombstones = new Map(
          everything(inner, ref)
            .filter((r) => r.value === undefined)
            .map((r) => [r.key, r.syncCount]),
        );
        const refused = patches.find((p) => tombstones.has(p.key) && p.syncCount <= tombstones.get(p.key)!);
        return refused ? { kind: "conflict", key: refused.key, current: tombstones.get(refused.key)! + 1, given: refused.syncCount } : inner.update(ref, patches, by, now);
      },
    }),
  },
};
