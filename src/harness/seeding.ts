/**
 * A scenario's datasets, written as a client writes them: through the public API, with a
 * session token from ListRecords. Every dataset handed out is deleted when the scenario ends;
 * that cleanup never fails the scenario, it is reported (or left behind once the gate closed).
 */
import { deleteDatasetRequest, listRecordsRequest, updateRecordsRequest, type DatasetAddress, type PatchBody } from "../http/cognito-sync.js";
import type { RequirementId } from "../requirement-ids.js";
import type { Exchange, ReceivedResponse } from "../http/exchange.js";
import type { Caller, ListBody, SeededDataset, Update } from "./answers.js";
import { ConformanceFailure, SetupFailure } from "./failure.js";
import { walkPages } from "./page-walker.js";
import type { RunContext } from "./run.js";
import type { ScenarioRequests } from "./scenario-requests.js";
import type { Teardown } from "./teardown.js";

export class Seeding {
  private datasets = 0;

  constructor(
    private readonly run: RunContext,
    private readonly scenarioId: string,
    /** The identity datasets belong to unless another is asked for. */
    private readonly identityId: string,
    private readonly requests: ScenarioRequests,
    private readonly teardown: Teardown,
  ) {}

  /**
   * A fresh dataset of the scenario's identity (or of `identityId`), deleted when the test ends.
   * `shape` rewrites the generated name (to a case twin, or to a given length); the result must
   * still start with the run's prefix.
   */
  dataset(label: string, identityId: string = this.identityId, shape: (name: string) => string = (name) => name): DatasetAddress {
    const n = ++this.datasets;
    const generated = `${this.run.plan.prefix}-${this.scenarioId.replace(/[^a-zA-Z0-9]+/g, "-").slice(0, 60)}-${n}-${label}`.slice(0, 128);
    const datasetName = shape(generated);
    if (!datasetName.startsWith(this.run.plan.prefix)) throw new Error(`a scenario's dataset name must start with the run's prefix: ${datasetName}`);
    const at = { identityPoolId: this.run.plan.identityPoolId, identityId, datasetName };
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
  async write(ds: SeededDataset, update: Update, options: { token?: string; because?: RequirementId } = {}): Promise<Exchange & { response: ReceivedResponse }> {
    const token = options.token ?? (await this.sessionToken(ds));
    const patches: PatchBody[] = Object.entries(update).map(([Key, value]) => ({
      Op: value === null ? "remove" : "replace",
      Key,
      ...(value === null ? {} : { Value: value }),
      SyncCount: ds.records.get(Key)?.syncCount ?? 0,
    }));
    const ex = await this.requests.send(updateRecordsRequest(ds, token, patches), "developer", "setup");
    if (ex.response.status !== 200) {
      if (options.because) throw new ConformanceFailure(options.because, "UpdateRecords answers 200", `HTTP ${ex.response.status}`, ex);
      throw new SetupFailure(`seeding ${ds.datasetName} through UpdateRecords`, "UpdateRecords did not answer 200", ex);
    }
    ds.syncCount++;
    for (const p of patches) ds.records.set(p.Key, { value: p.Value, syncCount: ds.syncCount });
    return ex;
  }

  /**
   * A SyncSessionToken for seeding, taken as a sync client takes it: from the last page of a
   * listing (a server need not put one on earlier pages), with the credentials of `as`.
   */
  async sessionToken(at: DatasetAddress, as: Caller = "developer"): Promise<string> {
    const what = `getting a SyncSessionToken for ${at.datasetName}`;
    const pages = await walkPages(
      async (nextToken) => {
        const ex = await this.requests.send(listRecordsRequest(at, { maxResults: 1024, ...(nextToken ? { nextToken } : {}) }), as, "setup");
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
    const ex = await this.requests.send(deleteDatasetRequest(at), "developer", "setup");
    if (ex.response?.status !== 200) throw new SetupFailure(`deleting ${at.datasetName} through DeleteDataset`, "DeleteDataset did not answer 200", ex);
  }

  private async removeQuietly(at: DatasetAddress): Promise<void> {
    if (this.run.plan.keepData) return; // --keep-data: left for the user to look at, and to run failures' curl lines again
    const ex = await this.requests.exchange(deleteDatasetRequest(at), "developer", "setup");
    if (ex.stopped) return void this.run.leftBehind.push(`dataset ${at.datasetName} of identity ${at.identityId}`);
    const status = ex.response?.status;
    // 404: never written, or already deleted by the scenario; both are fine.
    if (status !== 200 && status !== 404) this.run.cleanupProblems.push(`DeleteDataset ${at.datasetName}: ${ex.transportError ?? `HTTP ${status}`}`);
  }
}
