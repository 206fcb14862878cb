/**
 * Broken variants in how answers are written: members of the wrong JSON type, timestamps in
 * the wrong unit, members left out or null, a wrong content type. The values are right; a
 * client that reads them by the model is not. Each breaks the requirement it names.
 */
import type { BrokenVariant } from "./variant-hooks.js";
import { onPage, onRecords, type JsonObject, type Page } from "./variant-rewrites.js";

export const shapeVariants = {
  "no-session-token": {
    breaks: "LR-SESSION-PRESENT",
    description: "ListRecords answers carry no SyncSessionToken",
    response: onPage((p) => {
      delete p.SyncSessionToken;
      return p;
    }),
  },
  "sync-count-as-string": {
    breaks: "LR-SHAPE-200",
    description: 'record SyncCount is sent as a JSON string ("3") instead of a number',
    response: onPage((p) => ({ ...p, Records: p.Records?.map((r) => ({ ...r, SyncCount: String(r.SyncCount) })) })),
  },
  "count-as-string": {
    breaks: "LR-SHAPE-200",
    description: "Count is sent as a JSON string",
    response: onPage((p) => ({ ...p, Count: String(p.Count ?? 0) })),
  },
  "timestamps-as-strings": {
    breaks: "LR-SHAPE-200",
    description: "record timestamps are sent as ISO 8601 strings instead of epoch seconds",
    response: onRecords((r) => ({ ...r, LastModifiedDate: new Date(Number(r.LastModifiedDate) * 1000).toISOString() })),
  },
  "timestamps-in-milliseconds": {
    breaks: "LR-SHAPE-TIMESTAMPS",
    description: "record timestamps are epoch milliseconds where epoch seconds belong",
    response: onRecords((r) => ({ ...r, LastModifiedDate: Math.round(Number(r.LastModifiedDate) * 1000) })),
  },
  "merged-names-as-string": {
    breaks: "LR-SHAPE-200",
    description: "MergedDatasetNames is one comma-separated string instead of a list",
    response: onPage((p) => (Array.isArray(p.MergedDatasetNames) ? { ...p, MergedDatasetNames: p.MergedDatasetNames.join(",") } : p)),
  },
  "json-as-text-plain": {
    breaks: "LR-SHAPE-CONTENT-TYPE",
    description: "successful answers are labelled text/plain although the body is JSON",
    response: (operation, a) => (operation === "ListRecords" && a.status === 200 ? { ...a, contentType: "text/plain" } : a),
  },
  "counts-with-fractions": {
    breaks: "LR-SHAPE-MEMBERS",
    description: "DatasetSyncCount is written as 3.0 rather than 3: the same number to JSON.parse, a parse failure to the Android client",
    response: (operation, a) =>
      operation === "ListRecords" && a.status === 200 ? { ...a, text: JSON.stringify(a.body).replace(/"DatasetSyncCount":(\d+)/, '"DatasetSyncCount":$1.0') } : a,
  },
  "defaults-omitted": {
    breaks: "LR-SHAPE-MEMBERS",
    description: "members equal to their default (Count 0, false flags) and null members are left out, so the Android client unboxes null",
    response: onPage((p) => Object.fromEntries(Object.entries(p).filter(([k, v]) => v !== null && !(k === "Count" && v === 0) && v !== false)) as Page),
  },
  "records-null-when-empty": {
    breaks: "LR-SHAPE-MEMBERS",
    description: "a page without records says Records null instead of an empty list",
    response: onPage((p) => (p.Records?.length === 0 ? { ...p, Records: null as unknown as JsonObject[] } : p)),
  },
} satisfies Record<string, BrokenVariant>;
