/**
 * `mutants`: the whole suite against every broken variant of the reference endpoint, a few
 * at a time, each in its own process. A variant is killed when the run fails (--strict, so
 * SHOULD checks count); the table says which requirements caught it and whether the one the
 * bug was meant to break is among them. Exits 1 if any variant survives.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { oneLine } from "../config/resolve.js";
import { variants } from "../reference/variants.js";
import { runSuiteChild } from "./child-run.js";
import { UsageError } from "./usage-error.js";

export interface MutantResult {
  variant: string;
  description: string;
  breaks: string;
  killed: boolean;
  /** Requirements whose checks failed (or, for a failed set-up, that the failing tests check). */
  caughtBy: string[];
  /** Whether `breaks` is among them. */
  caughtAsIntended: boolean;
  exitCode: number | null;
  durationMs: number;
}

export async function mutants(args: string[]): Promise<number> {
  const { values } = parse(args);
  const names = values.variant.length > 0 ? values.variant : Object.keys(variants);
  for (const n of names) if (!(n in variants)) throw new UsageError(`unknown --variant '${n}' (known: ${Object.keys(variants).join(", ")})`);
  const concurrency = Number(values.concurrency ?? availableParallelism());
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency must be a whole number above 0, not '${values.concurrency}'`);
  const seed = Number(values.seed ?? Math.floor(Math.random() * 2 ** 31));

  process.stdout.write(`mutants: ${names.length} variants, ${concurrency} at a time, seed ${seed}\n`);
  const dir = mkdtempSync(join(tmpdir(), "csc-mutants-"));
  try {
    const queue = [...names];
    const results: MutantResult[] = [];
    await Promise.all(
      Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        for (let name = queue.shift(); name !== undefined; name = queue.shift()) results.push(await runOne(name, seed, dir));
      }),
    );
    results.sort((a, b) => a.variant.localeCompare(b.variant));
    printTable(results);
    const report = values["report-json"];
    mkdirSync(dirname(report), { recursive: true });
    writeFileSync(report, `${JSON.stringify({ seed, summary: { variants: results.length, killed: results.filter((r) => r.killed).length, survived: results.filter((r) => !r.killed).length }, variants: results }, null, 2)}\n`);
    // A variant caught only by some other requirement counts as a failure too: its intended check is too weak.
    const failed = results.filter((r) => !r.killed || !r.caughtAsIntended).length;
    process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
    return failed > 0 ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        concurrency: { type: "string" },
        seed: { type: "string" },
        variant: { type: "string", multiple: true, default: [] },
        "report-json": { type: "string", default: "reports/mutants.json" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError(`${oneLine((e as Error).message)}; mutants takes --concurrency N, --seed N, --variant NAME, --report-json FILE`);
  }
}

async function runOne(name: string, seed: number, dir: string): Promise<MutantResult> {
  const { exitCode, tests, aborted, durationMs } = await runSuiteChild(["--reference-variant", name, "--strict", "--seed", String(seed)], dir, name);
  const failed = tests.filter((t) => t.status === "failed").flatMap((t) => (t.failedRequirement ? [t.failedRequirement] : t.requirements));
  const caughtBy = [...new Set([...failed, ...(aborted?.requirement ? [aborted.requirement] : [])])].sort();
  const v = variants[name]!;
  // Only a verdict kills: exit 1. A crash of the suite (3) or an unusable run (2) proves nothing.
  return { variant: name, description: v.description, breaks: v.breaks, killed: exitCode === 1, caughtBy, caughtAsIntended: caughtBy.includes(v.breaks), exitCode, durationMs };
}

function printTable(results: MutantResult[]): void {
  const width = Math.max(...results.map((r) => r.variant.length));
  for (const r of results) {
    const verdict = r.killed ? (r.caughtAsIntended ? "killed  " : "killed* ") : "SURVIVED";
    process.stdout.write(`${r.variant.padEnd(width)}  ${verdict}  ${r.caughtBy.join(" ") || `(exit ${r.exitCode})`}\n`);
  }
  if (results.some((r) => r.killed && !r.caughtAsIntended)) process.stdout.write("killed*: caught, but not by the requirement the bug was meant to break\n");
}
