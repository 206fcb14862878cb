/**
 * The page around every HTML view's content (the run's report, the diff, the matrix): escaping,
 * the style and a script, all inline, and a Content-Security-Policy that lets the page fetch
 * nothing, so the file reads the same offline, attached to a CI run, years later. A view with
 * filters of its own passes its script and any style it adds; the default script is the run
 * report's outcome filter.
 */

// Terminal colour and cursor codes (CSI, OSC) and other control characters mean nothing in a page.
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for an element or a quoted attribute. */
export const esc = (s: string | number): string =>
  String(s)
    .replace(ANSI, "")
    .replace(CONTROL, "")
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/**
 * Text made fit for an element id and a `#` link to it. Test ids are lowercase words, digits,
 * `-` and one `/`, so mapping every other character to `_` keeps them apart.
 */
export const idPart = (s: string): string => s.replace(/[^A-Za-z0-9-]/g, "_");

/** The id of a test's row in the report, for a link from another section. */
export const testAnchor = (id: string) => `test-${idPart(id)}`;

/** A statement cut to a table cell's length; the whole one goes in the cell's title. */
export const short = (s: string, n = 140): string => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1400px;padding:0 1.5em 3em;color:#1f2328}
h2{margin-top:1.8em;border-bottom:1px solid #d0d7de}
#verdict{margin:1em 0;padding:.8em 1.2em;border-radius:6px;color:#fff}
#verdict h1{margin:0;font-size:1.5em}
#verdict.pass{background:#1a7f37}#verdict.fail{background:#cf222e}
#verdict .exit{font-size:1.1em;font-weight:600}
dl#run{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dl#run dt{font-weight:600}dl#run dd{margin:0}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f6f8fa}#summary{width:auto}
#matrix td.id{white-space:nowrap;font-family:ui-monospace,monospace;font-size:13px}
.outcome-failed td.outcome,.failed-n{color:#cf222e;font-weight:600}.outcome-passed td.outcome{color:#1a7f37}
.outcome-skipped td.outcome,.outcome-expected td.outcome{color:#9a6700}
tr.outcome-failed{background:#ffebe9}
#filters{border:1px solid #d0d7de;border-radius:6px;margin:1em 0}#filters label{margin-right:1.2em;cursor:pointer}
.failure{border:1px solid #cf222e;border-radius:6px;padding:0 1em 1em;margin:1em 0}
.failure h3 .req{font-family:ui-monospace,monospace;color:#cf222e}
pre{background:#f6f8fa;padding:.8em;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:12px}
.curl{background:#fff8c5;font-weight:600}
.hidden{display:none}
table.race{font-size:12px}table.race td.timeline{width:30%;min-width:10em}
table.race td.timeline span{display:block;height:.9em;background:#8c959f;min-width:2px}
table.race tr.unexplained td.timeline span{background:#cf222e}table.race code.curl{word-break:break-all;font-weight:400}
`;

// Hides every element whose data-outcome is not among the checked filters; run at load too, as a reload may keep unchecked boxes.
const OUTCOME_FILTER = `
const boxes = [...document.querySelectorAll("input[name=filter]")];
const apply = () => {
  const shown = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
  for (const el of document.querySelectorAll("[data-outcome]")) el.classList.toggle("hidden", !shown.has(el.dataset.outcome));
};
for (const b of boxes) b.addEventListener("change", apply);
apply();
`;

export const page = (title: string, body: string, { script = OUTCOME_FILTER, style = "" } = {}): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(title)}</title>
<style>${STYLE}${style}</style>
</head>
<body>
${body}
<script>${script}</script>
</body>
</html>
`;
