/**
 * How a run ends: the JSON report written, what cleanup left and why the run stopped early
 * (if it did), a one-line digest of what broke, the verdict line, and the exit code.
 */
import type { RunSettings } from "../config/resolve.js";
import type { RunContext, RunPlan } from "../harness/run.js";
import { exitCodeFor, summarize, type TestResult } from "../report/results.js";
import { describePlan, roundAll, writeReport } from "./report-files.js";

export function finish(results: TestResult[], s: RunSettings, plan: RunPlan, run: RunContext, phases: { startupMs: number; testsMs: number }): number {
  const summary = summarize(results);
  if (s.reportJson) {
    const timing = {
      ...phases,
      reportingMs: performance.now() - phases.startupMs - phases.testsMs,
      ...run.stats,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
    const stopped = run.gate.closedBecause;
    const cleanup = { problems: run.cleanupProblems, leftBehind: run.leftBehind };
    writeReport(s.reportJson, { summary, run: { ...describePlan(plan), timing: roundAll(timing), ...(stopped ? { stoppedEarly: stopped } : {}), cleanup }, tests: results });
  }
  for (const problem of run.cleanupProblems) process.stdout.write(`cleanup: ${problem}\n`);
  if (run.gate.closedBecause) process.stdout.write(`stopped early: ${run.gate.closedBecause}; nothing was sent after that\n`);
  // Every dataset of the run is named from its prefix, so the prefix says what to delete.
  if (run.leftBehind.length > 0)
    process.stdout.write(
      `cleanup not run: ${run.leftBehind.length} datasets or provider states left behind (datasets named ${plan.prefix}-*; each is listed in the JSON report)\n`,
    );
  const code = exitCodeFor(summary, s.strict);
  // One line on what broke: requirement ids, and for scenarios not judged, the first reason given.
  const broken = new Map<string, number>();
  for (const r of results) {
    if (r.status !== "failed") continue;
    // A setup or transport failure's second line is its cause without the scenario's names, so alike ones group.
    const cause = (r.error ?? "").split("\n")[r.failure === "setup" ? 1 : 0]?.trim() ?? "";
    // Requests the gate stopped all share one cause, printed in full on the 'stopped early' line.
    const reason = /^(not sent|abandoned): /.test(cause) ? "stopped early" : cause.slice(0, 120);
    const key = r.failedRequirement ?? `${r.failure === "internal" ? "suite error" : "not judged"}: ${reason}`;
    broken.set(key, (broken.get(key) ?? 0) + 1);
  }
  if (broken.size > 0) {
    const top = [...broken].sort((a, b) => b[1] - a[1]);
    process.stdout.write(
      `failed: ${top
        .slice(0, 8)
        .map(([id, n]) => `${id} x${n}`)
        .join(", ")}${top.length > 8 ? `, and ${top.length - 8} more` : ""}\n`,
    );
  }
  process.stdout.write(
    `verdict: ${code === 0 ? "conforms" : code === 3 ? "the suite failed" : "does not conform"} (${summary.mustFailed} MUST and ${summary.shouldFailed} SHOULD requirement checks failed` +
      `${summary.notJudged ? `; ${summary.notJudged} scenarios could not be judged` : ""}${summary.internal ? `; ${summary.internal} failed inside the suite` : ""}${s.strict ? "; --strict" : ""})\n` +
      `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`,
  );
  return code;
}
