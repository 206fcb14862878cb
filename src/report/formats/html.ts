/**
 * The HTML report: one self-contained page for a person reading a run (nothing fetched; see
 * html-page.ts). It shows the verdict and exit code, what was run, the summary counts, one
 * matrix row per requirement of the catalogue with how its tests went, one row per test, and
 * each failure with the clients it breaks and its whole error text (exchange and curl line).
 * Hooks that stay stable for tests and tools: #verdict, #summary, #matrix
 * tr[data-requirement=ID], #tests tr[data-test=ID], .failure[data-requirement=ID], .curl,
 * input[name=filter][value=failed|passed|skipped|expected]; every row and failure has a
 * data-outcome of those four values, and a filter hides what it unchecks.
 */
import { requirements, type Requirement } from "../../harness/catalogue.js";
import type { ReportFormat } from "../format.js";
import type { TestResult } from "../results.js";
import type { RunRecord } from "../run-record.js";
import { esc, page, short } from "./html-page.js";

type Outcome = "failed" | "passed" | "skipped" | "expected";
const OUTCOMES: readonly Outcome[] = ["failed", "passed", "skipped", "expected"];

// A failure or skip the expectations file lists is its own outcome, so that a filter can set it apart from the run's news.
const outcomeOf = (t: TestResult): Outcome => (t.expectation && t.expectation.outcome !== "unexpected pass" ? "expected" : t.status);
const count = (tests: readonly TestResult[], f: (t: TestResult) => boolean) => tests.filter(f).length;

/** A requirement failed when a check of it failed: a test that failed on another of its requirements says nothing about this one. */
function requirementOutcome(r: Requirement, tests: readonly TestResult[]): { outcome: Outcome; label: string } {
  const failures = tests.filter((t) => t.status === "failed" && t.failedRequirement === r.id);
  if (failures.some((t) => outcomeOf(t) === "failed")) return { outcome: "failed", label: "failed" };
  if (failures.length > 0) return { outcome: "expected", label: "failed (expected)" };
  if (tests.some((t) => t.status === "passed")) return { outcome: "passed", label: "passed" };
  if (tests.some((t) => outcomeOf(t) === "expected")) return { outcome: "expected", label: "not run (expected)" };
  return { outcome: "skipped", label: tests.some((t) => t.status === "failed") ? "not judged" : "not run" };
}

const expectationText = (t: TestResult) => {
  const e = t.expectation!;
  return `${esc(e.outcome)}: ${esc(e.reason)}${e.link ? ` (<a href="${esc(e.link)}">${esc(e.link)}</a>)` : ""}`;
};

function matrixRow(r: Requirement, all: readonly TestResult[]): string {
  const tests = all.filter((t) => t.requirements.includes(r.id));
  const { outcome, label } = requirementOutcome(r, tests);
  const n = (s: TestResult["status"]) => count(tests, (t) => t.status === s);
  const counts = `${tests.length} (${n("passed")} passed, <span class="${n("failed") ? "failed-n" : ""}">${n("failed")} failed</span>, ${n("skipped")} skipped)`;
  const expectations = tests.filter((t) => t.expectation).map((t) => `<div>${esc(t.title)}: ${expectationText(t)}</div>`);
  return `<tr data-requirement="${esc(r.id)}" data-outcome="${outcome}" class="outcome-${outcome}"><td class="id">${esc(r.id)}</td><td class="level">${r.level}</td>
<td class="statement" title="${esc(r.statement)}">${esc(short(r.statement))}</td><td class="tests">${counts}</td><td class="outcome">${label}</td><td class="expectation">${expectations.join("")}</td></tr>`;
}

function testRow(t: TestResult, failureIndex: number): string {
  const o = outcomeOf(t);
  const title = failureIndex >= 0 ? `<a href="#failure-${failureIndex}">${esc(t.title)}</a>` : esc(t.title);
  const notes = [t.reason, ...(t.notes ?? []), ...(t.unchecked?.length ? [`not checked (reading 'any'): ${t.unchecked.join(", ")}`] : [])]
    .filter((x) => x !== undefined)
    .map((x) => `<div>${esc(x)}</div>`);
  if (t.expectation) notes.push(`<div>expectations file: ${expectationText(t)}</div>`);
  return `<tr data-test="${esc(t.id)}" data-outcome="${o}" class="outcome-${o}"><td class="outcome">${t.status}</td><td>${title}</td><td>${esc(t.requirements.join(", "))}</td><td>${t.level}</td><td>${notes.join("")}</td></tr>`;
}

