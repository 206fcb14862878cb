/**
 * Deliberately broken variants of the reference endpoint: each one a small, realistic bug
 * an implementer could make. The suite must fail against every one of them; that is how
 * the project proves its scenarios can fail. Chosen by name (`serve --variant NAME`),
 * never by editing code.
 */
import type { Call } from "./call.js";
import type { Operation } from "./routes.js";

export interface Answer {
  status: number;
  type?: string;
  body: object;
  /** Replaces the content type the server would send. */
  contentType?: string;
}

export interface Variant {
  description: string;
  /** Bends the request as a buggy server would read it, before the operation runs. */
  request?: (operation: Operation, call: Call) => void;
  /** Bends the answer before it is sent. */
  response?: (operation: Operation, answer: Answer) => Answer;
}

type Body = Record<string, unknown>;
type Page = Body & { Records?: Body[]; Count?: number; NextToken?: string | null };

/** A response rewrite for 200 ListRecords answers only. */
const onPage = (rewrite: (page: Page) => Page) => (operation: Operation, a: Answer) =>
  operation === "ListRecords" && a.status === 200 ? { ...a, body: rewrite({ ...(a.body as Page) }) } : a;

export const variants: Record<string, Variant> = {
  "page-drops-last-record": {
    description: "every page that has a NextToken silently drops its last record (a gap in the walk)",
    response: onPage((p) => (p.NextToken && p.Records && p.Records.length > 1 ? { ...p, Records: p.Records.slice(0, -1), Count: p.Records.length - 1 } : p)),
  },
  "ignores-last-sync-count": {
    description: "lastSyncCount is ignored: every call returns the whole dataset",
    request: (operation, call) => {
      if (operation === "ListRecords") call.query.delete("lastSyncCount");
    },
  },
  "missing-dataset-404": {
    description: "a dataset that does not exist is answered 404 ResourceNotFoundException instead of 200",
    response: (operation, a) =>
      operation === "ListRecords" && a.status === 200 && (a.body as Page).DatasetExists === false
        ? { status: 404, type: "ResourceNotFoundException", body: { message: "Dataset not found" } }
        : a,
  },
  "invalid-parameter-as-500": {
    description: "a request that breaks a parameter constraint is answered 500 InternalErrorException",
    response: (_, a) => (a.status === 400 && a.type === "InvalidParameterException" ? { ...a, status: 500, type: "InternalErrorException" } : a),
  },
  "no-session-token": {
    description: "ListRecords answers carry no SyncSessionToken",
    response: onPage((p) => {
      delete p.SyncSessionToken;
      return p;
    }),
  },
  "sync-count-as-string": {
    description: "record SyncCount is sent as a JSON string (\"3\") instead of a number",
    response: onPage((p) => ({ ...p, Records: p.Records?.map((r) => ({ ...r, SyncCount: String(r.SyncCount) })) })),
  },
  "error-type-unresolvable": {
    description: "errors carry no type the SDK can read: no x-amzn-ErrorType header, no __type or code in the body",
    response: (_, a) => (a.status >= 400 ? { status: a.status, body: a.body } : a),
  },
  "merged-names-dropped": {
    description: "MergedDatasetNames is always null, so clients never run their merge handling",
    response: onPage((p) => ({ ...p, MergedDatasetNames: null })),
  },
};

export function variant(name: string): Variant {
  const v = variants[name];
  if (!v) throw new Error(`unknown variant '${name}' (known: ${Object.keys(variants).join(", ")})`);
  return v;
}
