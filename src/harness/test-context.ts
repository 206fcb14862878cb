/**
 * What a scenario body works with, as one facade over the parts that do the work: its own
 * datasets seeded through the public API (Seeding), ListRecords calls that all pass the
 * shared well-formedness check (ListRecordsCalls), provider states, bound credentials and the SDK
 * (Callers), raw requests (ScenarioRequests) and checks tied to requirement ids (Verdicts).
 * Everything the scenario set up is undone by cleanup().
 */
import { randomFor, shuffled } from "../random.js";
import { Callers, sdkOutcome } from "./callers.js";
import type { ConformanceFailure } from "./failure.js";
import { scenarioIdentities } from "./identities.js";
import { ListRecordsCalls } from "./list-records-calls.js";
import { spread } from "./records.js";
import type { RunContext, RunPlan } from "./run.js";
import type { Observed, Scenario } from "./scenario.js";
import { ScenarioRequests } from "./scenario-requests.js";
import { Seeding } from "./seeding.js";
import { Teardown } from "./teardown.js";
import { undeclaredCheck, Verdicts } from "./verdicts.js";
import type { RequirementId } from "../requirement-ids.js";

// The specs import these from here, with the context itself.
export type { Caller, ListBody, ListResult, RecordOut, SdkError, SeededDataset, Update, Walk } from "./answers.js";

export class TestContext {
  readonly plan: RunPlan;
  /** The identity this scenario writes in: the configured one, or one of its own (see RunPlan). */
  readonly identityId: string;
  /** Another identity: the configured other one, or a second one of this scenario's own. */
  readonly otherIdentityId: string;
  private readonly teardown = new Teardown();
  private readonly verdicts: Verdicts;
  private readonly requests: ScenarioRequests;
  private readonly seeding: Seeding;
  private readonly listRecords: ListRecordsCalls;
  private readonly callers: Callers;
  /** The scenario's own random source under the run's seed: the same draws in every run with that seed. */
  private readonly random: () => number;

  constructor(
    private readonly run: RunContext,
    readonly meta: Scenario,
    /** What the run records about this scenario: requests sent, checks left out. */
    private readonly observed: Observed,
  ) {
    this.plan = run.plan;
    this.verdicts = new Verdicts(meta.requirements);
    ({ identityId: this.identityId, otherIdentityId: this.otherIdentityId } = scenarioIdentities(run.plan, meta.id));
    this.requests = new ScenarioRequests(run, observed);
    this.seeding = new Seeding(run, meta.id, this.identityId, this.requests, this.teardown);
    this.listRecords = new ListRecordsCalls(run.stats, this.requests);
    this.callers = new Callers(run, meta, this.identityId, this.requests, this.teardown);
    this.random = randomFor(run.plan.seed, meta.id);
  }

  /** `xs` in an order drawn from the scenario's seeded random source. */
  shuffle<T>(xs: readonly T[]): T[] {
    return shuffled(xs, this.random);
  }

  /** Numbered seed records for UpdateRecords calls of `sizes`, key order unlike write order (see records.ts). */
  spread(prefix: string, sizes: readonly number[]): Array<Record<string, string>> {
    return spread(prefix, sizes, this.random);
  }

  /** The run's interpretation of an open point: its chosen choice (see specs/interpretations.json). */
  choice(name: string): string {
    const c = this.plan.interpretations[name];
    if (c === undefined) throw new Error(`unknown interpretation ${name}`);
    // A check switched off by "any" is left out of this test; the report says so.
    if (c === "any" && !this.observed.unchecked.includes(name)) this.observed.unchecked.push(name);
    return c;
  }

  /** Records what the test generated or saw that its title leaves out (titles stay the same from run to run). */
  note(text: string): void {
    this.observed.notes.push(text);
  }

  // Any request of the scenario: through the run's gate, counted; no answer is a TransportFailure.
  readonly send: ScenarioRequests["send"] = (...args) => this.requests.send(...args);
  // Requests a device sent over its own connections (see Callers.device), counted like the rest.
  readonly counted: ScenarioRequests["counted"] = (...args) => this.requests.counted(...args);

  // Datasets of the scenario, written through the public API and deleted when it ends (see Seeding).
  readonly dataset: Seeding["dataset"] = (...args) => this.seeding.dataset(...args);
  readonly seed: Seeding["seed"] = (...args) => this.seeding.seed(...args);
  readonly write: Seeding["write"] = async (...args) => (this.declares(args[2]?.because), this.seeding.write(...args));
  readonly sessionToken: Seeding["sessionToken"] = (...args) => this.seeding.sessionToken(...args);
  readonly deleteDataset: Seeding["deleteDataset"] = (...args) => this.seeding.deleteDataset(...args);

  // ListRecords, every answer checked for well-formedness first (see ListRecordsCalls).
  readonly list: ListRecordsCalls["list"] = async (...args) => (this.declares(args[2]), this.listRecords.list(...args));
  readonly listRequest: ListRecordsCalls["listRequest"] = (...args) => this.listRecords.listRequest(...args);
  readonly walk: ListRecordsCalls["walk"] = async (...args) => (this.declares(args[2]), this.listRecords.walk(...args));

  // Provider states, bound credentials and the AWS SDK (see Callers).
  readonly state: Callers["state"] = (...args) => this.callers.state(...args);
  readonly boundCaller: Callers["boundCaller"] = () => this.callers.boundCaller();
  readonly device: Callers["device"] = (...args) => this.callers.device(...args);
  readonly sdk: Callers["sdk"] = (...args) => this.callers.sdk(...args);
  readonly sdkExchange: Callers["sdkExchange"] = () => this.callers.sdkExchange();
  readonly sdkOutcome = sdkOutcome;

  /** A call that fails `because` when it goes wrong names a requirement the scenario declares, checked whether it goes wrong or not. */
  private declares(because: RequirementId | undefined): void {
    if (because !== undefined) undeclaredCheck(this.meta.requirements, because);
  }

  // Checks tied to requirement ids (see Verdicts): MUST failures at once, SHOULD ones held to the end.
  readonly check: Verdicts["check"] = (...args) => this.verdicts.check(...args);
  readonly expectExactly: Verdicts["expectExactly"] = (...args) => this.verdicts.expectExactly(...args);
  readonly expectSyncCounts: Verdicts["expectSyncCounts"] = (...args) => this.verdicts.expectSyncCounts(...args);
  readonly expectError: Verdicts["expectError"] = (...args) => this.verdicts.expectError(...args);
  readonly expectConflict: Verdicts["expectConflict"] = (...args) => this.verdicts.expectConflict(...args);

  /** The first SHOULD failure held back by check(), if any. */
  firstSoftFailure(): ConformanceFailure | undefined {
    return this.verdicts.firstHeld();
  }

  /** Undoes what the test set up; a failure here is reported, never allowed to hide the test's own verdict. */
  async cleanup(): Promise<void> {
    this.requests.stopKeeping();
    await this.teardown.run((problem) => this.run.cleanupProblems.push(`${this.meta.id}: ${problem}`));
  }
}
