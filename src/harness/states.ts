/**
 * Provider states over Pact's state-change protocol: POST {state, params, action} to the
 * configured URL. Any answer but 2xx is a loud setup failure carrying the hook's answer.
 */
import { request } from "node:http";
import { request as httpsRequest } from "node:https";
import { SetupFailure } from "./failure.js";

export type StateAction = "setup" | "teardown";

export class StateHook {
  constructor(
    readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  /** Resolves with the JSON object the hook answered, if any: values for Pact to inject. */
  async change(state: string, params: Record<string, unknown>, action: StateAction): Promise<Record<string, unknown> | undefined> {
    const body = JSON.stringify({ state, params, action });
    const answer = await this.post(body);
    if ("error" in answer) throw new SetupFailure(`provider state '${state}' (${action})`, `the state URL ${this.url} did not answer: ${answer.error}`);
    if (answer.status < 200 || answer.status > 299) {
      throw new SetupFailure(`provider state '${state}' (${action})`, `the state URL ${this.url} answered HTTP ${answer.status}: ${answer.text.slice(0, 500)}`);
    }
    try {
      const values: unknown = JSON.parse(answer.text);
      return typeof values === "object" && values !== null && !Array.isArray(values) ? (values as Record<string, unknown>) : undefined;
    } catch {
      return undefined; // any 2xx is success; a body is optional
    }
  }

  private post(body: string): Promise<{ status: number; text: string } | { error: string }> {
    return new Promise((resolve) => {
      const send = this.url.startsWith("https:") ? httpsRequest : request;
      const req = send(this.url, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } });
      const timer = setTimeout(() => {
        req.destroy();
        resolve({ error: `no answer within ${this.timeoutMs} ms` });
      }, this.timeoutMs);
      req.on("error", (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve({ error: `${e.code ?? "error"}: ${e.message}` });
      });
      req.on("response", (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text.length < 10_000 ? (text += d) : undefined));
        res.on("end", () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, text });
        });
      });
      req.end(body);
    });
  }
}
