/**
 * The suite command end to end against its embedded reference endpoint: the whole suite passes,
 * the seed is printed and repeats the generated tests, and the JSON and JUnit reports hold
 * every test.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { type Finished } from "../support/run-cli.js";
import { readJson, run, shown, summaryOf } from "../support/suite-runs.js";
import { tempDir } from "../support/temp-dir.js";

describe("cli: the suite command", () => {
  const dir = tempDir("csc-run");

  describe("against the embedded reference endpoint", () => {
    let plain: Finished;
    let seeded: Finished;
    let seededAgain: Finished;
    let jsonFile: string;
    let junitFile: string;

    before(async function () {
      this.timeout(120_000);
      jsonFile = join(dir, "embedded", "report.json");
      junitFile = join(dir, "embedded", "report.xml");
      [plain, seeded, seededAgain] = await Promise.all([run([]), run(["--seed", "12345", "--report-json", jsonFile, "--report-junit", junitFile]), run(["--seed", "12345"])]);
    });

    it("with no flags runs the whole suite, prints the seed and the summary, and exits 0, with nothing on stderr (no warnings)", () => {
      expect(plain.code, shown(plain)).to.equal(0);
      expect(plain.stderr).to.equal("");
      expect(plain.stdout).to.match(/^\s*seed (\d+) \(repeat with --seed \1\)/m);
      const summary = summaryOf(plain);
      expect(summary.failed).to.equal(0);
      expect(summary.passed).to.be.above(0);
    });

    it("prints the seed given with --seed", () => {
      for (const r of [seeded, seededAgain]) {
        expect(r.code, shown(r)).to.equal(0);
        expect(r.stdout).to.match(/^\s*seed 12345 \(repeat with --seed 12345\)/m);
      }
    });

    it("gives the same generated test titles for the same --seed", () => {
      // Without the duration mocha adds to slow tests.
      const generated = (r: Finished) =>
        r.stdout
          .split("\n")
          .filter((l) => l.includes("is refused with 400"))
          .map((l) => l.replace(/ \(\d+ms\)$/, ""));
      expect(generated(seeded)).to.not.be.empty;
      expect(generated(seededAgain)).to.deep.equal(generated(seeded));
    });

    it("--report-json writes the summary and every test with its requirements, level, status and duration", () => {
      const report = readJson(jsonFile);
      expect(report.summary).to.include.all.keys("passed", "failed", "skipped");
      expect(report.tests).to.be.an("array").that.is.not.empty;
      for (const t of report.tests) {
        const where = JSON.stringify(t);
        expect(t.id, where).to.be.a("string").that.is.not.empty;
        expect(t.title, where).to.be.a("string").that.is.not.empty;
        expect(t.requirements, where).to.be.an("array").that.is.not.empty;
        for (const id of t.requirements) expect(id, where).to.match(/^LR-[A-Z0-9-]+$/);
        expect(t.level, where).to.be.oneOf(["MUST", "SHOULD"]);
        expect(t.status, where).to.be.oneOf(["passed", "failed", "skipped"]);
        expect(t.durationMs, where).to.be.a("number").and.at.least(0);
      }
      const count = (status: string) => report.tests.filter((t) => t.status === status).length;
      expect(count("passed")).to.equal(report.summary.passed).and.to.be.above(0);
      expect(count("failed")).to.equal(report.summary.failed);
      expect(count("skipped")).to.equal(report.summary.skipped);
      expect(summaryOf(seeded)).to.deep.equal({ passed: report.summary.passed, failed: report.summary.failed, skipped: report.summary.skipped });
    });

    it("--report-junit writes a JUnit XML file with one testcase per test", () => {
      expect(existsSync(junitFile), junitFile).to.equal(true);
      const xml = readFileSync(junitFile, "utf8");
      expect(xml).to.include("<testsuite");
      expect(xml).to.include("<testcase");
      expect(xml.match(/<testcase /g) ?? []).to.have.length(readJson(jsonFile).tests.length);
      expect(xml.trimEnd()).to.match(/<\/testsuites>$/);
    });
  });
});
