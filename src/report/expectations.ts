/**
 * What an expectations file means for a finished run: which failures were expected, which
 * listed tests passed after all, which skips were asked for; and the file that
 * --write-expectations makes from a run's failures.
 */
import { listedFailure, listedSkip, namesTest, type ExpectationEntry } from "../config/expectations.js";
import type { Expectation, TestResult } from "./results.js";

export function applyExpectations(results: TestResult[], entries: readonly ExpectationEntry[]): void {
  // A requirement listed to fail has "passed unexpectedly" only if no test failed it; a family of
  // random histories never does: one that missed the bug with this seed does not show it fixed.
  const failing = new Set(results.flatMap((r) => (r.status === "failed" && r.failedRequirement ? [r.failedRequirement] : [])));
  for (const r of results) {
    const [entry, outcome]: [ExpectationEntry | undefined, Expectation["outcome"]] =
      r.status === "failed"
        ? [listedFailure(entries, r.id, r.failedRequirement), "expected failure"]
        : r.status === "skipped"
          ? [listedSkip(entries, r.id, r.requirements), "expected skip"]
          : [
              entries.find(
                (e) =>
                  e.expect === "fail" &&
                  ((namesTest(e, r.id) && !e.test!.endsWith("*")) || (e.requirement !== undefined && r.requirements.includes(e.requirement) && !failing.has(e.requirement))),
              ),
              "unexpected pass",
            ];
    if (entry) r.expectation = { expected: entry.expect, reason: entry.reason, ...(entry.link ? { link: entry.link } : {}), outcome };
  }
}

/** The family of a random history's id: the id without its number, as an expectations entry names every one. */
const familyOf = (id: string) => `${id.replace(/\d+$/, "")}*`;

/**
 * An expectations file listing every failed test of the run by its stable id, except random
 * histories: under one id each seed tries something else, and one bug shows through different
 * requirements, and in either kind of history, with different seeds. So once any history failed,
 * every family of them (`histories/history-*`, `races/parallel-history-*`) is listed, with the
 * requirements broken and how to see each failure again in the reason. That holds in every run;
 * the cost is that the histories cannot show another bug until the entries go (the fixed
 * scenarios still do).
 */
export function expectationsOf(results: readonly TestResult[], seed: number): { expectations: ExpectationEntry[] } {
  const failed = results.filter((r) => r.status === "failed").sort((a, b) => a.id.localeCompare(b.id));
  const found: string[] = [];
  const byTest: ExpectationEntry[] = [];
  for (const r of failed) {
    if (r.seeded) {
      const replay = r.history ? `; replay: ${r.history.command}` : "";
      found.push(`${r.failedRequirement ?? "not judged"} (${r.id}${replay})`);
      continue;
    }
    const reason = r.expectation?.reason ?? (r.failedRequirement ? `fails ${r.failedRequirement}` : `not judged: ${(r.error ?? "").split("\n")[1]?.trim() ?? "no answer"}`);
    byTest.push({ test: r.id, expect: "fail", reason, ...(r.expectation?.link ? { link: r.expectation.link } : {}) });
  }
  const every = [...new Set(results.filter((r) => r.seeded).map((r) => familyOf(r.id)))].sort();
  const seededEntries =
    found.length === 0 ? [] : every.map((test): ExpectationEntry => ({ test, expect: "fail", reason: `random histories fail with --seed ${seed}: ${found.join("; ")}` }));
  return { expectations: [...seededEntries, ...byTest] };
}
