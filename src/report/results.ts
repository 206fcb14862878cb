/** What a run found, test by test, and the verdict the exit code carries. */
import type { Level } from "../harness/catalogue.js";
import type { HistoryRepro, RacedCallShown } from "../harness/failure.js";

export type Status = "passed" | "failed" | "skipped";

export interface TestResult {
  id: string;
  title: string;
  requirements: readonly string[];
  /** The level at stake: the broken requirement's when a check failed, else the test's strictest. */
  level: Level;
  status: Status;
  /** For a failure: the id of the requirement whose check failed, when a check failed (not setup or transport). */
  failedRequirement?: string;
  /** A random history: what it does follows the run's seed, so its failures are listed by requirement, never by id. */
  seeded?: true;
  /** For a failure found by a random history: the shortest history found, and how to replay it. */
  history?: HistoryRepro;
  /** For a failure shown by calls at the same moment: those calls and the ones that overlapped them, with their timings. */
  race?: RacedCallShown[];
  /** For a failed check: what was expected and what came back, and the exchange that showed it (when one did), as fields. */
  check?: { expected: string; actual: string; exchange?: { request: string; status?: number; curl: string } };
  /** For a failed check: the clients the broken requirement breaks, and how. */
  breaks?: Array<{ client: string; effect: string }>;
  /**
   * For a failure, what kind: a requirement check ("check"); the endpoint could not be put in
   * the state the scenario needs or stopped answering, so nothing was judged ("setup"); or a
   * bug of the suite itself ("internal").
   */
  failure?: "check" | "setup" | "internal";
  reason?: string;
  durationMs: number;
  /** Requests the scenario sent. */
  requests?: number;
  /** Interpretations set to "any" whose checks this test left out. */
  unchecked?: string[];
  /** What the test generated or observed that its title leaves out (titles stay the same from run to run). */
  notes?: string[];
  /** The expectations file's entry for this test, and what came of it. */
  expectation?: Expectation;
  error?: string;
}

/** An entry of an expectations file as it applied to one test. */
export interface Expectation {
  expected: "fail" | "skip";
  reason: string;
  link?: string;
  /** "expected failure": failed as listed (not counted against the run); "unexpected pass": listed to fail, but passed; "expected skip": not run, as listed. */
  outcome: "expected failure" | "unexpected pass" | "expected skip";
}

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  /** Requirement checks that failed, by level. */
  mustFailed: number;
  shouldFailed: number;
  /** Scenarios that could not be judged (setup or transport), and failures of the suite itself. */
  notJudged: number;
  internal: number;
  /** MUST tests that did not run (a missing capability, a reading set to "any", an expectation). */
  mustSkipped: number;
  /** Failures an expectations file lists, which do not count against the run. */
  expectedFailures: number;
  /** Tests an expectations file lists as failing that passed. */
  unexpectedPasses: number;
}

/** The settings that decide what a run's findings mean for its exit code. */
export interface VerdictOptions {
  strict: boolean;
  /** A MUST test that did not run fails the run. */
  requireAll: boolean;
  /** A listed failure that passed fails the run. */
  strictExpectations: boolean;
}

export function summarize(results: readonly TestResult[]): Summary {
  const count = (f: (r: TestResult) => boolean) => results.filter(f).length;
  // A failure the expectations file lists is reported as such, not counted against the run.
  const counted = (r: TestResult) => r.expectation?.outcome !== "expected failure";
  return {
    passed: count((r) => r.status === "passed"),
    failed: count((r) => r.status === "failed"),
    skipped: count((r) => r.status === "skipped"),
    mustFailed: count((r) => r.failure === "check" && r.level === "MUST" && counted(r)),
    shouldFailed: count((r) => r.failure === "check" && r.level === "SHOULD" && counted(r)),
    notJudged: count((r) => r.failure === "setup" && counted(r)),
    internal: count((r) => r.failure === "internal"),
    mustSkipped: count((r) => r.status === "skipped" && r.level === "MUST"),
    expectedFailures: count((r) => r.expectation?.outcome === "expected failure"),
    unexpectedPasses: count((r) => r.expectation?.outcome === "unexpected pass"),
  };
}

/**
 * 3 when the suite itself failed; 1 when a MUST requirement failed (or a SHOULD one, with
 * --strict) or a scenario could not be judged, since then conformance is not shown, or a MUST
 * test did not run (with --require-all), or a listed failure passed (with
 * --strict-expectations); 0 otherwise. Failures an expectations file lists do not count.
 */
export function exitCodeFor(s: Summary, o: VerdictOptions): number {
  if (s.internal > 0) return 3;
  const failing = s.mustFailed > 0 || s.notJudged > 0 || (o.strict && s.shouldFailed > 0);
  return failing || (o.requireAll && s.mustSkipped > 0) || (o.strictExpectations && s.unexpectedPasses > 0) ? 1 : 0;
}
