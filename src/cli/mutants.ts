/**
 * `mutants`: the whole suite against every broken variant of the reference endpoint, a few
 * at a time, each in its own process. A variant only a history shows must pass the fixed scenarios
 * and be killed by the random histories (the histories command, with more runs). A variant
 * is killed when the run fails (--strict, so SHOULD checks count); the table says which requirements caught it and whether the one the
 * variant was meant to break is among them. Then the conforming variants, with the interpretations
 * that describe them: the suite and the contract verification must pass each (no MUST
 * failure). Exits 1 if a broken variant survives or a conforming one is failed. With
 * --snapshots DIR, each fixed run is a `compare` with that recording, and the table says where
 * each variant's answers differ from it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { oneLine } from "../config/resolve.js";
import { conformingVariants, variants } from "../reference/variants.js";
import { checkVariantName } from "./variant-help.js";
import { inPool } from "../pool.js";
import { runSuiteChild, type ChildRun } from "./child-run.js";
import { readSnapshots } from "../parity/files.js";
import type { Parity } from "../parity/parity.js";
import { UsageError } from "../config/usage-error.js";

export interface VariantResult {
  variant: string;
  description: string;
  breaks: string;
  killed: boolean;
  /** Requirements whose checks failed (or, for a failed set-up, that the failing tests check). */
  caughtBy: string[];
  /** Whether `breaks` is among them. */
  caughtAsIntended: boolean;
  /** The requirements whose checks failed: what this variant proves the suite can catch (a failed set-up proves nothing). */
  failedChecks: string[];
  /** With --snapshots: how many answers differ from the recording, and where (exchange numbers and record keys left out). */
  differences?: { count: number; paths: string[] };
  /** For a variant only a history shows: whether the fixed scenarios pass it (they must), the histories then doing the killing. */
  fixedScenariosPass?: boolean;
  exitCode: number | null;
  durationMs: number;
}

export interface ConformingResult {
  variant: string;
  description: string;
  interpretations: Record<string, string>;
  /** Exit codes of the suite and of the contract verification; both must be 0. */
  suiteExit: number | null;
  pactExit: number | null;
  passed: boolean;
  /** Requirements whose checks failed (SHOULD ones may, under the variant's interpretations). */
  failedRequirements: string[];
}

