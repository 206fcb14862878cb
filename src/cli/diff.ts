/**
 * `diff BASE.json HEAD.json [--html FILE]`: two JSON reports compared test by test (see
 * report/run-diff.ts). Prints the regressions, fixes, new, removed and otherwise changed tests,
 * and with --html also writes the head run's HTML report with those changes above it; exits 1
 * when there is a regression, 0 otherwise, and 2 with one line when a file is not a run's
 * report or the arguments are wrong.
 */
import { UsageError } from "../config/usage-error.js";
import { CHANGES, changeCounts, diffPage } from "../report/diff-html.js";
import { diffRuns, type TestChange } from "../report/run-diff.js";
import type { RunRecord } from "../report/run-record.js";
import { readReport, reportArgs } from "./read-report.js";
import { writeFile } from "./report-files.js";

const USAGE = "diff BASE.json HEAD.json [--html FILE]";
const HELP = `Usage: cognito-sync-conformance ${USAGE}

Compares two JSON reports (--report-json) test by test, matched by id: regressions (a test
that now fails the run and did not, a new test that fails it included), fixes, new, removed
and otherwise changed tests. Exits 1 when there is a regression, else 0.

  --html FILE
      also write one self-contained page: HEAD's HTML report with a section, "Changes since
      BASE", listing the same changes, each linked to its test's row in the report below
`;

const line = (c: TestChange) => `  ${c.id}: ${c.base ?? "(absent)"} -> ${c.head ?? "(absent)"}${c.broke ? `, ${c.broke}` : ""}`;

export async function diff(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) return (process.stdout.write(HELP), 0);
  const { files, html } = reportArgs(args, USAGE);
  if (files.length !== 2) throw new UsageError(`diff takes two JSON reports: ${USAGE}`);
  const [base, head] = files.map(readReport) as [RunRecord, RunRecord];
  const d = diffRuns(base, head);
  const out = [`diff: ${files[0]} (exit ${d.verdict.base}) -> ${files[1]} (exit ${d.verdict.head})`];
  for (const { kind, heading } of CHANGES) {
    const some = d.changes.filter((c) => c.kind === kind);
    if (some.length > 0) out.push(`${heading} (${some.length}):`, ...some.map(line));
  }
  out.push(changeCounts(d));
  if (html !== undefined) writeFile(html, diffPage(head, d, { base: files[0]!, head: files[1]! }));
  process.stdout.write(`${out.join("\n")}\n`);
  return d.changes.some((c) => c.kind === "regression") ? 1 : 0;
}
