/**
 * One request over node:http(s), under a deadline and a response-size cap, on kept-alive
 * connections of its own. It never throws for what the network does: a refused connection,
 * a timeout or an oversized answer comes back as a `transportError`, with how the run's gate
 * should count it. A request in flight is abandoned when the gate closes.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { decodeResponse } from "./decode.js";
import type { Exchange } from "./exchange.js";
import type { Outcome, RequestGate } from "./request-gate.js";

export interface TransportLimits {
  timeoutMs: number;
  maxResponseBytes: number;
  gate?: RequestGate;
}

/** What came back, and how the gate should count it (nothing, when the gate itself cut it off). */
export type Transmitted = Pick<Exchange, "response" | "transportError" | "stopped"> & { outcome?: Outcome };

export class Transport {
  private readonly agent: HttpAgent;

  constructor(
    https: boolean,
    private readonly limits: TransportLimits,
  ) {
    this.agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  }

  /**
   * A kept-alive connection the server closed while idle fails the next request sent on it
   * (reset before any answer); that request is sent once more on a new connection, as Node's
   * documentation advises, since the server never saw it.
   */
  transmit(method: string, url: string, headers: Record<string, string>, body?: string, resent = false): Promise<Transmitted> {
    const { timeoutMs, maxResponseBytes, gate } = this.limits;
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
          finish({ response: decodeResponse(res, chunks), outcome: "answered" });
        });
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
