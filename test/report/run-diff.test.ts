/** The comparison of two run records on its own: what counts as a regression, a fix, new, removed or changed. */
import { expect } from "chai";
import { diffRuns } from "../../src/report/run-diff.js";
import type { OutcomeKind } from "../../src/report/outcome.js";
import type { RunRecord } from "../../src/report/run-record.js";

const test = (id: string, kind: OutcomeKind, failsRun: boolean, failedRequirement?: "LR-PAGE-WALK") => ({
  id,
  title: `title of ${id}`,
  requirements: ["LR-PAGE-WALK" as const],
  level: "MUST" as const,
  status: kind === "passed" ? ("passed" as const) : kind === "skipped" ? ("skipped" as const) : ("failed" as const),
  durationMs: 1,
  outcome: { kind, failsRun },
  ...(failedRequirement ? { failedRequirement, failedLevel: "MUST" as const, failure: "check" as const } : {}),
});
const run = (exitCode: number, tests: ReturnType<typeof test>[]) => ({ verdict: { exitCode, line: "" }, tests }) as unknown as RunRecord;

describe("report: two runs compared", () => {
  const base = run(1, [
    test("a/kept", "passed", false),
    test("a/breaks", "passed", false),
    test("a/heals", "failed", true, "LR-PAGE-WALK"),
    test("a/goes", "passed", false),
    test("a/skips", "passed", false),
  ]);
  const head = run(1, [
    test("a/kept", "passed", false),
    test("a/breaks", "failed", true, "LR-PAGE-WALK"),
    test("a/heals", "passed", false),
    test("a/skips", "skipped", false),
    test("a/new-pass", "passed", false),
    test("a/new-fail", "failed", true, "LR-PAGE-WALK"),
  ]);
  const kinds = Object.fromEntries(diffRuns(base, head).changes.map((c) => [c.id, c.kind]));

  it("a test that now fails the run is a regression, a new one included; one that no longer does is a fix", () => {
    expect(kinds).to.include({ "a/breaks": "regression", "a/new-fail": "regression", "a/heals": "fix" });
  });

  it("lists new, removed and otherwise changed tests, and leaves out the unchanged", () => {
    expect(kinds).to.include({ "a/new-pass": "new", "a/goes": "removed", "a/skips": "changed" });
    expect(kinds).to.not.have.property("a/kept");
  });

  it("names the requirement the failing side broke", () => {
    const fix = diffRuns(base, head).changes.find((c) => c.id === "a/heals")!;
    expect(fix).to.include({ base: "failed", head: "passed", broke: "LR-PAGE-WALK (MUST)" });
  });
});
