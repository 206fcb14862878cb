/**
 * The suite command's --list end to end: every test with its requirement ids, without
 * contacting any endpoint; the provider-state tests listed as skipped when an endpoint has no
 * state URL; and the listing as a JSON report.
 */
import { createServer } from "node:net";
import { join } from "node:path";
import { expect } from "chai";
import { validateAgainst } from "../../src/schema/validators.js";
import { isolatedEnv, type Finished } from "../support/run-cli.js";
import { readJson, run, shown, STATE_TESTS, STATE_TITLES } from "../support/suite-runs.js";
import { tempDir } from "../support/temp-dir.js";

describe("cli: the suite command", () => {
  const dir = tempDir("csc-run");

  describe("--list", () => {
    let noEndpoint: Finished;
    let closedEndpoint: Finished;
    let withReport: Finished;
    let listingFile: string;
    let watched: Finished;
    let connections = 0;

    before(async function () {
      this.timeout(120_000);
      listingFile = join(dir, "listing", "list.json");
      // Counts every connection: --list must contact neither the endpoint nor the state URL.
      const spy = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => spy.listen(0, "127.0.0.1", resolve));
      const spyUrl = `http://127.0.0.1:${(spy.address() as { port: number }).port}`;
      try {
        [noEndpoint, closedEndpoint, withReport, watched] = await Promise.all([
          run(["--list", "--seed", "7"]),
          run(["--list", "--seed", "7", "--endpoint", "http://127.0.0.1:9"]),
          run(["--list", "--endpoint", "http://127.0.0.1:9", "--report-json", listingFile]),
          run(["--list", "--endpoint", spyUrl, "--state-url", `${spyUrl}/states`]),
        ]);
      } finally {
        spy.close();
      }
    });

    /** The listing's entries: status, level, id, title, requirement ids and, for skips, the reason on the next line. */
    const entries = (r: Finished) => {
      const lines = r.stdout.split("\n");
      return lines.flatMap((line, i) => {
        const m = /^(run |skip)\s+(MUST|SHOULD)\s+(\S+)\s+(.+?)\s+\[([^\]]*)\]$/.exec(line);
        return m
          ? [{ status: m[1]!.trim(), level: m[2]!, id: m[3]!, title: m[4]!, requirements: m[5]!.split(" "), reason: m[1] === "skip" ? lines[i + 1]!.trim() : undefined }]
          : [];
      });
    };
    const stateEntries = (r: Finished) => entries(r).filter((e) => STATE_TITLES.test(e.title));

    it("works without an endpoint: every test with its requirement ids, the state-dependent ones included", () => {
      expect(noEndpoint.code, shown(noEndpoint)).to.equal(0);
      const listed = entries(noEndpoint);
      expect(listed).to.not.be.empty;
      for (const e of listed)
        expect(
          e.requirements.every((id) => /^LR-[A-Z0-9-]+$/.test(id)),
          e.title,
        ).to.equal(true);
      expect(stateEntries(noEndpoint).map((e) => e.status)).to.deep.equal(["run", "run"]);
      expect(noEndpoint.stdout).to.match(new RegExp(`^${listed.filter((e) => e.status === "run").length} would run, \\d+ would be skipped$`, "m"));
    });

    it("does not contact the endpoint or the state URL", () => {
      expect(watched.code, shown(watched)).to.equal(0);
      expect(entries(watched)).to.not.be.empty;
      expect(connections).to.equal(0);
    });

    it("with an endpoint and no --state-url, lists the tests that need provider states as skipped, saying why", () => {
      expect(closedEndpoint.code, shown(closedEndpoint)).to.equal(0);
      const listed = entries(closedEndpoint);
      expect(listed.length).to.equal(entries(noEndpoint).length);
      const stateTests = stateEntries(closedEndpoint);
      expect(stateTests).to.have.length(2);
      for (const e of stateTests) {
        expect(e.status, e.title).to.equal("skip");
        expect(e.reason, e.title).to.include("--state-url");
      }
      const skipped = listed.filter((e) => e.status === "skip").length;
      expect(closedEndpoint.stdout).to.match(new RegExp(`^${listed.length - skipped} would run, ${skipped} would be skipped$`, "m"));
    });

    it("--list --report-json writes the listing, valid against the report schema", () => {
      expect(withReport.code, shown(withReport)).to.equal(0);
      const report = readJson(listingFile);
      expect(validateAgainst("report", report)).to.deep.equal([]);
      expect(report.listing).to.equal(true);
      const listed = entries(withReport);
      expect(report.tests.map((t) => [t.id, t.title])).to.deep.equal(listed.map((e) => [e.id, e.title]));
      for (const t of report.tests) {
        expect(t.requirements, t.id).to.be.an("array").that.is.not.empty;
        if (t.planned === "skip") expect(t.reason, t.id).to.be.a("string").that.is.not.empty;
      }
      const skipped = report.tests.filter((t) => t.planned === "skip");
      expect(report.summary).to.deep.equal({ planned: report.tests.length - skipped.length, skipped: skipped.length });
      for (const t of report.tests.filter((x) => STATE_TESTS.test(x.id))) {
        expect(t.planned, t.id).to.equal("skip");
        expect(t.reason, t.id).to.include("--state-url");
      }
    });

    it("reads the endpoint from AWS_ENDPOINT_URL when the environment sets it", async () => {
      const r = await run(["--list"], 60_000, isolatedEnv({ AWS_ENDPOINT_URL: "http://127.0.0.1:9" }));
      expect(r.code, shown(r)).to.equal(0);
      expect(stateEntries(r).map((e) => e.status)).to.deep.equal(["skip", "skip"]);
    });
  });
});
