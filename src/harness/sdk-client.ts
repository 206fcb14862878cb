/**
 * The official AWS SDK client, as the SDK compatibility specs use it: pointed at the run's
 * endpoint, one attempt per call, the run's deadline, its requests through the run's gate,
 * and every exchange recorded so a failure can show what was sent, what came back and a
 * command that repeats it. A request that got no answer (refused, reset, timed out, not
 * sent) throws a TransportFailure: the scenario is not judged, as for any other client.
 */
import { CognitoSyncClient } from "@aws-sdk/client-cognito-sync";
import { Readable } from "node:stream";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { Exchange } from "../http/exchange.js";
import { curlLine } from "../http/curl.js";
import { decodedAnswer } from "../http/decode.js";
import type { ClientSettings } from "../http/signed-client.js";
import { TransportFailure } from "./failure.js";

type HandlerRequest = Parameters<NodeHttpHandler["handle"]>[0];
type HandlerOptions = NonNullable<Parameters<NodeHttpHandler["handle"]>[1]>;

/** The SDK's own HTTP handler, behind the run's gate and recording what it sends. */
class GatedRecordingHandler extends NodeHttpHandler {
  constructor(
    private readonly settings: ClientSettings,
    private readonly record: (ex: Exchange) => void,
  ) {
    // throwOnRequestTimeout: without it the SDK only logs a warning and waits on forever.
    super({ requestTimeout: settings.timeoutMs, connectionTimeout: settings.timeoutMs, throwOnRequestTimeout: true });
  }

  override async handle(request: HandlerRequest, options: HandlerOptions = {}): ReturnType<NodeHttpHandler["handle"]> {
    const query = new URLSearchParams(Object.entries(request.query ?? {}).flatMap(([k, v]) => (v === null ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x])))).toString();
    const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ""}${request.path}${query ? `?${query}` : ""}`;
    const base = {
      operation: "ListRecords (AWS SDK)",
      request: { method: request.method, url, headers: { ...request.headers } },
      curl: curlLine(this.settings, request.method, url),
    };
    const gate = this.settings.gate;
    const closed = gate?.closedBecause;
    if (closed !== undefined) this.fail({ ...base, transportError: `not sent: ${closed}`, stopped: true, durationMs: 0 });
    const started = performance.now();
    const signals = [options.abortSignal as AbortSignal | undefined, gate?.signal].filter((s) => s !== undefined);
    try {
      const out = await super.handle(request, { ...options, ...(signals.length ? { abortSignal: AbortSignal.any(signals) } : {}) });
      // The SDK's handler resolves at the headers and stops timing there; the body is read here,
      // under what is left of the deadline, so a body that stalls or breaks is a transport failure.
      const body = await readWithin(out.response.body as Readable, this.settings.timeoutMs - (performance.now() - started), gate?.signal);
      out.response.body = Readable.from([body]);
      gate?.settle(started, "answered", `HTTP ${out.response.statusCode}`);
      const headers = Object.fromEntries(Object.entries(out.response.headers).map(([k, v]) => [k, String(v)]));
      this.record({ ...base, response: decodedAnswer(out.response.statusCode, headers, body), durationMs: Math.round(performance.now() - started) });
      return out;
    } catch (e) {
      const err = e as Error;
      const abandoned = gate?.signal.aborted === true;
      const detail = abandoned ? `abandoned: ${gate?.closedBecause}` : `${err.name}: ${err.message}`;
      if (!abandoned) gate?.settle(started, err.name === "TimeoutError" ? "timed out" : "no answer", detail);
      this.fail({ ...base, transportError: detail, ...(abandoned ? { stopped: true } : {}), durationMs: Math.round(performance.now() - started) });
    }
  }

  private fail(ex: Exchange): never {
    this.record(ex);
    throw new TransportFailure(ex);
  }
}

/** The whole body of `stream`, or a TimeoutError after `ms`, or the gate's reason once it closes. */
function readWithin(stream: Readable | undefined, ms: number, stop?: AbortSignal): Promise<Buffer> {
  if (!stream) return Promise.resolve(Buffer.alloc(0));
  if (stop?.aborted) return (stream.destroy(), Promise.reject(new Error(String(stop.reason))));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const end = (e?: Error) => {
      clearTimeout(timer);
      stop?.removeEventListener("abort", abandon);
      if (e) {
        stream.destroy();
        reject(e);
      } else resolve(Buffer.concat(chunks));
    };
    const timer = setTimeout(() => end(Object.assign(new Error(`no complete answer within the request timeout`), { name: "TimeoutError" })), Math.max(0, ms));
    const abandon = () => end(new Error(String(stop?.reason)));
    stop?.addEventListener("abort", abandon, { once: true });
    stream.on("data", (c: Buffer) => chunks.push(Buffer.from(c)));
    stream.once("end", () => end());
    stream.once("error", (e) => end(e));
  });
}

export function recordingSdkClient(settings: ClientSettings, record: (ex: Exchange) => void): CognitoSyncClient {
  const { endpoint, region, credentials } = settings;
  return new CognitoSyncClient({ endpoint, region, credentials, maxAttempts: 1, requestHandler: new GatedRecordingHandler(settings, record) });
}
