/**
 * `matrix A.json B.json ... --html FILE`: several JSON run reports (implementations, or
 * versions of one) against every requirement and test, as one self-contained page (see
 * report/matrix.ts and report/matrix-html.ts). Each run is labelled with its file's name
 * without .json. Prints each run's counts and how many requirements the runs differ on. Exits 0
 * once the page is written, whatever the runs found: the matrix is a view, each run's own exit
 * code is its verdict; 2 with one line for bad arguments or a file that is not a run's report.
 */
import { basename } from "node:path";
import { UsageError } from "../config/usage-error.js";
import { buildMatrix, tallyLine, type Matrix, type Row } from "../report/matrix.js";
import { matrixPage } from "../report/matrix-html.js";
import { readReport, reportArgs } from "./read-report.js";
import { writeFile } from "./report-files.js";

const USAGE = "matrix A.json [B.json ...] --html FILE";
const HELP = `Usage: cognito-sync-conformance ${USAGE}

Puts JSON reports (--report-json) of several runs, of different implementations or versions,
side by side in one self-contained HTML page: every requirement and every test against the
runs, each cell that run's own outcome ("absent" where a run has no such test), a failure's
cell linked to its details, with filters by outcome, by id and to the rows where the runs
differ. Each run is labelled with its file's name without .json, so the names must differ.
Prints each run's counts. Exits 0 once the page is written: each run's own exit code is its
verdict.

  --html FILE
      the page to write (required)
`;

function terminalSummary(m: Matrix, html: string): string {
  const runs = m.columns.map(
    ({ label, record }, i) => `  ${label} (exit ${record.verdict.exitCode}): requirements ${tallyLine(m.requirements, i)}; tests ${tallyLine(m.tests, i)}`,
  );
  const differ = (rows: readonly Row[]) => `${rows.filter((r) => r.differ).length} of ${rows.length}`;
  return [`matrix: ${m.columns.length} runs -> ${html}`, ...runs, `the runs differ on ${differ(m.requirements)} requirements and ${differ(m.tests)} tests`, ""].join("\n");
}

export async function matrix(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) return (process.stdout.write(HELP), 0);
  const { files, html } = reportArgs(args, USAGE);
  if (files.length === 0) throw new UsageError(`matrix takes one JSON report or more: ${USAGE}`);
  if (html === undefined) throw new UsageError(`matrix writes its page to --html FILE: ${USAGE}`);
  const labels = files.map((f) => basename(f, ".json"));
  const twice = labels.find((l, i) => labels.indexOf(l) !== i);
  if (twice !== undefined) throw new UsageError(`two reports are both labelled ${twice} (a run's label is its file's name without .json): rename one`);
  const m = buildMatrix(files.map((f, i) => ({ label: labels[i]!, record: readReport(f) })));
  writeFile(html, matrixPage(m));
  process.stdout.write(terminalSummary(m, html));
  return 0;
}
