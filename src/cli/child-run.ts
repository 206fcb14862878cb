/** The suite run in a child process, as a user runs it, with its JSON report read back. */
import type { RequirementId } from "../requirement-ids.js";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageFile } from "../package-root.js";
import type { Parity } from "../parity/parity.js";
import type { TestResult } from "../report/results.js";

const BIN = packageFile("bin", "cognito-sync-conformance.js");

export interface ChildRun {
  exitCode: number | null;
  /** Empty when the run ended before its tests. */
  tests: TestResult[];
  /** Why it ended before its tests, when it did and said so. */
  aborted?: { reason: string; requirement?: RequirementId };
  /** What a `compare` run found against its recording. */
  parity?: Parity;
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
      let parsed: Pick<ChildRun, "tests" | "aborted" | "parity"> = { tests: [] };
      try {
        parsed = JSON.parse(readFileSync(report, "utf8")) as Pick<ChildRun, "tests" | "aborted" | "parity">;
      } catch {
        // no report: the exit code tells why
      }
      resolve({
        exitCode,
        tests: parsed.tests,
        ...(parsed.aborted ? { aborted: parsed.aborted } : {}),
        ...(parsed.parity ? { parity: parsed.parity } : {}),
        durationMs: Math.round(performance.now() - started),
      });
    });
  });
}
