/**
 * The race scenarios end to end against broken variants of the reference endpoint: each variant
 * fails the requirement it breaks, with the racing calls and their timings in the terminal, JSON,
 * JUnit and HTML reports.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { type Finished } from "../support/run-cli.js";
import { expectOverlapping, junitFailures, ONE_KEY, outcomes, races, readJson, run, shown, unexplainedTimings } from "../support/race-runs.js";
import { tempDir } from "../support/temp-dir.js";

describe("races: devices calling at the same moment, end to end", function () {
  this.timeout(60_000);
  const dir = tempDir("csc-races");

  describe("broken variants of the reference endpoint", () => {
    // Each run keeps to one scenario that finds its variant every time (the parallel histories
    // find them only some of the time), which also keeps the runs short.
    const variants = [
      { variant: "conflict-check-then-write", requirement: "LR-RACE-ONE-WINNER", grep: ONE_KEY },
      { variant: "dataset-count-read-then-written", requirement: "LR-RACE-COUNTS", grep: "different keys at the same moment" },
      { variant: "next-token-is-an-offset", requirement: "LR-RACE-WALK", grep: "a page walk while other devices write" },
    ];
    const runs = new Map<string, Finished>();
    const file = (variant: string, ext: string) => join(dir, `${variant}.${ext}`);

    before(async function () {
      this.timeout(90_000);
      await Promise.all(
        variants.map(async ({ variant, grep }) => {
          const reports = ["--report-json", file(variant, "json"), "--report-junit", file(variant, "xml"), "--report-html", file(variant, "html")];
          runs.set(variant, await run(["--variant", variant, "--grep", grep, ...reports]));
        }),
      );
    });

    for (const { variant, requirement } of variants) {
      it(`${variant}: exits 1, and a race scenario fails ${requirement} in the JSON report`, () => {
        const r = runs.get(variant)!;
        expect(r.code, shown(r)).to.equal(1);
        const report = readJson(file(variant, "json"));
        expect(report.tests, "only race scenarios ran").to.not.be.empty;
        expect(races(report), "only race scenarios ran").to.have.length(report.tests.length);
        const failed = races(report).filter((t) => t.status === "failed" && t.failure === "check" && t.failedRequirement === requirement);
        expect(failed, outcomes(report)).to.not.be.empty;
        for (const t of failed) expect(t.level, t.id).to.equal("MUST");
      });
    }

    describe("conflict-check-then-write: the racing calls and their timings in every report", () => {
      const variant = "conflict-check-then-write";

      it("on the terminal: the timings block, with at least two calls marked * that overlap", () => {
        const r = runs.get(variant)!;
        expectOverlapping(unexplainedTimings(r.stdout), shown(r));
      });

      it("in the JSON report: `race`, with at least two unexplained calls that overlap, each with its curl line", () => {
        const report = readJson(file(variant, "json"));
        const t = report.tests.find((x) => x.id === "races/one-key");
        expect(t?.failedRequirement, outcomes(report)).to.equal("LR-RACE-ONE-WINNER");
        const unexplained = (t!.race ?? []).filter((c) => c.unexplained === true);
        const where = JSON.stringify(t!.race, null, 1);
        expectOverlapping(
          unexplained.map((c) => ({ start: c.startMs, end: c.endMs })),
          where,
        );
        for (const c of unexplained) {
          expect(c.call, where).to.match(/^device \d+: UpdateRecords /);
          expect(c.curl, where).to.match(/^curl /);
        }
      });

      it("in the JUnit report: the failure's text holds the timings block", () => {
        const failures = junitFailures(readFileSync(file(variant, "xml"), "utf8"));
        expect(failures).to.have.length(1);
        expectOverlapping(unexplainedTimings(failures[0]!), failures[0]!);
      });

      it('in the HTML report: a <table class="race"> with at least two unexplained rows', () => {
        const html = readFileSync(file(variant, "html"), "utf8");
        const at = html.indexOf('<table class="race">');
        expect(at, "a race table").to.be.at.least(0);
        const table = html.slice(at, html.indexOf("</table>", at));
        expect(table.match(/<tr class="unexplained">/g) ?? [], table).to.have.length.at.least(2);
      });
    });
  });
});