export async function mutants(args: string[]): Promise<number> {
  const { values } = parse(args);
  if (values.help) {
    process.stdout.write(
      "Usage: cognito-sync-conformance mutants [--variant NAME]... [--concurrency N] [--seed N] [--snapshots DIR] [--report-json FILE]\n\n" +
        "Runs the suite against every broken variant of the embedded reference endpoint (or the NAMEd ones; serve --help lists them),\n" +
        "each of which must be killed by the requirement it breaks (a variant only a history shows: by the random histories, the fixed\n" +
        "scenarios passing it), then the suite and the contract against every conforming variant, which must pass. Exits 1 otherwise.\n" +
        "With --snapshots DIR (a recording of the fixed scenarios), each variant's fixed run is a compare with it, and the report\n" +
        "says where its answers differ.\n",
    );
    return 0;
  }
  const picked = values.variant;
  for (const n of picked) checkVariantName(n);
  const names = picked.length > 0 ? picked.filter((n) => n in variants) : Object.keys(variants);
  const conforming = picked.length > 0 ? picked.filter((n) => n in conformingVariants) : Object.keys(conformingVariants);
  const concurrency = Number(values.concurrency ?? availableParallelism());
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency must be a whole number above 0, not '${values.concurrency}'`);
  const seed = Number(values.seed ?? Math.floor(Math.random() * 2 ** 31));
  const snapshots = values.snapshots;
  if (snapshots !== undefined) {
    const { histories, parallelHistories } = readSnapshots(snapshots).replayed;
    if (histories + parallelHistories > 0) throw new UsageError(`mutants --snapshots needs a recording of the fixed scenarios alone (record --histories 0 --parallel-histories 0)`);
  }

  process.stdout.write(`mutants: ${names.length} broken and ${conforming.length} conforming variants, ${concurrency} at a time, seed ${seed}\n`);
  const dir = mkdtempSync(join(tmpdir(), "csc-mutants-"));
  try {
    const results = (await inPool(names, concurrency, (name) => runOne(name, seed, dir, snapshots))).sort((a, b) => a.variant.localeCompare(b.variant));
    printTable(results);
    const passing = await inPool(conforming, concurrency, (name) => runConforming(name, seed, dir));
    printConforming(passing);
    const report = values["report-json"];
    mkdirSync(dirname(report), { recursive: true });
    const summary = {
      variants: results.length,
      killed: results.filter((r) => r.killed).length,
      survived: results.filter((r) => !r.killed).length,
      conforming: passing.length,
      falselyFailed: passing.filter((r) => !r.passed).length,
    };
    writeFileSync(report, `${JSON.stringify({ seed, summary, variants: results, conforming: passing }, null, 2)}\n`);
    // A variant caught only by some other requirement counts as a failure too: its intended check is too weak.
    // So does a history-only variant that the fixed scenarios catch after all: the catalogue's claim about it is wrong.
    const failed = results.filter((r) => !r.killed || !r.caughtAsIntended || r.fixedScenariosPass === false).length + summary.falselyFailed;
    process.stdout.write(`${results.length + passing.length - failed} passed, ${failed} failed\n`);
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
        snapshots: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError(`${oneLine((e as Error).message)}; mutants takes --concurrency N, --seed N, --variant NAME, --snapshots DIR, --report-json FILE`);
  }
}

/** Histories tried on a variant only a history shows: enough that the rarest of them is found in any seed's runs. */
const HISTORY_RUNS = "300";

async function runOne(name: string, seed: number, dir: string, snapshots: string | undefined): Promise<VariantResult> {
  const v = variants[name]!;
  const common = ["--variant", name, "--strict", "--seed", String(seed)];
  // The fixed scenarios alone must kill an ordinary variant, and must miss a history-only one, which the histories then kill.
  // Random parallel histories are histories too: a history-only variant they catch is still history-only.
  // A compare replays its recording's seed (and no histories, checked above).
  const fixedArgs = snapshots === undefined ? [...common, "--histories", "0", "--parallel-histories", "0"] : ["compare", "--snapshots", snapshots, ...common.slice(0, 3)];
  const fixed = await runSuiteChild(fixedArgs, dir, name);
  const { exitCode, tests, aborted, durationMs } = v.needsHistory ? await runSuiteChild(["histories", ...common, "--runs", HISTORY_RUNS], dir, `${name}-histories`) : fixed;
  // Only a verdict kills: a failed test, or a run that ended on a broken answer. A compare also exits 1 on a mere difference.
  const judgedFailing = (run: ChildRun) => run.exitCode === 1 && (run.aborted !== undefined || run.tests.some((t) => t.status === "failed"));
  // The requirements the run failed, sorted; with `setUps`, a test whose set-up failed adds every requirement it checks.
  const failedBy = (setUps: boolean) =>
    [
      ...new Set([
        ...tests.filter((t) => t.status === "failed").flatMap((t) => (t.failedRequirement ? [t.failedRequirement] : setUps ? t.requirements : [])),
        ...(aborted?.requirement ? [aborted.requirement] : []),
      ]),
    ].sort();
  // A history that could not be driven names all its requirements; only a failed check counts there.
  const caughtBy = failedBy(!v.needsHistory);
  const failedChecks = failedBy(false);
  // Only a verdict kills: exit 1. A crash of the suite (3) or an unusable run (2) proves nothing.
  return {
    variant: name,
    description: v.description,
    breaks: v.breaks,
    killed: judgedFailing({ exitCode, tests, ...(aborted ? { aborted } : {}), durationMs }),
    caughtBy,
    caughtAsIntended: (caughtBy as readonly string[]).includes(v.breaks),
    failedChecks,
    ...(fixed.parity?.command === "compare" ? { differences: differencesOf(fixed.parity) } : {}),
    ...(v.needsHistory ? { fixedScenariosPass: (fixed.exitCode === 0 || fixed.exitCode === 1) && !judgedFailing(fixed) } : {}),
    exitCode,
    durationMs: durationMs + (v.needsHistory ? fixed.durationMs : 0),
  };
}

/** Where a compare found its differences, with exchange numbers and record keys left out so the list stays short. */
function differencesOf(p: Extract<Parity, { command: "compare" }>): NonNullable<VariantResult["differences"]> {
  const all = p.scenarios.flatMap((c) => c.differences.filter((d) => !d.allowed));
  const general = all.map((d) => d.path.replace(/\[Key=(?:"(?:[^"\\]|\\.)*")\]/g, "[Key=*]").replace(/\[\d+\]/g, "[*]"));
  return { count: all.length, paths: [...new Set(general)].sort() };
}

async function runConforming(name: string, seed: number, dir: string): Promise<ConformingResult> {
  const v = conformingVariants[name]!;
  const chosen = Object.entries(v.interpretations).flatMap(([k, c]) => ["--interpretation", `${k}=${c}`]);
  const suite = await runSuiteChild(["--variant", name, "--seed", String(seed), ...chosen], dir, `${name}-suite`);
  const pact = await runSuiteChild(["pact", "--variant", name], dir, `${name}-pact`);
  const failedRequirements = [...new Set([...suite.tests, ...pact.tests].filter((t) => t.status === "failed").map((t) => t.failedRequirement ?? "setup"))].sort();
  return {
    variant: name,
    description: v.description,
    interpretations: v.interpretations,
    suiteExit: suite.exitCode,
    pactExit: pact.exitCode,
    passed: suite.exitCode === 0 && pact.exitCode === 0,
    failedRequirements,
  };
}

function printConforming(results: ConformingResult[]): void {
  if (results.length === 0) return;
  const width = Math.max(...results.map((r) => r.variant.length));
  process.stdout.write("conforming variants (must pass):\n");
  for (const r of results) {
    const note = r.failedRequirements.length ? `  SHOULD failed: ${r.failedRequirements.join(" ")}` : "";
    process.stdout.write(
      `${r.variant.padEnd(width)}  ${r.passed ? "passes       " : `FALSE FAILURE (suite exit ${r.suiteExit}, pact exit ${r.pactExit})`}${r.passed ? note : `  ${r.failedRequirements.join(" ")}`}\n`,
    );
  }
}

function printTable(results: VariantResult[]): void {
  const width = Math.max(...results.map((r) => r.variant.length));
  for (const r of results) {
    const verdict = r.killed ? (r.caughtAsIntended ? "killed  " : "killed* ") : "SURVIVED";
    const history = r.fixedScenariosPass === undefined ? "" : r.fixedScenariosPass ? "  (by histories only)" : "  (CAUGHT WITHOUT HISTORIES: not history-only)";
    const differences = r.differences ? `  (${r.differences.count} differences from the recording)` : "";
    process.stdout.write(`${r.variant.padEnd(width)}  ${verdict}  ${r.caughtBy.join(" ") || `(exit ${r.exitCode})`}${history}${differences}\n`);
  }
  if (results.some((r) => r.killed && !r.caughtAsIntended)) process.stdout.write("killed*: caught, but not by the requirement the variant was meant to break\n");
}
