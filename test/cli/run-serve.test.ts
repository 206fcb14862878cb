/**
 * The suite command end to end against a separately started `serve`: with its provider-state URL
 * every test runs; without it the 429 and 500 tests are skipped, and --require-all makes that a
 * failure.
 */
import { once } from "node:events";
import { join } from "node:path";
import { expect } from "chai";
import { startCli, type Started } from "../support/run-cli.js";
import { ENV, readJson, run, shown, STATE_TESTS, summaryOf } from "../support/suite-runs.js";
import { tempDir } from "../support/temp-dir.js";

describe("cli: the suite command", () => {
  const dir = tempDir("csc-run");

  describe("against a separately started `serve`", () => {
    let server: Started;
    let url: string;
    let stateUrl: string;

    before(async () => {
      server = await startCli(["serve"], 20_000, ENV);
      url = server.firstLine;
      const [, second] = await server.lines(2);
      const m = /^provider states: (\S+)$/.exec(second!);
      expect(m, second).to.not.equal(null);
      stateUrl = m![1]!;
    });
    after(async () => {
      if (server.child.exitCode !== null) return;
      server.child.kill("SIGTERM");
      await once(server.child, "exit");
    });

    it("prints its URL, then its provider-state URL", () => {
      expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(stateUrl).to.equal(`${url}/_conformance/provider-states`);
    });

    // One run at a time: a provider state applies to the whole endpoint.
    it("--endpoint with --state-url runs every test, the provider-state ones included, and exits 0", async () => {
      const report = join(dir, "serve", "with-states.json");
      const r = await run(["--endpoint", url, "--state-url", stateUrl, "--report-json", report]);
      expect(r.code, shown(r)).to.equal(0);
      expect(summaryOf(r).failed).to.equal(0);
      const stateTests = readJson(report).tests.filter((t) => STATE_TESTS.test(t.id));
      expect(stateTests.map((t) => t.status)).to.deep.equal(["passed", "passed"]);
    });

    it("--endpoint without a state URL exits 0 and reports the 429 and 500 tests skipped, with the reason", async () => {
      const report = join(dir, "serve", "without-states.json");
      const r = await run(["--endpoint", url, "--report-json", report]);
      expect(r.code, shown(r)).to.equal(0);
      const summary = summaryOf(r);
      expect(summary.failed).to.equal(0);
      expect(summary.skipped).to.be.at.least(2);
      const stateTests = readJson(report).tests.filter((t) => STATE_TESTS.test(t.id));
      expect(stateTests).to.have.length(2);
      for (const t of stateTests) {
        expect(t.status, t.id).to.equal("skipped");
        expect(t.reason, t.id).to.include("--state-url");
      }
      // "conforms" is not the whole story: the verdict line says how many MUST tests did not run, and why.
      expect(r.stdout).to.match(/^verdict: conforms \(.*\), but \d+ MUST tests did not run \(.*--state-url.*\); --require-all makes that a failure$/m);
    });

    it("--require-all turns MUST tests that did not run into a failure (exit 1)", async () => {
      const r = await run(["--endpoint", url, "--require-all", "--histories", "0"]);
      expect(r.code, shown(r)).to.equal(1);
      expect(r.stdout).to.match(/^verdict: does not conform .* MUST tests did not run .* and --require-all counts that as a failure$/m);
    });
  });
});
