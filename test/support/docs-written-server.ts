/**
 * A ListRecords server with its own provider-state hook, written only from docs/provider-states.md,
 * the README's "Pact contracts" section, the contract and the schemas (never from src/reference or
 * src/model), to check that those docs are enough to build a hook `pact` passes against run after run.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type StoredRecord = { Key: string; Value?: string; SyncCount: number; LastModifiedDate: number; LastModifiedBy: string };
type Dataset = { records: StoredRecord[]; syncCount: number; lastModifiedBy: string | null; merged?: string[] };
type Params = Record<string, unknown>;

const HOOK_PATH = "/_hook";
const RECORDS_PATH = /^\/identitypools\/([^/]+)\/identities\/([^/]+)\/datasets\/([^/]+)\/records$/;
const ID = /^[\w-]+:[0-9a-f-]+$/;
const DATASET_NAME = /^[a-zA-Z0-9_.:-]+$/;
// The docs say a hook refuses a fault on an operation it does not serve, and this server serves only ListRecords.
const SERVED_OPERATIONS = new Set(["ListRecords"]);

/** An answer other than 200: its status, its AWS error type and why. */
class Refusal extends Error {
  status: number;
  type: string;
  constructor(status: number, type: string, message: string) {
    super(message);
    [this.status, this.type] = [status, type];
  }
}
const badParam = (message: string) => new Refusal(400, "InvalidParameterException", message);

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  res.writeHead(status, { "content-type": "application/json", ...(errorType ? { "x-amzn-ErrorType": errorType } : {}) });
  res.end(JSON.stringify(body));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Hook parameter readers: a parameter the hook cannot honour is refused, never guessed at.
function text(p: Params, name: string): string {
  const v = p[name];
  if (typeof v !== "string" || v === "") throw badParam(`param ${name} must be a non-empty string`);
  return v;
}
function whole(p: Params, name: string, min: number, fallback?: number): number {
  const v = p[name] ?? fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) throw badParam(`param ${name} must be an integer >= ${min}`);
  return v;
}

