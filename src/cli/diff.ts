/**
 * `diff BASE.json HEAD.json`: two JSON reports compared test by test (see report/run-diff.ts).
 * Prints the regressions, fixes, new, removed and otherwise changed tests; exits 1 when there
 * is a regression, 0 otherwise, and 2 with one line when a file is not a run's report.
 */
import { readFileSync } from "node:fs";
import { UsageError } from "../config/usage-error.js";
import { diffRuns, type ChangeKind, type TestChange } from "../report/run-diff.js";
import { FORMAT_VERSION, type RunRecord } from "../report/run-record.js";
import { validateAgainst } from "../schema/validators.js";

const HELP = `Usage: cognito-sync-conformance diff BASE.json HEAD.json

Compares two JSON reports (--report-json) test by test, matched by id: regressions (a test
that now fails the run and did not, a new test that fails it included), fixes, new, removed
and otherwise changed tests. Exits 1 when there is a regression, else 0.
`;

function readReport(path: string): RunRecord {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`cannot read ${path} as JSON: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== FORMAT_VERSION)
    throw new UsageError(`${path} is not a report of format ${FORMAT_VERSION} (its formatVersion is ${JSON.stringify(version)}); write both with this version`);
  if ((json as { listing?: unknown }).listing === true) throw new UsageError(`${path} is a --list listing, not a run's report`);
  const issues = validateAgainst("report", json);
  if (issues.length > 0) throw new UsageError(`${path} is not a valid report: ${issues[0]!.instancePath || "/"} ${issues[0]!.message}`);
  return json as RunRecord;
}

const ORDER: readonly ChangeKind[] = ["regression", "fix", "new", "removed", "changed"];
const HEADING: Record<ChangeKind, string> = { regression: "regressions", fix: "fixes", new: "new tests", removed: "removed tests", changed: "otherwise changed" };
const line = (c: TestChange) => `  ${c.id}: ${c.base ?? "(absent)"} -> ${c.head ?? "(absent)"}${c.broke ? `, ${c.broke}` : ""}`;

export async function diff(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) return (process.stdout.write(HELP), 0);
  if (args.length !== 2 || args.some((a) => a.startsWith("-"))) throw new UsageError("diff takes two JSON reports: diff BASE.json HEAD.json");
  const [base, head] = args.map(readReport) as [RunRecord, RunRecord];
  const d = diffRuns(base, head);
  const out = [`diff: ${args[0]} (exit ${d.verdict.base}) -> ${args[1]} (exit ${d.verdict.head})`];
  for (const kind of ORDER) {
    const some = d.changes.filter((c) => c.kind === kind);
    if (some.length > 0) out.push(`${HEADING[kind]} (${some.length}):`, ...some.map(line));
  }
  const count = (k: ChangeKind) => d.changes.filter((c) => c.kind === k).length;
  out.push(`${count("regression")} regressions, ${count("fix")} fixes, ${count("new")} new, ${count("removed")} removed, ${count("changed")} otherwise changed`);
  process.stdout.write(`${out.join("\n")}\n`);
  return count("regression") > 0 ? 1 : 0;
}
