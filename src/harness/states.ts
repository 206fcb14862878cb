/**
 * Provider states over Pact's state-change protocol: POST {state, params, action} to the
 * configured URL. Any answer but 2xx is a loud setup failure carrying the hook's answer.
 */
import type { RequestGate } from "../http/request-gate.js";
import { SignedClient } from "../http/signed-client.js";
import { SetupFailure, TransportFailure } from "./failure.js";

export type StateAction = "setup" | "teardown";

export class StateHook {
  // The suite's own client, unsigned: the same deadline, size cap and failure report as any request.
  private readonly client: SignedClient;

  constructor(
    readonly url: string,
    timeoutMs: number,
    gate?: RequestGate,
  ) {
    this.client = new SignedClient({
      endpoint: url,
      region: "us-east-1",
      credentials: { accessKeyId: "", secretAccessKey: "", envNames: { accessKeyId: "", secretAccessKey: "", sessionToken: "" } },
      timeoutMs,
      maxResponseBytes: 1024 * 1024,
      ...(gate ? { gate } : {}),
    });
  }

  /** Resolves with the JSON object the hook answered, if any: values for Pact to inject. */
  async change(state: string, params: Record<string, unknown>, action: StateAction): Promise<Record<string, unknown> | undefined> {
    const ex = await this.client.send({
      operation: `provider state '${state}' (${action})`,
      method: "POST",
      path: "",
      body: JSON.stringify({ state, params, action }),
      unsigned: true,
    });
    const what = `provider state '${state}' (${action})`;
    // No answer at all is a transport failure, like any other request's: the scenario is not judged.
    if (!ex.response) throw new TransportFailure(ex);
    const { status, text, json } = ex.response;
    if (status < 200 || status > 299) throw new SetupFailure(what, `the state URL ${this.url} answered HTTP ${status}: ${text.slice(0, 500)}`, ex);
    // Any 2xx is success; a JSON object in the body carries values, anything else is ignored.
    return typeof json === "object" && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  }

  close(): void {
    this.client.close();
  }
}
