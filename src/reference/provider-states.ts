/**
 * The reference endpoint's provider-state hook (Pact's state-change protocol): puts the
 * endpoint into a state the public API cannot produce. Every state is described for
 * implementers in docs/provider-states.md; keep the two in step.
 */
import type { Authenticator } from "./auth.js";
import type { Faults } from "./faults.js";
import { operations } from "./routes.js";
import type { DatasetRef, DatasetStore, StoredRecord } from "./store.js";

export const STATE_PATH = "/_conformance/provider-states";

export interface StateTargets {
  store: DatasetStore;
  faults: Faults;
  auth: Authenticator;
  /** The NextToken ListRecords would hand out after the first `pageSize` changes (lastSyncCount 0). */
  nextTokenAfter(ref: DatasetRef, pageSize: number): string | undefined;
}

type Params = Record<string, unknown>;
/** A handler may return values for the caller (Pact injects them into the request it replays). */
type Handler = (params: Params, action: "setup" | "teardown", targets: StateTargets) => object | void;

class BadState extends Error {}

const str = (p: Params, name: string): string => {
  const v = p[name];
  if (typeof v !== "string" || v === "") throw new BadState(`param '${name}' must be a non-empty string`);
  return v;
};
// The hook is a test aid, but it must not be a way to exhaust the endpoint's memory.
const MAX_RECORDS = 2_000_000;

const count = (p: Params, name: string, fallback?: number, max = Number.MAX_SAFE_INTEGER): number => {
  const v = p[name] ?? fallback;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0 || v > max) throw new BadState(`param '${name}' must be a whole number from 0 to ${max}`);
  return v;
};
const dataset = (p: Params): DatasetRef => ({ identityPoolId: str(p, "identityPoolId"), identityId: str(p, "identityId"), datasetName: str(p, "datasetName") });

function failNextCalls(status: 429 | 500): Handler {
  return (p, action, { faults }) => {
    const operation = str(p, "operation");
    if (!(operations as readonly string[]).includes(operation)) throw new BadState(`param 'operation' must be one of ${operations.join(", ")}, not '${operation}'`);
    if (action === "teardown") return faults.disarm(operation);
    const times = count(p, "times", 1);
    if (times < 1) throw new BadState("param 'times' must be 1 or more");
    faults.arm(operation, status, times);
  };
}

const states: Record<string, Handler> = {
  "the service throttles the next calls": failNextCalls(429),
  "the service fails the next calls": failNextCalls(500),

  "a dataset has been merged": (p, action, { store }) => {
    const names = p.mergedDatasetNames;
    if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === "string"))
      throw new BadState("param 'mergedDatasetNames' must be a non-empty list of strings");
    const ref = dataset(p);
    if (action === "setup") store.setMergedDatasetNames(ref, names as string[]);
    else if (store.describe(ref)) store.setMergedDatasetNames(ref, []); // teardown creates nothing
  },

  // A state puts the dataset in place as if it had never been deleted, and its teardown forgets it, so
  // the same state set up again (a contract verified again) finds exactly the same endpoint.
  "a dataset holds these records": (p, action, { store }) => {
    const ref = dataset(p);
    store.erase(ref);
    if (action === "teardown") return;
    if (!Array.isArray(p.records) || p.records.length > MAX_RECORDS) throw new BadState(`param 'records' must be a list of at most ${MAX_RECORDS} {Key, Value?, SyncCount}`);
    const now = Date.now();
    const records: StoredRecord[] = (p.records as Params[]).map((r, i) => {
      if (typeof r !== "object" || r === null) throw new BadState(`records[${i}] must be an object`);
      const value = r.Value;
      if (value !== undefined && value !== null && typeof value !== "string") throw new BadState(`records[${i}].Value must be a string or null`);
      return { key: str(r, "Key"), syncCount: count(r, "SyncCount"), lastModifiedDate: now, lastModifiedBy: ref.identityId, ...(typeof value === "string" ? { value } : {}) };
    });
    if (new Set(records.map((r) => r.key)).size !== records.length) throw new BadState("param 'records' has a Key twice");
    const highest = records.reduce((m, r) => Math.max(m, r.syncCount), 0);
    const syncCount = count(p, "datasetSyncCount", highest);
    if (syncCount < highest) throw new BadState(`datasetSyncCount ${syncCount} is below a record's SyncCount ${highest}`);
    store.load(ref, records, syncCount, now);
  },

  "a dataset does not exist": (p, action, { store }) => {
    if (action === "setup") store.erase(dataset(p));
  },

  "a dataset holds numbered records": (p, action, { store, nextTokenAfter }) => {
    const ref = dataset(p);
    store.erase(ref);
    if (action === "teardown") return;
    const n = count(p, "count", undefined, MAX_RECORDS);
    const now = Date.now();
    const records = Array.from({ length: n }, (_, i) => ({
      key: `record-${String(i).padStart(4, "0")}`,
      value: `value-${i}`,
      syncCount: 1,
      lastModifiedDate: now,
      lastModifiedBy: ref.identityId,
    }));
    store.load(ref, records, n > 0 ? 1 : 0, now);
    if (p.pageSize === undefined) return {};
    const token = nextTokenAfter(ref, count(p, "pageSize"));
    return token === undefined ? {} : { nextToken: token };
  },

  "credentials are bound to an identity": (p, action, { auth }) => {
    const accessKeyId = str(p, "accessKeyId");
    if (action === "setup") auth.register({ accessKeyId, secretAccessKey: str(p, "secretAccessKey"), identityId: str(p, "identityId") });
    else auth.unregister(accessKeyId);
  },
};

export const stateNames = Object.keys(states);

/** The hook's answer to one state-change request: 200 when done, 400 with the reason otherwise. */
export function changeState(raw: Buffer, targets: StateTargets): { status: number; body: object } {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    return { status: 400, body: { error: "the body must be JSON {state, params, action}" } };
  }
  const { state, params = {}, action = "setup" } = (typeof body === "object" && body !== null ? body : {}) as Params;
  if (typeof state !== "string") return { status: 400, body: { error: "the body must be JSON {state, params, action}" } };
  const handler = states[state];
  if (!handler) return { status: 400, body: { error: `unknown provider state '${state}'`, known: stateNames } };
  if (action !== "setup" && action !== "teardown") return { status: 400, body: { error: `action must be 'setup' or 'teardown', not '${String(action)}'` } };
  if (typeof params !== "object" || params === null) return { status: 400, body: { error: "params must be an object" } };
  try {
    return { status: 200, body: handler(params as Params, action, targets) ?? {} };
  } catch (e) {
    if (e instanceof BadState) return { status: 400, body: { error: `provider state '${state}': ${e.message}` } };
    throw e;
  }
}
