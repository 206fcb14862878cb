/** Runs the real `cognito-sync-conformance` command in a child process, as a user would. */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect } from "chai";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../bin/cognito-sync-conformance.js", import.meta.url));

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The parent's environment without the variables the command reads as settings (AWS_*,
 * COGNITO_SYNC_*), so that a developer's own AWS set-up cannot change a test's run.
 */
export function isolatedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_") && !name.startsWith("COGNITO_SYNC_"));
  return { ...Object.fromEntries(kept), ...extra };
}

/** Runs the command to its end (killed after `timeoutMs`), by default isolated from the caller's AWS settings. */
export function runCli(args: string[], timeoutMs = 20_000, env: NodeJS.ProcessEnv = isolatedEnv(), bin = BIN): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"], env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface Started {
  child: ChildProcessWithoutNullStreams;
  firstLine: string;
  /** Resolves with the first `count` lines of output once that many have been printed. */
  lines(count: number, timeoutMs?: number): Promise<string[]>;
}

/** Starts a long-running command and resolves with its first line of output. */
export function startCli(args: string[], timeoutMs = 20_000, env: NodeJS.ProcessEnv = isolatedEnv(), bin = BIN): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env });
    let out = "";
    let err = "";
    let waiting: Array<() => boolean> = [];
    const lines = (count: number, waitMs = 5_000) =>
      new Promise<string[]>((done, fail) => {
        const check = () => {
          const complete = out.split("\n").slice(0, -1);
          if (complete.length < count) return false;
          done(complete.slice(0, count));
          return true;
        };
        if (check()) return;
        const timer = setTimeout(() => fail(new Error(`fewer than ${count} lines within ${waitMs} ms: ${JSON.stringify(out)}; stderr: ${err}`)), waitMs);
        waiting.push(() => {
          if (!check()) return false;
          clearTimeout(timer);
          return true;
        });
      });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no output within ${timeoutMs} ms; stderr: ${err}`));
    }, timeoutMs);
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.stdout.on("data", (d: Buffer) => {
      const first = out.indexOf("\n") < 0;
      out += d;
      waiting = waiting.filter((w) => !w());
      const nl = out.indexOf("\n");
      if (first && nl >= 0) {
        clearTimeout(timer);
        resolve({ child, firstLine: out.slice(0, nl), lines });
      }
    });
    child.on("exit", (code) => reject(new Error(`exited with ${code} before printing a line; stderr: ${err}`)));
  });
}

/** What a test needs to see when a run went wrong. */
export const shown = (r: Finished) => `exit ${r.code}\nstderr:\n${r.stderr}\nstdout (end):\n${r.stdout.slice(-3000)}`;
export const readJsonFile = <T>(path: string) => JSON.parse(readFileSync(path, "utf8")) as T;

/** stderr holds exactly one line and no stack trace. */
export function expectOneLine(r: Finished): string {
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  expect(lines, shown(r)).to.have.length(1);
  expect(r.stderr).to.not.match(/^\s+at /m);
  return lines[0]!;
}
