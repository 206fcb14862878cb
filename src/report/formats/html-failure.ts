/**
 * One failed test as a section of a page, shared by the run's report and the matrix of runs so
 * that a failure reads the same in both: what broke and at which level, the clients it breaks,
 * the whole error text (expected, actual, the exchange) with its curl line marked out, and the
 * shortest history or the raced calls that showed it. The page gives the section its id and
 * its filter hooks.
 */
import type { JudgedResult } from "../outcome.js";
import { esc } from "./html-page.js";

/** An expectations file's entry for a test, in words, with its link. */
export const expectationText = (t: JudgedResult) => {
  const e = t.expectation!;
  return `${esc(e.outcome)}: ${esc(e.reason)}${e.link ? ` (<a href="${esc(e.link)}">${esc(e.link)}</a>)` : ""}`;
};

// The curl line is what a reader copies first, so it is marked out inside the error text.
const errorText = (s: string) =>
  s
    .split("\n")
    .map((line) => (/^\s*reproduce: curl /.test(line) ? `<span class="curl">${esc(line)}</span>` : esc(line)))
    .join("\n");

/** The section of a failed test; `attributes` (an id, data-* hooks) are the page's own, escaped here. */
export function failureBlock(t: JudgedResult, attributes: Record<string, string>): string {
  const req = t.failedRequirement;
  const kind = t.failure === "check" ? `${req} (${t.failedLevel})` : t.failure === "setup" ? "not judged (setup or transport)" : "suite error";
  const breaks = (t.breaks ?? []).map((b) => `<li><b>${esc(b.client)}</b>: ${esc(b.effect)}</li>`).join("");
  const h = t.history;
  const history = h
    ? `<div class="history"><p>shortest history found (${h.calls.length} calls, shrunk from ${h.shrunkFrom}; seed ${h.seed}), replay with <code>${esc(h.replay)}</code></p><ol>${h.calls.map((c) => `<li>${esc(c)}</li>`).join("")}</ol></div>`
    : "";
  const attrs = Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join("");
  return `<section class="failure"${attrs} data-test="${esc(t.id)}" data-requirement="${esc(req ?? "")}">
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
