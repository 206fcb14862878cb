/**
 * What a scenario body works with: its own datasets (named from the run's prefix and
 * deleted afterwards), seeding through the public API, provider states, ListRecords calls
 * that all pass the shared well-formedness check, and checks tied to requirement ids.
 */
import { createHash, randomBytes } from "node:crypto";
import type { CognitoSyncClient } from "@aws-sdk/client-cognito-sync";
import { deleteDatasetRequest, listRecordsRequest, updateRecordsRequest, type DatasetAddress, type ListRecordsQuery, type PatchBody } from "../client/cognito-sync.js";
import type { Exchange, ReceivedResponse } from "../client/exchange.js";
import type { OutgoingRequest, SignedClient } from "../client/signed-client.js";
import type { Observed, Scenario } from "./scenario.js";
import type { Caller, ListBody, ListResult, SdkError, SeededDataset, Update, Walk } from "./answers.js";
import { ConformanceFailure, SetupFailure, TransportFailure } from "./failure.js";
import { walkPages } from "./page-walker.js";
import { recordingSdkClient } from "./sdk-client.js";
import { Teardown } from "./teardown.js";
import { Verdicts } from "./verdicts.js";

// The specs import these from here, with the context itself.
export type { Caller, ListBody, ListResult, RecordOut, SdkError, SeededDataset, Update, Walk } from "./answers.js";
import type { RunContext, RunPlan } from "./run.js";
import { assertWellFormed, resolvedErrorType } from "./well-formed.js";

export class TestContext {
  readonly plan: RunPlan;
  /** The identity this scenario writes in: the configured one, or one of its own (see RunPlan). */
  readonly identityId: string;
  private readonly teardown = new Teardown();
  private readonly verdicts = new Verdicts();
  private lastSdk?: Exchange;
  private datasets = 0;
  /** Credentials bound to this scenario's identity through a provider state. */
  private boundByState?: SignedClient;

  constructor(
    private readonly run: RunContext,
    readonly meta: Scenario,
    /** What the run records about this scenario: requests sent, checks left out. */
    private readonly observed: Observed,
  ) {
    this.plan = run.plan;
    this.identityId = run.plan.identityConfigured ? run.plan.identityId : derivedId(run.plan, meta.id);
  }

  /** The chosen reading of an open point (see specs/interpretations.json). */
  choice(name: string): string {
    const c = this.plan.interpretations[name];
    if (c === undefined) throw new Error(`unknown interpretation ${name}`);
    // A check switched off by "any" is left out of this test; the report says so.
    if (c === "any" && !this.observed.unchecked.includes(name)) this.observed.unchecked.push(name);
    return c;
  }

  /** A fresh dataset of the run's identity, deleted when the test ends. */
  dataset(label: string): DatasetAddress {
    const n = ++this.datasets;
    const at = {
      identityPoolId: this.plan.identityPoolId,
      identityId: this.identityId,
      datasetName: `${this.plan.prefix}-${this.meta.id.replace(/[^a-zA-Z0-9]+/g, "-").slice(0, 60)}-${label}-${n}`.slice(0, 128),
    };
    this.teardown.add(() => this.removeQuietly(at));
    return at;
  }

  /** Writes `updates` in order, one UpdateRecords call (one sync count) each, as a client would. */
  async seed(label: string, updates: readonly Update[]): Promise<SeededDataset> {
    const seeded: SeededDataset = { ...this.dataset(label), syncCount: 0, records: new Map() };
    for (const update of updates) await this.write(seeded, update);
    return seeded;
  }

  /**
   * One more UpdateRecords call on a seeded dataset, with a fresh session token unless one
   * is given. A refusal is a setup failure, or a failure of `because` when the call itself
   * is what the scenario checks.
   */
  async write(ds: SeededDataset, update: Update, options: { token?: string; because?: string } = {}): Promise<void> {
    const token = options.token ?? (await this.sessionToken(ds));
    const patches: PatchBody[] = Object.entries(update).map(([Key, value]) => ({
      Op: value === null ? "remove" : "replace",
      Key,
      ...(value === null ? {} : { Value: value }),
      SyncCount: ds.records.get(Key)?.syncCount ?? 0,
    }));
    const ex = await this.send(updateRecordsRequest(ds, token, patches), "developer", "setup");
    if (ex.response.status !== 200) {
      if (options.because) throw new ConformanceFailure(options.because, "UpdateRecords answers 200", `HTTP ${ex.response.status}`, ex);
      throw new SetupFailure(`seeding ${ds.datasetName} through UpdateRecords`, "UpdateRecords did not answer 200", ex);
    }
    ds.syncCount++;
    for (const p of patches) ds.records.set(p.Key, { value: p.Value, syncCount: ds.syncCount });
  }

