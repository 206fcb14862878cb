/**
 * Colour on a terminal only, and never with NO_COLOR set (https://no-color.org): run under a
 * pseudo-terminal (util-linux `script`), so the command believes a person is watching; and
 * none on a pipe, even on a CI where colour libraries turn colour on by themselves.
 */
import { spawnSync } from "node:child_process";
import { expect } from "chai";
import { BIN, isolatedEnv, runCli } from "../support/run-cli.js";

const onTerminal = (env: NodeJS.ProcessEnv) =>
  spawnSync("script", ["-qec", `"${process.execPath}" "${BIN}" --histories 0 --seed 1 --grep missing`, "/dev/null"], { env: isolatedEnv(env), encoding: "utf8", timeout: 60_000 });

describe("cli: colour", function () {
  this.timeout(120_000);

  it("colours a terminal's output, as a control that the check below can fail", () => {
    const r = onTerminal({});
    expect(r.error, "util-linux `script` is needed for this test").to.equal(undefined);
    expect(r.stdout).to.match(/verdict: conforms/);
    expect(r.stdout).to.include("\u001b[");
  });

  it("writes no escape codes to a pipe on a CI (CI=true), where mocha's own symbols come coloured", async () => {
    const r = await runCli(["--histories", "0", "--parallel-histories", "0", "--seed", "1", "--grep", "missing"], 60_000, isolatedEnv({ CI: "true" }));
    expect(r.stdout).to.match(/verdict: conforms/);
    expect(r.stdout).to.match(/^\s+✔ /m);
    expect(r.stdout).to.not.include("\u001b");
  });

  it("writes no escape codes with NO_COLOR=1, even on a terminal", () => {
    const r = onTerminal({ NO_COLOR: "1" });
    expect(r.stdout).to.match(/verdict: conforms/);
    expect(r.stdout).to.not.include("\u001b");
  });
});
