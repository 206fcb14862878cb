/**
 * A scenario's checks, tied to requirement ids. A MUST failure ends the scenario at once; a
 * SHOULD failure is held until the scenario ends, so the MUST checks after it still run and
 * a broken MUST is never hidden behind it.
 */
import type { RequirementId } from "../requirement-ids.js";
import type { Exchange } from "../http/exchange.js";
import type { ListResult, RecordOut, Walk } from "./answers.js";
import { ConformanceFailure } from "./failure.js";
import { describeDiff, diffRecords, pageWhereWrong, type Expected } from "./records.js";
import { resolvedErrorType, WELL_FORMED_REQUIREMENTS } from "./well-formed.js";

export class Verdicts<Id extends RequirementId = RequirementId> {
  private readonly held: ConformanceFailure[] = [];

  /**
   * `declared`: the requirements the scenario states; a check under any other is a suite bug,
   * pass or fail. `Id` narrows what the compiler lets a caller check (see src/histories/requirements.ts).
   */
  constructor(private readonly declared: readonly RequirementId[]) {}

  /** Fails `requirementId` unless `ok`: at once for a MUST, at the end for a SHOULD. */
  check(requirementId: Id, ok: boolean, expected: string, actual: () => string, exchange?: Exchange): void {
    this.judge(requirementId, ok, expected, actual, exchange);
  }

  private judge(requirementId: RequirementId, ok: boolean, expected: string, actual: () => string, exchange?: Exchange): void {
    undeclaredCheck(this.declared, requirementId);
    if (ok) return;
    const failure = new ConformanceFailure(requirementId, expected, actual(), exchange);
    if (failure.level === "MUST") throw failure;
    this.held.push(failure);
  }

  /** The first SHOULD failure held back, if any. */
  firstHeld(): ConformanceFailure | undefined {
    return this.held[0];
  }

  /**
   * `records` hold every expected key exactly once, with the value written, and nothing else.
   * Given a walk's pages instead of one exchange, a failure shows the page where it went wrong.
   */
  expectExactly(requirement: Id, records: readonly RecordOut[], expected: ReadonlyMap<string, Expected>, shown?: Exchange | Walk["pages"]): void {
    undeclaredCheck(this.declared, requirement);
    const { missing, duplicated, unexpected, wrongValue } = diffRecords(records, expected);
    const delivery = { missing, duplicated, unexpected, wrongValue };
    const ok = Object.values(delivery).every((xs) => xs.length === 0);
    if (ok) return;
    const page = Array.isArray(shown) ? pageWhereWrong(shown, expected) : undefined;
    const exchange = page === undefined ? (shown as Exchange | undefined) : (shown as Walk["pages"])[page]!.exchange;
    const where =
      page !== undefined && (shown as Walk["pages"]).length > 1 ? ` (shown: page ${page + 1} of ${(shown as Walk["pages"]).length}, where the walk first went wrong)` : "";
    this.check(requirement, false, `exactly these ${expected.size} records, each once, with the values written`, () => `${describeDiff(delivery)}${where}`, exchange);
  }

  /** Each of `records` carries the sync count of the UpdateRecords call that last wrote it. */
  expectSyncCounts(requirement: Id, records: readonly RecordOut[], expected: ReadonlyMap<string, Expected>, exchange?: Exchange): void {
    const { wrongSyncCount } = diffRecords(records, expected);
    this.check(requirement, wrongSyncCount.length === 0, "each record with the sync count of the call that last wrote it", () => describeDiff({ wrongSyncCount }), exchange);
  }

  /**
   * UpdateRecords refused a patch with a stale SyncCount: 4xx (LR-WRITE-CONFLICT), and 409 typed
   * ResourceConflictException in the header (LR-WRITE-CONFLICT-TYPE), since the iOS client reads
   * the type from that header alone; anywhere else the conflict goes unrecognised.
   */
  expectConflict(ex: Exchange & { response: { status: number; headers: Record<string, string> } }): void {
    const status = ex.response.status;
    this.judge("LR-WRITE-CONFLICT", status >= 400 && status < 500, "UpdateRecords refused with 4xx", () => `HTTP ${status}`, ex);
    const header = (ex.response.headers["x-amzn-errortype"] ?? "").split(":")[0];
    this.judge(
      "LR-WRITE-CONFLICT-TYPE",
      status === 409 && header === "ResourceConflictException",
      "HTTP 409 with x-amzn-ErrorType: ResourceConflictException",
      () => `HTTP ${status}, x-amzn-ErrorType ${header || "absent"} (error type ${resolvedErrorType(ex) ?? "none"})`,
      ex,
    );
  }

  /** An error answer: its status under one requirement, and optionally its type under another. */
  expectError(result: ListResult, status: { requirement: Id; equals: number }, type?: { requirement: Id; equals: string }): void {
    const actual = () => `HTTP ${result.status} ${resolvedErrorType(result.exchange) ?? "(no error type)"}`;
    this.check(status.requirement, result.status === status.equals, `HTTP ${status.equals}`, actual, result.exchange);
    if (type) this.check(type.requirement, resolvedErrorType(result.exchange) === type.equals, `error type ${type.equals}`, actual, result.exchange);
  }
}

/**
 * Throws a suite bug when a scenario checks a requirement it did not declare: its report would
 * name the wrong requirements. The shared answer check's requirements hold for every scenario.
 */
export function undeclaredCheck(declared: readonly RequirementId[], id: RequirementId): void {
  if (!declared.includes(id) && !(WELL_FORMED_REQUIREMENTS as readonly RequirementId[]).includes(id))
    throw new Error(`suite bug: a check under ${id}, which the scenario does not declare (it declares ${declared.join(", ")})`);
}
