/**
 * The number of racing devices end to end: --concurrency-devices is checked, and read from the
 * environment and the config file as from the flag.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { expectOneLine, isolatedEnv, type Finished } from "../support/run-cli.js";
import { ONE_KEY, oneKeyRequests, readJson, run, shown } from "../support/race-runs.js";
import { tempDir } from "../support/temp-dir.js";

describe("races: devices calling at the same moment, end to end", function () {
  this.timeout(60_000);
  const dir = tempDir("csc-races");

  describe("--concurrency-devices and where else it is set", () => {
    /** stderr holds exactly one line and no stack trace. */

    for (const n of ["1", "17"]) {
      it(`--concurrency-devices ${n} is a usage error: exit 2, one line on stderr naming the flag`, async () => {
        const r = await run(["--concurrency-devices", n, "--grep", ONE_KEY]);
        expect(r.code, shown(r)).to.equal(2);
        expect(expectOneLine(r)).to.include("--concurrency-devices");
      });
    }

    describe("3 devices, from the flag, the environment and the config file", () => {
      const json = (name: string) => join(dir, `devices-${name}.json`);
      const runs = new Map<string, Finished>();

      before(async function () {
        this.timeout(60_000);
        const config = join(dir, "devices.json");
        writeFileSync(config, JSON.stringify({ concurrencyDevices: 3 }));
        const args = (name: string) => ["--grep", ONE_KEY, "--report-json", json(name)];
        const all: Array<[string, Promise<Finished>]> = [
          ["default", run(args("default"))],
          ["flag", run([...args("flag"), "--concurrency-devices", "3"])],
          ["env", run(args("env"), isolatedEnv({ COGNITO_SYNC_CONCURRENCY_DEVICES: "3" }))],
          ["config", run([...args("config"), "--config", config])],
        ];
        for (const [name, finished] of all) runs.set(name, await finished);
      });

      for (const source of ["env", "config"]) {
        const how = source === "env" ? "COGNITO_SYNC_CONCURRENCY_DEVICES=3" : 'a config file {"concurrencyDevices": 3}';
        it(`${how} is accepted and races 3 devices, as --concurrency-devices 3 does`, () => {
          const r = runs.get(source)!;
          expect(r.code, shown(r)).to.equal(0);
          expect(r.stderr).to.equal("");
          const requests = oneKeyRequests(readJson(json(source)));
          expect(requests, "requests of the one-key race").to.be.a("number");
          // The same calls as with the flag, and not those of the default 4 devices.
          expect(requests).to.equal(oneKeyRequests(readJson(json("flag"))));
          expect(requests).to.not.equal(oneKeyRequests(readJson(json("default"))));
        });
      }
    });
  });
});
