/**
 * Proves that docs/provider-states.md is enough to write a provider-state hook: a server written
 * from those docs and the contract alone (test/support/docs-written-server.ts, which never looks at
 * the reference) passes `cognito-sync-conformance pact` again and again while it keeps running.
 */
import { expect } from "chai";
import { runCli } from "../support/run-cli.js";
import { startDocsWrittenServer } from "../support/docs-written-server.js";

describe("pact against a hook written from the docs alone", function () {
  this.timeout(120_000);

  it("passes three verifications in a row against one running server", async function () {
    this.timeout(120_000);
    const server = await startDocsWrittenServer();
    try {
      // Each round meets what the previous one left behind, which "What a hook must reset" says to clear.
      for (let round = 1; round <= 3; round++) {
        const { code, stdout } = await runCli(["pact", "--endpoint", server.url, "--state-url", server.stateUrl], 60_000);
        expect(code, `round ${round}\n${stdout.slice(-3000)}`).to.equal(0);
        expect(stdout, `round ${round}`).to.match(/^\d+ passed, 0 failed, 0 skipped$/m);
      }
    } finally {
      await server.close();
    }
  });
});
