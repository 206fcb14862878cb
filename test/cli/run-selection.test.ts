/**
 * The suite command end to end, choosing what a run checks: --grep runs only the matching tests,
 * and --interpretation NAME=any leaves a check out and says so in the report.
 */
import { join } from "node:path";
import { expect } from "chai";
import { readJson, run, shown, summaryOf } from "../support/suite-runs.js";
import { tempDir } from "../support/temp-dir.js";

describe("cli: the suite command", () => {
  const dir = tempDir("csc-run");

  it("--interpretation NAME=any leaves that check out and lists it under 'unchecked' in the report", async () => {
    const report = join(dir, "any", "report.json");
    const r = await run(["--interpretation", "bad-next-token=any", "--grep", "NextToken that is", "--report-json", report]);
    expect(r.code, shown(r)).to.equal(0);
    const { tests } = readJson(report);
    const unchecked = tests.filter((t) => t.unchecked?.includes("bad-next-token"));
    expect(unchecked.length, "tests that left the bad-next-token check out").to.be.at.least(2);
    for (const t of unchecked) expect(t.status, t.id).to.equal("passed");
  });

  it("--grep runs only the tests whose title or requirement ids match", async () => {
    const report = join(dir, "grep", "report.json");
    const r = await run(["--grep", "LR-MISSING", "--report-json", report]);
    expect(r.code, shown(r)).to.equal(0);
    const passedLines = r.stdout
      .replace(/\x1b\[[0-9;]*m/g, "")
      .split("\n")
      .filter((l) => /^\s+[✔✓√] /.test(l));
    expect(passedLines).to.not.be.empty;
    for (const line of passedLines) expect(line).to.include("LR-MISSING");
    const { tests } = readJson(report);
    expect(tests).to.have.length(passedLines.length);
    for (const t of tests)
      expect(
        t.requirements.some((id) => id.startsWith("LR-MISSING")),
        t.id,
      ).to.equal(true);
    expect(summaryOf(r)).to.deep.equal({ passed: passedLines.length, failed: 0, skipped: 0 });
  });
});
