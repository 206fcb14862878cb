/**
 * ListRecords as the checks call it: every answer passes the shared well-formedness check
 * (its time kept in the run's stats) before a scenario reads it, and a walk over NextToken
 * always ends, failing the requirement it serves when the endpoint would not let it.
 */
import { listRecordsRequest, type DatasetAddress, type ListRecordsQuery } from "../http/cognito-sync.js";
import type { OutgoingRequest } from "../http/signed-client.js";
import type { Caller, ListBody, ListResult, Walk } from "./answers.js";
import { ConformanceFailure } from "./failure.js";
import { walkPages } from "./page-walker.js";
import type { RunStats } from "./run.js";
import type { ScenarioRequests } from "./scenario-requests.js";
import { assertWellFormed, resolvedErrorType } from "./well-formed.js";
import type { RequirementId } from "../requirement-ids.js";

export class ListRecordsCalls {
  constructor(
    private readonly stats: RunStats,
    private readonly requests: ScenarioRequests,
  ) {}

  /** ListRecords; unless `expectOk` is false, anything but 200 fails `because`, the requirement the call serves. */
  async list(at: DatasetAddress, query: ListRecordsQuery, because: RequirementId, options: { as?: Caller; expectOk?: boolean } = {}): Promise<ListResult> {
    const result = await this.listRequest(listRecordsRequest(at, query), options.as, because);
    if (options.expectOk !== false && result.status !== 200) {
      throw new ConformanceFailure(because, "HTTP 200", `HTTP ${result.status} ${resolvedErrorType(result.exchange) ?? ""}`.trim(), result.exchange);
    }
    return result;
  }

  /** Any ListRecords request, e.g. with a hand-made path; well-formedness is still checked. `because` is kept with a snapshot's exchange. */
  async listRequest(req: OutgoingRequest, as: Caller = "developer", because?: RequirementId): Promise<ListResult> {
    const exchange = await this.requests.send(req, as, "check", because);
    const begun = performance.now();
    try {
      assertWellFormed(exchange);
    } finally {
      this.stats.validationMs += performance.now() - begun;
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
  async walk(at: DatasetAddress, query: Omit<ListRecordsQuery, "nextToken">, because: RequirementId, expectedRecords: number, as: Caller = "developer"): Promise<Walk> {
    const maxPages = expectedRecords + 3;
    const pages = await walkPages(
      (nextToken) => this.list(at, { ...query, ...(nextToken === undefined ? {} : { nextToken }) }, because, { as }),
      (p) => p.body.NextToken ?? undefined,
      {
        maxPages,
        cycle: (p, n) => new ConformanceFailure(because, "a walk that ends", `page ${n} handed back a NextToken already used earlier in the walk (a cycle)`, p.exchange),
        tooMany: (p, n) => new ConformanceFailure(because, `at most ${maxPages} pages for ${expectedRecords} changed records`, `still a NextToken after ${n} pages`, p.exchange),
      },
    );
    return { pages, records: pages.flatMap((p) => p.records) };
  }
}
