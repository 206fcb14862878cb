/** Writing a run's report files: a file that cannot be written is a usage error (exit 2), found before the run when possible. */
import { accessSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { RunSettings } from "../config/resolve.js";
import type { RunPlan } from "../harness/run.js";
import { UsageError } from "../config/usage-error.js";
import { reportFormats } from "../report/formats/index.js";
import type { RunRecord } from "../report/run-record.js";

/** Milliseconds to tenths, all the way down, for a report people read. */
export const roundAll = (o: object): object =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "number" ? Math.round(v * 10) / 10 : typeof v === "object" && v !== null ? roundAll(v) : v]));

export const describePlan = (p: RunPlan, s: RunSettings, command: string): RunRecord["run"] => ({
  command,
  endpoint: p.endpointLabel,
  seed: p.seed,
  identityPoolId: p.identityPoolId,
  identityId: p.identityId,
  prefix: p.prefix,
  interpretations: p.interpretations,
  options: { strict: s.strict, requireAll: s.requireAll, strictExpectations: s.strictExpectations, ...(s.expectations ? { expectations: s.expectations } : {}) },
});

/** The report files the settings name: each format's, and the expectations file to write. */
export const reportPaths = (s: RunSettings): string[] => [...reportFormats.map((r) => s[r.setting]), s.writeExpectations].filter((p): p is string => p !== undefined);

/** Every report the settings ask for, rendered from the one record. */
export function writeReports(s: RunSettings, record: RunRecord): void {
  for (const { setting, format } of reportFormats) {
    const path = s[setting];
    if (path !== undefined) writeFile(path, format.render(record));
  }
}

/** Whether the report could be written, found without creating anything: a refused run leaves no empty files or folders behind. */
export function checkWritable(path: string, what = `the report ${path}`): void {
  try {
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) throw new Error("it is a folder");
      return accessSync(path, constants.W_OK);
    }
    let dir = dirname(resolve(path));
    while (!existsSync(dir)) dir = dirname(dir);
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new UsageError(`cannot write ${what}: ${(e as Error).message}`);
  }
}

export function writeFile(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (e) {
    throw new UsageError(`cannot write the report ${path}: ${(e as Error).message}`);
  }
}
