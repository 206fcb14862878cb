/**
 * The diff's page: the head run's own HTML report with a section, #diff, set below its verdict,
 * listing what changed since the base run, in the order and words of the terminal's diff, each
 * test linked to its row in the report below. One page then answers both "what did my change
 * break?" and "how does it break?". Hooks that stay stable for tests and tools: #diff,
 * #diff tr[data-test=ID][data-change=regression|fix|new|removed|changed], whose a.test links to
 * #tests tr[data-test=ID] (a removed test has no row below, so no link), and #diff .counts, the
 * terminal's last line.
 */
import { esc, testAnchor } from "./formats/html-page.js";
import { htmlReport } from "./formats/html.js";
import type { ChangeKind, RunDiff, TestChange } from "./run-diff.js";
import type { RunRecord } from "./run-record.js";

/** The kinds of change in the order both the terminal and the page list them, with their headings and the words they are counted in. */
export const CHANGES: ReadonlyArray<{ kind: ChangeKind; heading: string; counted: string }> = [
  { kind: "regression", heading: "regressions", counted: "regressions" },
  { kind: "fix", heading: "fixes", counted: "fixes" },
  { kind: "new", heading: "new tests", counted: "new" },
  { kind: "removed", heading: "removed tests", counted: "removed" },
  { kind: "changed", heading: "otherwise changed", counted: "otherwise changed" },
];

/** "2 regressions, 0 fixes, ...": the diff in one line. */
export const changeCounts = (d: RunDiff) => CHANGES.map((c) => `${d.changes.filter((x) => x.kind === c.kind).length} ${c.counted}`).join(", ");

// A regression reads red and a fix green, with the report's own row colours.
const ROW_CLASS: Partial<Record<ChangeKind, string>> = { regression: "outcome-failed", fix: "outcome-passed" };

function changeRow(c: TestChange): string {
  const test = c.head === undefined ? `<code>${esc(c.id)}</code>` : `<a class="test" href="#${testAnchor(c.id)}"><code>${esc(c.id)}</code></a>`;
  return `<tr data-test="${esc(c.id)}" data-change="${c.kind}" class="${ROW_CLASS[c.kind] ?? ""}"><td class="change">${c.kind}</td><td>${test} ${esc(c.title)}</td><td>${esc(c.base ?? "(absent)")}</td><td class="outcome">${esc(c.head ?? "(absent)")}</td><td>${esc(c.broke ?? "")}</td></tr>`;
}

/** The head run's report with the changes since the base run; `names` are the two files as the user gave them. */
export function diffPage(head: RunRecord, d: RunDiff, names: { base: string; head: string }): string {
  const rows = CHANGES.flatMap(({ kind }) => d.changes.filter((c) => c.kind === kind).map(changeRow));
  const table = rows.length
    ? `<table><tr><th>change</th><th>test</th><th>${esc(names.base)}</th><th>${esc(names.head)}</th><th>requirement broken</th></tr>${rows.join("")}</table>`
    : "<p>No test changed.</p>";
  const section = `<section id="diff"><h2>Changes since ${esc(names.base)}</h2>
<p>${esc(names.base)} (exit ${d.verdict.base}) → ${esc(names.head)} (exit ${d.verdict.head}): <b class="counts">${esc(changeCounts(d))}</b></p>${table}</section>`;
  return htmlReport(head, { before: section });
}
