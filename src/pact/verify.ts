/**
 * Pact provider verification of the committed contract against any endpoint, with Pact's
 * own Verifier: every replayed request is signed with SigV4, every provider state goes to
 * the configured state URL, and every interaction gets its own verdict. Pact only logs a
 * state handler that fails; here a failed state fails its interactions, naming the state.
 */
import type { IncomingHttpHeaders } from "node:http";
import { Verifier, type VerifierOptions } from "@pact-foundation/pact";
import { signedHeaders, type Credentials } from "../http/sign.js";
import { TransportFailure } from "../harness/failure.js";
import type { StateHook } from "../harness/states.js";
import { interactions, PACT_FILE, type Interaction } from "./pact-file.js";

export interface VerificationTarget {
  endpoint: string;
  region: string;
  /** Signs every replayed request, unless it names credentials a state has bound. */
  credentials: Credentials;
  states?: StateHook;
  pactFile?: string;
  /** How long the verifier waits for one answer. */
  timeoutMs: number;
}

export interface InteractionVerdict {
  description: string;
  passed: boolean;
  /** Why it failed: the mismatches Pact found, or the state that could not be set up. */
  problems: string[];
  /**
   * The verifier got no answer to replay against (refused, reset, timed out): nothing was
   * judged, so the interaction is reported as not judged, with these reasons.
   */
  unanswered?: string[];
}

const BIND_STATE = "credentials are bound to an identity";
type StateHandler = { setup: (params: unknown) => Promise<unknown>; teardown: (params: unknown) => Promise<unknown> };

export async function verifyPact(target: VerificationTarget): Promise<InteractionVerdict[]> {
  const file = target.pactFile ?? PACT_FILE;
  const all = interactions(file);
  const stateProblems = new Map<string, string>(); // state name + params -> what went wrong
  const statesUnanswered = new Map<string, string>(); // the same, when the state URL gave no answer (not judged)
  const bound = new Map<string, Credentials>(); // access key -> credentials bound through a state
  const key = (name: string, params: unknown) => `${name} ${JSON.stringify(params ?? {})}`;

  const stateHandlers: Record<string, StateHandler> = Object.fromEntries(
    [...new Set(all.flatMap((i) => i.providerStates.map((s) => s.name)))].map((name) => [
      name,
      {
        setup: async (params: unknown) => {
          const p = (params ?? {}) as Record<string, unknown>;
          if (!target.states) {
            stateProblems.set(key(name, p), `needs provider state '${name}', but no --state-url is configured`);
            return undefined;
          }
          try {
            const values = await target.states.change(name, p, "setup");
            if (name === BIND_STATE) bound.set(String(p.accessKeyId), { accessKeyId: String(p.accessKeyId), secretAccessKey: String(p.secretAccessKey) });
            return values; // Pact injects them into the replayed request (e.g. a NextToken)
          } catch (e) {
            (e instanceof TransportFailure ? statesUnanswered : stateProblems).set(key(name, p), (e as Error).message.split("\n").slice(0, 2).join(":"));
            return undefined;
          }
        },
        teardown: async (params: unknown) => {
          await target.states?.change(name, (params ?? {}) as Record<string, unknown>, "teardown").catch(() => undefined);
          return undefined;
        },
      },
    ]),
  );

  const base = new URL(target.endpoint);
  // An express middleware in Pact's proxy; only these parts of its request are used.
  const sign = (req: { method: string; originalUrl: string; headers: IncomingHttpHeaders; body?: unknown }, _res: unknown, next: (e?: unknown) => void) => {
    const recorded = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ""))?.[1] ?? "";
    const credentials = bound.get(recorded) ?? target.credentials;
    const raw = req.originalUrl;
    const q = raw.indexOf("?");
    const query = Object.fromEntries(new URLSearchParams(q < 0 ? "" : raw.slice(q + 1)));
    // The body as Pact's proxy will forward it: raw bytes, or parsed JSON written out again.
    const body = Buffer.isBuffer(req.body)
      ? req.body.length > 0
        ? req.body
        : undefined
      : typeof req.body === "object" && req.body !== null
        ? JSON.stringify(req.body)
        : undefined;
    for (const h of ["authorization", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token"]) delete req.headers[h];
    const path = `${base.pathname.replace(/\/$/, "")}${q < 0 ? raw : raw.slice(0, q)}`;
    signedHeaders(credentials, target.region, { method: req.method, url: base, path, query, headers: {}, ...(body === undefined ? {} : { body }) })
      .then((headers) => {
        Object.assign(req.headers, headers);
        next();
      })
      .catch(next);
  };

  let report: string;
  try {
    report = String(
      await new Verifier({
        provider: "cognito-sync",
        providerBaseUrl: target.endpoint,
        pactUrls: [file],
        stateHandlers: stateHandlers as VerifierOptions["stateHandlers"],
        requestFilter: sign,
        changeOrigin: true,
        logLevel: "error",
        timeout: target.timeoutMs,
      }).verifyProvider(),
    );
  } catch (e) {
    report = (e as Error).message;
  }
  const problemsOf = (found: Map<string, string>) => (i: Interaction) => i.providerStates.flatMap((s) => found.get(key(s.name, s.params)) ?? []);
  return verdicts(all, report, problemsOf(stateProblems), problemsOf(statesUnanswered));
}

interface VerifierReport {
  /** `type` "error": the verifier could not complete the exchange; otherwise `mismatches` of the answer. */
  errors?: Array<{ interaction: string; mismatch?: { type?: string; mismatches?: Array<{ mismatch: string; path?: string; type?: string }>; message?: string } }>;
}

function verdicts(all: Interaction[], report: string, stateProblemsOf: (i: Interaction) => string[], statesUnansweredOf: (i: Interaction) => string[]): InteractionVerdict[] {
  let parsed: VerifierReport | undefined;
  try {
    parsed = JSON.parse(report) as VerifierReport;
  } catch {
    // The verifier did not run to the end: every interaction fails with what it said.
  }
  return all.map((i) => {
    const states = stateProblemsOf(i);
    if (!parsed) return { description: i.description, passed: false, problems: [...states, `the verifier failed: ${report}`] };
    const errors = (parsed.errors ?? []).filter((e) => e.interaction.endsWith(` - ${i.description}`) || e.interaction === i.description);
    const noAnswer = errors.filter((e) => e.mismatch?.type === "error").map((e) => e.mismatch?.message ?? "no answer");
    const mismatches = errors
      .filter((e) => e.mismatch?.type !== "error")
      .flatMap((e) => e.mismatch?.mismatches?.map((m) => `${m.path ? `${m.path}: ` : ""}${m.mismatch}`) ?? [e.mismatch?.message ?? JSON.stringify(e.mismatch)]);
    // A state the hook refused is a verdict. A state it never answered leaves the replay
    // meaningless, mismatches included: not judged. Otherwise a mismatch is a verdict, and a
    // request the verifier got no answer to is not judged.
    const unanswered = statesUnansweredOf(i);
    if (states.length === 0 && unanswered.length > 0) return { description: i.description, passed: false, problems: unanswered, unanswered };
    const problems = [...states, ...mismatches];
    if (problems.length === 0 && noAnswer.length > 0) return { description: i.description, passed: false, problems: noAnswer, unanswered: noAnswer };
    return { description: i.description, passed: problems.length === 0, problems };
  });
}
