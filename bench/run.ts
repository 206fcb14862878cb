/**
 * `npm run bench`: how fast the suite runs and how the reference endpoint scales. Every
 * figure that can be is a ratio against a baseline measured in the same run, so it holds on
 * a noisy machine. Prints a table and writes bench/results.json. Timings are measured here,
 * never asserted in tests.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { round } from "./helpers.js";
import { fullRun } from "./sections/full-run.js";
import { scaling } from "./sections/scaling.js";
import { slowEndpoint } from "./sections/slow-endpoint.js";
import { startup } from "./sections/startup.js";
import { throughput } from "./sections/throughput.js";
import { validation } from "./sections/validation.js";
import { Table, thisMachine, writeResults } from "./table.js";

// `npm run bench -- throughput` (or any section names) runs just those, for quick iterations.
const only = new Set(process.argv.slice(2));
const want = (section: string) => only.size === 0 || only.has(section);
const started = performance.now();
const table = new Table();
const bench = { dir: mkdtempSync(join(tmpdir(), "csc-bench-")), row: table.row };
try {
  // Always run: the validation section needs its figures. The keys are results.json's, in its order.
  const full = await fullRun(bench);
  const results: Record<string, unknown> = { fullRun: full };
  if (want("startup")) results.startup = await startup(bench);
  if (want("throughput")) results.throughput = await throughput(bench);
  if (want("scaling")) results.scaling = await scaling(bench);
  if (want("validation")) results.validation = await validation(bench, full.validationMs, full.phasesMs.tests);
  if (want("slow")) results.slowEndpoint = await slowEndpoint(bench);
  const machine = thisMachine();
  const seconds = round((performance.now() - started) / 1000);
  if (only.size === 0) writeResults(fileURLToPath(new URL("results.json", import.meta.url)), machine, results, seconds);
  table.print(machine, seconds);
} finally {
  rmSync(bench.dir, { recursive: true, force: true });
}
