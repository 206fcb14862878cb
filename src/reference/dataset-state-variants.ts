/**
 * Broken variants in what answers report about a dataset and its records: whether it exists
 * or was deleted, its sync count, tombstones, merged datasets, and what UpdateRecords checks
 * and answers. Each breaks the requirement it names.
 */
import type { BrokenVariant } from "./variant-hooks.js";
import { onPage, onRecords } from "./variant-rewrites.js";

export const datasetStateVariants = {
  "missing-dataset-exists-true": {
    breaks: "LR-MISSING-FIELDS",
    description: "a dataset that does not exist is reported with DatasetExists true",
    response: onPage((p) => ({ ...p, DatasetExists: true })),
  },
  "tombstones-dropped": {
    breaks: "LR-TOMBSTONE",
    description: "removed records are left out of ListRecords instead of coming back as tombstones",
    response: onPage((p) => {
      const Records = p.Records?.filter((r) => r.Value !== undefined && r.Value !== null);
      return { ...p, ...(Records ? { Records, Count: Records.length } : {}) };
    }),
  },
  "tombstones-empty-value": {
    breaks: "LR-TOMBSTONE",
    description: "a removed record comes back with an empty-string Value instead of none",
    response: onRecords((r) => (r.Value === undefined || r.Value === null ? { ...r, Value: "" } : r)),
  },
  "dataset-sync-count-stale": {
    breaks: "LR-SYNC-DATASET-COUNT",
    description: "DatasetSyncCount lags one behind the dataset's real count",
    response: onPage((p) => (typeof p.DatasetSyncCount === "number" && p.DatasetSyncCount > 0 ? { ...p, DatasetSyncCount: p.DatasetSyncCount - 1 } : p)),
  },
  "deleted-flag-never-set": {
    breaks: "LR-DELETED-FLAG",
    description: "DatasetDeletedAfterRequestedSyncCount is always false",
    response: onPage((p) => ({ ...p, DatasetDeletedAfterRequestedSyncCount: false })),
  },
  "conflicts-ignored": {
    breaks: "LR-WRITE-CONFLICT",
    description: "UpdateRecords never checks a patch's SyncCount, so stale writes overwrite newer ones",
    request: (operation, call) => {
      if (operation !== "UpdateRecords" || !Array.isArray(call.body.RecordPatches)) return;
      for (const p of call.body.RecordPatches as Array<Record<string, unknown>>) if (typeof p === "object" && p !== null) p.SyncCount = Number.MAX_SAFE_INTEGER;
    },
  },
  "deleted-flag-when-missing": {
    breaks: "LR-MISSING-FIELDS",
    description: "a dataset that does not exist is reported deleted (DatasetDeletedAfterRequestedSyncCount true), so Android and JavaScript devices can never create it",
    response: onPage((p) => (p.DatasetExists === false ? { ...p, DatasetDeletedAfterRequestedSyncCount: true } : p)),
  },
  "update-answers-without-records": {
    breaks: "LR-CLIENT-SYNC-JS",
    description: "UpdateRecords answers 200 without the records it wrote, so the JavaScript client throws and the Android client fails the sync",
    response: (operation, a) => (operation === "UpdateRecords" && a.status === 200 ? { ...a, body: {} } : a),
  },
  "merged-names-dropped": {
    breaks: "LR-MERGED",
    description: "MergedDatasetNames is always null, so clients never run their merge handling",
    response: onPage((p) => ({ ...p, MergedDatasetNames: null })),
  },
  "merged-names-always-set": {
    breaks: "LR-MERGED-NONE",
    description: "every page names a merged dataset, whether or not one was merged",
    response: onPage((p) => ({ ...p, MergedDatasetNames: ["merged.us-east-1:00000000-0000-4000-8000-000000000000"] })),
  },
} satisfies Record<string, BrokenVariant>;
