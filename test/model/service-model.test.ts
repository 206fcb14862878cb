/**
 * The executable service model on its own: UpdateRecords numbering, stale patches and refused
 * values, DeleteDataset, and how a dataset written again after a delete learns its numbering
 * from the endpoint's answer.
 */
import { expect } from "chai";
import { ServiceModel, syncCountOf, type Incarnation } from "../../src/model/service-model.js";

const DS = "ds";
const changes = (set: Record<string, string | undefined>) => Object.entries(set).map(([key, value]) => ({ key, value }));
/** One accepted UpdateRecords call that sets these keys (undefined removes one); returns the model's complaint about `answered`. */
const write = (m: ServiceModel, set: Record<string, string | undefined>, answered?: number) => m.apply(DS, m.plan(DS, changes(set)), answered);
/** A life's records as `key=value@count`, tombstones as `key@count`. */
const view = (life: Incarnation | undefined) => [...(life?.records ?? [])].map(([k, r]) => (r.value === undefined ? `${k}@${r.syncCount}` : `${k}=${r.value}@${r.syncCount}`));

/** A dataset written once: a=a1 at count 1. */
function writtenOnce(): ServiceModel {
  const m = new ServiceModel();
  expect(write(m, { a: "a1" }, 1)).to.equal(undefined);
  return m;
}

/** A dataset whose first life took three calls (count 3), then was deleted. */
function deletedAtThree(): ServiceModel {
  const m = new ServiceModel();
  for (const [i, set] of [{ a: "a1" }, { b: "b2" }, { a: undefined }].entries()) expect(write(m, set, i + 1)).to.equal(undefined);
  m.delete(DS);
  return m;
}

