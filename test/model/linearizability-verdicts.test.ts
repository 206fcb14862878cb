/**
 * What the linearizability checker concludes besides an order: which requirement an unexplained
 * set of calls is said to break (brokenBy on its own), and giving up undecided past the size limit.
 */
import { expect } from "chai";
import { explain, MAX_OPS, type Explanation, type TimedOp } from "../../src/model/linearizability.js";
import { brokenBy } from "../../src/model/race-requirement.js";
import { CONFLICT, explained, ok, CHOICES, write } from "../support/racing-history.js";

describe("model: linearizability of one dataset's racing calls", () => {
  describe("brokenBy on its own", () => {
    const pair = (a: TimedOp, b: TimedOp) => [a, b];

    it("names LR-RACE-COUNTS for overlapping acknowledged writes numbered alike, before one winner", () => {
      expect(brokenBy(pair(write(0, 10, "k", "x", 0, ok(1)), write(5, 15, "k", "y", 0, ok(1))), [0])).to.equal("LR-RACE-COUNTS");
    });

    it("names LR-RACE-ONE-WINNER only for one key from one SyncCount", () => {
      expect(brokenBy(pair(write(0, 10, "k", "x", 0, ok(1)), write(5, 15, "k", "y", 0, ok(2))), [1])).to.equal("LR-RACE-ONE-WINNER");
      expect(brokenBy(pair(write(0, 10, "k", "x", 0, ok(1)), write(5, 15, "k", "y", 1, ok(2))), [1])).to.equal("LR-RACE-LINEARIZABLE");
    });

    it("names LR-RACE-LINEARIZABLE when the writes did not overlap, or one was refused", () => {
      expect(brokenBy(pair(write(0, 10, "k", "x", 0, ok(1)), write(20, 30, "k", "y", 0, ok(1))), [0, 1])).to.equal("LR-RACE-LINEARIZABLE");
      expect(brokenBy(pair(write(0, 10, "k", "x", 0, ok(1)), write(5, 15, "k", "y", 0, CONFLICT)), [0, 1])).to.equal("LR-RACE-LINEARIZABLE");
    });
  });

  describe("size limit", () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => write(i * 10, i * 10 + 5, `k${i}`, `v${i}`, 0, ok(i + 1)));

    it(`gives up undecided on more than MAX_OPS (${MAX_OPS}) calls, and says why`, () => {
      const e = explain(many(MAX_OPS + 1), CHOICES);
      expect(e.explained).to.equal("undecided");
      expect((e as Extract<Explanation, { explained: "undecided" }>).why).to.contain(String(MAX_OPS + 1));
    });

    it("decides a history of exactly MAX_OPS calls", () => {
      expect(explained(many(MAX_OPS))).to.deep.equal(many(MAX_OPS).map((_, i) => i));
    });
  });
});
