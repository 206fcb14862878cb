/**
 * Who a scenario speaks as and what state it puts the endpoint in: provider states (torn
 * down afterwards, or listed as left behind once the gate closed), credentials bound to the
 * scenario's identity, and the official AWS SDK client with the caller's credentials.
 */
import { randomBytes } from "node:crypto";
import type { CognitoSyncClient } from "@aws-sdk/client-cognito-sync";
import type { Exchange } from "../http/exchange.js";
import type { SignedClient } from "../http/signed-client.js";
import type { Caller, SdkError } from "./answers.js";
import { TransportFailure } from "./failure.js";
import type { RunContext } from "./run.js";
import type { Scenario } from "./scenario.js";
import type { ScenarioRequests } from "./scenario-requests.js";
import type { Teardown } from "./teardown.js";

export class Callers {
  private lastSdk?: Exchange;

  constructor(
    private readonly run: RunContext,
    private readonly meta: Scenario,
    /** The identity bound credentials are bound to. */
    private readonly identityId: string,
    private readonly requests: ScenarioRequests,
    private readonly teardown: Teardown,
  ) {}

  /** Puts the endpoint into a provider state for the rest of the test (torn down afterwards). */
  async state(name: string, params: Record<string, unknown>): Promise<void> {
    if (!this.meta.needs.includes("provider-states")) throw new Error(`${this.meta.id} uses provider states without declaring the need`);
    await this.enterState(name, params);
  }

  /**
   * Credentials bound to this scenario's identity: the configured ones, or a key pair made up
   * for this scenario alone and bound through a provider state (so scenarios never share one).
   */
  async boundCaller(): Promise<Caller> {
    const bound = this.run.plan.bound;
    if (bound.via === "none") throw new Error(`${this.meta.id} needs bound credentials without declaring the need`);
    if (bound.via === "state" && !this.requests.boundByState) {
      const credentials = {
        accessKeyId: `AKIDBOUND${randomBytes(6).toString("hex").toUpperCase()}`,
        secretAccessKey: randomBytes(20).toString("base64url"),
        envNames: { accessKeyId: "COGNITO_SYNC_BOUND_ACCESS_KEY_ID", secretAccessKey: "COGNITO_SYNC_BOUND_SECRET_ACCESS_KEY", sessionToken: "COGNITO_SYNC_BOUND_SESSION_TOKEN" },
      };
      await this.enterState("credentials are bound to an identity", {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        identityId: this.identityId,
      });
      const client = this.run.client.as(credentials);
      this.teardown.add(async () => client.close());
      this.requests.boundByState = client;
    }
    return "bound";
  }

  /**
   * The official AWS SDK client, pointed at the run's endpoint with the caller's
   * credentials, one attempt per call and the run's timeout; destroyed when the test ends.
   */
  async sdk(as: Caller = "developer"): Promise<CognitoSyncClient> {
    // Loaded on first use: a run that never calls the SDK (or --list) never loads it.
    const { recordingSdkClient } = await import("./sdk-client.js");
    const client = recordingSdkClient(this.requests.clientFor(as).settings, (ex) => {
      this.lastSdk = ex;
      this.requests.kept(ex);
    });
    this.teardown.add(async () => client.destroy());
    return client;
  }

  /** A client over connections of its own, as one more device of the caller holds; closed when the test ends. */
  device(as: Caller = "developer"): SignedClient {
    const client = this.requests.clientFor(as).separate();
    this.teardown.add(async () => client.close());
    return client;
  }

  /** The last request an SDK client of this test sent, for failure reports. */
  sdkExchange(): Exchange | undefined {
    return this.lastSdk;
  }

  private async enterState(name: string, params: Record<string, unknown>): Promise<void> {
    const hook = this.run.states;
    if (!hook) throw new Error("no provider-state URL in this run");
    this.requests.countElsewhere(2); // setup now, teardown at the end
    await hook.change(name, params, "setup");
    this.teardown.add(async () => {
      if (this.run.gate.closedBecause !== undefined) return void this.run.leftBehind.push(`provider state '${name}' (not torn down)`);
      await hook.change(name, params, "teardown").catch((e: Error) => void this.run.cleanupProblems.push(e.message));
    });
  }
}

/**
 * What an SDK call returned, or the error the SDK raised for the endpoint's answer. A call
 * that got no answer at all rejects with a TransportFailure: not judged, like any other.
 */
export async function sdkOutcome<T>(call: Promise<T>): Promise<{ output: T; error?: undefined } | { output?: undefined; error: SdkError }> {
  try {
    return { output: await call };
  } catch (e) {
    if (e instanceof TransportFailure || !(e instanceof Error)) throw e;
    return { error: e };
  }
}
