/**
 * The suite's only way to talk to an endpoint: signs each request with the AWS SDK's own
 * SigV4 signer, enforces a deadline and a response-size cap, and returns the whole
 * exchange. It never throws for what the network does: a refused connection, a timeout
 * or an oversized answer comes back as an exchange with `transportError`, so the
 * scenario that made the call reports it as its failure. With a gate, a request is not sent
 * once the gate has closed, and one in flight is abandoned when it closes.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { buildQuery } from "./encode.js";
import type { Exchange, ReceivedResponse } from "./exchange.js";
import { parseBounded } from "./json-depth.js";
import type { Outcome, RequestGate } from "./request-gate.js";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Credentials plus the names a reproduction command refers to them by (secrets never appear in reports). */
export interface NamedCredentials extends Credentials {
  envNames: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  /** The suite's own placeholders, no secret: a reproduction command spells them out, since nobody has them set. */
  placeholder?: true;
}

export interface ClientSettings {
  endpoint: string;
  region: string;
  credentials: NamedCredentials;
  timeoutMs: number;
  maxResponseBytes: number;
  /** The run's request gate, shared by every client of the run. */
  gate?: RequestGate;
}

export interface OutgoingRequest {
  operation: string;
  method: "GET" | "POST" | "DELETE" | "PUT";
  /** Already percent-encoded, as it goes on the wire; appended to the endpoint's path ("" for the endpoint URL itself). */
  path: string;
  query?: Record<string, string | undefined>;
  body?: string;
  /** Send without an Authorization header. */
  unsigned?: boolean;
}

/** One signer per credentials and region: it keeps the day's derived signing key, which a signer made per request would derive again. */
const signers = new Map<string, SignatureV4>();
function signerFor(credentials: Credentials, region: string): SignatureV4 {
  const key = JSON.stringify([credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken ?? null, region]);
  let signer = signers.get(key);
  if (!signer) signers.set(key, (signer = new SignatureV4({ service: "cognito-sync", region, credentials: { ...credentials }, sha256: Hash.bind(null, "sha256") })));
  return signer;
}

/**
 * The headers that sign a request for `cognito-sync` with the AWS SDK's own signer: `path`
 * as it goes on the wire (still percent-encoded; SigV4 encodes it once more), `query` decoded.
 */
