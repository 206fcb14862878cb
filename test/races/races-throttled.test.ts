/**
 * The race scenarios end to end against an endpoint that throttles every second UpdateRecords:
 * a throttled call is never taken for a broken requirement.
 */
import { join } from "node:path";
import { expect } from "chai";
import { forward, startHostile, type Hostile } from "../support/hostile-servers.js";
import { type Finished } from "../support/run-cli.js";
import { ALL_RACES, outcomes, races, readJson, run, shown } from "../support/race-runs.js";
import { tempDir } from "../support/temp-dir.js";

describe("races: devices calling at the same moment, end to end", function () {
  this.timeout(60_000);
  const dir = tempDir("csc-races");

  describe("an endpoint that throttles every second UpdateRecords", () => {
    let server: Hostile;
    let r: Finished;
    let throttled = 0;
    const json = join(dir, "throttled.json");

    before(async function () {
      this.timeout(90_000);
      let posts = 0;
      server = await startHostile(async (b) => {
        const target = await b.reference();
        return (req, res) => {
          // ListRecords (GET, the probe among them) and DeleteDataset pass untouched.
          if (req.method !== "POST" || ++posts % 2 === 1) return forward(target, req, res);
          throttled++;
          req.resume();
          res.writeHead(429, { "x-amzn-ErrorType": "TooManyRequestsException", "content-type": "application/json" }).end('{"message":"Rate exceeded"}');
        };
      });
      r = await run(["--endpoint", server.url, "--grep", ALL_RACES, "--report-json", json]);
    });

    after(() => server?.close());

    it("gets no MUST failure of a race scenario from a throttled call: each passes or is not judged", () => {
      expect(throttled, `UpdateRecords calls answered 429\n${shown(r)}`).to.be.above(0);
      expect(r.code, shown(r)).to.be.oneOf([0, 1]);
      const report = readJson(json);
      const raced = races(report);
      expect(raced, outcomes(report)).to.not.be.empty;
      // A throttle says nothing about the call: it may decide only that a scenario is not judged.
      const judged = raced.filter((t) => t.status === "failed" && (t.failure !== "setup" || t.failedRequirement !== undefined));
      expect(judged.map((t) => `${t.id}: ${t.failure} ${t.level} ${t.failedRequirement}`)).to.deep.equal([]);
    });
  });
});
