/**
 * Which requirement a set of calls that no order explains breaks, as specific as its
 * acknowledged writes tell: two that overlapped and were numbered alike (LR-RACE-COUNTS), two
 * that overlapped and wrote one key from one SyncCount (LR-RACE-ONE-WINNER), else none more
 * specific than LR-RACE-LINEARIZABLE.
 */
import type { RequirementId } from "../requirement-ids.js";
import type { TimedOp } from "./linearizability.js";

/** Every requirement a set of unexplained calls can break. */
export const RACE_REQUIREMENTS = ["LR-RACE-LINEARIZABLE", "LR-RACE-ONE-WINNER", "LR-RACE-COUNTS"] as const satisfies readonly RequirementId[];

/**
 * The requirement an unexplained set of calls breaks, as specific as it can tell from each of
 * its acknowledged writes and those that overlapped it: two numbered alike, or two of one key
 * from one SyncCount; else no order at all.
 */
export function brokenBy(ops: readonly TimedOp[], unexplained: readonly number[]): (typeof RACE_REQUIREMENTS)[number] {
  const acked = (i: number) => {
    const op = ops[i]!.op;
    return op.kind === "update" && op.answer.status === "ok" ? { patches: op.patches, count: op.answer.syncCount } : undefined;
  };
  const pairs = unexplained.flatMap((i) =>
    ops.flatMap((o, j) => (j !== i && o.start < ops[i]!.end && ops[i]!.start < o.end && acked(i) && acked(j) ? [[acked(i)!, acked(j)!] as const] : [])),
  );
  if (pairs.some(([a, b]) => a.count !== undefined && a.count === b.count)) return "LR-RACE-COUNTS";
  if (pairs.some(([a, b]) => a.patches.some((p) => b.patches.some((q) => p.key === q.key && p.syncCount === q.syncCount)))) return "LR-RACE-ONE-WINNER";
  return "LR-RACE-LINEARIZABLE";
}
