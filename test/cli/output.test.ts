/**
 * The command's output through a pipe, as a CI log collector reads it: a reader that starts
 * late still gets everything, verdict included; a reader that goes away ends the run quietly,
 * with its report written.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { inPool } from "../../src/pool.js";
import { BIN, isolatedEnv } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

/** Runs a shell pipeline that starts the command as `$CSC`; resolves with its stdout and stderr. */
function pipeline(script: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", script], { env: isolatedEnv({ CSC: `"${process.execPath}" "${BIN}"` }) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
  });
}

// Failures print grouped and short now, so the bulk is 550 passing histories (a variant that fails
// two tests and leaves histories alone): about 80 kB, more than a pipe holds.
const LOUD = "--variant throttle-as-500 --histories 550";

describe("cli: output through a pipe", function () {
  this.timeout(240_000);
  const dir = tempDir("csc-output");

  it("a large failing run read by a reader that starts a second late keeps all its output, verdict included, every time (8 runs)", async () => {
    const runs = await inPool([1, 2, 3, 4, 5, 6, 7, 8], 2, () => pipeline(`eval "$CSC ${LOUD}" 2>&1 | (sleep 1; cat)`));
    for (const r of runs) {
      expect(r.stdout.length, "bytes printed").to.be.above(64 * 1024);
      const end = r.stdout.trimEnd().split("\n").slice(-2);
      expect(end[0], r.stdout.slice(-300)).to.match(/^verdict: does not conform/);
      expect(end[1], r.stdout.slice(-300)).to.match(/^\d+ passed, \d+ failed, \d+ skipped$/);
    }
  });

  it("a reader that goes away (| head -1) ends the run quietly: no stack trace, the report written, saying why it stopped", async () => {
    const report = join(dir, "head.json");
    const r = await pipeline(`eval "$CSC ${LOUD} --report-json ${report}" 2>"${join(dir, "head.err")}" | head -1; echo "exit \${PIPESTATUS[0]}" >&2`);
    expect(r.stdout.split("\n").filter(Boolean)).to.have.length(1);
    const stderr = readFileSync(join(dir, "head.err"), "utf8");
    expect(stderr, "the command's own stderr").to.not.match(/EPIPE|Error|\n\s+at /);
    expect(r.stderr.trim()).to.equal("exit 1");
    const written = JSON.parse(readFileSync(report, "utf8")) as { run: { stoppedEarly?: string } };
    expect(written.run.stoppedEarly).to.match(/output was closed \(EPIPE\)/);
  });
});
