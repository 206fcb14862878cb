/**
 * The Pact side: the consumer tests regenerate the committed contract byte for byte, and
 * `cognito-sync-conformance pact` verifies it against the reference (in-process and over a
 * socket) and fails, naming the interaction and the mismatch, against a variant that
 * breaks one interaction.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { tempDir } from "../support/temp-dir.js";
import { PACT_FILE } from "../../src/pact/pact-file.js";
import { isolatedEnv, runCli, startCli } from "../support/run-cli.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PACT_NAME = "cognito-sync-client-cognito-sync.json";

/** The consumer tests, run as `npm run contracts` runs them, writing into `dir`: the exit code, and the output to show when it is not 0. */
function generateInto(dir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const mocha = join(ROOT, "node_modules", ".bin", "mocha");
    const child = spawn(mocha, ["contracts/list-records.pact.ts"], {
      cwd: ROOT,
      env: isolatedEnv({ PACT_OUTPUT_DIR: dir, PACT_DO_NOT_TRACK: "true" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d));
    child.stderr.on("data", (d: Buffer) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("pact contracts", () => {
  const dir = tempDir("csc-pact");

  it("the consumer tests regenerate the committed pact file byte for byte, twice", async () => {
    const committed = readFileSync(PACT_FILE);
    for (const run of ["first", "second"]) {
      const out = join(dir, run);
      const { code, output } = await generateInto(out);
      expect(code, `${run} consumer run:\n${output.slice(-3000)}`).to.equal(0);
      expect(readFileSync(join(out, PACT_NAME)).equals(committed), `${run} regeneration differs from contracts/${PACT_NAME}; run npm run contracts`).to.equal(true);
    }
  });

  it("verification passes against the embedded reference, one passed test per interaction", async () => {
    const report = join(dir, "embedded.json");
    const { code, stdout } = await runCli(["pact", "--report-json", report], 60_000);
    expect(code, stdout.slice(-3000)).to.equal(0);
    const { summary, tests } = JSON.parse(readFileSync(report, "utf8")) as { summary: { passed: number; failed: number }; tests: Array<{ requirements: string[] }> };
    const interactions = (JSON.parse(readFileSync(PACT_FILE, "utf8")) as { interactions: unknown[] }).interactions.length;
    expect(summary).to.include({ passed: interactions, failed: 0 });
    expect(tests.every((t) => t.requirements.includes("LR-CONTRACT"))).to.equal(true);
  });

  it("verification passes over a socket against `serve` in another process, again and again against the same server", async function () {
    this.timeout(120_000);
    const server = await startCli(["serve"]);
    try {
      const [url, states] = await server.lines(2);
      // The states put each dataset in place as if never deleted, so what one verification tore down never shows in the next.
      for (let round = 1; round <= 3; round++) {
        const { code, stdout } = await runCli(["pact", "--endpoint", url!, "--state-url", states!.replace(/^provider states: /, "")], 60_000);
        expect(code, `round ${round}\n${stdout.slice(-3000)}`).to.equal(0);
        expect(stdout).to.match(/^\d+ passed, 0 failed, 0 skipped$/m);
      }
    } finally {
      server.child.kill("SIGTERM");
    }
  });

  it("verification fails against a variant that drops MergedDatasetNames, naming the interaction and the mismatch", async () => {
    const report = join(dir, "variant.json");
    const { code, stdout } = await runCli(["pact", "--variant", "merged-names-dropped", "--report-json", report], 60_000);
    expect(code).to.equal(1);
    const { tests } = JSON.parse(readFileSync(report, "utf8")) as { tests: Array<{ title: string; status: string; error?: string }> };
    const failed = tests.filter((t) => t.status === "failed");
    expect(failed.map((t) => t.title)).to.deep.equal(["a sync of a dataset that has merged datasets (given 'a dataset has been merged')"]);
    expect(failed[0]!.error).to.include("LR-CONTRACT").and.include("$.MergedDatasetNames");
    expect(stdout).to.include("a sync of a dataset that has merged datasets");
  });

  it("without a state URL, every interaction that needs a state fails, naming the state", async () => {
    const server = await startCli(["serve"]);
    try {
      const report = join(dir, "no-states.json");
      const { code } = await runCli(["pact", "--endpoint", server.firstLine, "--report-json", report], 60_000);
      expect(code).to.equal(1);
      const { tests } = JSON.parse(readFileSync(report, "utf8")) as { tests: Array<{ title: string; status: string; error?: string }> };
      for (const t of tests.filter((x) => x.title.includes("(given "))) {
        expect(t.status, t.title).to.equal("failed");
        expect(t.error, t.title).to.match(/needs provider state '.+', but no --state-url is configured/);
      }
      expect(tests.filter((t) => !t.title.includes("(given ")).every((t) => t.status === "passed")).to.equal(true);
    } finally {
      server.child.kill("SIGTERM");
    }
  });
});
