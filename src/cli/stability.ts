/**
 * `stability`: the whole suite against the reference endpoint, again and again, each run
 * with its own ids and seed, to prove the suite never fails a correct server and no test
 * changes its outcome between runs. Exits 1 on any failure or flip.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { oneLine } from "../config/resolve.js";
import { runSuiteChild } from "./child-run.js";
import { UsageError } from "../config/usage-error.js";

export async function stability(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { runs: { type: "string", default: "20" }, "report-json": { type: "string", default: "reports/stability.json" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }));
  } catch (e) {
    throw new UsageError(`${oneLine((e as Error).message)}; stability takes --runs N, --report-json FILE`);
  }
  const runs = Number(values.runs);
  if (values.help) {
    process.stdout.write(
      "Usage: cognito-sync-conformance stability [--runs N] [--report-json FILE]\n\n" +
        "Runs the whole suite N times (default 20) against the embedded reference endpoint, each run with fresh ids and a fresh seed,\n" +
        "and reports every failure and every test whose outcome changed between runs (a flip). Exits 1 on either.\n",
    );
    return 0;
  }
  if (!Number.isSafeInteger(runs) || runs < 2) throw new UsageError(`--runs must be a whole number of at least 2, not '${values.runs}'`);

  const dir = mkdtempSync(join(tmpdir(), "csc-stability-"));
  const outcomes = new Map<string, string[]>(); // test id -> status in each run it appeared in
  const failures: Array<{ run: number; seed: number; id: string; error?: string }> = [];
  const runErrors: string[] = [];
  try {
    for (let i = 1; i <= runs; i++) {
      const seed = Math.floor(Math.random() * 2 ** 31);
      const r = await runSuiteChild(["--seed", String(seed)], dir, `run-${i}`);
      const failed = r.tests.filter((t) => t.status === "failed");
      process.stdout.write(
        `run ${String(i).padStart(2)}  seed ${String(seed).padEnd(10)}  exit ${r.exitCode}  ${r.tests.length} tests, ${failed.length} failed  ${r.durationMs} ms\n`,
      );
      if (r.tests.length === 0) runErrors.push(`run ${i} (seed ${seed}) ended with exit ${r.exitCode} before its tests`);
      for (const t of r.tests) outcomes.set(t.id, [...(outcomes.get(t.id) ?? []), t.status]);
      for (const t of failed) failures.push({ run: i, seed, id: t.id, ...(t.error ? { error: t.error.split("\n")[0] } : {}) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const flips = [...outcomes].filter(([, statuses]) => new Set(statuses).size > 1).map(([id, statuses]) => ({ id, statuses }));
  for (const f of failures) process.stdout.write(`failure: run ${f.run} (seed ${f.seed}) ${f.id}: ${f.error ?? ""}\n`);
  for (const f of flips) process.stdout.write(`flip: ${f.id}: ${f.statuses.join(" ")}\n`);
  for (const e of runErrors) process.stdout.write(`error: ${e}\n`);
  mkdirSync(dirname(values["report-json"]), { recursive: true });
  writeFileSync(values["report-json"], `${JSON.stringify({ runs, tests: outcomes.size, failures, flips, runErrors }, null, 2)}\n`);
  process.stdout.write(`stability: ${runs} runs, ${outcomes.size} distinct tests, ${failures.length} failures, ${flips.length} flips\n`);
  return failures.length + flips.length + runErrors.length > 0 ? 1 : 0;
}
