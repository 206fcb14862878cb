/**
 * Broken variants in what is refused and how: parameters left unchecked, credentials not
 * held to their identity, errors answered with the wrong status, a type the SDK cannot read,
 * or a body no client can parse. Each breaks the requirement it names.
 */
import type { Operation } from "./routes.js";
import type { BrokenVariant } from "./variant-hooks.js";
import { isWhole, onListRequest, type Page } from "./variant-rewrites.js";
import type { Answer } from "./wire.js";

/** A 200 ListRecords page that `matches` is answered 404 ResourceNotFoundException instead. */
const notFoundWhen = (matches: (page: Page) => boolean, message: string) => (operation: Operation, a: Answer) =>
  operation === "ListRecords" && a.status === 200 && matches(a.body as Page) ? { status: 404, type: "ResourceNotFoundException", body: { message } } : a;
const VALID_ID = /^[\w-]+:[0-9a-f-]+$/;

export const errorVariants = {
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
  "error-type-unresolvable": {
    breaks: "LR-SDK-ERROR-STATUS",
    description: "errors carry no type the SDK can read: no x-amzn-ErrorType header, no __type or code in the body",
    response: (_, a) => (a.status >= 400 ? { status: a.status, body: a.body } : a),
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
  "deleted-dataset-404": {
    breaks: "LR-DELETED-VISIBLE",
    description: "a client that synced before a dataset was deleted gets 404 ResourceNotFoundException instead of the deleted flag",
    response: notFoundWhen((p) => p.DatasetDeletedAfterRequestedSyncCount === true, "Dataset was deleted"),
  },
} satisfies Record<string, BrokenVariant>;
