/** The matrix of runs on its own, over hand-made runs judged as a real run is: rows, cells, links, differences and counts. */
import { expect } from "chai";
import { requirements } from "../../src/harness/catalogue.js";
import { buildMatrix, tally, tallyLine, type Row } from "../../src/report/matrix.js";
import { judge, requirementOutcomes } from "../../src/report/outcome.js";
import type { TestResult } from "../../src/report/results.js";
import type { RunRecord } from "../../src/report/run-record.js";
import type { RequirementId } from "../../src/requirement-ids.js";

const WALK = "LR-PAGE-WALK"; // MUST
const COUNT = "LR-PAGE-COUNT"; // SHOULD

function result(id: string, on: RequirementId, status: TestResult["status"], failure?: "check" | "setup"): TestResult {
  const level = requirements.get(on)!.level;
  const failed = failure === "check" ? { failedRequirement: on, failedLevel: level } : {};
  return { id, title: `title of ${id}`, requirements: [on], level, status, durationMs: 1, ...(failure ? { failure, error: `error of ${id}`, ...failed } : {}) };
}

/** A run's record as the command builds one: outcomes judged, then the requirements' read from them. */
function record(results: TestResult[]): RunRecord {
  const tests = judge(results, { strict: false, requireAll: false, strictExpectations: false });
  return { tests, requirements: requirementOutcomes(requirements.values(), tests, "default"), verdict: { exitCode: 0, line: "" } } as unknown as RunRecord;
}

const texts = (r: Row | undefined) => r?.cells.map((c) => c.text);

describe("report: the matrix of runs", () => {
  const a = record([result("a/walk", WALK, "passed"), result("a/count", COUNT, "passed"), result("a/only-a", WALK, "passed")]);
  const b = record([
    result("a/walk", WALK, "failed", "check"),
    result("a/count", COUNT, "failed", "check"),
    result("b/only-b", WALK, "skipped"),
    result("b/setup", COUNT, "failed", "setup"),
  ]);
  // A requirement the catalogue no longer has, as an older run's report may name.
  b.requirements.push({ id: "LR-GONE" as RequirementId, level: "MUST", outcome: "passed", tests: { passed: 1 } });
  const m = buildMatrix([
    { label: "a", record: a },
    { label: "b", record: b },
  ]);
  const requirement = (id: string) => m.requirements.find((r) => r.id === id);
  const test = (id: string) => m.tests.find((r) => r.id === id);

  it("has a row for every requirement of the catalogue in its order, then those only a run names", () => {
    expect(m.requirements.map((r) => r.id)).to.deep.equal([...requirements.keys(), "LR-GONE"]);
    expect(texts(requirement("LR-GONE"))).to.deep.equal(["absent", "passed"]);
    expect(requirement(WALK)).to.include({ level: "MUST", title: requirements.get(WALK)!.statement });
  });

  it("shows each run's own requirement outcome, a failure's level added", () => {
    expect(texts(requirement(WALK))).to.deep.equal(["passed", "failed (MUST)"]);
    expect(texts(requirement(COUNT))).to.deep.equal(["passed", "failed (SHOULD)"]);
    expect(requirement(COUNT)!.cells[1]).to.include({ outcome: "failed", level: "SHOULD" });
    for (const [i, run] of [a, b].entries()) {
      for (const r of run.requirements) expect(requirement(r.id)!.cells[i]!.outcome, `${r.id} in run ${i}`).to.equal(r.outcome);
    }
  });

  it("has a row for every test of any run, in the runs' order, absent where a run lacks it", () => {
    expect(m.tests.map((r) => r.id)).to.deep.equal(["a/walk", "a/count", "a/only-a", "b/only-b", "b/setup"]);
    expect(texts(test("a/only-a"))).to.deep.equal(["passed", "absent"]);
    expect(texts(test("b/only-b"))).to.deep.equal(["absent", "skipped"]);
    expect(texts(test("b/setup"))).to.deep.equal(["absent", "not judged"]);
    expect(texts(test("a/count"))).to.deep.equal(["passed", "failed (SHOULD)"]);
  });

  it("links a failed test's cell to that test, and a failed requirement's to the test that broke it", () => {
    expect(test("a/walk")!.cells.map((c) => c.failure)).to.deep.equal([undefined, "a/walk"]);
    expect(test("b/setup")!.cells[1]!.failure).to.equal("b/setup");
    expect(test("b/only-b")!.cells[1]!.failure).to.equal(undefined);
    expect(requirement(WALK)!.cells.map((c) => c.failure)).to.deep.equal([undefined, "a/walk"]);
    expect(requirement(COUNT)!.cells[1]!.failure).to.equal("a/count");
  });

  it("marks the rows where the runs differ, and only those", () => {
    expect(m.tests.filter((r) => r.differ).map((r) => r.id)).to.deep.equal(["a/walk", "a/count", "a/only-a", "b/only-b", "b/setup"]);
    expect(requirement("LR-SHAPE-200")!.differ).to.equal(false);
    expect(requirement(WALK)!.differ).to.equal(true);
  });

  it("counts a run's cells in outcome order, MUST failures before SHOULD ones", () => {
    expect(tally(m.tests, 1)).to.deep.equal([
      ["failed (MUST)", 1],
      ["failed (SHOULD)", 1],
      ["not judged", 1],
      ["skipped", 1],
      ["absent", 1],
    ]);
    expect(tally(m.tests, 0)).to.deep.equal([
      ["passed", 3],
      ["absent", 2],
    ]);
    expect(tallyLine(m.tests, 1)).to.equal("1 failed (MUST), 1 failed (SHOULD), 1 not judged, 1 skipped, 1 absent");
  });

  it("tells apart failures at two levels of the same test", () => {
    const should = record([result("a/walk", COUNT, "failed", "check")]);
    const must = record([result("a/walk", WALK, "failed", "check")]);
    const row = buildMatrix([
      { label: "x", record: should },
      { label: "y", record: must },
    ]).tests[0]!;
    expect(texts(row)).to.deep.equal(["failed (SHOULD)", "failed (MUST)"]);
    expect(row.differ).to.equal(true);
  });
});
