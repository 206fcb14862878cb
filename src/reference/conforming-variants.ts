/**
 * Conforming variants: each answers differently where the sources leave room, with the
 * interpretations that describe it. The suite must pass every one, which proves it does not
 * fail a correct server for taking another choice where the sources leave room.
 */
import type { ConformingVariant } from "./variant-hooks.js";
import { isWhole, onListRequest, onPage, onRecords, type JsonObject, type Page } from "./variant-rewrites.js";

const isTombstone = (r: JsonObject) => r.Value === undefined || r.Value === null;
const fullSync = (q: URLSearchParams) => (q.get("lastSyncCount") ?? "0") === "0";

export const conformingVariants: Record<string, ConformingVariant> = {
  "pages-of-at-most-50": {
    description: "pages hold at most 50 records when maxResults asks for more (a call without maxResults still gets everything)",
    interpretations: {},
    request: onListRequest((call) => {
      const m = call.query.get("maxResults");
      if (isWhole(m, 51) && Number(m) <= 2 ** 31 - 1) call.query.set("maxResults", "50");
    }),
  },
  "tombstones-omitted-in-full-sync": {
    description: "a full sync (lastSyncCount 0 or absent) leaves out tombstones",
    interpretations: { tombstones: "omit" },
    response: (operation, a, query) =>
      operation === "ListRecords" && a.status === 200 && fullSync(query)
        ? onPage((p) => {
            const Records = p.Records?.filter((r) => !isTombstone(r));
            return { ...p, Records, Count: Records?.length ?? 0 };
          })(operation, a)
        : a,
  },
  "error-type-in-body": {
    description: "ListRecords errors name their type in the body's __type instead of the x-amzn-ErrorType header",
    interpretations: {},
    response: (operation, a) => (operation === "ListRecords" && a.type ? { status: a.status, body: { __type: a.type, ...a.body } } : a),
  },
  "validation-exception": {
    description: "broken parameter constraints are reported as ValidationException",
    interpretations: { "validation-error": "ValidationException" },
    response: (_, a) =>
      a.type === "InvalidParameterException" && /validation errors? detected/.test(String((a.body as JsonObject).message)) ? { ...a, type: "ValidationException" } : a,
  },
  "count-and-nulls-omitted": {
    description: "Count 0 and the members that are null (NextToken, LastModifiedBy, MergedDatasetNames) are left out",
    interpretations: {},
    response: onPage((p) => Object.fromEntries(Object.entries(p).filter(([k, v]) => v !== null && !(k === "Count" && v === 0))) as Page),
  },
  "nulls-for-absent": {
    description: "absent record members are sent as null (Value of tombstones, DeviceLastModifiedDate)",
    interpretations: {},
    response: onRecords((r) => ({ Value: null, DeviceLastModifiedDate: null, ...r })),
  },
  "token-only-on-last-page": {
    description: "only the last page of a listing carries a SyncSessionToken",
    interpretations: {},
    response: onPage((p) => {
      if (p.NextToken) delete p.SyncSessionToken;
      return p;
    }),
  },
};
