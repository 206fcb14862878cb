/**
 * The JUnit XML report, as CI publishers read it (checked against schemas/junit.xsd by the
 * project's tests): one testsuite per scenario area, a testcase per test named by its id and
 * title, counts that match the elements, times that are wall times, and each testcase read from
 * the test's outcome. A SHOULD
 * miss fails a testcase only under --strict (otherwise it passes, the miss in system-out); a
 * failure the expectations file lists is a skipped testcase saying so; a run that ended before
 * its tests is one testcase in error, saying why.
 */
import type { ReportFormat } from "../format.js";
import type { JudgedResult } from "../outcome.js";
import type { RunRecord } from "../run-record.js";

type Case = { kind: "passed" } | { kind: "failure" | "error"; message: string; type: string; text: string } | { kind: "skipped"; message: string };

const XML_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
// Terminal colour codes have no place in a file.
const ANSI = /\u001b\[[0-9;]*m/g;
const esc = (s: string) =>
  s
    .replace(ANSI, "")
    .replace(XML_UNSAFE, "")
    .replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const firstLine = (s: string | undefined) => (s ?? "").split("\n")[0]!.slice(0, 500);
const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** The testcase a test's outcome makes: JUnit has no "failed, but not counted", so such a failure passes with its story in system-out. */
function caseOf(t: JudgedResult): Case {
  const { kind, failsRun } = t.outcome;
  const e = t.expectation;
  switch (kind) {
    case "expected failure":
      return { kind: "skipped", message: `expected to fail (expectations file): ${e!.reason}` };
    case "expected skip":
      return failsRun
        ? { kind: "failure", message: `a MUST test did not run (--require-all): the expectations file skips it: ${e!.reason}`, type: "not run", text: e!.reason }
        : { kind: "skipped", message: `skipped as the expectations file says: ${e!.reason}` };
    case "unexpected pass":
      return failsRun ? { kind: "failure", message: `passed, but the expectations file lists it to fail: ${e!.reason}`, type: "unexpected pass", text: "" } : { kind: "passed" };
    case "skipped":
      return failsRun
        ? { kind: "failure", message: `a MUST test did not run (--require-all): ${t.reason}`, type: "not run", text: t.reason ?? "" }
        : { kind: "skipped", message: t.reason ?? "no reason given" };
    case "passed":
      return { kind: "passed" };
    case "failed":
      return failsRun ? { kind: "failure", message: firstLine(t.error), type: `${t.failedRequirement} (${t.failedLevel})`, text: t.error ?? "" } : { kind: "passed" };
    case "not judged":
    case "suite error":
      return { kind: "error", message: firstLine(t.error), type: kind, text: t.error ?? "" };
  }
}

/**
 * The wall time some tests took, from the first one's start to the last one's end: tests run
 * side by side, so the sum of their durations is not how long they took.
 */
function wallMs(tests: readonly JudgedResult[]): number {
  const timed = tests.filter((t) => t.startMs !== undefined);
  if (timed.length === 0) return tests.reduce((sum, t) => sum + t.durationMs, 0);
  return Math.max(...timed.map((t) => t.startMs! + t.durationMs)) - Math.min(...timed.map((t) => t.startMs!));
}

/** What the testcase's system-out carries: what the title leaves out, and a SHOULD miss that did not fail it. */
function output(t: JudgedResult, c: Case): string[] {
  return [
    ...(t.notes ?? []),
    ...(t.unchecked?.length ? [`not checked (interpretation 'any'): ${t.unchecked.join(", ")}`] : []),
    ...(t.expectation ? [`expectations file: ${t.expectation.outcome} (${t.expectation.reason}${t.expectation.link ? `, ${t.expectation.link}` : ""})`] : []),
    // A failure that does not fail the testcase (a SHOULD miss, an expected failure) is told here.
    ...((c.kind === "passed" || c.kind === "skipped") && t.status === "failed" ? [t.error ?? ""] : []),
  ];
}

function testcase(t: JudgedResult): { xml: string; c: Case } {
  const c = caseOf(t);
  const area = t.id.split("/")[0]!;
  const body = [
    c.kind === "failure" || c.kind === "error" ? `      <${c.kind} message="${esc(c.message)}" type="${esc(c.type)}">${esc(c.text)}</${c.kind}>` : "",
    c.kind === "skipped" ? `      <skipped message="${esc(c.message)}"/>` : "",
    ...[output(t, c).join("\n")].filter((s) => s !== "").map((s) => `      <system-out>${esc(s)}</system-out>`),
  ].filter((l) => l !== "");
  const open = `    <testcase classname="cognito-sync-conformance.${esc(area)}" name="${esc(t.id)}: ${esc(t.title)}" time="${seconds(t.durationMs)}"`;
  return { xml: body.length === 0 ? `${open}/>` : [`${open}>`, ...body, "    </testcase>"].join("\n"), c };
}

/** An aborted run's one test case. */
const abortedTest = (a: NonNullable<RunRecord["aborted"]>): JudgedResult => ({
  id: "run/aborted",
  title: "the run reaches its tests",
  requirements: a.requirement ? [a.requirement] : [],
  level: "MUST",
  status: "failed",
  failure: "setup",
  durationMs: 0,
  error: a.reason,
  outcome: { kind: "not judged", failsRun: true },
});

export const junitFormat: ReportFormat = {
  name: "the JUnit report",
  render(record) {
    const tests = record.aborted ? [abortedTest(record.aborted)] : record.tests;
    const areas = new Map<string, JudgedResult[]>();
    for (const t of tests) areas.set(t.id.split("/")[0]!, [...(areas.get(t.id.split("/")[0]!) ?? []), t]);
    const totals = { tests: 0, failures: 0, errors: 0 };
    const suites = [...areas].map(([area, members]) => {
      const cases = members.map(testcase);
      const n = (kind: Case["kind"]) => cases.filter((x) => x.c.kind === kind).length;
      const c = { tests: cases.length, failures: n("failure"), errors: n("error"), skipped: n("skipped"), ms: wallMs(members) };
      for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += c[k];
      return [
        `  <testsuite name="${esc(area)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(c.ms)}" timestamp="${record.finishedAt}">`,
        ...cases.map((x) => x.xml),
        "  </testsuite>",
      ].join("\n");
    });
    return [
      `<?xml version="1.0" encoding="UTF-8"?>`,
      `<testsuites name="cognito-sync-conformance" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" time="${seconds(wallMs(tests))}">`,
      ...suites,
      "</testsuites>",
      "",
    ].join("\n");
  },
};
