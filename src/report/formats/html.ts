/**
 * The HTML report: one self-contained page for a person reading a run (nothing fetched; see
 * html-page.ts). It shows the verdict and exit code, what was run, the summary counts, one
 * matrix row per requirement of the catalogue with its outcome and what its tests showed of it,
 * one row per test with its outcome, and each failure with the clients it breaks and its whole
 * error text (exchange and curl line). Every outcome is the run record's; none is decided here.
 * Hooks that stay stable for tests and tools: #verdict, #summary, #matrix
 * tr[data-requirement=ID], #tests tr[data-test=ID], .failure[data-requirement=ID], .curl,
 * input[name=filter][value=failed|passed|skipped|expected]; every row and failure has a
 * data-outcome of those four values, and a filter hides what it unchecks; td.outcome is the
 * outcome in words; a test's row has the id testAnchor(ID), so a section set before the report
 * (`htmlReport`'s `before`: the diff's changes) can link to it.
 */
import { requirement } from "../../harness/catalogue.js";
import type { ReportFormat } from "../format.js";
import type { JudgedResult, OutcomeKind, RequirementOutcome } from "../outcome.js";
import type { RunRecord } from "../run-record.js";
import { expectationText, failureBlock } from "./html-failure.js";
import { esc, page, short, testAnchor } from "./html-page.js";
import { paritySection } from "./html-parity.js";

/** The four kinds a reader filters by. */
type Shown = "failed" | "passed" | "skipped" | "expected";
const SHOWN: readonly Shown[] = ["failed", "passed", "skipped", "expected"];

// A failure or skip the expectations file lists is its own kind, so that a filter can set it apart from the run's news.
const SHOWN_AS: Record<OutcomeKind, Shown> = {
  passed: "passed",
  "unexpected pass": "passed",
  failed: "failed",
  "not judged": "failed",
  "suite error": "failed",
  skipped: "skipped",
  "expected failure": "expected",
  "expected skip": "expected",
};
const shownOf = (t: JudgedResult): Shown => SHOWN_AS[t.outcome.kind];
const REQUIREMENT_SHOWN: Record<RequirementOutcome["outcome"], Shown> = { ...SHOWN_AS, "not run": "skipped", "checked by another command": "skipped" };

/** A test's outcome in words, saying when a failure does not fail the run. */
const outcomeText = (t: JudgedResult) => `${t.outcome.kind}${t.outcome.kind === "failed" && !t.outcome.failsRun ? " (not counted without --strict)" : ""}`;

function matrixRow(r: RequirementOutcome, all: readonly JudgedResult[]): string {
  const shown = REQUIREMENT_SHOWN[r.outcome];
  const statement = requirement(r.id).statement;
  const counts = Object.entries(r.tests)
    .map(([kind, n]) => `<span class="${kind === "failed" ? "failed-n" : ""}">${n} ${esc(kind)}</span>`)
    .join(", ");
  const label = r.outcome === "checked by another command" ? `checked by the ${r.checkedBy} command` : r.outcome;
  const expectations = all.filter((t) => t.expectation && t.requirements.includes(r.id)).map((t) => `<div>${esc(t.title)}: ${expectationText(t)}</div>`);
  return `<tr data-requirement="${esc(r.id)}" data-outcome="${shown}" class="outcome-${shown}"><td class="id">${esc(r.id)}</td><td class="level">${r.level}</td>
<td class="statement" title="${esc(statement)}">${esc(short(statement))}</td><td class="tests">${counts || "none"}</td><td class="outcome">${esc(label)}</td><td class="expectation">${expectations.join("")}</td></tr>`;
}

function testRow(t: JudgedResult, failureIndex: number): string {
  const o = shownOf(t);
  const title = failureIndex >= 0 ? `<a href="#failure-${failureIndex}">${esc(t.title)}</a>` : esc(t.title);
  const notes = [t.reason, ...(t.notes ?? []), ...(t.unchecked?.length ? [`not checked (interpretation 'any'): ${t.unchecked.join(", ")}`] : [])]
    .filter((x) => x !== undefined)
    .map((x) => `<div>${esc(x)}</div>`);
  if (t.expectation) notes.push(`<div>expectations file: ${expectationText(t)}</div>`);
  return `<tr data-test="${esc(t.id)}" data-outcome="${o}" id="${testAnchor(t.id)}" class="outcome-${o}"><td class="outcome">${esc(outcomeText(t))}</td><td class="id">${esc(t.id)}</td><td>${title}</td><td>${esc(t.requirements.join(", "))}</td><td>${t.level}</td><td>${notes.join("")}</td></tr>`;
}

/** The report's page; `before` is a section of the caller's (the diff's changes), set just below the verdict. */
export function htmlReport(record: RunRecord, { before = "" } = {}): string {
  const { verdict, run, summary, tests, tool } = record;
  const failures = tests.filter((t) => t.status === "failed");
  const info: Array<[string, string | number | undefined]> = [
    ["tool", `${tool.name} ${tool.version}`],
    ["endpoint", run.endpoint],
    ["seed", run.seed],
    ["finished at", record.finishedAt],
    [
      "options",
      Object.entries(run.options)
        .map(([k, v]) => `${k}: ${v}`)
        .join(", "),
    ],
    ["stopped early", run.stoppedEarly],
  ];
  const shownCount: Record<Shown, number> = { failed: 0, passed: 0, skipped: 0, expected: 0 };
  for (const t of tests) shownCount[shownOf(t)]++;
  const body = [
    `<header id="verdict" class="${verdict.exitCode === 0 ? "pass" : "fail"}"><h1>${esc(verdict.line)}</h1><p class="exit">exit code ${verdict.exitCode}</p></header>`,
    before,
    record.parity ? paritySection(record.parity) : "",
    record.aborted ? `<p id="aborted"><b>The run ended before its tests:</b> ${esc(record.aborted.reason)}</p>` : "",
    `<dl id="run">${info
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => `<dt>${k}</dt><dd class="${k.replace(/ /g, "-")}">${esc(v!)}</dd>`)
      .join("")}</dl>`,
    `<h2>Summary</h2><table id="summary"><tr>${Object.keys(summary)
      .map((k) => `<th>${esc(k)}</th>`)
      .join("")}</tr><tr>${Object.values(summary)
      .map((v) => `<td>${v}</td>`)
      .join("")}</tr></table>`,
    `<fieldset id="filters"><legend>Show</legend>${SHOWN.map((o) => `<label><input type="checkbox" name="filter" value="${o}" checked> ${o} (${shownCount[o]})</label>`).join("")}</fieldset>`,
    `<h2>Requirements</h2><table id="matrix"><tr><th>id</th><th>level</th><th>statement</th><th>tests</th><th>outcome</th><th>expectation</th></tr>`,
    ...record.requirements.map((r) => matrixRow(r, tests)),
    `</table>`,
    `<h2>Failures (${failures.length})</h2>`,
    ...failures.map((t, i) => failureBlock(t, { id: `failure-${i}`, "data-outcome": shownOf(t) })),
    `<h2>Tests (${tests.length})</h2><table id="tests"><tr><th>outcome</th><th>id</th><th>title</th><th>requirements</th><th>level</th><th>notes</th></tr>`,
    ...tests.map((t) => testRow(t, failures.indexOf(t))),
    `</table>`,
  ];
  return page(`${tool.name}: ${verdict.line}`, body.filter((s) => s !== "").join("\n"));
}

export const htmlFormat: ReportFormat = { name: "the HTML report", render: (record) => htmlReport(record) };
