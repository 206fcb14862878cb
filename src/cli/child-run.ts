/** The suite run in a child process, as a user runs it, with its JSON report read back. */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestResult } from "../report/results.js";

const BIN = fileURLToPath(new URL("../../bin/cognito-sync-conformance.js", import.meta.url));

export interface ChildRun {
  exitCode: number | null;
  /** Empty when the run ended before its tests (exit 2 or 3). */
  tests: TestResult[];
  durationMs: number;
}

/** Runs `cognito-sync-conformance ARGS --report-json <dir>/<name>.json` and reads the report. */
export function runSuiteChild(args: string[], dir: string, name: string): Promise<ChildRun> {
  const report = join(dir, `${name}.json`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, "--report-json", report], { stdio: "ignore" });
    child.on("error", reject);
    child.on("close", (exitCode) => {
      let tests: TestResult[] = [];
      try {
        tests = (JSON.parse(readFileSync(report, "utf8")) as { tests: TestResult[] }).tests;
      } catch {
        // no report: the exit code tells why
      }
      resolve({ exitCode, tests, durationMs: Math.round(performance.now() - started) });
    });
  });
}
