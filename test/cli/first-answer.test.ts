/**
 * A first answer that breaks a requirement but can still be judged (a page of the documented
 * shape without the members clients read) no longer stops the run: every report shows the tests
 * that fail it, instead of an empty report with a "not judged" verdict.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import type { TestResult } from "../../src/report/results.js";
import { runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

describe("a first answer that breaks LR-SHAPE-MEMBERS", function () {
  this.timeout(60_000);
  const dir = tempDir("csc-first-answer");

  it("is a failure of that requirement in the tests and the reports, and the run goes on", async () => {
    const report = join(dir, "report.json");
    const r = await runCli(["--variant", "defaults-omitted", "--histories", "0", "--parallel-histories", "0", "--report-json", report], 60_000);
    expect(r.code, r.stdout.slice(-1500)).to.equal(1);
    expect(r.stdout).to.match(/^ {2}note: the first ListRecords answer breaks LR-SHAPE-MEMBERS .*the run goes on/m);
    const json = JSON.parse(readFileSync(report, "utf8")) as { aborted?: unknown; summary: { mustFailed: number }; tests: TestResult[] };
    expect(json.aborted).to.equal(undefined);
    expect(json.summary.mustFailed).to.be.greaterThan(0);
    expect(json.tests.some((t) => t.failure === "check" && t.failedRequirement === "LR-SHAPE-MEMBERS")).to.equal(true);
  });
});