describe("model: the service model", () => {
  describe("UpdateRecords numbering", () => {
    it("numbers each accepted call one above the last, from 1, and gives its records that count", () => {
      const m = new ServiceModel();
      expect([write(m, { a: "a1", b: "b1" }, 1), write(m, { b: "b2" }, 2), write(m, { a: undefined }, 3)]).to.deep.equal([undefined, undefined, undefined]);
      const life = m.state(DS).current!;
      expect(view(life)).to.deep.equal(["a@3", "b=b2@2"]);
      expect([life.base, life.writes, syncCountOf(life)]).to.deep.equal([0, 3, 3]);
    });

    it("reports an answered count that is not the next one, and keeps its own numbering", () => {
      const m = new ServiceModel();
      expect(write(m, { a: "a1" }, 2)).to.equal("write 1 of this dataset numbered 1, not 2");
      expect(write(m, { a: "a2" }, 2)).to.equal(undefined);
      expect(view(m.state(DS).current)).to.deep.equal(["a=a2@2"]);
    });

    it("does not judge a missing answer in a dataset's first life", () => {
      const m = new ServiceModel();
      expect(write(m, { a: "a1" })).to.equal(undefined);
      expect(syncCountOf(m.state(DS).current!)).to.equal(1);
    });

    it("keeps each dataset's state apart", () => {
      const m = new ServiceModel();
      write(m, { a: "a1" });
      expect(m.state(DS)).to.equal(m.state(DS));
      expect(m.state("other")).to.deep.equal({ gone: [], refused: [], written: new Map() });
    });

    it("has no sync count for a life whose numbering is not learnt yet", () => {
      expect(syncCountOf({ records: new Map(), base: undefined, writes: 1 })).to.equal(undefined);
      expect(syncCountOf({ records: new Map(), base: 3, writes: 2 })).to.equal(5);
    });
  });

  describe("planning and refusing a call", () => {
    it("sends each key with the count the dataset holds for it, 0 for a key it does not hold", () => {
      const m = new ServiceModel();
      write(m, { a: "a1" });
      write(m, { b: "b2" });
      expect(m.plan(DS, changes({ a: "x", b: undefined, c: "y" }))).to.deep.equal({
        outcome: "applied",
        patches: [
          { key: "a", value: "x", syncCount: 1 },
          { key: "b", value: undefined, syncCount: 2 },
          { key: "c", value: "y", syncCount: 0 },
        ],
      });
    });

    it("gives the stale key a count one below the record's (a tombstone's too) and plans a conflict", () => {
      const m = new ServiceModel();
      write(m, { a: "a1", b: "b1" });
      write(m, { b: undefined });
      expect(m.plan(DS, changes({ a: "x", b: "y" }), "b")).to.deep.equal({
        outcome: "conflict",
        staleKey: "b",
        patches: [
          { key: "a", value: "x", syncCount: 1 },
          { key: "b", value: "y", syncCount: 1 },
        ],
      });
    });

    const unstale: Array<{ title: string; model: () => ServiceModel }> = [
      { title: "a key the dataset never held", model: writtenOnce },
      { title: "a key of a never-written dataset", model: () => new ServiceModel() },
      { title: "a key of a deleted dataset", model: deletedAtThree },
    ];
    for (const { title, model } of unstale) {
      it(`cannot make ${title} stale: its count is 0, so the call is planned as accepted`, () => {
        expect(model().plan(DS, changes({ b: "x" }), "b")).to.deep.equal({ outcome: "applied", patches: [{ key: "b", value: "x", syncCount: 0 }] });
      });
    }

    it("refuses a call without changing anything, remembering every value it sent", () => {
      const m = new ServiceModel();
      write(m, { a: "a1", b: "b1" });
      const update = m.plan(DS, changes({ a: "a9", b: undefined }), "a");
      expect(update.outcome).to.equal("conflict");
      m.refuse(DS, update);
      const s = m.state(DS);
      expect(s.refused).to.deep.equal([
        { key: "a", value: "a9" },
        { key: "b", value: undefined },
      ]);
      expect(view(s.current)).to.deep.equal(["a=a1@1", "b=b1@1"]);
      expect(syncCountOf(s.current!)).to.equal(1);
    });
  });

  describe("DeleteDataset", () => {
    it("ends the live life, keeping it with its final count, and later plans start from 0", () => {
      const m = deletedAtThree();
      const s = m.state(DS);
      expect(s.current).to.equal(undefined);
      expect(s.gone.map((g) => ({ records: view(g.life), finalCount: g.finalCount }))).to.deep.equal([{ records: ["a@3", "b=b2@2"], finalCount: 3 }]);
      expect(m.plan(DS, changes({ a: "x" })).patches).to.deep.equal([{ key: "a", value: "x", syncCount: 0 }]);
    });

    it("does nothing to a dataset with no live life", () => {
      const m = deletedAtThree();
      m.delete(DS);
      m.delete("never-written");
      expect(m.state(DS).gone).to.have.length(1);
      expect(m.state("never-written")).to.deep.equal({ gone: [], refused: [], written: new Map() });
    });
  });

  describe("a dataset written again after a delete", () => {
    const answers: Array<{ answered: number | undefined; base: number; problem?: string }> = [
      { answered: 1, base: 0 },
      { answered: 4, base: 3 },
      { answered: 2, base: 0, problem: "the first write to a dataset written again after a delete numbered 1 or 4, not 2" },
      { answered: undefined, base: 0, problem: "the first write to a dataset written again after a delete numbered 1 or 4, not undefined" },
    ];
    for (const { answered, base, problem } of answers) {
      it(`learns from a first write answered ${answered} after a delete at 3: ${problem ? "complains, and numbers" : "numbers"} its writes ${base + 1}, ${base + 2}, ...`, () => {
        const m = deletedAtThree();
        expect(write(m, { c: "c1" }, answered)).to.equal(problem);
        expect(view(m.state(DS).current)).to.deep.equal([`c=c1@${base + 1}`]);
        expect(write(m, { c: "c2" }, base + 2), "the second write is judged against the learnt numbering").to.equal(undefined);
        expect(write(m, { c: "c3" }, base + 4)).to.equal(`write 3 of this dataset numbered ${base + 3}, not ${base + 4}`);
      });
    }

    it("learns from the life deleted last, not from an earlier one", () => {
      const m = deletedAtThree();
      expect(write(m, { c: "c1" }, 1)).to.equal(undefined);
      m.delete(DS);
      expect(m.state(DS).gone.map((g) => g.finalCount)).to.deep.equal([3, 1]);
      expect(write(m, { c: "c2" }, 4)).to.equal("the first write to a dataset written again after a delete numbered 1 or 2, not 4");
    });
  });
});
