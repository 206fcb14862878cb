/**
 * The one gate every request of a run passes through: the suite's own client, the AWS SDK
 * client, the provider-state hook and cleanup. It closes for good when the endpoint has
 * stopped answering, when the run's deadline passes, or when the command's output is gone;
 * closing aborts every request still in flight, and nothing is sent afterwards. So a dead
 * endpoint costs one request timeout, not one per remaining request.
 */
import { setMaxListeners } from "node:events";

/** What came of one request that was sent. */
export type Outcome = "answered" | "no answer" | "timed out";

export class RequestGate {
  private readonly controller = new AbortController();
  private consecutiveSilent = 0;
  private lastAnswerAt = -Infinity;

  constructor(
    /** Requests in a row without an answer (refused, reset, timed out) that close the gate. */
    private readonly silentLimit = 5,
  ) {
    // Every request in flight listens for the close; a run has many in flight at once.
    setMaxListeners(0, this.controller.signal);
  }

  /** Aborted when the gate closes; its reason is why. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why no more requests may go out, or undefined while they may. */
  get closedBecause(): string | undefined {
    return this.controller.signal.aborted ? String(this.controller.signal.reason) : undefined;
  }

  /** Resolves with the reason once the gate closes: for work that sends through something else (Pact's verifier). */
  whenClosed(): Promise<string> {
    const signal = this.controller.signal;
    if (signal.aborted) return Promise.resolve(String(signal.reason));
    return new Promise((resolve) => signal.addEventListener("abort", () => resolve(String(signal.reason)), { once: true }));
  }

  /** Closes the gate (the first reason given stays) and aborts every request in flight. */
  close(reason: string): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  /**
   * Records what came of a request sent at `sentAt` (performance.now()). Silence closes the
   * gate after `silentLimit` requests in a row, or at once when a request timed out and the
   * endpoint answered nothing else while it waited: then every request sent since is waiting
   * on a dead endpoint too.
   */
  settle(sentAt: number, outcome: Outcome, detail: string): void {
    if (outcome === "answered") {
      this.consecutiveSilent = 0;
      this.lastAnswerAt = performance.now();
      return;
    }
    this.consecutiveSilent++;
    if (outcome === "timed out" && this.lastAnswerAt <= sentAt) this.close(`the endpoint answered nothing for a whole request timeout (${detail})`);
    else if (this.consecutiveSilent >= this.silentLimit) this.close(`the endpoint stopped answering (${this.silentLimit} requests in a row, the last: ${detail})`);
  }
}
