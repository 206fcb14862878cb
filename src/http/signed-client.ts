/**
 * The suite's only way to talk to an endpoint: builds each request's URL, signs it (sign.ts),
 * sends it under the run's limits (transport.ts) and returns the whole exchange, with a curl
 * line that repeats it (curl.ts). It never throws for what the network does: the exchange
 * carries a `transportError` instead, so the scenario that made the call reports it as its
 * failure. With a gate, a request is not sent once the gate has closed.
 */
import { curlLine, type NamedCredentials } from "./curl.js";
import { buildQuery } from "./encode.js";
import type { Exchange } from "./exchange.js";
import type { RequestGate } from "./request-gate.js";
import { signedHeaders } from "./sign.js";
import { Transport } from "./transport.js";

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

/** A request signed ahead of time: `fire` sends it, so devices released together lose no time to signing. */
export interface PrimedRequest {
  fire(): Promise<Exchange>;
}

export class SignedClient {
  private readonly base: URL;
  private readonly transport: Transport;

  constructor(readonly settings: ClientSettings) {
    this.base = new URL(settings.endpoint);
    this.transport = new Transport(this.base.protocol === "https:", settings);
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
      return Object.defineProperty(ex, "curl", {
        enumerable: true,
        get: () => (curl ??= curlLine(this.settings, req.method, url, req.body, Boolean(req.unsigned))),
      }) as Exchange;
    };
    const fire = async (): Promise<Exchange> => {
      const gate = this.settings.gate;
      const closed = gate?.closedBecause;
      if (closed !== undefined) return withCurl({ ...sent, transportError: `not sent: ${closed}`, stopped: true, durationMs: 0 });
      const started = performance.now();
      const { outcome, ...received } = await this.transport.transmit(req.method, url, signed, req.body);
      if (outcome) gate?.settle(started, outcome, received.transportError ?? `HTTP ${received.response?.status}`);
      return withCurl({ ...sent, ...received, durationMs: Math.round(performance.now() - started) });
    };
    return { fire };
  }

  close(): void {
    this.transport.close();
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
}
