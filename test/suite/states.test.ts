/** A provider-state hook that refuses: the tests that need it fail loudly, with the hook's answer. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { runCli, startCli } from "../support/run-cli.js";

describe("the suite with a provider-state hook that refuses", () => {
  it("fails every test that needs a state, quoting the hook's answer, and no other", async () => {
    const hook = createServer((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(400, { "content-type": "application/json" }).end('{"error":"no such state here"}'));
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    const stateUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/states`;
    const { child, firstLine: endpoint } = await startCli(["serve"]);
    const dir = mkdtempSync(join(tmpdir(), "csc-states-"));
    try {
      const report = join(dir, "report.json");
      const { code, stdout } = await runCli(["--endpoint", endpoint, "--state-url", stateUrl, "--report-json", report], 60_000);
      expect(code).to.equal(1);
      const { tests } = JSON.parse(readFileSync(report, "utf8")) as { tests: Array<{ title: string; status: string; error?: string }> };
      const failed = tests.filter((t) => t.status === "failed");
      expect(failed.length).to.be.at.least(3); // 429, 500, and 403 (its credentials are bound through a state)
      for (const t of failed) {
        expect(t.error, t.title).to.match(/setup failed: provider state '.+' \(setup\)/);
        expect(t.error, t.title).to.include("HTTP 400").and.include("no such state here");
      }
      expect(stdout).to.include("no such state here");
    } finally {
      child.kill("SIGTERM");
      hook.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
