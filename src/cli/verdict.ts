/**
 * How a run ends: expectations applied, every report written from one run record, what
 * cleanup left and why the run stopped early (if it did), a one-line digest of what broke,
 * the verdict line (which says when MUST tests did not run), and the exit code.
 */
import type { RequirementId } from "../requirement-ids.js";
import type { RunSettings } from "../config/resolve.js";
import type { RunContext, RunPlan } from "../harness/run.js";
import { applyExpectations, expectationsOf } from "../report/expectations.js";
import { requirements } from "../harness/catalogue.js";
import { judge, requirementOutcomes, type JudgedResult, type VerdictOptions } from "../report/outcome.js";
import type { TestResult } from "../report/results.js";
import { FORMAT_VERSION, type RunRecord } from "../report/run-record.js";
import { exitCodeOf, summarize, type Summary } from "../report/summary.js";
import { countsLine, failureSection } from "../report/terminal-failures.js";
import { TOOL } from "../version.js";
import { settleParity, type ParityMode } from "./parity-run.js";
import { describePlan, roundAll, writeFile, writeReports } from "./report-files.js";

export const verdictOptions = (s: RunSettings): VerdictOptions => ({ strict: s.strict, requireAll: s.requireAll, strictExpectations: s.strictExpectations });

export function finish(
  recorded: TestResult[],
  s: RunSettings,
  plan: RunPlan,
  run: RunContext,
  phases: { startupMs: number; testsMs: number },
  command: string,
  parityMode?: ParityMode,
): number {
  applyExpectations(recorded, plan.expectations);
  const options = verdictOptions(s);
  const results = judge(recorded, options);
  const summary = summarize(results);
  const settled = parityMode && settleParity(parityMode, results, plan);
  // A difference from the recording fails a compare run as a failed check would; a worse exit (2, 3) stays.
  const code = settled?.failsRun ? Math.max(exitCodeOf(results), 1) : exitCodeOf(results);
  const failures = failureSection(results);
  if (failures) process.stdout.write(`${failures}\n`);
  for (const problem of run.cleanupProblems) process.stdout.write(`cleanup: ${problem}\n`);
  if (run.gate.closedBecause) process.stdout.write(`stopped early: ${run.gate.closedBecause}; nothing was sent after that\n`);
  if (plan.keepData) process.stdout.write(`kept: the run's datasets are left in place (--keep-data), all named ${plan.prefix}-*\n`);
  // Every dataset of the run is named from its prefix, so the prefix says what to delete.
  if (run.leftBehind.length > 0)
    process.stdout.write(
      `cleanup not run: ${run.leftBehind.length} datasets or provider states left behind (datasets named ${plan.prefix}-*; each is listed in the JSON report)\n`,
    );
  const digest = brokenDigest(results);
  if (digest) process.stdout.write(`${digest}\n`);
  // Listed failures that passed: the expectations file can be ratcheted.
  const surprises = results.filter((r) => r.outcome.kind === "unexpected pass");
  for (const r of surprises.slice(0, 10)) process.stdout.write(`unexpected pass: ${r.id} (listed: ${r.expectation!.reason})\n`);
  if (surprises.length > 10) process.stdout.write(`unexpected pass: and ${surprises.length - 10} more (every one is in the reports)\n`);
  if (settled) process.stdout.write(`${settled.lines.join("\n")}\n`);
  const differences = settled?.parity.command === "compare" ? settled.parity.counts.differences : 0;
  const line = `${verdictLine(summary, code, options, results)}${differences ? `, and ${differences} differences from the recording` : ""}`;
  process.stdout.write(`${line}\n${countsLine(summary)}\n`);

  const timing = { ...phases, reportingMs: performance.now() - phases.startupMs - phases.testsMs, ...run.stats, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  const stopped = run.gate.closedBecause;
  const record: RunRecord = {
    formatVersion: FORMAT_VERSION,
    tool: { ...TOOL },
    finishedAt: new Date().toISOString(),
    summary,
    verdict: { exitCode: code, line },
    run: {
      ...describePlan(plan, s, command),
      timing: roundAll(timing) as Record<string, unknown>,
      ...(stopped ? { stoppedEarly: stopped } : {}),
      cleanup: { problems: run.cleanupProblems, leftBehind: run.leftBehind },
    },
    ...(settled ? { parity: settled.parity } : {}),
    tests: results,
    requirements: requirementOutcomes(requirements.values(), results, command),
  };
  writeReports(s, record);
  if (s.writeExpectations) {
    const written = expectationsOf(results, plan.seed);
    writeFile(s.writeExpectations, `${JSON.stringify(written, null, 2)}\n`);
    process.stdout.write(`wrote ${written.expectations.length} expectation${written.expectations.length === 1 ? "" : "s"} to ${s.writeExpectations}\n`);
  }
  return code;
}

/** The record of a run that ended before its tests: no tests, and why. */
export function abortedRecord(plan: RunPlan, s: RunSettings, command: string, e: { code: number; message: string; requirement?: RequirementId }): RunRecord {
  const summary = summarize([]);
  const line = `verdict: not judged: ${e.message.split("\n")[0]}`;
  return {
    formatVersion: FORMAT_VERSION,
    tool: { ...TOOL },
    finishedAt: new Date().toISOString(),
    summary,
    verdict: { exitCode: e.code, line },
    run: describePlan(plan, s, command),
    aborted: { exitCode: e.code, reason: e.message, ...(e.requirement ? { requirement: e.requirement } : {}) },
    tests: [],
    requirements: requirementOutcomes(requirements.values(), [], command),
  };
}

/** One line on what broke: requirement ids, and for scenarios not judged, the first reason given. */
function brokenDigest(results: readonly JudgedResult[]): string | undefined {
  const broken = new Map<string, number>();
  for (const r of results) {
    if (!["failed", "not judged", "suite error"].includes(r.outcome.kind)) continue;
    // A setup or transport failure's second line is its cause without the scenario's names, so alike ones group.
    const cause = (r.error ?? "").split("\n")[r.failure === "setup" ? 1 : 0]?.trim() ?? "";
    // Requests the gate stopped all share one cause, printed in full on the 'stopped early' line.
    const reason = /^(not sent|abandoned): /.test(cause) ? "stopped early" : cause.slice(0, 120);
    const key = r.failedRequirement ?? `${r.failure === "internal" ? "suite error" : "not judged"}: ${reason}`;
    broken.set(key, (broken.get(key) ?? 0) + 1);
  }
  if (broken.size === 0) return undefined;
  const top = [...broken].sort((a, b) => b[1] - a[1]);
  return `failed: ${top
    .slice(0, 8)
    .map(([id, n]) => `${id} x${n}`)
    .join(", ")}${top.length > 8 ? `, and ${top.length - 8} more` : ""}`;
}

/** The verdict, with whatever keeps it from being the whole story: MUST tests not run, expected failures, unexpected passes. */
export function verdictLine(summary: Summary, code: number, o: VerdictOptions, results: readonly JudgedResult[]): string {
  const verdict = code === 0 ? "conforms" : code === 3 ? "the suite failed" : "does not conform";
  const counts =
    `${summary.mustFailed} MUST and ${summary.shouldFailed} SHOULD requirement checks failed` +
    `${summary.notJudged ? `; ${summary.notJudged} scenarios could not be judged` : ""}${summary.internal ? `; ${summary.internal} failed inside the suite` : ""}${o.strict ? "; --strict" : ""}`;
  const buts: string[] = [];
  if (summary.mustSkipped > 0) {
    const why = new Map<string, number>();
    for (const r of results)
      if ((r.outcome.kind === "skipped" || r.outcome.kind === "expected skip") && r.level === "MUST") why.set(shortReason(r.reason), (why.get(shortReason(r.reason)) ?? 0) + 1);
    const reasons = [...why].map(([reason, n]) => `${reason} x${n}`).join("; ");
    buts.push(`${summary.mustSkipped} MUST tests did not run (${reasons})${o.requireAll ? " and --require-all counts that as a failure" : "; --require-all makes that a failure"}`);
  }
  if (summary.expectedFailures > 0) buts.push(`${summary.expectedFailures} failures were expected (expectations file)`);
  if (summary.unexpectedPasses > 0)
    buts.push(`${summary.unexpectedPasses} tests listed to fail passed${o.strictExpectations ? " (--strict-expectations)" : "; update the expectations file"}`);
  return `verdict: ${verdict} (${counts})${buts.length ? `, but ${buts.join(", and ")}` : ""}`;
}

/** A skip reason without its detail, so alike reasons group: "needs provider states: no --state-url ...". */
const shortReason = (reason: string | undefined) => (reason ?? "no reason given").split(/[:(]/).slice(0, 2).join(":").trim().slice(0, 80);
