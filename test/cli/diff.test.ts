/** `diff BASE.json HEAD.json` on real reports: regressions fail it, fixes do not, and bad input (a flag other than --html FILE included) is one line with exit 2. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { expectOneLine, runCli, shown, type Finished } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

describe("cli: diff of two JSON reports", function () {
  this.timeout(120_000);
  const dir = tempDir("csc-diff");
  const conforming = join(dir, "conforming.json");
  const broken = join(dir, "broken.json");
  const quick = ["--quiet", "--histories", "0", "--parallel-histories", "0", "--seed", "5"];
  let regressed: Finished;
  let fixed: Finished;

  before(async () => {
    await Promise.all([runCli([...quick, "--report-json", conforming], 90_000), runCli([...quick, "--variant", "page-drops-last-record", "--report-json", broken], 90_000)]);
    [regressed, fixed] = await Promise.all([runCli(["diff", conforming, broken]), runCli(["diff", broken, conforming])]);
  });

  it("names the regressions of a broken run, with the requirement each broke, and exits 1", () => {
    expect(regressed.code, shown(regressed)).to.equal(1);
    expect(regressed.stdout).to.match(/^regressions \(\d+\):$/m);
    expect(regressed.stdout).to.match(/^ {2}pagination\/pages-come-out-even: passed -> failed, LR-PAGE-WALK \(MUST\)$/m);
    expect(regressed.stdout).to.match(/^[1-9]\d* regressions, 0 fixes, 0 new, 0 removed, 0 otherwise changed$/m);
  });

  it("names the same tests as fixes the other way round, and exits 0", () => {
    expect(fixed.code, shown(fixed)).to.equal(0);
    const ids = (r: Finished) => [...r.stdout.matchAll(/^ {2}(\S+): /gm)].map((m) => m[1]).sort();
    expect(ids(fixed)).to.deep.equal(ids(regressed));
    expect(fixed.stdout).to.match(/^0 regressions, [1-9]\d* fixes,/m);
  });

  for (const c of [
    { name: "one report", args: () => ["diff", conforming], says: /diff takes two JSON reports/ },
    {
      name: "a file that is not JSON",
      args: () => ["diff", conforming, (writeFileSync(join(dir, "text.json"), "text"), join(dir, "text.json"))],
      says: /cannot read .*text\.json as JSON/,
    },
    {
      name: "an option other than --html",
      args: () => ["diff", conforming, broken, "--strict"],
      says: /unknown option --strict; usage: diff BASE\.json HEAD\.json \[--html FILE\]/,
    },
    { name: "--html without a file", args: () => ["diff", conforming, broken, "--html"], says: /--html needs a FILE/ },
    {
      name: "a report of another format",
      args: () => ["diff", conforming, (writeFileSync(join(dir, "old.json"), '{"formatVersion":2}'), join(dir, "old.json"))],
      says: /is not a report of format 3/,
    },
  ]) {
    it(`refuses ${c.name}: exit 2, one line`, async () => {
      const r = await runCli(c.args());
      expect(r.code, shown(r)).to.equal(2);
      expect(expectOneLine(r)).to.match(c.says);
    });
  }
});
