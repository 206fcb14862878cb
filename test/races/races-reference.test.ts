/**
 * The race scenarios end to end against the reference endpoint: it passes every one with few and
 * with many devices, and more devices send more calls.
 */
import { join } from "node:path";
import { expect } from "chai";
import { type Finished } from "../support/run-cli.js";
import { ALL_RACES, oneKeyRequests, outcomes, races, readJson, run, shown } from "../support/race-runs.js";
import { tempDir } from "../support/temp-dir.js";

describe("races: devices calling at the same moment, end to end", function () {
  this.timeout(60_000);
  const dir = tempDir("csc-races");

  describe("the reference endpoint", () => {
    const runs = new Map<number, Finished>();
    const file = (devices: number) => join(dir, `reference-${devices}.json`);

    before(async function () {
      this.timeout(90_000);
      await Promise.all([2, 8].map(async (n) => runs.set(n, await run(["--grep", ALL_RACES, "--concurrency-devices", String(n), "--report-json", file(n)]))));
    });

    for (const devices of [2, 8]) {
      it(`passes every race scenario with --concurrency-devices ${devices}`, () => {
        const r = runs.get(devices)!;
        expect(r.code, shown(r)).to.equal(0);
        const report = readJson(file(devices));
        const raced = races(report);
        // The four named scenarios and the four parallel histories of the default.
        expect(raced, outcomes(report)).to.have.length(8);
        expect(
          raced.filter((t) => t.status !== "passed").map((t) => t.id),
          outcomes(report),
        ).to.deep.equal([]);
        expect(report.summary["skipped"]).to.equal(0);
      });
    }

    it("sends more calls in the one-key race with 8 devices than with 2", () => {
      // Otherwise the flag changed nothing, and the two runs above tested the same thing.
      expect(oneKeyRequests(readJson(file(8)))).to.be.above(oneKeyRequests(readJson(file(2)))!);
    });
  });
});
