/** What a run found, test by test, as the reporter records it (outcomes are decided from it in outcome.ts). */
import type { Level } from "../harness/catalogue.js";
import type { RequirementId } from "../requirement-ids.js";
import type { HistoryRepro, RacedCallShown } from "../harness/failure.js";

export type Status = "passed" | "failed" | "skipped";

export interface TestResult {
  id: string;
  title: string;
  requirements: readonly RequirementId[];
  /** The test's declared level: the strictest of its requirements. */
  level: Level;
  status: Status;
  /** For a failed check (not setup or transport): the requirement whose check failed ... */
  failedRequirement?: RequirementId;
  /** ... and its level, which decides whether the failure fails the run. */
  failedLevel?: Level;
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
  /** When the test's body started, in ms from the command's start (tests run side by side). */
  startMs?: number;
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
