/**
 * What an expectations file means for a finished run: which failures were expected, which
 * listed tests passed after all, which skips were asked for; and the file that
 * --write-expectations makes from a run's failures.
 */
import { listedFailure, listedSkip, type ExpectationEntry } from "../config/expectations.js";
import type { Expectation, TestResult } from "./results.js";

export function applyExpectations(results: TestResult[], entries: readonly ExpectationEntry[]): void {
  // A requirement listed to fail has "passed unexpectedly" only if no test failed it.
  const failing = new Set(results.flatMap((r) => (r.status === "failed" && r.failedRequirement ? [r.failedRequirement] : [])));
  for (const r of results) {
    const [entry, outcome]: [ExpectationEntry | undefined, Expectation["outcome"]] =
      r.status === "failed"
        ? [listedFailure(entries, r.id, r.failedRequirement), "expected failure"]
        : r.status === "skipped"
          ? [listedSkip(entries, r.id, r.requirements), "expected skip"]
          : [
              entries.find(
                (e) => e.expect === "fail" && (e.test === r.id || (e.requirement !== undefined && r.requirements.includes(e.requirement) && !failing.has(e.requirement))),
              ),
              "unexpected pass",
            ];
    if (entry) r.expectation = { expected: entry.expect, reason: entry.reason, ...(entry.link ? { link: entry.link } : {}), outcome };
  }
}

/** An expectations file listing every failed test of the run, by its stable id. */
export function expectationsOf(results: readonly TestResult[]): { expectations: ExpectationEntry[] } {
  const failed = results.filter((r) => r.status === "failed").sort((a, b) => a.id.localeCompare(b.id));
  return {
    expectations: failed.map((r) => ({
      test: r.id,
      expect: "fail",
      reason: r.expectation?.reason ?? (r.failedRequirement ? `fails ${r.failedRequirement}` : `not judged: ${(r.error ?? "").split("\n")[1]?.trim() ?? "no answer"}`),
      ...(r.expectation?.link ? { link: r.expectation.link } : {}),
    })),
  };
}