  /**
   * A SyncSessionToken for seeding, taken as a sync client takes it: from the last page of a
   * listing (a server need not put one on earlier pages).
   */
  async sessionToken(at: DatasetAddress): Promise<string> {
    const what = `getting a SyncSessionToken for ${at.datasetName}`;
    const pages = await walkPages(
      async (nextToken) => {
        const ex = await this.send(listRecordsRequest(at, { maxResults: 1024, ...(nextToken ? { nextToken } : {}) }), "developer", "setup");
        const body = ex.response.json as ListBody | undefined;
        if (ex.response.status !== 200 || !body) throw new SetupFailure(what, "ListRecords did not answer 200", ex);
        return { ex, body };
      },
      (p) => p.body.NextToken ?? undefined,
      {
        maxPages: 100,
        cycle: (p) => new SetupFailure(what, "ListRecords handed back a NextToken it had given before: the listing never ends", p.ex),
        tooMany: (p) => new SetupFailure(what, "ListRecords kept handing out NextTokens for 100 pages", p.ex),
      },
    );
    const last = pages.at(-1)!;
    if (typeof last.body.SyncSessionToken !== "string") throw new SetupFailure(what, "the last page of ListRecords carried no SyncSessionToken to seed with", last.ex);
    return last.body.SyncSessionToken;
  }

  /** Deletes a dataset as part of a scenario (not cleanup): it must work. */
  async deleteDataset(at: DatasetAddress): Promise<void> {
    const ex = await this.send(deleteDatasetRequest(at), "developer", "setup");
    if (ex.response?.status !== 200) throw new SetupFailure(`deleting ${at.datasetName} through DeleteDataset`, "DeleteDataset did not answer 200", ex);
  }

  /**
   * ListRecords, checked by the shared well-formedness assertion; unless `expectOk` is
   * false, anything but 200 fails `because`, the requirement the call serves.
   */
  async list(at: DatasetAddress, query: ListRecordsQuery, because: string, options: { as?: Caller; expectOk?: boolean } = {}): Promise<ListResult> {
    const result = await this.listRequest(listRecordsRequest(at, query), options.as);
    if (options.expectOk !== false && result.status !== 200) {
      throw new ConformanceFailure(because, "HTTP 200", `HTTP ${result.status} ${resolvedErrorType(result.exchange) ?? ""}`.trim(), result.exchange);
    }
    return result;
  }

  /** Any ListRecords request, e.g. with a hand-made path; well-formedness is still checked. */
  async listRequest(req: OutgoingRequest, as: Caller = "developer"): Promise<ListResult> {
    const exchange = await this.send(req, as);
    const begun = performance.now();
    try {
      assertWellFormed(exchange);
    } finally {
      this.run.stats.validationMs += performance.now() - begun;
    }
    const status = exchange.response!.status;
    const body = status === 200 ? (exchange.response!.json as ListBody) : {};
    return { exchange, status, body, records: body.Records ?? [] };
  }

  /**
   * Pages with NextToken until it is absent. A token seen twice, or more pages than there
   * are changes (a server may use pages smaller than maxResults, but each page should carry
   * a change), fails `because`: a broken endpoint cannot keep the run walking.
   */
  async walk(at: DatasetAddress, query: Omit<ListRecordsQuery, "nextToken">, because: string, expectedRecords: number): Promise<Walk> {
    const maxPages = expectedRecords + 3;
    const pages = await walkPages(
      (nextToken) => this.list(at, { ...query, ...(nextToken === undefined ? {} : { nextToken }) }, because),
      (p) => p.body.NextToken ?? undefined,
      {
        maxPages,
        cycle: (p, n) => new ConformanceFailure(because, "a walk that ends", `page ${n} handed back a NextToken already used earlier in the walk (a cycle)`, p.exchange),
        tooMany: (p, n) => new ConformanceFailure(because, `at most ${maxPages} pages for ${expectedRecords} changed records`, `still a NextToken after ${n} pages`, p.exchange),
      },
    );
    return { pages, records: pages.flatMap((p) => p.records) };
  }

  // Checks tied to requirement ids (see Verdicts): MUST failures at once, SHOULD ones held to the end.
  readonly check: Verdicts["check"] = (...args) => this.verdicts.check(...args);
  readonly expectExactly: Verdicts["expectExactly"] = (...args) => this.verdicts.expectExactly(...args);
  readonly expectSyncCounts: Verdicts["expectSyncCounts"] = (...args) => this.verdicts.expectSyncCounts(...args);
  readonly expectError: Verdicts["expectError"] = (...args) => this.verdicts.expectError(...args);

  /** The first SHOULD failure held back by check(), if any. */
  firstSoftFailure(): ConformanceFailure | undefined {
    return this.verdicts.firstHeld();
  }

