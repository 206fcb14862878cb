/** `cognito-sync-conformance serve`, started as a separate process the way a user starts it. */
import { once } from "node:events";
import { expect } from "chai";
import { datasetPath, newDatasetName, newIdentityId, newPoolId, UNKNOWN_KEY_AUTHORIZATION } from "../support/ids.js";
import { runCli, startCli } from "../support/run-cli.js";

describe("cli: serve", () => {
  it("prints the URL it listens on, answers ListRecords there, and exits 0 on SIGTERM", async () => {
    const { child, firstLine } = await startCli(["serve", "--port", "0", "--host", "127.0.0.1"]);
    try {
      expect(firstLine).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${firstLine}${datasetPath(newPoolId(), newIdentityId(), newDatasetName())}/records`, {
        headers: { authorization: UNKNOWN_KEY_AUTHORIZATION },
      });
      expect(res.status).to.equal(200);
      expect(await res.json()).to.include({ DatasetExists: false, Count: 0 });
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = await once(child, "exit");
    expect(code).to.equal(0);
  });

  const usageErrors = [
    { args: ["serve", "--bogus"], says: /Unknown option '--bogus'/ },
    { args: ["serve", "--port", "http"], says: /--port must be a whole number/ },
    { args: ["serve", "--port", "70000"], says: /--port must be a whole number/ },
    { args: ["serve", "--credential", "no-colon"], says: /--credential must look like/ },
    { args: ["nonsense"], says: /unknown command 'nonsense'/ },
  ];
  for (const { args, says } of usageErrors) {
    it(`exits 2 with one line and no stack trace for: ${args.join(" ")}`, async () => {
      const { code, stderr } = await runCli(args);
      expect(code).to.equal(2);
      expect(stderr).to.match(says);
      expect(stderr.trim().split("\n"), stderr).to.have.length(1);
      expect(stderr).to.not.match(/\n\s+at /);
    });
  }

  it("exits 2 with one line when the port is taken", async () => {
    const { child, firstLine } = await startCli(["serve"]);
    try {
      const port = new URL(firstLine).port;
      const { code, stderr } = await runCli(["serve", "--port", port]);
      expect(code).to.equal(2);
      expect(stderr).to.match(/cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/);
      expect(stderr.trim().split("\n")).to.have.length(1);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("documents its options in --help", async () => {
    const { code, stdout } = await runCli(["serve", "--help"]);
    expect(code).to.equal(0);
    for (const flag of ["--port", "--host", "--credential"]) expect(stdout).to.include(flag);
  });
});