export async function signedHeaders(
  credentials: Credentials,
  region: string,
  req: { method: string; url: URL; path: string; query: Record<string, string>; headers: Record<string, string>; body?: string | Uint8Array },
): Promise<Record<string, string>> {
  const signer = signerFor(credentials, region);
  const signed = await signer.sign({
    method: req.method,
    protocol: req.url.protocol,
    hostname: req.url.hostname,
    ...(req.url.port ? { port: Number(req.url.port) } : {}),
    path: req.path,
    query: req.query,
    headers: { ...req.headers, host: req.url.host },
    ...(req.body === undefined ? {} : { body: req.body }),
  });
  return Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

/** A request signed ahead of time: `fire` sends it, so devices released together lose no time to signing. */
export interface PrimedRequest {
  fire(): Promise<Exchange>;
}

type Transmitted = Pick<Exchange, "response" | "transportError" | "stopped"> & { outcome?: Outcome };

export class SignedClient {
  private readonly base: URL;
  private readonly agent: HttpAgent;

  constructor(readonly settings: ClientSettings) {
    this.base = new URL(settings.endpoint);
    this.agent = this.base.protocol === "https:" ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  }

  /** The same endpoint, limits and credentials over connections of its own, as another device holds. */
  separate(): SignedClient {
    return new SignedClient(this.settings);
  }

  /** The same endpoint and limits with other credentials (e.g. ones bound to an identity). */
  as(credentials: NamedCredentials): SignedClient {
    return new SignedClient({ ...this.settings, credentials });
  }

  async send(req: OutgoingRequest): Promise<Exchange> {
    return (await this.prime(req)).fire();
  }

  async prime(req: OutgoingRequest): Promise<PrimedRequest> {
    // An empty path means the endpoint URL itself, exactly as configured (a state hook's URL).
    const path = req.path === "" ? `${this.base.pathname}${this.base.search}` : `${this.base.pathname.replace(/\/$/, "")}${req.path}`;
    const url = `${this.base.origin}${path}${buildQuery(req.query ?? {})}`;
    const headers: Record<string, string> = { host: this.base.host };
    if (req.body !== undefined) headers["content-type"] = "application/json";
    const signed = req.unsigned ? headers : await this.sign(req, path, headers);
    const sent = {
      operation: req.operation,
      request: { method: req.method, url, headers: signed, ...(req.body === undefined ? {} : { body: req.body }) },
    };
    // The curl line is written out only when a report reads it: most exchanges pass, and quoting a megabyte body costs.
    const withCurl = (ex: Omit<Exchange, "curl">): Exchange => {
      let curl: string | undefined;
      return Object.defineProperty(ex, "curl", { enumerable: true, get: () => (curl ??= this.curl(req, url, Boolean(req.unsigned))) }) as Exchange;
    };
    const fire = async (): Promise<Exchange> => {
      const gate = this.settings.gate;
      const closed = gate?.closedBecause;
      if (closed !== undefined) return withCurl({ ...sent, transportError: `not sent: ${closed}`, stopped: true, durationMs: 0 });
      const started = performance.now();
      const { outcome, ...received } = await this.transmit(req.method, url, signed, req.body);
      if (outcome) gate?.settle(started, outcome, received.transportError ?? `HTTP ${received.response?.status}`);
      return withCurl({ ...sent, ...received, durationMs: Math.round(performance.now() - started) });
    };
    return { fire };
  }

  close(): void {
    this.agent.destroy();
  }

  private sign(req: OutgoingRequest, path: string, headers: Record<string, string>): Promise<Record<string, string>> {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) query[k] = v;
    return signedHeaders(this.settings.credentials, this.settings.region, {
      method: req.method,
      url: this.base,
      path,
      query,
      headers,
      ...(req.body === undefined ? {} : { body: req.body }),
    });
  }

  /**
   * What came back, and how the gate should count it (nothing, when the gate itself cut it off).
   * A kept-alive connection the server closed while idle fails the next request sent on it
   * (reset before any answer); that request is sent once more on a new connection, as Node's
   * documentation advises, since the server never saw it.
   */
  private transmit(method: string, url: string, headers: Record<string, string>, body?: string, resent = false): Promise<Transmitted> {
    const { timeoutMs, maxResponseBytes, gate } = this.settings;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: Transmitted) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        gate?.signal.removeEventListener("abort", abandon);
        resolve(outcome);
      };
      const send = url.startsWith("https:") ? httpsRequest : httpRequest;
      const req = send(url, { method, headers, agent: this.agent });
      const deadline = setTimeout(() => {
        req.destroy();
        finish({ transportError: `no complete answer within ${timeoutMs} ms (the request timeout)`, outcome: "timed out" });
      }, timeoutMs);
      const abandon = () => {
        req.destroy();
        finish({ transportError: `abandoned: ${gate?.closedBecause}`, stopped: true });
      };
      gate?.signal.addEventListener("abort", abandon, { once: true });
      let answered = false;
      req.on("error", (e: NodeJS.ErrnoException) => {
        if (!resent && !settled && req.reusedSocket && !answered && (e.code === "ECONNRESET" || e.code === "EPIPE")) {
          settled = true;
          clearTimeout(deadline);
          gate?.signal.removeEventListener("abort", abandon);
          return void this.transmit(method, url, headers, body, true).then(resolve);
        }
        finish({ transportError: `${e.code ?? "error"}: ${e.message}`, outcome: "no answer" });
      });
      req.on("response", (res: IncomingMessage) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxResponseBytes) {
            req.destroy();
            // An oversized answer is still an answer: the endpoint is alive.
            finish({ transportError: `the answer passed ${maxResponseBytes} bytes (the response size cap); HTTP ${res.statusCode}`, outcome: "answered" });
          } else chunks.push(chunk);
        });
        res.on("error", (e: NodeJS.ErrnoException) => finish({ transportError: `${e.code ?? "error"} while reading the answer: ${e.message}`, outcome: "no answer" }));
        res.on("end", () => {
          if (!res.complete) return finish({ transportError: `the connection closed before the answer was complete (HTTP ${res.statusCode})`, outcome: "no answer" });
          finish({ response: toResponse(res, Buffer.concat(chunks).toString("utf8")), outcome: "answered" });
        });
      });
      req.end(body);
    });
  }

  private curl(req: OutgoingRequest, url: string, unsigned: boolean): string {
    return curlLine(this.settings, req.method, url, req.body, unsigned);
  }
}

/** A curl command that repeats a request, naming the credentials by environment variable, never by value. */
export function curlLine(settings: Pick<ClientSettings, "region" | "credentials">, method: string, url: string, body?: string, unsigned = false): string {
  const names = settings.credentials.envNames;
  const parts = ["curl", "-sS", "-i", "-X", method];
  if (!unsigned) {
    const { accessKeyId, secretAccessKey, placeholder } = settings.credentials;
    parts.push(
      "--aws-sigv4",
      `'aws:amz:${settings.region}:cognito-sync'`,
      "--user",
      placeholder ? shellQuote(`${accessKeyId}:${secretAccessKey}`) : `"$${names.accessKeyId}:$${names.secretAccessKey}"`,
    );
    if (settings.credentials.sessionToken) parts.push("-H", `"x-amz-security-token: $${names.sessionToken}"`);
  }
  if (body !== undefined) parts.push("-H", "'content-type: application/json'", "--data-raw", shellQuote(body));
  parts.push(shellQuote(url));
  return parts.join(" ");
}

function toResponse(res: IncomingMessage, text: string): ReceivedResponse {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
  const response: ReceivedResponse = { status: res.statusCode ?? 0, headers, text };
  try {
    if (text.trim() !== "") response.json = parseBounded(text);
  } catch {
    // not JSON: the assertions say so, with the text
  }
  return response;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
