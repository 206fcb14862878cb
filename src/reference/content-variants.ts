/**
 * Broken variants in what the store keeps of record content: the classic ways a store on a
 * SQL database loses data (a case- and accent-insensitive collation, a fixed-width column, a
 * single-byte or three-byte character set, "" read as no value, a page cursor that forgets the
 * filter). Each carries one small, realistic bug and names the requirement it breaks.
 */
import { everything, through } from "./store-wrappers.js";
import type { DatasetRef, ImmediateStore, Patch, StoredRecord } from "./store.js";
import type { BrokenVariant } from "./variant-hooks.js";

/** How a case- and accent-insensitive collation (MySQL's utf8mb4_0900_ai_ci) compares text. */
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const codePoints = (s: string) => [...s];

/** The store with every value written passed through `column` first, as a database column would keep it. */
const storedAs =
  (column: (value: string) => string) =>
  (inner: ImmediateStore): ImmediateStore => ({
    ...through(inner),
    update: (ref: DatasetRef, patches: readonly Patch[], by: string, now: number) =>
      inner.update(
        ref,
        patches.map((p) => (p.value === undefined ? p : { ...p, value: column(p.value) })),
        by,
        now,
      ),
  });

/** Every record of a dataset in key order, as `ORDER BY key` pages them. */
const byKey = (records: StoredRecord[]) => records.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

export const contentVariants: Record<string, BrokenVariant> = {
  "keys-case-insensitive": {
    breaks: "LR-CONTENT-KEY-CASE",
    description: "record keys are compared under a case- and accent-insensitive collation: writing 'score' overwrites 'Score' (or is refused as a conflict with it)",
    store: (inner) => ({
      ...through(inner),
      update(ref, patches, by, now) {
        const held = new Map<string, string>();
        for (const r of everything(inner, ref)) if (!held.has(fold(r.key))) held.set(fold(r.key), r.key);
        // The row a key finds is the one stored first; within a call, the last patch for a row wins.
        const rows = new Map<string, Patch>();
        for (const p of patches) {
          const key = held.get(fold(p.key)) ?? p.key;
          held.set(fold(p.key), key);
          rows.set(key, { ...p, key });
        }
        return inner.update(ref, [...rows.values()], by, now);
      },
    }),
  },
  "dataset-names-case-insensitive": {
    breaks: "LR-CONTENT-DATASET-CASE",
    description: "dataset names are compared case-insensitively: 'Settings' and 'settings' are one dataset",
    store: (inner) => {
      const names = new Map<string, string>();
      const folded = (ref: DatasetRef) => `${ref.identityPoolId}/${ref.identityId}/${ref.datasetName.toLowerCase()}`;
      const row = (ref: DatasetRef): DatasetRef => ({ ...ref, datasetName: names.get(folded(ref)) ?? ref.datasetName });
      return {
        describe: (ref) => inner.describe(row(ref)),
        deletedAtSyncCount: (ref) => inner.deletedAtSyncCount(row(ref)),
        changes: (ref, after, from, limit) => inner.changes(row(ref), after, from, limit),
        update(ref, patches, by, now) {
          const outcome = inner.update(row(ref), patches, by, now);
          if (outcome.kind === "applied" && !names.has(folded(ref))) names.set(folded(ref), ref.datasetName);
          return outcome;
        },
        delete(ref) {
          const gone = inner.delete(row(ref));
          names.delete(folded(ref));
          return gone;
        },
        erase(ref) {
          inner.erase(row(ref));
          names.delete(folded(ref));
        },
        datasets: (pool, id, after, limit) => inner.datasets(pool, id, after, limit),
        setMergedDatasetNames: (ref, merged) => inner.setMergedDatasetNames(row(ref), merged),
        load: (ref, records, syncCount, now) => inner.load(row(ref), records, syncCount, now),
      };
    },
  },
  "values-cut-at-4000": {
    breaks: "LR-CONTENT-VALUE",
    description: "values are kept in a VARCHAR(4000) column: anything longer comes back cut to 4,000 characters",
    store: storedAs((v) => (v.length > 4000 ? codePoints(v).slice(0, 4000).join("") : v)),
  },
  "values-through-latin1": {
    breaks: "LR-CONTENT-VALUE",
    description: "values are kept in a single-byte (Latin-1) column: every character past U+00FF comes back as '?'",
    store: storedAs((v) => v.replace(/[^\u0000-\u00ff]/gu, "?")),
  },
  "values-cut-at-four-byte-character": {
    breaks: "LR-CONTENT-VALUE",
    description: "values are kept in a three-byte UTF-8 column (MySQL's utf8mb3): text is cut at its first character outside the BMP, such as an emoji",
    store: storedAs((v) => v.replace(/[\u{10000}-\u{10ffff}][\s\S]*$/u, "")),
  },
  "empty-value-as-removal": {
    breaks: "LR-CONTENT-EMPTY",
    description: 'a value of "" is taken for no value and stored as a removal, so the record comes back as a tombstone',
    store: (inner) => ({
      ...through(inner),
      update: (ref, patches, by, now) =>
        inner.update(
          ref,
          patches.map((p): Patch => (p.op === "replace" && p.value === "" ? { op: "remove", key: p.key, syncCount: p.syncCount } : p)),
          by,
          now,
        ),
    }),
  },
  "remove-keeps-sent-value": {
    breaks: "LR-CONTENT-REMOVE",
    description: 'a patch that carries a Value is stored as a write whatever its Op, so the JavaScript client\'s removal (Op remove, Value "") leaves "" behind',
    request: (operation, call) => {
      if (operation !== "UpdateRecords" || !Array.isArray(call.body.RecordPatches)) return;
      for (const p of call.body.RecordPatches as Array<Record<string, unknown>>) if (p?.Op === "remove" && typeof p.Value === "string") p.Op = "replace";
    },
  },
  "next-token-forgets-filter": {
    breaks: "LR-SYNC-NOT-BEFORE",
    description:
      "pages are cut in key order and a NextToken keeps only the last key, so every page after the first forgets lastSyncCount and hands back records the client already has (unseen while keys are written in key order)",
    store: (inner) => ({
      ...through(inner),
      changes(ref, after, from, limit) {
        const all = byKey(everything(inner, ref));
        const rest = from ? all.filter((r) => r.key > from.key) : all.filter((r) => r.syncCount > after);
        const records = rest.slice(0, limit);
        const last = records.at(-1);
        return rest.length > limit && last ? { records, next: { syncCount: last.syncCount, key: last.key } } : { records };
      },
    }),
  },
};
