/**
 * The matrix of runs as one self-contained page (nothing fetched; see formats/html-page.ts):
 * what each run is, then every requirement and every test against the runs, each cell the
 * run's own outcome, a failure's cell linked to that run's failure, shown below as its report
 * shows it. Filters by outcome, by id, and to the rows where the runs differ hide the rest.
 * Hooks that stay stable for tests and tools:
 *   #matrix-summary tr[data-implementation=LABEL]: one row per run, its exit code and counts;
 *   #matrix-requirements tr[data-requirement=ID], #matrix-tests tr[data-test=ID]: one row each,
 *     with data-differ="true" when the runs differ;
 *   ... td[data-implementation=LABEL][data-outcome=OUTCOME]: a cell, OUTCOME the run's own word
 *     ("failed", "not judged", "checked by another command") or "absent", with data-level on a
 *     failure; its text is the outcome, a failure's level added: "failed (MUST)";
 *   ... td a.to-failure[href="#f-COLUMN-ID"]: the link to .failure#f-COLUMN-ID[data-implementation=LABEL]
 *     [data-test=ID] in #matrix-failures, COLUMN the run's place from 0 and ID the test id with
 *     every character but letters, digits and - made _;
 *   input[name=outcome][value=OUTCOME], input[name=differ], input[name=find]: the filters; a row
 *     stays shown while one of its cells has a checked outcome, and it matches the other two.
 */
import { esc, idPart, page, short } from "./formats/html-page.js";
import { failureBlock } from "./formats/html-failure.js";
import { CELL_OUTCOMES, tallyLine, type Cell, type Matrix, type Row } from "./matrix.js";

export const failureAnchor = (column: number, testId: string) => `f-${column}-${idPart(testId)}`;

function cellHtml(c: Cell, label: string, column: number): string {
  const text = c.failure ? `<a class="to-failure" href="#${failureAnchor(column, c.failure)}">${esc(c.text)}</a>` : esc(c.text);
  return `<td data-implementation="${esc(label)}" data-outcome="${esc(c.outcome)}"${c.level ? ` data-level="${c.level}"` : ""}>${text}</td>`;
}

function rowHtml(r: Row, kind: "requirement" | "test", m: Matrix): string {
  const cells = r.cells.map((c, i) => cellHtml(c, m.columns[i]!.label, i)).join("");
  return `<tr data-${kind}="${esc(r.id)}" data-differ="${r.differ}"><td class="id">${esc(r.id)}</td><td>${r.level}</td><td title="${esc(r.title)}">${esc(short(r.title, 100))}</td>${cells}</tr>`;
}

function table(id: string, kind: "requirement" | "test", rows: readonly Row[], m: Matrix): string {
  const heads = m.columns.map((c) => `<th>${esc(c.label)}</th>`).join("");
  const differ = rows.filter((r) => r.differ).length;
  return `<h2>${kind === "requirement" ? "Requirements" : "Tests"} (${rows.length}, ${differ} where the runs differ)</h2>
<table id="${id}"><tr><th>id</th><th>level</th><th>${kind === "requirement" ? "statement" : "title"}</th>${heads}</tr>
${rows.map((r) => rowHtml(r, kind, m)).join("\n")}</table>`;
}

function summary(m: Matrix): string {
  const rows = m.columns.map(({ label, record }, i) => {
    const run = `${esc(record.tool.version)}, seed ${record.run.seed}, ${esc(record.run.endpoint)}`;
    return `<tr data-implementation="${esc(label)}"><th>${esc(label)}</th><td>${run}</td><td class="exit">${record.verdict.exitCode}</td><td>${esc(record.verdict.line)}</td><td>${esc(tallyLine(m.requirements, i))}</td><td>${esc(tallyLine(m.tests, i))}</td></tr>`;
  });
  return `<table id="matrix-summary"><tr><th>run</th><th>version, seed, endpoint</th><th>exit code</th><th>verdict</th><th>requirements</th><th>tests</th></tr>${rows.join("")}</table>`;
}

function failures(m: Matrix): string {
  const blocks = m.columns.flatMap(({ label, record }, i) => {
    const failed = record.tests.filter((t) => t.status === "failed");
    const shown = failed.map((t) => failureBlock(t, { id: failureAnchor(i, t.id), "data-implementation": label, "data-outcome": t.outcome.kind }));
    return failed.length ? [`<h3>${esc(label)} (${failed.length})</h3>`, ...shown] : [];
  });
  return `<section id="matrix-failures"><h2>Failures</h2>${blocks.join("\n") || "<p>None.</p>"}</section>`;
}

// Checkboxes only for the outcomes the page has, so each one hides something.
function filters(m: Matrix): string {
  const present = new Set([...m.requirements, ...m.tests].flatMap((r) => r.cells.map((c) => c.outcome)));
  const boxes = CELL_OUTCOMES.filter((o) => present.has(o)).map((o) => `<label><input type="checkbox" name="outcome" value="${esc(o)}" checked> ${esc(o)}</label>`);
  return `<fieldset id="filters"><legend>Show rows with</legend>${boxes.join("")}
<label><input type="checkbox" name="differ"> only where the runs differ</label><label>id <input type="search" name="find" placeholder="part of an id"></label></fieldset>`;
}

// A row stays while one of its cells has a checked outcome, the runs differ (when asked) and its id holds the text; run at load too, as a reload may keep the inputs.
const SCRIPT = `
const boxes = [...document.querySelectorAll("input[name=outcome]")];
const differ = document.querySelector("input[name=differ]");
const find = document.querySelector("input[name=find]");
const apply = () => {
  const shown = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
  const text = find.value.trim().toLowerCase();
  for (const row of document.querySelectorAll("tr[data-differ]")) {
    const id = (row.dataset.requirement ?? row.dataset.test).toLowerCase();
    const some = [...row.querySelectorAll("td[data-outcome]")].some((c) => shown.has(c.dataset.outcome));
    row.classList.toggle("hidden", !some || (differ.checked && row.dataset.differ !== "true") || !id.includes(text));
  }
};
for (const input of [...boxes, differ]) input.addEventListener("change", apply);
find.addEventListener("input", apply);
apply();
`;

const STYLE = `
td[data-outcome]{white-space:nowrap}td[data-outcome=passed]{background:#dafbe1}
td[data-outcome=failed],td[data-outcome="suite error"]{background:#ffebe9;font-weight:600}td[data-outcome=failed] a{color:#cf222e}
td[data-outcome="not judged"]{background:#fff1e5}td[data-outcome^=expected],td[data-outcome="unexpected pass"]{background:#fff8c5}
td[data-outcome=absent]{color:#8c959f;font-style:italic}tr[data-differ=true] td.id{font-weight:700}
#filters input[type=search]{margin-left:.4em}#matrix-summary{width:auto}
#matrix-requirements td.id,#matrix-tests td.id{white-space:nowrap;font-family:ui-monospace,monospace;font-size:13px}
.failure::before{content:"run " attr(data-implementation);display:block;padding-top:.6em;font-weight:600;color:#57606a}
.failure:target{box-shadow:0 0 0 3px #0969da}
`;

export function matrixPage(m: Matrix): string {
  const body = [
    `<h1>${m.columns.length} runs side by side</h1>`,
    summary(m),
    filters(m),
    table("matrix-requirements", "requirement", m.requirements, m),
    table("matrix-tests", "test", m.tests, m),
    failures(m),
  ];
  return page(`matrix: ${m.columns.map((c) => c.label).join(", ")}`, body.join("\n"), { script: SCRIPT, style: STYLE });
}
