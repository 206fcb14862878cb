/**
 * The linearizability checker on hand-built histories of writes and listings: sequential calls,
 * racing writes of one key (one winner, or a lost acknowledged write), racing writes of
 * different keys numbered alike or out of real-time order, and listings that lag them.
 */
import { expect } from "chai";
import { explain } from "../../src/model/linearizability.js";
import { brokenBy } from "../../src/model/race-requirement.js";
import { CONFLICT, explained, list, live, missing, ok, CHOICES, rec, unexplained, write, type UpdateAnswer } from "../support/racing-history.js";

describe("model: linearizability of one dataset's racing calls", () => {
  describe("sequential histories", () => {
    it("explains a write then a full listing that shows it, in that order", () => {
      const ops = [write(0, 10, "k", "v1", 0, ok(1)), list(20, 30, 0, live(1, rec("k", "v1", 1)))];
      expect(explain(ops, CHOICES)).to.deep.equal({ explained: true, order: [0, 1] });
    });

    it("does not explain a listing that misses a write that ended before it started", () => {
      // The write overlapped nothing: it is settled, and the listing is to blame.
      const ops = [write(0, 10, "k", "v1", 0, ok(1)), list(20, 30, 0, missing())];
      expect(unexplained(ops)).to.deep.equal([1]);
      expect(brokenBy(ops, [0, 1])).to.equal("LR-RACE-LINEARIZABLE");
    });

    it("explains the same empty listing when it overlapped the write: it may have come first", () => {
      expect(explained([write(0, 10, "k", "v1", 0, ok(1)), list(5, 30, 0, missing())])).to.deep.equal([1, 0]);
    });
  });

  describe("racing writes of one key from one SyncCount", () => {
    const racers = (answers: UpdateAnswer[]) => answers.map((a, i) => write(0, 100, "k", `v${i}`, 0, a));

    it("explains one winner (ok 1) and three refusals, with a later listing of the winner's value", () => {
      const ops = [...racers([ok(1), CONFLICT, CONFLICT, CONFLICT]), list(200, 210, 0, live(1, rec("k", "v0", 1)))];
      const order = explained(ops);
      expect(order.indexOf(0)).to.be.lessThan(order.indexOf(4));
      expect(order.at(-1)).to.equal(4);
    });

    it("explains the winner's value whichever racer won", () => {
      const ops = [...racers([CONFLICT, CONFLICT, ok(1), CONFLICT]), list(200, 210, 0, live(1, rec("k", "v2", 1)))];
      expect(explained(ops).at(-1)).to.equal(4);
    });

    it("does not explain a later listing of a refused racer's value, and names the listing and the winner", () => {
      // With the winner's answer forgotten, the refused racer (its answer forgotten too) may have won.
      const ops = [...racers([ok(1), CONFLICT, CONFLICT, CONFLICT]), list(200, 210, 0, live(1, rec("k", "v1", 1)))];
      expect(unexplained(ops)).to.deep.equal([0, 4]);
    });

    it("does not explain two acknowledged winners (ok 1 and ok 2): one was lost; it breaks LR-RACE-ONE-WINNER", () => {
      const ops = [...racers([ok(1), ok(2), CONFLICT, CONFLICT]), list(200, 210, 0, live(2, rec("k", "v1", 2)))];
      const set = unexplained(ops);
      expect(set.length).to.be.within(1, 2);
      expect(set.every((i) => i === 0 || i === 1)).to.equal(true);
      expect(set).to.not.include(4);
      expect(brokenBy(ops, set)).to.equal("LR-RACE-ONE-WINNER");
    });
  });

  describe("racing writes of different keys", () => {
    it("does not explain two writes both numbered 1; it breaks LR-RACE-COUNTS and names both", () => {
      const ops = [write(0, 100, "a", "va", 0, ok(1)), write(10, 110, "b", "vb", 0, ok(1)), list(200, 210, 0, live(1, rec("a", "va", 1), rec("b", "vb", 1)))];
      const set = unexplained(ops);
      expect(set).to.include.members([0, 1]);
      expect(set).to.not.include(2);
      expect(brokenBy(ops, set)).to.equal("LR-RACE-COUNTS");
    });

    it("explains overlapping writes numbered 1 and 2, in the order of their counts", () => {
      const ops = [write(0, 100, "a", "va", 0, ok(1)), write(10, 110, "b", "vb", 0, ok(2)), list(200, 210, 0, live(2, rec("a", "va", 1), rec("b", "vb", 2)))];
      expect(explained(ops)).to.deep.equal([0, 1, 2]);
    });

    it("explains overlapping writes numbered the other way round, the later-started first", () => {
      const ops = [write(0, 100, "a", "va", 0, ok(2)), write(10, 110, "b", "vb", 0, ok(1)), list(200, 210, 0, live(2, rec("a", "va", 2), rec("b", "vb", 1)))];
      expect(explained(ops)).to.deep.equal([1, 0, 2]);
    });

    it("does not explain a write numbered 2 that ended before the write numbered 1 started: real-time order counts", () => {
      const ops = [write(0, 10, "b", "vb", 0, ok(2)), write(20, 30, "a", "va", 0, ok(1)), list(40, 50, 0, live(2, rec("a", "va", 1), rec("b", "vb", 2)))];
      const set = unexplained(ops);
      expect(set).to.include(0);
      expect(set).to.not.include(2);
      expect(brokenBy(ops, set)).to.equal("LR-RACE-LINEARIZABLE");
    });

    it("does not explain a last page missing a record when it is the whole listing, but does when it continues a walk", () => {
      const writes = [write(0, 10, "a", "va", 0, ok(1)), write(20, 30, "b", "vb", 0, ok(2))];
      expect(unexplained([...writes, list(40, 50, 0, live(2, rec("b", "vb", 2)))])).to.include(2);
      expect(explained([...writes, list(40, 50, 0, live(2, rec("b", "vb", 2)), true)])).to.deep.equal([0, 1, 2]);
    });

    it("does not explain a listing whose DatasetSyncCount lags the writes it shows", () => {
      const ops = [write(0, 100, "a", "va", 0, ok(1)), write(10, 110, "b", "vb", 0, ok(2)), list(200, 210, 0, live(1, rec("a", "va", 1), rec("b", "vb", 2)))];
      expect(unexplained(ops)).to.deep.equal([2]);
    });
  });
});