  /** Puts the endpoint into a provider state for the rest of the test (torn down afterwards). */
  async state(name: string, params: Record<string, unknown>): Promise<void> {
    if (!this.meta.needs.includes("provider-states")) throw new Error(`${this.meta.id} uses provider states without declaring the need`);
    await this.enterState(name, params);
  }

  private async enterState(name: string, params: Record<string, unknown>): Promise<void> {
    const hook = this.run.states;
    if (!hook) throw new Error("no provider-state URL in this run");
    this.observed.requests += 2; // setup now, teardown at the end
    await hook.change(name, params, "setup");
    this.teardown.add(async () => {
      if (this.run.gate.closedBecause !== undefined) return void this.run.leftBehind.push(`provider state '${name}' (not torn down)`);
      await hook.change(name, params, "teardown").catch((e: Error) => void this.run.cleanupProblems.push(e.message));
    });
  }

  /**
   * The official AWS SDK client, pointed at the run's endpoint with the caller's
   * credentials, one attempt per call and the run's timeout; destroyed when the test ends.
   */
  sdk(as: Caller = "developer"): CognitoSyncClient {
    const client = recordingSdkClient(this.clientFor(as).settings, (ex) => (this.lastSdk = ex));
    this.teardown.add(async () => client.destroy());
    return client;
  }

  /** The last request an SDK client of this test sent, for failure reports. */
  sdkExchange(): Exchange | undefined {
    return this.lastSdk;
  }

  /**
   * What an SDK call returned, or the error the SDK raised for the endpoint's answer. A call
   * that got no answer at all rejects with a TransportFailure: not judged, like any other.
   */
  async sdkOutcome<T>(call: Promise<T>): Promise<{ output: T; error?: undefined } | { output?: undefined; error: SdkError }> {
    try {
      return { output: await call };
    } catch (e) {
      if (e instanceof TransportFailure || !(e instanceof Error)) throw e;
      return { error: e };
    }
  }

  /**
   * Credentials bound to this scenario's identity: the configured ones, or a key pair made up
   * for this scenario alone and bound through a provider state (so scenarios never share one).
   */
  async boundCaller(): Promise<Caller> {
    const bound = this.plan.bound;
    if (bound.via === "none") throw new Error(`${this.meta.id} needs bound credentials without declaring the need`);
    if (bound.via === "state" && !this.boundByState) {
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
      this.boundByState = client;
    }
    return "bound";
  }

  /** Undoes what the test set up; a failure here is reported, never allowed to hide the test's own verdict. */
  async cleanup(): Promise<void> {
    await this.teardown.run((problem) => this.run.cleanupProblems.push(`${this.meta.id}: ${problem}`));
  }

  /**
   * Every request of a scenario goes through here (and the run's gate): counted and timed by
   * purpose. No answer at all is a TransportFailure: the scenario is not judged.
   */
  async send(req: OutgoingRequest, as: Caller = "developer", purpose: "setup" | "check" = "check"): Promise<Exchange & { response: ReceivedResponse }> {
    const ex = await this.exchange(req, as, purpose);
    if (ex.response === undefined || ex.transportError !== undefined) throw new TransportFailure(ex);
    return ex as Exchange & { response: ReceivedResponse };
  }

  /** A request whose transport failure the caller handles itself. */
  private async exchange(req: OutgoingRequest, as: Caller, purpose: "setup" | "check"): Promise<Exchange> {
    const ex = await this.clientFor(as).send(req);
    if (ex.stopped) return ex;
    const stats = this.run.stats;
    stats.requests[purpose]++;
    stats.requestMs[purpose] += ex.durationMs;
    this.observed.requests++;
    return ex;
  }

  private clientFor(as: Caller): SignedClient {
    if (as === "developer") return this.run.client;
    const bound = this.boundByState ?? this.run.boundClient;
    if (!bound) throw new Error("no bound credentials in this run: call boundCaller() first");
    return bound;
  }

  private async removeQuietly(at: DatasetAddress): Promise<void> {
    const ex = await this.exchange(deleteDatasetRequest(at), "developer", "setup");
    if (ex.stopped) return void this.run.leftBehind.push(`dataset ${at.datasetName} of identity ${at.identityId}`);
    const status = ex.response?.status;
    // 404: never written, or already deleted by the scenario; both are fine.
    if (status !== 200 && status !== 404) this.run.cleanupProblems.push(`DeleteDataset ${at.datasetName}: ${ex.transportError ?? `HTTP ${status}`}`);
  }
}

/** A valid identity id for one scenario, the same for the same seed and scenario. */
function derivedId(plan: RunPlan, testId: string): string {
  const h = createHash("sha256").update(`${plan.seed}/${plan.prefix}/${testId}`).digest("hex");
  return `${plan.region}:${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
