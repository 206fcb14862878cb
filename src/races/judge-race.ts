/**
 * Verdicts on a race: the checks a scenario states directly (one winner, distinct counts), and
 * the linearizability checker over every call the race made. A failure names the calls no order
 * explains, with every call that overlapped them, each with its timing, answer and curl line.
 */
import { ConformanceFailure, type RacedCallShown } from "../harness/failure.js";
import type { TestContext } from "../harness/test-context.js";
import { explain } from "../model/linearizability.js";
import { brokenBy } from "../model/race-requirement.js";
import type { RacedCall } from "./race.js";
import type { RequirementId } from "../requirement-ids.js";

const ms = (n: number) => Math.round(n * 10) / 10;

/** `unexplained` and the calls that overlapped any of them, in the order they were sent, timed from the first call. */
export function shownCalls(calls: readonly RacedCall[], unexplained: ReadonlySet<RacedCall>): RacedCallShown[] {
  const origin = Math.min(...calls.map((c) => c.start));
  const marked = [...unexplained];
  const overlaps = (c: RacedCall) => marked.some((m) => c.start < m.end && m.start < c.end);
  return calls
    .filter((c) => unexplained.has(c) || overlaps(c))
    .sort((a, b) => a.start - b.start)
    .map((c) => ({ call: c.call, startMs: ms(c.start - origin), endMs: ms(c.end - origin), unexplained: unexplained.has(c), curl: c.exchange.curl }));
}

/** A failure of `requirement` shown through the calls that make it. */
export function raceFailure(requirement: RequirementId, wanted: string, got: string, calls: readonly RacedCall[], unexplained: readonly RacedCall[]): ConformanceFailure {
  const shown = shownCalls(calls, new Set(unexplained));
  const context = [
    "  calls (* marks those no order explains; the others overlapped them), in ms from the race's first call:",
    ...shown.flatMap((c) => [`  ${c.unexplained ? "*" : " "} [${c.startMs.toFixed(1)} -> ${c.endMs.toFixed(1)}] ${c.call}`, `       ${c.curl}`]),
  ];
  const failure = new ConformanceFailure(requirement, wanted, got, unexplained[0]?.exchange, context);
  failure.race = shown;
  return failure;
}

/** Fails the race unless some order of all its calls, each placed between its start and end, explains every answer. */
export function expectLinearizable(t: TestContext, calls: readonly RacedCall[]): void {
  const choices = { count: t.choice("count"), tombstones: t.choice("tombstones") };
  const verdict = explain(calls, choices);
  if (verdict.explained === "undecided") return void t.note(`linearizability not decided: ${verdict.why}`);
  if (verdict.explained) return;
  const unexplained = verdict.unexplained.map((i) => calls[i]!);
  throw raceFailure(
    brokenBy(calls, verdict.unexplained),
    "one order of the calls, each placed between its start and its end, under which the service model gives every answer the endpoint gave",
    `no order explains the ${unexplained.length} call${unexplained.length === 1 ? "" : "s"} marked *`,
    calls,
    unexplained,
  );
}
