/**
 * Variants of the reference endpoint, chosen by name (`serve --variant NAME`), never by
 * editing code. The broken ones are each a small, realistic bug an implementer could make:
 * the suite must fail every one, which proves its scenarios can fail. The conforming ones
 * answer differently where the sources leave room (each with the interpretations that
 * describe it): the suite must pass every one, which proves it does not fail a correct
 * server for reading an open point another way.
 */
import type { Call } from "./call.js";
import { contentBugs } from "./content-variants.js";
import { historyBugs } from "./history-variants.js";
import { raceBugs } from "./race-variants.js";
import type { Operation } from "./routes.js";
import type { DatasetStore, ImmediateStore } from "./store.js";

export interface Answer {
  status: number;
  type?: string;
  body: object;
  /** Replaces the content type the server would send. */
  contentType?: string;
  /** Sent instead of the JSON of `body`. */
  text?: string;
}

interface Bend {
  description: string;
  /** Bends the request as the variant reads it, before the operation runs. */
  request?: (operation: Operation, call: Call) => void;
  /** Bends the answer before it is sent; `query` is the request's. */
  response?: (operation: Operation, answer: Answer, query: URLSearchParams) => Answer;
  /** Wraps the endpoint's store, for bugs in what it remembers across calls. */
  store?: (inner: ImmediateStore) => DatasetStore;
}

export interface Variant extends Bend {
  /** The requirement the bug is meant to break: the suite must fail it. */
  breaks: string;
  /** Only a history of calls shows the bug: the fixed scenarios pass it, the random histories must not. */
  needsHistory?: true;
}

export interface ConformingVariant extends Bend {
  /** The --interpretation choices that describe this variant's answers. */
  interpretations: Record<string, string>;
}

type Body = Record<string, unknown>;
type Page = Body & { Records?: Body[]; Count?: number | string; NextToken?: string | null };

/** A response rewrite for 200 ListRecords answers only. */
const onPage = (rewrite: (page: Page) => Page) => (operation: Operation, a: Answer) =>
  operation === "ListRecords" && a.status === 200 ? { ...a, body: rewrite({ ...(a.body as Page) }) } : a;
/** The same for every record of such a page. */
const onRecords = (rewrite: (r: Body) => Body) => onPage((p) => ({ ...p, ...(p.Records ? { Records: p.Records.map((r) => rewrite({ ...r })) } : {}) }));
/** A request rewrite for ListRecords only. */
const onListRequest = (rewrite: (call: Call) => void) => (operation: Operation, call: Call) => {
  if (operation === "ListRecords") rewrite(call);
};
/** A 200 ListRecords page that `matches` is answered 404 ResourceNotFoundException instead. */
const notFoundWhen = (matches: (page: Page) => boolean, message: string) => (operation: Operation, a: Answer) =>
  operation === "ListRecords" && a.status === 200 && matches(a.body as Page) ? { status: 404, type: "ResourceNotFoundException", body: { message } } : a;
const isWhole = (v: string | null, min: number) => v !== null && /^-?\d+$/.test(v) && Number(v) >= min;
/** ListRecords reads a whole-number query value of at least 1 shifted by `by`. */
const shifted = (name: string, by: number) =>
  onListRequest((call) => {
    const v = call.query.get(name);
    if (isWhole(v, 1)) call.query.set(name, String(Number(v) + by));
  });
const VALID_ID = /^[\w-]+:[0-9a-f-]+$/;

