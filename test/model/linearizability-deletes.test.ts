/**
 * The linearizability checker on a delete racing a write: which order explains a listing of a
 * missing dataset or of a record numbered on from, or again from, the deleted count.
 */
import { expect } from "chai";
import type { SeenPage } from "../../src/model/judge-listing.js";
import type { TimedOp } from "../../src/model/linearizability.js";
import { explained, list, live, missing, ok, rec, remove, unexplained, write, type UpdateAnswer } from "../support/racing-history.js";

describe("model: linearizability of one dataset's racing calls", () => {
  describe("a delete racing a write", () => {
    /** A dataset seeded with s@1, then a write of k from 0 racing a delete, then a full listing. */
    const race = (answer: UpdateAnswer, shown: SeenPage) => [write(0, 10, "s", "vs", 0, ok(1)), write(20, 40, "k", "vk", 0, answer), remove(25, 45, "ok"), list(50, 60, 0, shown)];

    it("explains a listing of a missing dataset: the write came before the delete", () => {
      expect(explained(race(ok(2), missing()))).to.deep.equal([0, 1, 2, 3]);
    });

    it("explains a listing of k numbered on from the deleted count (2): the delete came first", () => {
      expect(explained(race(ok(2), live(2, rec("k", "vk", 2))))).to.deep.equal([0, 2, 1, 3]);
    });

    it("explains a listing of k numbered from 1 again: the delete came first", () => {
      expect(explained(race(ok(1), live(1, rec("k", "vk", 1))))).to.deep.equal([0, 2, 1, 3]);
    });

    it("does not explain a write numbered 1 that came before the delete, nor a listing of a deleted life's record", () => {
      expect(unexplained(race(ok(1), missing()))).to.include(1);
      const ops = race(ok(2), live(2, rec("s", "vs", 1), rec("k", "vk", 2)));
      expect(unexplained(ops)).to.include(3);
    });

    it("does not explain a listing showing a dataset as existing after a delete that came after every write", () => {
      const ops = [write(0, 10, "k", "v1", 0, ok(1)), remove(20, 30, "ok"), list(40, 50, 0, live(1, rec("k", "v1", 1)))];
      expect(unexplained(ops)).to.include(2);
    });

    it("explains a write from the deleted life's SyncCount after the delete either way: a count newer than the record's is open", () => {
      // Seeded k@1; the racing write of k sends 1, which is current before the delete and ahead after it.
      const ops = [write(0, 10, "k", "v1", 0, ok(1)), write(20, 40, "k", "v2", 1, ok(2)), remove(25, 45, "ok"), list(50, 60, 0, live(2, rec("k", "v2", 2)))];
      expect(explained(ops)).to.deep.equal([0, 2, 1, 3]);
      expect(explained([...ops.slice(0, 3), list(50, 60, 0, missing())])).to.deep.equal([0, 1, 2, 3]);
      expect(explained([ops[0]!, { ...ops[1]!, op: { ...ops[1]!.op, answer: { status: "conflict" } } } as TimedOp, ops[2]!, list(50, 60, 0, missing())])).to.have.length(4);
    });

    it("explains a delete answered 'missing' only while the dataset is missing", () => {
      explained([remove(0, 10, "missing")]);
      expect(unexplained([write(0, 10, "k", "v1", 0, ok(1)), remove(20, 30, "missing")])).to.deep.equal([0, 1]);
    });

    // A 200 whose count could not be read is numbered as an unknown answer is: 1, or on from the deleted count.
    it("explains a 200 without a readable count for the first write after a delete", () => {
      const ops: TimedOp[] = [
        write(0, 10, "k", "v1", 0, ok(1)),
        remove(20, 30, "ok"),
        { start: 40, end: 50, op: { kind: "update", patches: [{ key: "k", value: "v2", syncCount: 0 }], answer: { status: "ok", syncCount: undefined } } },
        list(60, 70, 0, live(1, rec("k", "v2", 1))),
      ];
      expect(explained(ops)).to.deep.equal([0, 1, 2, 3]);
    });
  });
});
