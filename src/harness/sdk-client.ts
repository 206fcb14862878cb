/**
 * The official AWS SDK client, as the SDK compatibility specs use it: pointed at the run's
 * endpoint, one attempt per call, the run's deadline, and every exchange recorded so a
 * failure can show what was sent, what came back and a command that repeats it.
 */
import { CognitoSyncClient } from "@aws-sdk/client-cognito-sync";
import type { Exchange } from "../client/exchange.js";
import { curlLine, type ClientSettings } from "../client/signed-client.js";

interface SdkRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
}

export function recordingSdkClient(settings: ClientSettings, record: (ex: Exchange) => void): CognitoSyncClient {
  const { endpoint, region, credentials, timeoutMs } = settings;
  // throwOnRequestTimeout: without it the SDK only logs a warning and waits on forever.
  const client = new CognitoSyncClient({ endpoint, region, credentials, maxAttempts: 1, requestHandler: { requestTimeout: timeoutMs, connectionTimeout: timeoutMs, throwOnRequestTimeout: true } });
  client.middlewareStack.add(
    (next) => async (args) => {
      // Low priority in finalizeRequest: after signing, so the recorded headers are what went out.
      const req = args.request as SdkRequest;
      const pairs = Object.entries(req.query ?? {}).flatMap(([k, v]) => (v === null ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x])));
      const query = new URLSearchParams(pairs).toString();
      const url = `${req.protocol}//${req.hostname}${req.port ? `:${req.port}` : ""}${req.path}${query ? `?${query}` : ""}`;
      const base: Exchange = { operation: "ListRecords (AWS SDK)", request: { method: req.method, url, headers: { ...req.headers } }, durationMs: 0, curl: curlLine(settings, req.method, url) };
      const started = performance.now();
      try {
        const out = await next(args);
        const res = out.response as { statusCode: number; headers: Record<string, string> };
        record({ ...base, response: { status: res.statusCode, headers: res.headers, text: "(body read by the SDK)" }, durationMs: Math.round(performance.now() - started) });
        return out;
      } catch (e) {
        record({ ...base, transportError: (e as Error).message, durationMs: Math.round(performance.now() - started) });
        throw e;
      }
    },
    { step: "finalizeRequest", priority: "low", name: "conformanceExchangeRecorder" },
  );
  return client;
}
