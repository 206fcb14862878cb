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
 * outcome in words.
 */
import { requirement } from "../../harness/catalogue.js";
import type { ReportFormat } from "../format.js";
import type { JudgedResult, OutcomeKind, RequirementOutcome } from "../outcome.js";
import type { RunRecord } from "../run-record.js";
import { esc, page, short } from "./html-page.js";

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

const expectationText = (t: JudgedResult) => {
  const e = t.expectation!;
  return `${esc(e.outcome)}: ${esc(e.reason)}${e.link ? ` (<a href="${esc(e.link)}">${esc(e.link)}</a>)` : ""}`;
};

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
  return `<tr data-test="${esc(t.id)}" data-outcome="${o}" class="outcome-${o}"><td class="outcome">${esc(outcomeText(t))}</td><td class="id">${esc(t.id)}</td><td>${title}</td><td>${esc(t.requirements.join(", "))}</td><td>${t.level}</td><td>${notes.join("")}</td></tr>`;
}

// The curl line is what a reader copies first, so it is marked out inside the error text.
const errorText = (s: string) =>
  s
    .split("\n")
    .map((line) => (/^\s*reproduce: curl /.test(line) ? `<span class="curl">${esc(line)}</span>` : esc(line)))
    .join("\n");

function failureBlock(t: JudgedResult, i: number): string {
  const req = t.failedRequirement;
  const kind = t.failure === "check" ? `${req} (${t.failedLevel})` : t.failure === "setup" ? "not judged (setup or transport)" : "suite error";
  const breaks = (t.breaks ?? []).map((b) => `<li><b>${esc(b.client)}</b>: ${esc(b.effect)}</li>`).join("");
  const h = t.history;
  const history = h
    ? `<div class="history"><p>shortest history found (${h.calls.length} calls, shrunk from ${h.shrunkFrom}; seed ${h.seed}), replay with <code>${esc(h.replay)}</code></p><ol>${h.calls.map((c) => `<li>${esc(c)}</li>`).join("")}</ol></div>`
    : "";
  return `<section class="failure" id="failure-${i}" data-test="${esc(t.id)}" data-requirement="${esc(req ?? "")}" data-outcome="${shownOf(t)}">
<h3><span class="req">${esc(kind)}</span> ${esc(t.title)} <code class="id">${esc(t.id)}</code></h3>${t.expectation ? `<p class="expectation">expectations file: ${expectationText(t)}</p>` : ""}
${breaks ? `<p>Breaks:</p><ul class="breaks">${breaks}</ul>` : ""}<pre class="error">${errorText(t.error ?? t.reason ?? "")}</pre>${history}${t.race ? raceTable(t.race) : ""}</section>`;
}

/** The calls of a race on one time line: each a bar from when it was sent to when its answer was complete. */
function raceTable(calls: NonNullable<JudgedResult["race"]>): string {
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
  const shownCount: Record<Shown, number> = { failed: 0, passed: 0, skipped: 0, expected: 0 };
  for (const t of tests) shownCount[shownOf(t)]++;
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
    `<fieldset id="filters"><legend>Show</legend>${SHOWN.map((o) => `<label><input type="checkbox" name="filter" value="${o}" checked> ${o} (${shownCount[o]})</label>`).join("")}</fieldset>`,
    `<h2>Requirements</h2><table id="matrix"><tr><th>id</th><th>level</th><th>statement</th><th>tests</th><th>outcome</th><th>expectation</th></tr>`,
    ...record.requirements.map((r) => matrixRow(r, tests)),
    `</table>`,
    `<h2>Failures (${failures.length})</h2>`,
    ...failures.map(failureBlock),
    `<h2>Tests (${tests.length})</h2><table id="tests"><tr><th>outcome</th><th>id</th><th>title</th><th>requirements</th><th>level</th><th>notes</th></tr>`,
    ...tests.map((t) => testRow(t, failures.indexOf(t))),
    `</table>`,
  ];
  return page(`${tool.name}: ${verdict.line}`, body.filter((s) => s !== "").join("\n"));
}

export const htmlFormat: ReportFormat = { name: "the HTML report", render };
