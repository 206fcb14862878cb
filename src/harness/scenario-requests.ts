/**
 * The one place a scenario's requests go through (and so the run's gate): sent with the
 * caller's credentials, counted and timed by purpose into the run's stats and the scenario's
 * chain, and kept for a snapshot when the run asks. A request that got no answer at all is a
 * TransportFailure: the scenario is not judged.
 */
import type { Exchange, ReceivedResponse } from "../http/exchange.js";
import type { OutgoingRequest, SignedClient } from "../http/signed-client.js";
import type { RequirementId } from "../requirement-ids.js";
import type { Caller } from "./answers.js";
import { TransportFailure } from "./failure.js";
import type { RunContext } from "./run.js";
import type { Observed, Purpose } from "./scenario.js";

export type { Purpose } from "./scenario.js";

export class ScenarioRequests {
  /** Credentials bound to the scenario's identity through a provider state, once made (see Callers). */
  boundByState?: SignedClient;
  /** Set when cleanup begins: what undoes a scenario is not part of its snapshot. */
  private keeping: boolean;

  constructor(
    private readonly run: RunContext,
    private readonly observed: Observed,
  ) {
    this.keeping = run.keepExchanges === true;
  }

  async send(req: OutgoingRequest, as: Caller = "developer", purpose: Purpose = "check", because?: RequirementId): Promise<Exchange & { response: ReceivedResponse }> {
    const ex = await this.exchange(req, as, purpose, because);
    if (ex.response === undefined || ex.transportError !== undefined) throw new TransportFailure(ex);
    return ex as Exchange & { response: ReceivedResponse };
  }

  /** A request whose transport failure the caller handles itself. */
  async exchange(req: OutgoingRequest, as: Caller, purpose: Purpose, because?: RequirementId): Promise<Exchange> {
    // Kept in the order sent, so requests in flight together keep the order the scenario gave them.
    const slot = this.slot();
    const sentMs = performance.now();
    const ex = await this.clientFor(as).send(req);
    this.keep(slot, ex, purpose, because, sentMs);
    return this.counted(ex, purpose, false);
  }

  /** Counts a request sent through another client of the scenario (a device's own connections); `keep` keeps it for a snapshot. */
  counted(ex: Exchange, purpose: Purpose, keep = true): Exchange {
    if (ex.stopped) return ex;
    if (keep) this.keep(this.slot(), ex, purpose, undefined, performance.now() - ex.durationMs);
    const stats = this.run.stats;
    stats.requests[purpose]++;
    stats.requestMs[purpose] += ex.durationMs;
    this.observed.requests++;
    return ex;
  }

  /** An exchange sent by another client still belongs to the scenario's snapshot (the AWS SDK's). */
  kept(ex: Exchange): void {
    this.keep(this.slot(), ex, "check", undefined, performance.now() - ex.durationMs);
  }

  /** Requests sent by another way (a provider-state hook), still part of the scenario's chain. */
  countElsewhere(requests: number): void {
    this.observed.requests += requests;
  }

  /** From now on nothing more is kept: the scenario is being cleaned up. */
  stopKeeping(): void {
    this.keeping = false;
  }

  clientFor(as: Caller): SignedClient {
    if (as === "developer") return this.run.client;
    const bound = this.boundByState ?? this.run.boundClient;
    if (!bound) throw new Error("no bound credentials in this run: call boundCaller() first");
    return bound;
  }

  private slot(): number | undefined {
    if (!this.keeping) return undefined;
    return (this.observed.exchanges ??= []).push(undefined as never) - 1;
  }

  private keep(slot: number | undefined, exchange: Exchange, purpose: Purpose, because: RequirementId | undefined, sentMs: number): void {
    if (slot === undefined || exchange.stopped) return;
    this.observed.exchanges![slot] = { exchange, purpose, ...(because ? { because } : {}), sentMs, answeredMs: performance.now() };
  }
}
