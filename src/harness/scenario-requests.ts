/**
 * The one place a scenario's requests go through (and so the run's gate): sent with the
 * caller's credentials, counted and timed by purpose into the run's stats and the scenario's
 * chain. A request that got no answer at all is a TransportFailure: the scenario is not judged.
 */
import type { Exchange, ReceivedResponse } from "../http/exchange.js";
import type { OutgoingRequest, SignedClient } from "../http/signed-client.js";
import type { Caller } from "./answers.js";
import { TransportFailure } from "./failure.js";
import type { RunContext } from "./run.js";
import type { Observed } from "./scenario.js";

/** Why a request is sent: to set a scenario up, or to check what it answers. */
export type Purpose = "setup" | "check";

export class ScenarioRequests {
  /** Credentials bound to the scenario's identity through a provider state, once made (see Callers). */
  boundByState?: SignedClient;

  constructor(
    private readonly run: RunContext,
    private readonly observed: Observed,
  ) {}

  async send(req: OutgoingRequest, as: Caller = "developer", purpose: Purpose = "check"): Promise<Exchange & { response: ReceivedResponse }> {
    const ex = await this.exchange(req, as, purpose);
    if (ex.response === undefined || ex.transportError !== undefined) throw new TransportFailure(ex);
    return ex as Exchange & { response: ReceivedResponse };
  }

  /** A request whose transport failure the caller handles itself. */
  async exchange(req: OutgoingRequest, as: Caller, purpose: Purpose): Promise<Exchange> {
    return this.counted(await this.clientFor(as).send(req), purpose);
  }

  /** Counts a request sent through another client of the scenario (a device's own connections). */
  counted(ex: Exchange, purpose: Purpose): Exchange {
    if (ex.stopped) return ex;
    const stats = this.run.stats;
    stats.requests[purpose]++;
    stats.requestMs[purpose] += ex.durationMs;
    this.observed.requests++;
    return ex;
  }

  /** Requests sent by another way (a provider-state hook), still part of the scenario's chain. */
  countElsewhere(requests: number): void {
    this.observed.requests += requests;
  }

  clientFor(as: Caller): SignedClient {
    if (as === "developer") return this.run.client;
    const bound = this.boundByState ?? this.run.boundClient;
    if (!bound) throw new Error("no bound credentials in this run: call boundCaller() first");
    return bound;
  }
}
