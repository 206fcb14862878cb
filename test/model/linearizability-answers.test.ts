/**
 * The linearizability checker on the answers calls get: refusals (409) with and without a rival
 * write, calls without an answer, and listings of a value no call wrote.
 */
import { expect } from "chai";
import { brokenBy } from "../../src/model/race-requirement.js";
import { CONFLICT, explained, list, live, missing, ok, rec, UNKNOWN, unexplained, write } from "../support/racing-history.js";

describe("model: linearizability of one dataset's racing calls", () => {
  describe("refusals", () => {
    it("does not explain a 409 whose counts were current when no other write overlapped it", () => {
      // The write that made its count current is named too: without it, 1 would have been stale.
      const ops = [write(0, 10, "k", "v1", 0, ok(1)), write(20, 30, "k", "v2", 1, CONFLICT)];
      expect(unexplained(ops)).to.deep.equal([0, 1]);
      expect(brokenBy(ops, [0, 1])).to.equal("LR-RACE-LINEARIZABLE");
    });

    it("does not explain a 409 of a first write to a missing dataset, alone", () => {
      expect(unexplained([write(0, 10, "k", "v1", 0, CONFLICT)])).to.deep.equal([0]);
    });

    it("does not take an overlapping listing for a rival write", () => {
      const ops = [write(0, 10, "k", "v1", 0, ok(1)), write(20, 30, "k", "v2", 1, CONFLICT), list(15, 35, 0, live(1, rec("k", "v1", 1)))];
      expect(unexplained(ops)).to.include(1).and.not.include(2);
    });

    it("explains the same 409 when another write overlapped it", () => {
      const ops = [write(0, 10, "k", "v1", 0, ok(1)), write(20, 30, "k", "v2", 1, CONFLICT), write(15, 35, "j", "vj", 0, ok(2))];
      expect(explained(ops)[0]).to.equal(0);
    });

    it("explains a 409 of a patch whose SyncCount was already stale, with no rival", () => {
      const ops = [write(0, 10, "k", "v1", 0, ok(1)), write(20, 30, "k", "v2", 0, CONFLICT)];
      expect(explained(ops)).to.deep.equal([0, 1]);
    });
  });

  describe("calls without an answer", () => {
    it("explains a later listing that shows an unanswered write's value", () => {
      expect(explained([write(0, 10, "k", "v1", 0, UNKNOWN), list(20, 30, 0, live(1, rec("k", "v1", 1)))])).to.deep.equal([0, 1]);
    });

    it("explains a later listing that does not show it: it may never have taken effect", () => {
      explained([write(0, 10, "k", "v1", 0, UNKNOWN), list(20, 30, 0, missing())]);
    });

    it("explains an unanswered write that took effect after a later-started call ended", () => {
      const ops = [write(0, 10, "k", "v1", 0, UNKNOWN), write(20, 30, "j", "vj", 0, ok(1)), list(40, 50, 0, live(2, rec("j", "vj", 1), rec("k", "v1", 2)))];
      expect(explained(ops)).to.deep.equal([1, 0, 2]);
    });

    it("keeps a listing without a page out of the unexplained set", () => {
      const ops = [list(0, 10, 0, undefined), write(20, 30, "k", "v1", 0, ok(2))];
      expect(unexplained(ops)).to.deep.equal([1]);
    });
  });

  describe("values no call wrote", () => {
    it("does not explain a listing of a value no call wrote, and names the listing", () => {
      const ops = [write(0, 10, "k", "v1", 0, ok(1)), list(20, 30, 0, live(1, rec("k", "forged", 1)))];
      const set = unexplained(ops);
      expect(set).to.include(1);
      expect(set).to.deep.equal([1]);
      expect(brokenBy(ops, set)).to.equal("LR-RACE-LINEARIZABLE");
    });

    it("does not explain it even when the write that might have written it has no answer", () => {
      const ops = [write(0, 10, "k", "v1", 0, UNKNOWN), list(5, 30, 0, live(1, rec("k", "forged", 1)))];
      expect(unexplained(ops)).to.deep.equal([1]);
    });
  });
});
