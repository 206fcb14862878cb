/** What every operation handler receives, and the checks they all start with. */
import type { Caller } from "./auth.js";
import { serviceError } from "./errors.js";
import type { Sessions } from "./sessions.js";
import type { DatasetRef, DatasetStore } from "./store.js";
import type { TokenSealer } from "./tokens.js";
import type { Violations } from "./validate.js";

export interface Services {
  store: DatasetStore;
  sealer: TokenSealer;
  sessions: Sessions;
}

export interface Call {
  labels: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body, for operations that take one. */
  body: Record<string, unknown>;
  caller: Caller;
  now: number;
}

/** Path labels checked against the model; `violations` may carry more (query) problems. */
export function identityFrom(call: Call, violations: Violations): { identityPoolId: string; identityId: string } {
  violations.string("identityPoolId", call.labels.IdentityPoolId ?? "");
  violations.string("identityId", call.labels.IdentityId ?? "");
  return { identityPoolId: call.labels.IdentityPoolId ?? "", identityId: call.labels.IdentityId ?? "" };
}

export function datasetFrom(call: Call, violations: Violations): DatasetRef {
  const identity = identityFrom(call, violations);
  violations.string("datasetName", call.labels.DatasetName ?? "");
  return { ...identity, datasetName: call.labels.DatasetName ?? "" };
}

/** Credentials bound to one identity may not touch another's data. */
export function authorize(call: Call, identityId: string): void {
  const bound = call.caller.boundIdentityId;
  if (bound !== undefined && bound !== identityId) {
    throw serviceError("NotAuthorizedException", `Access to Identity '${identityId}' is forbidden for these credentials`);
  }
}