// The curl line is what a reader copies first, so it is marked out inside the error text.
const errorText = (s: string) =>
  s
    .split("\n")
    .map((line) => (/^\s*reproduce: curl /.test(line) ? `<span class="curl">${esc(line)}</span>` : esc(line)))
    .join("\n");

function failureBlock(t: TestResult, i: number): string {
  const req = t.failedRequirement;
  const kind = t.failure === "check" ? `${req} (${t.level})` : t.failure === "setup" ? "not judged (setup or transport)" : "suite error";
  const breaks = (t.breaks ?? []).map((b) => `<li><b>${esc(b.client)}</b>: ${esc(b.effect)}</li>`).join("");
  const h = t.history;
  const history = h
    ? `<div class="history"><p>shortest history found (${h.calls.length} calls, shrunk from ${h.shrunkFrom}; seed ${h.seed}), replay with <code>${esc(h.replay)}</code></p><ol>${h.calls.map((c) => `<li>${esc(c)}</li>`).join("")}</ol></div>`
    : "";
  return `<section class="failure" id="failure-${i}" data-test="${esc(t.id)}" data-requirement="${esc(req ?? "")}" data-outcome="${outcomeOf(t)}">
<h3><span class="req">${esc(kind)}</span> ${esc(t.title)}</h3>${t.expectation ? `<p class="expectation">expectations file: ${expectationText(t)}</p>` : ""}
${breaks ? `<p>Breaks:</p><ul class="breaks">${breaks}</ul>` : ""}<pre class="error">${errorText(t.error ?? t.reason ?? "")}</pre>${history}${t.race ? raceTable(t.race) : ""}</section>`;
}

/** The calls of a race on one time line: each a bar from when it was sent to when its answer was complete. */
function raceTable(calls: NonNullable<TestResult["race"]>): string {
  const span = Math.max(...calls.map((c) => c.endMs), 1);
  const pct = (ms: number) => ((100 * ms) / span).toFixed(2);
  const rows = calls.map(
    (c) =>
      `<tr class="${c.unexplained ? "unexplained" : "overlapping"}"><td>${c.unexplained ? "*" : ""}</td><td>${c.startMs.toFixed(1)}</td><td>${c.endMs.toFixed(1)}</td><td class="timeline"><span style="margin-left:${pct(c.startMs)}%;width:${pct(Math.max(c.endMs - c.startMs, span / 200))}%"></span></td><td>${esc(c.call)}<br><code class="curl">${esc(c.curl)}</code></td></tr>`,
  );
  return `<table class="race"><caption>calls at the same moment (* no order explains them; the others overlapped them), in ms from the first call</caption><thead><tr><th></th><th>sent</th><th>answered</th><th>time line</th><th>call</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function render(record: RunRecord): string {
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
  const shownCount: Record<Outcome, number> = { failed: 0, passed: 0, skipped: 0, expected: 0 };
  for (const t of tests) shownCount[outcomeOf(t)]++;
  const body = [
    `<header id="verdict" class="${verdict.exitCode === 0 ? "pass" : "fail"}"><h1>${esc(verdict.line)}</h1><p class="exit">exit code ${verdict.exitCode}</p></header>`,
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
    `<fieldset id="filters"><legend>Show</legend>${OUTCOMES.map((o) => `<label><input type="checkbox" name="filter" value="${o}" checked> ${o} (${shownCount[o]})</label>`).join("")}</fieldset>`,
    `<h2>Requirements</h2><table id="matrix"><tr><th>id</th><th>level</th><th>statement</th><th>tests</th><th>outcome</th><th>expectation</th></tr>`,
    ...[...requirements.values()].map((r) => matrixRow(r, tests)),
    `</table>`,
    `<h2>Failures (${failures.length})</h2>`,
    ...failures.map(failureBlock),
    `<h2>Tests (${tests.length})</h2><table id="tests"><tr><th>outcome</th><th>title</th><th>requirements</th><th>level</th><th>notes</th></tr>`,
    ...tests.map((t) => testRow(t, failures.indexOf(t))),
    `</table>`,
  ];
  return page(`${tool.name}: ${verdict.line}`, body.filter((s) => s !== "").join("\n"));
}

export const htmlFormat: ReportFormat = { name: "the HTML report", render };
