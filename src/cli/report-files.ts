/** Writing a run's report files: a file that cannot be written is a usage error (exit 2), found before the run when possible. */
import { closeSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { RunPlan } from "../harness/run.js";
import { UsageError } from "../config/usage-error.js";

/** Milliseconds to tenths, all the way down, for a report people read. */
export const roundAll = (o: object): object =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "number" ? Math.round(v * 10) / 10 : typeof v === "object" && v !== null ? roundAll(v) : v]));

export const describePlan = (p: RunPlan) => ({
  endpoint: p.endpointLabel,
  seed: p.seed,
  identityPoolId: p.identityPoolId,
  identityId: p.identityId,
  prefix: p.prefix,
  interpretations: p.interpretations,
});

export function checkWritable(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    closeSync(openSync(path, "a"));
  } catch (e) {
    throw new UsageError(`cannot write the report ${path}: ${(e as Error).message}`);
  }
}

export const writeReport = (path: string, report: object): void => writeFile(path, `${JSON.stringify(report, null, 2)}\n`);

export function writeFile(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (e) {
    throw new UsageError(`cannot write the report ${path}: ${(e as Error).message}`);
  }
}
