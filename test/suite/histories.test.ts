/**
 * The random histories as a user meets them: they pass the reference, a history-only bug is
 * shrunk to a short numbered history, and the printed seed and path replay exactly it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import type { TestResult } from "../../src/report/results.js";
import { runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const report = (file: string) => JSON.parse(readFileSync(file, "utf8")) as { tests: TestResult[] };

describe("random histories", function () {
  this.timeout(120_000);
  const dir = tempDir("csc-histories-test");

  it("pass the reference endpoint, with stable ids whatever the seed", async () => {
    const ids: string[][] = [];
    for (const seed of ["1", "2"]) {
      const file = join(dir, `ok-${seed}.json`);
      const { code, stdout } = await runCli(["histories", "--runs", "30", "--seed", seed, "--report-json", file], 60_000);
      expect(code, stdout.slice(-2000)).to.equal(0);
      const tests = report(file).tests;
      expect(tests.every((t) => t.status === "passed" && (t.requests ?? 0) > 0)).to.equal(true);
      ids.push(tests.map((t) => t.id).sort());
    }
    expect(ids[0]).to.deep.equal(ids[1]);
    expect(ids[0]).to.include("histories/history-030");
  });

  it("shrink a history-only bug to at most four calls, and its printed seed and path replay that history", async () => {
    const variant = ["--variant", "conflict-check-across-identities"];
    const file = join(dir, "broken.json");
    const run = await runCli(["histories", "--runs", "20", "--seed", "1", ...variant, "--report-json", file], 90_000);
    expect(run.code, run.stdout.slice(-2000)).to.equal(1);
    const failed = report(file).tests.find((t) => t.history !== undefined)!;
    expect(failed, "a failed history").to.not.equal(undefined);
    const { seed, replay, calls, shrunkFrom } = failed.history!;
    expect(calls.length).to.be.within(2, 4);
    expect(shrunkFrom).to.be.at.least(calls.length);
    expect(failed.failedRequirement).to.equal("LR-WRITE-CURRENT");
    // One complete command, the run's endpoint settings included (here the variant), on one line.
    const command = `npx cognito-sync-conformance histories --variant conflict-check-across-identities --seed ${seed} --replay '${replay}'`;
    expect(failed.history!.command).to.equal(command);
    expect(run.stdout).to.include(`replay: ${command}\n`);

    const again = join(dir, "replay.json");
    const replayed = await runCli(["histories", "--seed", String(seed), "--replay", replay, ...variant, "--report-json", again], 60_000);
    expect(replayed.code, replayed.stdout.slice(-2000)).to.equal(1);
    const [only, ...rest] = report(again).tests;
    expect(rest).to.have.length(0);
    expect(only!.failedRequirement).to.equal(failed.failedRequirement);
    expect(only!.history!.calls).to.deep.equal(calls);
  });

  it("refuse a replay without its seed, or a path that is not one, with exit 2", async () => {
    for (const args of [
      ["--replay", "0:1"],
      ["--seed", "4", "--replay", "not a path"],
    ]) {
      const { code, stderr } = await runCli(["histories", ...args]);
      expect(code).to.equal(2);
      expect(stderr).to.match(/^cognito-sync-conformance: --replay .*\n$/);
    }
  });
});
