/** A run's counts and exit code, read from its tests' outcomes. */
import type { Level } from "../harness/catalogue.js";
import type { JudgedResult, OutcomeKind } from "./outcome.js";

/** Counts of the run's outcomes: passed, failed, skipped and expectedFailures add up to the tests run. */
export interface Summary {
  /** Passed, unexpected passes included. */
  passed: number;
  /** Failed at a check, not judged, or failed inside the suite; expected failures are counted apart. */
  failed: number;
  /** Skipped, expected skips included. */
  skipped: number;
  /** Requirement checks that failed, by level. */
  mustFailed: number;
  shouldFailed: number;
  /** Scenarios that could not be judged (setup or transport), and failures of the suite itself. */
  notJudged: number;
  internal: number;
  /** MUST tests that did not run (a missing capability, an interpretation set to "any", an expected skip). */
  mustSkipped: number;
  /** Failures an expectations file lists, which do not count against the run. */
  expectedFailures: number;
  /** Tests an expectations file lists as failing that passed. */
  unexpectedPasses: number;
}

export function summarize(results: readonly JudgedResult[]): Summary {
  // A failure counts at the level of the requirement it broke; a skip at the test's declared level.
  const count =
    (...kinds: OutcomeKind[]) =>
    (level?: Level) =>
      results.filter((r) => kinds.includes(r.outcome.kind) && (!level || (r.failedLevel ?? r.level) === level)).length;
  return {
    passed: count("passed", "unexpected pass")(),
    failed: count("failed", "not judged", "suite error")(),
    skipped: count("skipped", "expected skip")(),
    mustFailed: count("failed")("MUST"),
    shouldFailed: count("failed")("SHOULD"),
    notJudged: count("not judged")(),
    internal: count("suite error")(),
    mustSkipped: count("skipped", "expected skip")("MUST"),
    expectedFailures: count("expected failure")(),
    unexpectedPasses: count("unexpected pass")(),
  };
}

/**
 * 3 when the suite itself failed; 1 when any outcome fails the run (see Outcome.failsRun: a
 * MUST failure, a scenario not judged, and under their options a SHOULD failure, a MUST test
 * not run, a listed failure that passed); 0 otherwise.
 */
export function exitCodeOf(results: readonly JudgedResult[]): number {
  if (results.some((r) => r.outcome.kind === "suite error")) return 3;
  return results.some((r) => r.outcome.failsRun) ? 1 : 0;
}
