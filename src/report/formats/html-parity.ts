/**
 * The HTML report's section on a `record` or `compare` run (its record's `parity`): the
 * snapshots written, or what differs from the recording, each difference with its scenario
 * (linked to the test's row), JSON path, both values, requirements, and its label or allowance.
 * Hooks: #parity, #parity .counts, #parity tr[data-test=ID][data-path=PATH], with data-allowed
 * on an accepted one.
 */
import type { Parity } from "../../parity/parity.js";
import { esc, short, testAnchor } from "./html-page.js";

/** Rows shown; the JSON report has every difference. */
const MAX_ROWS = 1000;

const value = (v: unknown) => `<code>${esc(short(JSON.stringify(v) ?? "undefined", 200))}</code>`;

export function paritySection(p: Parity): string {
  if (p.command === "record") return `<section id="parity"><h2>Recording</h2><p class="counts">${p.written} snapshots written to <code>${esc(p.snapshots)}</code></p></section>`;
  const { counts, recording } = p;
  const all = p.scenarios.flatMap((c) => c.differences);
  const rows = all
    .slice(0, MAX_ROWS)
    .map(
      (d) =>
        `<tr data-test="${esc(d.scenario)}" data-path="${esc(d.path)}"${d.allowed ? ` data-allowed="${esc(d.allowed)}"` : ""}><td><a href="#${testAnchor(d.scenario)}">${esc(d.scenario)}</a></td><td><code>${esc(d.path)}</code></td><td>${value(d.recorded)}</td><td>${value(d.replayed)}</td><td>${esc(d.requirements.join(" "))}</td><td>${esc([d.reading ? `reading: ${d.reading}` : "", d.allowed ? `allowed: ${d.allowed}` : ""].filter(Boolean).join("; "))}</td></tr>`,
    );
  const notCompared = p.scenarios.filter((c) => c.compared === "not compared").map((c) => `<li><code>${esc(c.id)}</code>: ${esc(c.reason ?? "")}</li>`);
  return [
    `<section id="parity"><h2>Compared with the recording in <code>${esc(p.snapshots)}</code></h2>`,
    `<p>Recorded from ${esc(recording.endpoint)} on ${esc(recording.recordedAt)} by ${esc(`${recording.tool.name} ${recording.tool.version}`)}: <b class="counts">${counts.differences} differences, ${counts.allowed} allowed; ${counts.compared} scenarios compared, ${counts.notCompared} not compared</b></p>`,
    rows.length
      ? `<table><tr><th>scenario</th><th>path</th><th>recorded</th><th>replayed</th><th>requirements</th><th>label</th></tr>${rows.join("")}</table>${all.length > MAX_ROWS ? `<p>and ${all.length - MAX_ROWS} more (the JSON report has every one)</p>` : ""}`
      : "<p>No difference.</p>",
    notCompared.length ? `<details><summary>Not compared (${notCompared.length})</summary><ul>${notCompared.join("")}</ul></details>` : "",
    `</section>`,
  ].join("\n");
}
