/** The terminal's failure section: grouped by what broke, prose folded, request and curl lines left whole. */
import { expect } from "chai";
import { failureSection, fold, WIDTH } from "../../src/report/terminal-failures.js";
import { judge } from "../../src/report/outcome.js";
import type { TestResult } from "../../src/report/results.js";
import { requirement } from "../../src/harness/catalogue.js";
import type { RequirementId } from "../../src/requirement-ids.js";

const OPTIONS = { strict: false, requireAll: false, strictExpectations: false };
const failed = (id: string, failedRequirement: RequirementId | undefined, error: string): TestResult => ({
  id,
  title: `title of ${id}`,
  requirements: [],
  level: "MUST",
  status: "failed",
  durationMs: 1,
  error,
  ...(failedRequirement ? { failedRequirement, failedLevel: requirement(failedRequirement).level, failure: "check" as const } : { failure: "setup" as const }),
});

describe("terminal failures", () => {
  it("folds long prose at the width, keeping the indent, and leaves curl and request lines whole", () => {
    const prose = `    ${"word ".repeat(60).trim()}`;
    const curl = `    reproduce: curl -sS '${"x".repeat(300)}'`;
    const request = `    GET http://127.0.0.1:1/${"y".repeat(300)}`;
    const out = fold([prose, curl, request].join("\n")).split("\n");
    expect(out.slice(0, -2).every((l) => l.length <= WIDTH && l.startsWith("    word"))).to.equal(true);
    expect(out.slice(-2)).to.deep.equal([curl, request]);
  });

  it("groups failures by requirement: the first in full, the others named on one line, each under mocha's number and with its id", () => {
    const section = failureSection(
      judge([failed("a/1", "LR-PAGE-WALK", "first story"), failed("b/1", undefined, "setup failed: x\n  no answer"), failed("a/2", "LR-PAGE-WALK", "second story")], OPTIONS),
    );
    expect(section).to.include("LR-PAGE-WALK (MUST): 2 tests\n  1) title of a/1 (a/1)");
    expect(section).to.include("first story");
    expect(section).to.not.include("second story");
    expect(section).to.include("also failed it: 3) title of a/2 (a/2)");
    expect(section).to.include("not judged: no answer: 1 test\n  2) title of b/1 (b/1)");
  });

  it("leaves out failures the expectations file lists, which mocha did not number", () => {
    const listed = { ...failed("a/1", "LR-PAGE-WALK", "story"), expectation: { expected: "fail" as const, reason: "known", outcome: "expected failure" as const } };
    expect(failureSection(judge([listed], OPTIONS))).to.equal("");
    expect(failureSection(judge([listed, failed("a/2", "LR-PAGE-LAST", "story")], OPTIONS))).to.include("1) title of a/2");
  });
});