export async function startDocsWrittenServer(): Promise<{ url: string; stateUrl: string; close(): Promise<void> }> {
  const datasets = new Map<string, Dataset>();
  const faults = new Map<string, { status: number; type: string; left: number }>(); // operation -> fault
  const bound = new Map<string, string>(); // access key id -> the one identity it may act as
  let sessions = 0;

  const datasetKey = (pool: string, identity: string, name: string) => JSON.stringify([pool, identity, name]);
  const keyOf = (p: Params) => datasetKey(text(p, "identityPoolId"), text(p, "identityId"), text(p, "datasetName"));
  // The token names the listing it continues, so a token from another dataset or lastSyncCount is refused.
  const tokenFor = (key: string, last: number, offset: number) => Buffer.from(JSON.stringify([key, last, offset])).toString("base64url");

  // Replacing the map entry drops any earlier life of the dataset, as "What a hook must reset" asks.
  function putDataset(p: Params, records: Array<Omit<StoredRecord, "LastModifiedDate" | "LastModifiedBy">>, syncCount: number): void {
    const identity = text(p, "identityId");
    const now = Date.now() / 1000;
    const stored = records.map((r) => ({ ...r, LastModifiedDate: now, LastModifiedBy: identity }));
    datasets.set(keyOf(p), { records: stored, syncCount, lastModifiedBy: stored.length > 0 ? identity : null });
  }

  function fault(status: number, type: string) {
    return (p: Params, setup: boolean) => {
      const operation = text(p, "operation");
      if (!SERVED_OPERATIONS.has(operation)) throw badParam(`operation ${operation} is not served here`);
      if (setup) faults.set(operation, { status, type, left: whole(p, "times", 1, 1) });
      else faults.delete(operation);
      return {};
    };
  }

  const states: Record<string, (p: Params, setup: boolean) => object> = {
    "the service throttles the next calls": fault(429, "TooManyRequestsException"),
    "the service fails the next calls": fault(500, "InternalErrorException"),
    "a dataset has been merged": (p, setup) => {
      const key = keyOf(p);
      const names = p.mergedDatasetNames; // the docs require it on teardown too
      if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === "string"))
        throw badParam("param mergedDatasetNames must be a non-empty array of strings");
      const ds = datasets.get(key);
      if (setup) datasets.set(key, { ...(ds ?? { records: [], syncCount: 0, lastModifiedBy: null }), merged: [...(names as string[])] });
      else if (ds) delete ds.merged;
      return {};
    },
    "a dataset holds these records": (p, setup) => {
      if (!setup) return (datasets.delete(keyOf(p)), {});
      if (!Array.isArray(p.records)) throw badParam("param records must be an array");
      const seen = new Set<string>();
      const records = (p.records as unknown[]).map((r) => {
        const rec = (typeof r === "object" && r !== null ? r : {}) as Params;
        const key = text(rec, "Key");
        if (seen.has(key)) throw badParam(`record key ${key} appears twice`);
        seen.add(key);
        if (rec.Value !== undefined && rec.Value !== null && typeof rec.Value !== "string") throw badParam(`record ${key}: Value must be a string or null`);
        return { Key: key, SyncCount: whole(rec, "SyncCount", 0), ...(typeof rec.Value === "string" ? { Value: rec.Value } : {}) };
      });
      const highest = Math.max(0, ...records.map((r) => r.SyncCount));
      const syncCount = whole(p, "datasetSyncCount", 0, highest);
      if (syncCount < highest) throw badParam("param datasetSyncCount is below a record's SyncCount");
      putDataset(p, records, syncCount);
      return {};
    },
    "a dataset does not exist": (p, setup) => (setup && datasets.delete(keyOf(p)), {}),
    "a dataset holds numbered records": (p, setup) => {
      if (!setup) return (datasets.delete(keyOf(p)), {});
      const count = whole(p, "count", 0);
      const pageSize = p.pageSize === undefined ? undefined : whole(p, "pageSize", 1);
      const records = Array.from({ length: count }, (_, i) => ({ Key: `record-${String(i).padStart(4, "0")}`, Value: `value-${i}`, SyncCount: 1 }));
      putDataset(p, records, count > 0 ? 1 : 0);
      // The same token ListRecords hands out after a first page of pageSize from lastSyncCount 0.
      return pageSize !== undefined && count > pageSize ? { nextToken: tokenFor(keyOf(p), 0, pageSize) } : {};
    },
    "credentials are bound to an identity": (p, setup) => {
      const accessKeyId = text(p, "accessKeyId");
      if (!setup) return (bound.delete(accessKeyId), {});
      text(p, "secretAccessKey"); // required on setup; signatures are not checked here
      bound.set(accessKeyId, text(p, "identityId"));
      return {};
    },
  };

  function hook(body: string): object {
    const msg = parseJson(body);
    if (typeof msg !== "object" || msg === null) throw badParam("the body is not a JSON object");
    const { state, params = {}, action } = msg as Params;
    if (typeof state !== "string" || !(state in states)) throw badParam(`unknown state: ${JSON.stringify(state)}; known: ${Object.keys(states).join(", ")}`);
    if (action !== "setup" && action !== "teardown") throw badParam(`action must be "setup" or "teardown", not ${JSON.stringify(action)}`);
    if (typeof params !== "object" || params === null || Array.isArray(params)) throw badParam("params must be an object");
    return states[state]!(params as Params, action === "setup");
  }

  function listRecords(req: IncomingMessage, url: URL, segments: string[]): object {
    const f = faults.get("ListRecords");
    if (f) {
      if (--f.left <= 0) faults.delete("ListRecords");
      throw new Refusal(f.status, f.type, f.type === "TooManyRequestsException" ? "Rate exceeded" : "Internal failure");
    }
    const accessKey = /Credential=([^/\s]+)\//.exec(req.headers.authorization ?? "")?.[1];
    if (!accessKey) throw new Refusal(403, "NotAuthorizedException", "the request is not signed");
    let pool: string, identity: string, name: string;
    try {
      [pool, identity, name] = segments.map(decodeURIComponent) as [string, string, string];
    } catch {
      throw badParam("a path segment is not valid percent-encoding");
    }
    const boundTo = bound.get(accessKey);
    if (boundTo !== undefined && boundTo !== identity) throw new Refusal(403, "NotAuthorizedException", `access key ${accessKey} may not act as ${identity}`);
    if (pool.length > 55 || !ID.test(pool)) throw badParam("IdentityPoolId is not valid");
    if (identity.length > 55 || !ID.test(identity)) throw badParam("IdentityId is not valid");
    if (name.length > 128 || !DATASET_NAME.test(name)) throw badParam("DatasetName is not valid");
    const integer = (q: string, fallback: number, min: number) => {
      const raw = url.searchParams.get(q);
      if (raw === null) return fallback;
      const n = /^-?\d{1,15}$/.test(raw) ? Number(raw) : NaN;
      if (!(n >= min)) throw badParam(`${q} must be an integer >= ${min}`);
      return n;
    };
    const last = integer("lastSyncCount", 0, 0);
    const max = Math.min(integer("maxResults", Infinity, 1), 2 ** 31 - 1);
    const key = datasetKey(pool, identity, name);
    const token = url.searchParams.get("nextToken");
    const parsed = token === null ? [key, last, 0] : parseJson(Buffer.from(token, "base64url").toString());
    if (!Array.isArray(parsed) || parsed[0] !== key || parsed[1] !== last || !Number.isInteger(parsed[2]) || parsed[2] < 0) throw badParam("nextToken is not valid here");
    const offset = parsed[2] as number;
    const ds = datasets.get(key);
    const changed = (ds?.records ?? []).filter((r) => r.SyncCount > last);
    const page = changed.slice(offset, offset + max);
    const next = offset + page.length < changed.length ? tokenFor(key, last, offset + page.length) : undefined;
    return {
      Records: page.map((r) => ({ ...r, DeviceLastModifiedDate: r.LastModifiedDate })),
      ...(next ? { NextToken: next } : {}),
      Count: page.length,
      DatasetSyncCount: ds?.syncCount ?? 0,
      LastModifiedBy: ds?.lastModifiedBy ?? null,
      MergedDatasetNames: ds?.merged ?? null,
      DatasetExists: ds !== undefined,
      // Nothing here deletes a dataset the way DeleteDataset does: the hook's removals forget it.
      DatasetDeletedAfterRequestedSyncCount: false,
      SyncSessionToken: `session-${++sessions}`,
    };
  }

  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => (body += d));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const route = RECORDS_PATH.exec(url.pathname);
      try {
        if (req.method === "POST" && url.pathname === HOOK_PATH) return send(res, 200, hook(body));
        if (req.method === "GET" && route) return send(res, 200, listRecords(req, url, route.slice(1)));
        throw new Refusal(404, "UnknownOperationException", `no operation at ${req.method} ${url.pathname}`);
      } catch (e) {
        const r = e instanceof Refusal ? e : new Refusal(500, "InternalErrorException", String(e));
        // The hook answers {"error"} without an error type; the API answers in the AWS error shape.
        if (url.pathname === HOOK_PATH) send(res, r.status, { error: r.message });
        else send(res, r.status, { message: r.message }, r.type);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stateUrl: `${url}${HOOK_PATH}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
