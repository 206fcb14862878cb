/** What a run found, test by test, and the verdict the exit code carries. */
import type { Level } from "../harness/catalogue.js";
import type { HistoryRepro } from "../harness/failure.js";

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
  /** For a failure found by a random history: the shortest history found, and how to replay it. */
  history?: HistoryRepro;
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
  error?: string;
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
}

export function summarize(results: readonly TestResult[]): Summary {
  const count = (f: (r: TestResult) => boolean) => results.filter(f).length;
  return {
    passed: count((r) => r.status === "passed"),
    failed: count((r) => r.status === "failed"),
    skipped: count((r) => r.status === "skipped"),
    mustFailed: count((r) => r.failure === "check" && r.level === "MUST"),
    shouldFailed: count((r) => r.failure === "check" && r.level === "SHOULD"),
    notJudged: count((r) => r.failure === "setup"),
    internal: count((r) => r.failure === "internal"),
  };
}

/**
 * 3 when the suite itself failed; 1 when a MUST requirement failed (or a SHOULD one, with
 * --strict) or a scenario could not be judged, since then conformance is not shown; 0 otherwise.
 */
export const exitCodeFor = (s: Summary, strict: boolean) => (s.internal > 0 ? 3 : s.mustFailed > 0 || s.notJudged > 0 || (strict && s.shouldFailed > 0) ? 1 : 0);