export const variants: Record<string, Variant> = {
  "page-drops-last-record": {
    breaks: "LR-PAGE-WALK",
    description: "every page that has a NextToken silently drops its last record (a gap in the walk)",
    response: onPage((p) => (p.NextToken && p.Records && p.Records.length > 1 ? { ...p, Records: p.Records.slice(0, -1), Count: p.Records.length - 1 } : p)),
  },
  "ignores-last-sync-count": {
    breaks: "LR-SYNC-NOT-BEFORE",
    description: "lastSyncCount is ignored: every call returns the whole dataset",
    request: (operation, call) => {
      if (operation === "ListRecords") call.query.delete("lastSyncCount");
    },
  },
  "missing-dataset-404": {
    breaks: "LR-MISSING-200",
    description: "a dataset that does not exist is answered 404 ResourceNotFoundException instead of 200",
    response: notFoundWhen((p) => p.DatasetExists === false, "Dataset not found"),
  },
  "invalid-parameter-as-500": {
    breaks: "LR-ERR-400-STATUS",
    description: "a request that breaks a parameter constraint is answered 500 InternalErrorException",
    response: (_, a) => (a.status === 400 && a.type === "InvalidParameterException" ? { ...a, status: 500, type: "InternalErrorException" } : a),
  },
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
  "sync-filter-off-by-one": {
    breaks: "LR-SYNC-AFTER",
    description: "lastSyncCount L is read as L+1, so the first count after the client's is skipped",
    request: shifted("lastSyncCount", 1),
  },
  "page-exceeds-max-results": {
    breaks: "LR-PAGE-MAX",
    description: "each page holds one record more than maxResults",
    request: shifted("maxResults", 1),
  },
  "ignores-max-results": {
    breaks: "LR-PAGE-MAX",
    description: "maxResults is ignored: pages are always as large as the server likes",
    request: onListRequest((call) => call.query.delete("maxResults")),
  },
  "page-repeats-first-record": {
    breaks: "LR-PAGE-WALK",
    description: "a page that has a NextToken ends with its first record once more",
    response: onPage((p) => (p.NextToken && p.Records && p.Records.length > 0 ? { ...p, Records: [...p.Records, p.Records[0]!] } : p)),
  },
  "no-next-token": {
    breaks: "LR-PAGE-WALK",
    description: "pages never carry a NextToken: the listing is silently cut after the first page",
    response: onPage((p) => ({ ...p, NextToken: null })),
  },
  "count-off-by-one": {
    breaks: "LR-PAGE-COUNT",
    description: "Count is one more than it should be",
    response: onPage((p) => ({ ...p, Count: Number(p.Count ?? 0) + 1 })),
  },
  "count-as-string": {
    breaks: "LR-SHAPE-200",
    description: "Count is sent as a JSON string",
    response: onPage((p) => ({ ...p, Count: String(p.Count ?? 0) })),
  },
  "missing-dataset-exists-true": {
    breaks: "LR-MISSING-FIELDS",
    description: "a dataset that does not exist is reported with DatasetExists true",
    response: onPage((p) => ({ ...p, DatasetExists: true })),
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
  "pool-id-pattern-unchecked": {
    breaks: "LR-ERR-400-STATUS",
    description: "an IdentityPoolId that breaks the model's pattern is accepted",
    request: (_, call) => {
      if (!VALID_ID.test(call.labels.IdentityPoolId ?? "")) call.labels.IdentityPoolId = "us-east-1:00000000-0000-0000-0000-000000000000";
    },
  },
  "dataset-name-length-unchecked": {
    breaks: "LR-ERR-400-STATUS",
    description: "a DatasetName longer than 128 characters is accepted (cut to 128)",
    request: (_, call) => {
      if ((call.labels.DatasetName ?? "").length > 128) call.labels.DatasetName = call.labels.DatasetName!.slice(0, 128);
    },
  },
  "max-results-unchecked": {
    breaks: "LR-ERR-400-STATUS",
    description: "a maxResults that is not a positive whole number is ignored instead of refused",
    request: onListRequest((call) => {
      const m = call.query.get("maxResults");
      if (m !== null && !isWhole(m, 1)) call.query.delete("maxResults");
    }),
  },
  "next-token-unchecked": {
    breaks: "LR-TOKEN-INVALID",
    description: "a NextToken that is not one the server could have made is taken as 'start from the top'",
    request: onListRequest((call) => {
      const t = call.query.get("nextToken");
      if (t !== null && !/^[\w-]+\.[\w-]+$/.test(t)) call.query.delete("nextToken");
    }),
  },
  "throttle-as-500": {
    breaks: "LR-ERR-429",
    description: "throttling is answered 500 InternalErrorException instead of 429",
    response: (_, a) => (a.status === 429 ? { ...a, status: 500, type: "InternalErrorException" } : a),
  },
  "internal-error-html-body": {
    breaks: "LR-SHAPE-ERROR",
    description: "internal errors come back as an HTML error page without an error type",
    response: (_, a) => (a.status === 500 ? { status: 500, body: {}, contentType: "text/html", text: "<html><body><h1>500 Internal Server Error</h1></body></html>" } : a),
  },
  "no-identity-isolation": {
    breaks: "LR-ERR-403-STATUS",
    description: "credentials bound to one identity can read every identity's data",
    request: (_, call) => {
      delete (call.caller as { boundIdentityId?: string }).boundIdentityId;
    },
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
  "json-as-text-plain": {
    breaks: "LR-SHAPE-CONTENT-TYPE",
    description: "successful answers are labelled text/plain although the body is JSON",
    response: (operation, a) => (operation === "ListRecords" && a.status === 200 ? { ...a, contentType: "text/plain" } : a),
  },
  "error-type-unresolvable": {
    breaks: "LR-SDK-ERROR-STATUS",
    description: "errors carry no type the SDK can read: no x-amzn-ErrorType header, no __type or code in the body",
    response: (_, a) => (a.status >= 400 ? { status: a.status, body: a.body } : a),
  },
  "merged-names-dropped": {
    breaks: "LR-MERGED",
    description: "MergedDatasetNames is always null, so clients never run their merge handling",
    response: onPage((p) => ({ ...p, MergedDatasetNames: null })),
  },
  "conflict-as-400": {
    breaks: "LR-WRITE-CONFLICT-TYPE",
    description: "a write with a stale SyncCount is refused 400 InvalidParameterException instead of 409, so no client retries it",
    response: (operation, a) => (operation === "UpdateRecords" && a.type === "ResourceConflictException" ? { ...a, status: 400, type: "InvalidParameterException" } : a),
  },
  "conflict-type-in-body": {
    breaks: "LR-WRITE-CONFLICT-TYPE",
    description: "a conflict names its type only in the body's __type, where the iOS client never looks",
    response: (operation, a) => (operation === "UpdateRecords" && a.type === "ResourceConflictException" ? { status: a.status, body: { __type: a.type, ...a.body } } : a),
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
  "counts-with-fractions": {
    breaks: "LR-SHAPE-MEMBERS",
    description: "DatasetSyncCount is written as 3.0 rather than 3: the same number to JSON.parse, a parse failure to the Android client",
    response: (operation, a) =>
      operation === "ListRecords" && a.status === 200 ? { ...a, text: JSON.stringify(a.body).replace(/"DatasetSyncCount":(\d+)/, '"DatasetSyncCount":$1.0') } : a,
  },
  "merged-names-always-set": {
    breaks: "LR-MERGED-NONE",
    description: "every page names a merged dataset, whether or not one was merged",
    response: onPage((p) => ({ ...p, MergedDatasetNames: ["merged.us-east-1:00000000-0000-4000-8000-000000000000"] })),
  },
  "inclusive-sync-filter": {
    breaks: "LR-SYNC-BOUNDARY",
    description: "lastSyncCount L also returns the records written at L, so the JavaScript client never finishes a sync",
    request: shifted("lastSyncCount", -1),
  },
  "default-page-of-50": {
    breaks: "LR-CLIENT-ONE-CALL",
    description: "a call without maxResults gets at most 50 records, so the iOS client never sees the rest",
    request: onListRequest((call) => {
      if (call.query.get("maxResults") === null) call.query.set("maxResults", "50");
    }),
  },
  "defaults-omitted": {
    breaks: "LR-SHAPE-MEMBERS",
    description: "members equal to their default (Count 0, false flags) and null members are left out, so the Android client unboxes null",
    response: onPage((p) => Object.fromEntries(Object.entries(p).filter(([k, v]) => v !== null && !(k === "Count" && v === 0) && v !== false)) as Page),
  },
  "records-null-when-empty": {
    breaks: "LR-SHAPE-MEMBERS",
    description: "a page without records says Records null instead of an empty list",
    response: onPage((p) => (p.Records?.length === 0 ? { ...p, Records: null as unknown as Body[] } : p)),
  },
  "foreign-token-followed": {
    breaks: "LR-TOKEN-NO-LEAK",
    description: "a NextToken issued for another dataset is followed into that dataset, whose records come back",
    request: onListRequest((call) => {
      const issuedFor = tokenPayload(call.query.get("nextToken"));
      if (issuedFor) Object.assign(call.labels, { IdentityPoolId: issuedFor.p, IdentityId: issuedFor.i, DatasetName: issuedFor.d });
    }),
  },
  "deleted-dataset-404": {
    breaks: "LR-DELETED-VISIBLE",
    description: "a client that synced before a dataset was deleted gets 404 ResourceNotFoundException instead of the deleted flag",
    response: notFoundWhen((p) => p.DatasetDeletedAfterRequestedSyncCount === true, "Dataset was deleted"),
  },
  ...contentBugs,
  ...raceBugs,
  ...Object.fromEntries(Object.entries(historyBugs).map(([name, bug]) => [name, { ...bug, needsHistory: true as const }])),
};

/** What a NextToken of this endpoint was issued for (its payload, read without checking its seal). */
function tokenPayload(token: string | null): { p: string; i: string; d: string } | undefined {
  try {
    const payload = JSON.parse(Buffer.from((token ?? "").split(".")[0]!, "base64url").toString("utf8")) as Record<string, unknown>;
    return [payload.p, payload.i, payload.d].every((v) => typeof v === "string") ? (payload as { p: string; i: string; d: string }) : undefined;
  } catch {
    return undefined;
  }
}

const isTombstone = (r: Body) => r.Value === undefined || r.Value === null;
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
      a.type === "InvalidParameterException" && /validation errors? detected/.test(String((a.body as Body).message)) ? { ...a, type: "ValidationException" } : a,
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

export function variant(name: string): Bend {
  const v = variants[name] ?? conformingVariants[name];
  if (!v) throw new Error(`unknown variant '${name}' (known: ${[...Object.keys(variants), ...Object.keys(conformingVariants)].join(", ")})`);
  return v;
}
