/**
 * The JUnit XML report, as CI publishers read it (checked against schemas/junit.xsd by the
 * project's tests): one testsuite per scenario area, a testcase per test named by its stable
 * title, counts that match the elements, and outcomes that agree with the exit code. A SHOULD
 * miss fails a testcase only under --strict (otherwise it passes, the miss in system-out); a
 * failure the expectations file lists is a skipped testcase saying so; a run that ended before
 * its tests is one testcase in error, saying why.
 */
import type { ReportFormat } from "../format.js";
import type { TestResult } from "../results.js";
import type { RunRecord } from "../run-record.js";

type Outcome = { kind: "passed" } | { kind: "failure" | "error"; message: string; type: string; text: string } | { kind: "skipped"; message: string };

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

function outcomeOf(t: TestResult, o: RunRecord["run"]["options"]): Outcome {
  const e = t.expectation;
  if (e?.outcome === "expected failure") return { kind: "skipped", message: `expected to fail (expectations file): ${e.reason}` };
  if (e?.outcome === "expected skip") return { kind: "skipped", message: `skipped as the expectations file says: ${e.reason}` };
  if (e?.outcome === "unexpected pass" && o.strictExpectations)
    return { kind: "failure", message: `passed, but the expectations file lists it to fail: ${e.reason}`, type: "unexpected pass", text: "" };
  if (t.status === "skipped") {
    const reason = t.reason ?? "no reason given";
    return o.requireAll && t.level === "MUST"
      ? { kind: "failure", message: `a MUST test did not run (--require-all): ${reason}`, type: "not run", text: reason }
      : { kind: "skipped", message: reason };
  }
  if (t.status === "passed") return { kind: "passed" };
  if (t.failure === "check") {
    if (t.level === "SHOULD" && !o.strict) return { kind: "passed" };
    return { kind: "failure", message: firstLine(t.error), type: `${t.failedRequirement} (${t.level})`, text: t.error ?? "" };
  }
  return { kind: "error", message: firstLine(t.error), type: t.failure === "setup" ? "not judged" : "suite error", text: t.error ?? "" };
}

/** What the testcase's system-out carries: what the title leaves out, and a SHOULD miss that did not fail it. */
function output(t: TestResult, outcome: Outcome): string[] {
  return [
    ...(t.notes ?? []),
    ...(t.unchecked?.length ? [`not checked (reading 'any'): ${t.unchecked.join(", ")}`] : []),
    ...(t.expectation ? [`expectations file: ${t.expectation.outcome} (${t.expectation.reason}${t.expectation.link ? `, ${t.expectation.link}` : ""})`] : []),
    // A failure that does not fail the testcase (a SHOULD miss, an expected failure) is told here.
    ...((outcome.kind === "passed" || outcome.kind === "skipped") && t.status === "failed" ? [t.error ?? ""] : []),
  ];
}

function testcase(t: TestResult, o: RunRecord["run"]["options"]): { xml: string; outcome: Outcome } {
  const outcome = outcomeOf(t, o);
  const area = t.id.split("/")[0]!;
  const body = [
    outcome.kind === "failure" || outcome.kind === "error"
      ? `      <${outcome.kind} message="${esc(outcome.message)}" type="${esc(outcome.type)}">${esc(outcome.text)}</${outcome.kind}>`
      : "",
    outcome.kind === "skipped" ? `      <skipped message="${esc(outcome.message)}"/>` : "",
    ...[output(t, outcome).join("\n")].filter((s) => s !== "").map((s) => `      <system-out>${esc(s)}</system-out>`),
  ].filter((l) => l !== "");
  const open = `    <testcase classname="cognito-sync-conformance.${esc(area)}" name="${esc(t.title)}" time="${seconds(t.durationMs)}"`;
  return { xml: body.length === 0 ? `${open}/>` : [`${open}>`, ...body, "    </testcase>"].join("\n"), outcome };
}

/** An aborted run's one test case. */
const abortedTest = (a: NonNullable<RunRecord["aborted"]>): TestResult => ({
  id: "run/aborted",
  title: "the run reaches its tests",
  requirements: a.requirement ? [a.requirement] : [],
  level: "MUST",
  status: "failed",
  failure: "setup",
  durationMs: 0,
  error: a.reason,
});

export const junitFormat: ReportFormat = {
  name: "the JUnit report",
  render(record) {
    const tests = record.aborted ? [abortedTest(record.aborted)] : record.tests;
    const areas = new Map<string, TestResult[]>();
    for (const t of tests) areas.set(t.id.split("/")[0]!, [...(areas.get(t.id.split("/")[0]!) ?? []), t]);
    const totals = { tests: 0, failures: 0, errors: 0, ms: 0 };
    const suites = [...areas].map(([area, members]) => {
      const cases = members.map((t) => testcase(t, record.run.options));
      const n = (kind: Outcome["kind"]) => cases.filter((c) => c.outcome.kind === kind).length;
      const c = { tests: cases.length, failures: n("failure"), errors: n("error"), skipped: n("skipped"), ms: members.reduce((s, t) => s + t.durationMs, 0) };
      for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += c[k];
      return [
        `  <testsuite name="${esc(area)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(c.ms)}" timestamp="${record.finishedAt}">`,
        ...cases.map((x) => x.xml),
        "  </testsuite>",
      ].join("\n");
    });
    return [
      `<?xml version="1.0" encoding="UTF-8"?>`,
      `<testsuites name="cognito-sync-conformance" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" time="${seconds(totals.ms)}">`,
      ...suites,
      "</testsuites>",
      "",
    ].join("\n");
  },
};
