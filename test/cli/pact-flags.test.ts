/** `pact` lists only the settings it reads, and refuses the flags of the scenarios and histories instead of ignoring them. */
import { expect } from "chai";
import { settings } from "../../src/config/settings.js";
import { runCli } from "../support/run-cli.js";

describe("pact and the settings of the scenarios", function () {
  this.timeout(30_000);
  const scenariosOnly = settings.filter((s) => s.scenariosOnly && s.flag !== undefined);

  it("pact --help leaves out every flag that does not apply to it, and lists the others", async () => {
    expect(scenariosOnly.length).to.be.greaterThan(3);
    const r = await runCli(["pact", "--help"]);
    expect(r.code).to.equal(0);
    for (const s of scenariosOnly) expect(r.stdout).to.not.include(`--${s.flag}`);
    expect(r.stdout).to.include("--endpoint URL");
    expect(r.stdout).to.include("--state-url");
  });

  for (const [flag, value] of [
    ["--histories", "3"],
    ["--interpretation", "count=page"],
    ["--keep-data", undefined],
  ] as const) {
    it(`pact ${flag} exits 2 with one line saying it does not apply`, async () => {
      const r = await runCli(["pact", flag, ...(value === undefined ? [] : [value])]);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.equal(`cognito-sync-conformance: ${flag} does not apply to pact: it is about the scenarios and histories (pact --help lists what does)\n`);
    });
  }
});
