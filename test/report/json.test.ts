/** The JSON report of real runs (passing, failing, aborted) validates against schemas/report.schema.json, version and all. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { validateAgainst } from "../../src/schema/validators.js";
import { runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

describe("report: JSON", function () {
  this.timeout(120_000);
  const dir = tempDir("csc-json-report");
  const cases = [
    { name: "passing", args: [], exit: 0 },
    { name: "failing", args: ["--variant", "page-drops-last-record"], exit: 1 },
    { name: "aborted", args: ["--endpoint", "http://127.0.0.1:1"], exit: 2 },
  ];
  for (const c of cases) {
    it(`${c.name}: exits ${c.exit} and writes a report valid against schemas/report.schema.json, with the tool's version`, async () => {
      const file = join(dir, `${c.name}.json`);
      const r = await runCli(["--histories", "0", "--seed", "1", ...c.args, "--report-json", file], 60_000);
      expect(r.code, r.stdout.slice(-1000)).to.equal(c.exit);
      const report = JSON.parse(readFileSync(file, "utf8")) as { tool: { version: string }; verdict: { exitCode: number }; formatVersion: number };
      expect(validateAgainst("report", report)).to.deep.equal([]);
      expect(report.formatVersion).to.equal(3);
      expect(report.tool.version).to.equal(pkg.version);
      expect(report.verdict.exitCode).to.equal(c.exit);
    });
  }

  it("a failed check carries what was expected, what came back and its exchange (with the curl line) as fields", () => {
    type Check = { expected: string; actual: string; exchange?: { request: string; status?: number; curl: string } };
    const report = JSON.parse(readFileSync(join(dir, "failing.json"), "utf8")) as { tests: Array<{ failure?: string; check?: Check }> };
    const checks = report.tests.filter((t) => t.failure === "check").map((t) => t.check);
    expect(checks.length).to.be.greaterThan(0);
    for (const c of checks) {
      expect(c!.expected.length * c!.actual.length).to.be.greaterThan(0);
      expect(c!.exchange?.request).to.match(/^(GET|POST|DELETE) http:\/\/127\.0\.0\.1:\d+\//);
      expect(c!.exchange?.curl).to.match(/^curl -sS -i -X (GET|POST|DELETE) /);
    }
  });

  it("--version prints the same version", async () => {
    const r = await runCli(["--version"]);
    expect(r.code).to.equal(0);
    expect(r.stdout).to.equal(`cognito-sync-conformance ${pkg.version}\n`);
  });

  it("--quiet prints the failures and the verdict, not each test", async () => {
    const r = await runCli(["--histories", "0", "--seed", "1", "--quiet", "--variant", "page-drops-last-record"], 60_000);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.not.match(/✔/);
    expect(r.stdout).to.match(/^ {2}LR-PAGE-WALK \(MUST\): \d+ tests?\n {2}\d+\) .* \(pagination\/[a-z0-9-]+\)$/m);
    expect(r.stdout).to.match(/^verdict: does not conform/m);
  });
});
