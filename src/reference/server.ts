/**
 * The embedded reference endpoint: a plain node:http server that answers the Cognito
 * Sync operations a conformance run needs, in the rest-json wire format of the model.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Authenticator, type KnownCredentials } from "./auth.js";
import type { Call, Services } from "./call.js";
import { serviceError, ServiceError } from "./errors.js";
import { Faults } from "./faults.js";
import { deleteDataset, describeDataset, listDatasets } from "./operations/datasets.js";
import { listRecords } from "./operations/list-records.js";
import { updateRecords } from "./operations/update-records.js";
import { changeState, STATE_PATH } from "./provider-states.js";
import { route, type Operation } from "./routes.js";
import { Sessions } from "./sessions.js";
import { MemoryStore } from "./memory-store.js";
import { AWS_LIMITS, type DatasetRef, type DatasetStore, type ImmediateStore, type Limits } from "./store.js";
import { TokenSealer } from "./tokens.js";
import { variantNamed } from "./variants.js";
import { serialize, type Answer } from "./wire.js";

export interface ReferenceOptions {
  /** Credentials whose signatures are verified; those with an identityId are bound to it. */
  credentials?: readonly KnownCredentials[];
  store?: ImmediateStore;
  limits?: Limits;
  /** How long a SyncSessionToken stays usable. */
  sessionTtlMs?: number;
  /** Larger request bodies are answered 413. */
  maxBodyBytes?: number;
  /** The name of a variant, broken or conforming (see variants.ts); absent for the reference itself. */
  variant?: string;
  /** Where unexpected internal errors are reported (they never reach the client). */
  onInternalError?: (error: unknown) => void;
}

