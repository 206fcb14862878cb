/**
 * The suite can fail: run against deliberately broken variants of the reference endpoint,
 * one per area, it exits 1 and names the requirement the bug breaks.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { runCli } from "../support/run-cli.js";

const cases = [
  { area: "pagination", variant: "page-drops-last-record", breaks: "LR-PAGE-WALK" },
  { area: "sync-count filtering", variant: "ignores-last-sync-count", breaks: "LR-SYNC-NOT-BEFORE" },
  { area: "missing datasets", variant: "missing-dataset-404", breaks: "LR-MISSING-200" },
  { area: "error statuses", variant: "invalid-parameter-as-500", breaks: "LR-ERR-400-STATUS" },
  { area: "client compatibility", variant: "no-session-token", breaks: "LR-SESSION-PRESENT" },
  { area: "response shape", variant: "sync-count-as-string", breaks: "LR-SHAPE-200" },
  { area: "SDK compatibility", variant: "error-type-unresolvable", breaks: "LR-SDK-ERROR-STATUS" },
];

describe("the suite against broken variants of the reference endpoint", () => {
  const dir = mkdtempSync(join(tmpdir(), "csc-variants-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of cases) {
    it(`${c.area}: fails '${c.variant}' with exit 1, naming ${c.breaks}`, async () => {
      const report = join(dir, `${c.variant}.json`);
      const { code, stdout, stderr } = await runCli(["--reference-variant", c.variant, "--report-json", report], 60_000);
      expect(code, `${stdout.slice(-2000)}\n${stderr}`).to.equal(1);
      const { tests } = JSON.parse(readFileSync(report, "utf8")) as { tests: Array<{ status: string; failedRequirement?: string }> };
      const broken = new Set(tests.filter((t) => t.status === "failed").map((t) => t.failedRequirement));
      expect([...broken], "requirements whose checks failed").to.include(c.breaks);
      expect(stdout).to.include(`${c.breaks} (`);
      expect(stdout).to.include("reproduce: curl");
    });
  }
});
