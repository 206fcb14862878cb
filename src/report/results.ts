/** What a run found, test by test, and the verdict the exit code carries. */
import type { Level } from "../harness/catalogue.js";

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
  reason?: string;
  durationMs: number;
  /** Requests the scenario sent. */
  requests?: number;
  error?: string;
}

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  mustFailed: number;
  shouldFailed: number;
}

export function summarize(results: readonly TestResult[]): Summary {
  const count = (f: (r: TestResult) => boolean) => results.filter(f).length;
  return {
    passed: count((r) => r.status === "passed"),
    failed: count((r) => r.status === "failed"),
    skipped: count((r) => r.status === "skipped"),
    mustFailed: count((r) => r.status === "failed" && r.level === "MUST"),
    shouldFailed: count((r) => r.status === "failed" && r.level === "SHOULD"),
  };
}

/** 0: no MUST requirement failed (nor a SHOULD one, with --strict); 1 otherwise. */
export const exitCodeFor = (s: Summary, strict: boolean) => (s.mustFailed > 0 || (strict && s.shouldFailed > 0) ? 1 : 0);