export interface ReferenceEndpoint {
  /** Not yet listening; hand it to supertest, or call listen(). */
  readonly server: Server;
  readonly store: DatasetStore;
  readonly faults: Faults;
  readonly auth: Authenticator;
  /** Starts listening and resolves to the base URL, e.g. http://127.0.0.1:41234 */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

type Handler = (call: Call, services: Services) => object | Promise<object>;
const handlers: Record<Operation, Handler> = {
  ListRecords: listRecords,
  UpdateRecords: updateRecords,
  DeleteDataset: deleteDataset,
  DescribeDataset: describeDataset,
  ListDatasets: listDatasets,
};
const TAKES_BODY = new Set<Operation>(["UpdateRecords"]);

// A dataset holds at most 1 MB, but one record value may be 1048575 characters that JSON
// can escape to six bytes each; 8 MiB leaves room for any valid UpdateRecords body.
const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

export function createReferenceEndpoint(options: ReferenceOptions = {}): ReferenceEndpoint {
  const variant = options.variant === undefined ? undefined : variantNamed(options.variant);
  // The commands refuse an unknown name as a usage error first; a library caller gets this.
  if (options.variant !== undefined && !variant) throw new Error(`unknown variant '${options.variant}'`);
  const kept = options.store ?? new MemoryStore(options.limits ?? AWS_LIMITS);
  const store = variant?.store ? variant.store(kept) : kept;
  const sealer = new TokenSealer();
  const services: Services = { store, sealer, sessions: new Sessions(sealer, options.sessionTtlMs ?? 60 * 60 * 1000) };
  const faults = new Faults();
  const auth = new Authenticator(options.credentials);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const onInternalError = options.onInternalError ?? ((e: unknown) => console.error("reference endpoint: internal error:", e));

  async function answer(req: IncomingMessage): Promise<Answer> {
    let operation: Operation | undefined;
    let rawQuery = "";
    try {
      const body = await readBody(req, maxBody);
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const rawPath = q < 0 ? url : url.slice(0, q);
      rawQuery = q < 0 ? "" : url.slice(q + 1);
      // Provider states are the suite's back door, outside the API: no signature, no AWS error shape.
      if (rawPath === STATE_PATH && req.method === "POST") return changeState(body, { store, faults, auth, nextTokenAfter });
      const routed = route(req.method ?? "", rawPath);
      operation = routed.operation;
      const caller = await auth.authenticate({ method: req.method ?? "", rawPath, rawQuery, headers: req.headers, body });
      const injected = faults.take(operation);
      if (injected) throw injected;
      const call: Call = { labels: routed.labels, query: new URLSearchParams(rawQuery), body: TAKES_BODY.has(operation) ? parseJson(body) : {}, caller, now: Date.now() };
      variant?.request?.(operation, call);
      return asVariant(operation, { status: 200, body: await handlers[operation](call, services) }, rawQuery);
    } catch (e) {
      if (e instanceof ServiceError) return asVariant(operation, { status: e.status, type: e.type, body: { message: e.message } }, rawQuery);
      onInternalError(e);
      return { status: 500, type: "InternalErrorException", body: { message: "The reference endpoint failed unexpectedly" } };
    }
  }

  /** What ListRecords itself would hand out, so provider states never forge tokens of their own. */
  const nextTokenAfter = (ref: DatasetRef, pageSize: number): string | undefined => {
    const labels = { IdentityPoolId: ref.identityPoolId, IdentityId: ref.identityId, DatasetName: ref.datasetName };
    const call: Call = { labels, query: new URLSearchParams({ maxResults: String(pageSize) }), body: {}, caller: { accessKeyId: "provider-state" }, now: Date.now() };
    return listRecords(call, services).NextToken ?? undefined;
  };

  /** The answer as the variant, if any, sends it. */
  const asVariant = (operation: Operation | undefined, a: Answer, rawQuery: string): Answer =>
    variant?.response && operation ? variant.response(operation, a, new URLSearchParams(rawQuery)) : a;

  const server = createServer((req, res) => {
    void answer(req).then((out) => send(res, out));
  });

  return {
    server,
    store,
    faults,
    auth,
    listen(port = 0, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const { address, port: bound } = server.address() as AddressInfo;
          resolve(`http://${address.includes(":") ? `[${address}]` : address}:${bound}`);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function send(res: ServerResponse, out: Answer): void {
  if (res.destroyed) return; // the client went away; nobody to answer
  const chunks = out.text === undefined ? serialize(out.body) : [out.text];
  const headers: Record<string, string | number> = {
    "content-type": out.contentType ?? "application/json",
    "content-length": chunks.reduce((n, c) => n + (typeof c === "string" ? Buffer.byteLength(c) : c.length), 0),
    "x-amzn-requestid": randomUUID(),
  };
  if (out.type) headers["x-amzn-errortype"] = out.type;
  res.writeHead(out.status, headers);
  // Corked, the chunks leave in one write without being copied into a new buffer first.
  res.cork();
  for (const c of chunks) res.write(c);
  res.end();
  res.uncork();
}

/**
 * The whole body, or a 413 once it passes the limit. An oversized body is still read to
 * its end, so the client gets the answer instead of a reset; only a body many times the
 * limit is cut off, since reading it would be an open door for a flood.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  // Most calls are GETs without a body: no need to wait for the stream to end.
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) {
    req.resume();
    return Promise.resolve(EMPTY);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit * 16) {
        req.destroy();
        reject(serviceError("RequestEntityTooLargeException", `The request body passed ${limit * 16} bytes and was cut off`));
      }
    });
    req.on("end", () => {
      if (size > limit) reject(serviceError("RequestEntityTooLargeException", `The request body is ${size} bytes; at most ${limit} are accepted`));
      else resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}

function parseJson(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (e) {
    throw serviceError("SerializationException", `The request body is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw serviceError("SerializationException", "The request body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}

const EMPTY = Buffer.alloc(0);

/** Starts a reference endpoint on an ephemeral loopback port, as tests and the suite use it. */
export async function startReferenceEndpoint(options: ReferenceOptions = {}): Promise<ReferenceEndpoint & { url: string }> {
  const endpoint = createReferenceEndpoint(options);
  const url = await endpoint.listen();
  return Object.assign(endpoint, { url });
}
