/**
 * What one attempt at a history works with: the model side (the service model and what the
 * history has seen) and the endpoint side (fresh datasets of two identities, the checks, and
 * the numbered calls a failure report prints). A fresh pair for every attempt, so shrinking
 * replays each candidate history from nothing.
 */
import { deleteDatasetRequest, listRecordsRequest, type DatasetAddress } from "../http/cognito-sync.js";
import type { Exchange } from "../http/exchange.js";
import type { Caller } from "../harness/answers.js";
import { SetupFailure } from "../harness/failure.js";
import type { TestContext } from "../harness/test-context.js";
import { Verdicts } from "../harness/verdicts.js";
import type { Choices, ListingRequirement } from "../model/judge-listing.js";
import { ServiceModel } from "../model/service-model.js";
import type { CallRequirement } from "./requirements.js";

export interface HistoryModel {
  readonly service: ServiceModel;
  /** Values written so far; each write's values are numbered from it, so a replay writes the same. */
  values: number;
  /** Sync counts each dataset reached after a write, with the life (0 for the first) they belong to. */
  readonly seen: Map<string, Array<{ count: number; life: number }>>;
  /** The last ListRecords query of each dataset, for asking the same again after a change. */
  readonly lastQuery: Map<string, { lastSyncCount?: number; maxResults?: number; walk: boolean }>;
}

/** One call of a history as its report prints it; not the exchange, whose body a long run must not keep. */
export interface Step {
  /** The call as a person reads it, with its answer's status. */
  call: string;
  curl: string;
}

export const IDENTITIES = ["A", "B"] as const;

export class World {
  readonly verdicts: Verdicts<CallRequirement | ListingRequirement>;
  readonly steps: Step[] = [];
  private readonly used = new Map<string, DatasetAddress>();
  private readonly names: string[];

  /**
   * `names`: the history's two dataset names, each used by both identities (histories look for
   * what leaks between them). `firstCaller`: the credentials identity A's calls are signed with
   * (credentials bound to it, as a device holds, when the run has them; identity B's calls use
   * the developer credentials).
   */
  constructor(
    readonly t: TestContext,
    readonly choices: Choices & { future: string },
    names: readonly string[],
    attempt: number,
    private readonly firstCaller: Caller,
    /** The keys this history writes (generated per history; the first two differ only in case). */
    readonly keys: readonly string[],
  ) {
    this.verdicts = new Verdicts(t.meta.requirements);
    this.names = names.map((name) => `${name.slice(0, 120)}-${attempt}`);
  }

  static model(): HistoryModel {
    return { service: new ServiceModel(), values: 0, seen: new Map(), lastQuery: new Map() };
  }

  /** Notes a call for the report of this attempt. */
  record(call: string, ex: Exchange): void {
    this.steps.push({ call: `${call} -> ${ex.response ? `HTTP ${ex.response.status}` : "no answer"}`, curl: ex.curl });
  }

  /** The model's name for dataset `n` of identity `who`. */
  static key(who: number, n: number): string {
    return `${IDENTITIES[who]}/${n}`;
  }

  /** Dataset `n` of identity `who` (0: the scenario's, 1: another), and its key in the model. */
  address(who: number, n: number): { at: DatasetAddress; key: string; as: Caller } {
    const key = World.key(who, n);
    let at = this.used.get(key);
    if (!at) {
      at = { identityPoolId: this.t.plan.identityPoolId, identityId: who === 0 ? this.t.identityId : this.t.otherIdentityId, datasetName: this.names[n]! };
      this.used.set(key, at);
    }
    return { at, key, as: who === 0 ? this.firstCaller : "developer" };
  }

  /**
   * A SyncSessionToken for a write, from a ListRecords call that the history's report shows like
   * any other (a listing can be what sets a bug off). No token is a set-up failure.
   */
  async sessionToken(at: DatasetAddress, as: Caller, where: string): Promise<string> {
    const r = await this.t.listRequest(listRecordsRequest(at), as);
    this.record(`ListRecords ${where}: for a session token`, r.exchange);
    const token = r.status === 200 ? r.body.SyncSessionToken : undefined;
    if (!token) throw new SetupFailure(`getting a SyncSessionToken for ${at.datasetName}`, `ListRecords answered HTTP ${r.status} without one`, r.exchange);
    return token;
  }

  /** Deletes what this attempt wrote, so shrinking never piles up datasets against a per-identity quota. */
  async cleanup(): Promise<void> {
    if (this.t.plan.keepData) return;
    for (const at of this.used.values()) await this.t.send(deleteDatasetRequest(at), "developer", "setup").catch(() => undefined);
  }
}
