/**
 * The suite against endpoints that misbehave at the transport level: it must end on its own
 * within 30 s, exit non-zero, say in a line or two what is wrong, never print an unhandled
 * exception, and stay under 256 MB.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect } from "chai";
import { hostile, startHostile } from "../support/hostile-servers.js";
import { BIN, isolatedEnv } from "../support/run-cli.js";

interface Outcome {
  code: number | null;
  output: string;
  seconds: number;
  peakMb: number;
}

/** Runs the suite against `url`, watching the child's peak memory (VmHWM) while it runs. */
function runAgainst(url: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, "--endpoint", url], { env: isolatedEnv() });
    let output = "";
    let peakKb = 0;
    child.stdout.on("data", (d: Buffer) => (output += d));
    child.stderr.on("data", (d: Buffer) => (output += d));
    const watch = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // the process has just ended
      }
    }, 20);
    const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(watch);
      clearTimeout(killer);
      resolve({ code, output, seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024 });
    });
  });
}

const says: Record<string, RegExp> = {
  "never answers": /cannot reach the endpoint .*no complete answer within 10000 ms/,
  "drips its body": /cannot reach the endpoint .*no complete answer within 10000 ms/,
  "truncated JSON": /does not answer ListRecords as the API does \(LR-SHAPE-200\): expected a JSON body/,
  "HTML 500": /does not answer ListRecords as the API does \(LR-SHAPE-ERROR\)/,
  "NextToken that cycles": /^failed: .*(LR-PAGE-WALK|the listing never ends)/m,
  "hundreds of megabytes": /cannot reach the endpoint .*response size cap/,
  "connection reset": /cannot reach the endpoint .*ECONNRESET/,
  "JSON labelled text/html": /does not answer ListRecords as the API does \(LR-SHAPE-CONTENT-TYPE\): expected Content-Type: application\/json, got Content-Type: text\/html/,
};

describe("the suite against hostile endpoints", function () {
  this.timeout(90_000);

  for (const [name, h] of Object.entries(hostile)) {
    it(`${name} (${h.what}): ends within 30 s, non-zero, says what is wrong, under 256 MB`, async () => {
      const server = await startHostile(h.handler);
      try {
        const r = await runAgainst(server.url);
        expect(r.seconds, r.output.slice(-1500)).to.be.below(30);
        expect(r.code, r.output.slice(-1500)).to.be.oneOf([1, 2]);
        expect(r.output, r.output.slice(-800)).to.match(says[name]!);
        expect(r.output, "an unhandled exception").to.not.match(/Unhandled|internal error|TypeError|RangeError|\n\s+at .+\(.+:\d+:\d+\)/);
        expect(r.peakMb, "peak memory in MB").to.be.below(256);
      } finally {
        await server.close();
      }
    });
  }
});
