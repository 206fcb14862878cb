/** What the sections share: child processes (the project's commands, the bench's servers), requests, reports, timing, memory. */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../bin/cognito-sync-conformance.js", import.meta.url));
/** Any well-formed SigV4 header for a key the reference does not know: accepted without a secret. */
export const AUTH = `AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/cognito-sync/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`;
export const POOL = "us-east-1:0c1ba052-e098-41fa-a76e-eaa2c125f861";
export const IDENTITY = "us-east-1:5d3c6f0e-9b1a-4c2e-8f7d-1a2b3c4d5e6f";

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface Child {
  process: ChildProcess;
  lines: string[];
  stop(): Promise<void>;
}

/** Starts `node ARGS` and resolves once it has printed `lines` lines. */
export function startChild(args: string[], lines = 1): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d;
      const got = out.split("\n").slice(0, -1);
      if (got.length >= lines) {
        child.stdout!.removeAllListeners("data");
        child.stdout!.resume();
        resolve({
          process: child,
          lines: got,
          stop: () => new Promise((r) => (child.once("exit", () => r()), child.kill("SIGTERM"))),
        });
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code} before it was ready`)));
  });
}

/** The reference endpoint in its own process: base URL and provider-state URL. */
export async function startReference(): Promise<Child & { url: string; stateUrl: string }> {
  const child = await startChild([BIN, "serve"], 2);
  return Object.assign(child, { url: child.lines[0]!, stateUrl: child.lines[1]!.replace(/^provider states: /, "") });
}

/** Resident memory of a process now, in MB. */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Fills `datasetName` with `count` numbered records; with `pageSize`, the answer's nextToken starts a page there. */
export async function numberedRecords(stateUrl: string, datasetName: string, count: number, pageSize?: number): Promise<Record<string, unknown>> {
  const state = "a dataset holds numbered records";
  const params = { identityPoolId: POOL, identityId: IDENTITY, datasetName, count, ...(pageSize === undefined ? {} : { pageSize }) };
  const res = await fetch(stateUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ state, params, action: "setup" }) });
  if (!res.ok) throw new Error(`state '${state}' failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** A signed-looking GET, as every benchmark request is. */
export const get = (url: string) => fetch(url, { headers: { authorization: AUTH } });

export const recordsUrl = (base: string, dataset: string, query: Record<string, string> = {}) =>
  `${base}/identitypools/${encodeURIComponent(POOL)}/identities/${encodeURIComponent(IDENTITY)}/datasets/${dataset}/records${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ""}`;

/** Runs a command to its end and gives its wall time in ms. */
export function timed(args: string[]): Promise<{ ms: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: "ignore" });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ ms: performance.now() - started, code }));
  });
}

/** What the benchmarks read from a run's JSON report. */
export interface Report {
  run: {
    timing: {
      startupMs: number;
      testsMs: number;
      reportingMs: number;
      requests: { setup: number; check: number };
      requestMs: { setup: number; check: number };
      validationMs: number;
      peakRssMb: number;
    };
  };
  tests: Array<{ requests?: number; id: string }>;
}

/** Runs a suite command (BIN or the compiled one, with its flags) to its end: its wall time and JSON report. A failed run stops the bench. */
export async function reportedRun(args: string[], file: string, what: string): Promise<{ ms: number; report: Report }> {
  const { ms, code } = await timed([...args, "--report-json", file]);
  if (code !== 0) throw new Error(`${what} failed (exit ${code})`);
  return { ms, report: JSON.parse(readFileSync(file, "utf8")) as Report };
}

/** Runs a bench script (TypeScript, through tsx) as a child that prints its URL first. */
export async function startScript(name: string, args: string[]): Promise<Child & { url: string }> {
  const child = await startChild(["--import", "tsx", fileURLToPath(new URL(name, import.meta.url)), ...args]);
  return Object.assign(child, { url: child.lines[0]! });
}

/** The throughput baseline: a bare node:http server answering `body` from memory (written to `dir` for it). */
export function startBare(dir: string, body: Buffer): Promise<Child & { url: string }> {
  const file = join(dir, `body-${body.length}.json`);
  writeFileSync(file, body);
  return startScript("bare-server.ts", [file]);
}
