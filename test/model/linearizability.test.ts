/**
 * The linearizability checker on hand-built histories of one dataset: sequential calls, racing
 * writes of one key (one winner, or a lost acknowledged write), racing writes numbered alike,
 * real-time order, refusals with and without a rival write, calls without an answer, a value
 * no call wrote, a delete racing a write, and the size limit; and which requirement an
 * unexplained set of calls is said to break.
 */
import { expect } from "chai";
import type { Readings, SeenPage, SeenRecord } from "../../src/model/judge-listing.js";
import { explain, MAX_OPS, type Explanation, type RacedOp, type TimedOp } from "../../src/model/linearizability.js";
import { brokenBy } from "../../src/model/race-requirement.js";

const READINGS: Readings = { count: "page", tombstones: "include" };

type UpdateAnswer = Extract<RacedOp, { kind: "update" }>["answer"];
const ok = (syncCount: number): UpdateAnswer => ({ status: "ok", syncCount });
const CONFLICT: UpdateAnswer = { status: "conflict" };
const UNKNOWN: UpdateAnswer = { status: "unknown" };

/** An UpdateRecords call of one key, sent with the SyncCount the device held for it, from `start` to `end`. */
const write = (start: number, end: number, key: string, value: string, sent: number, answer: UpdateAnswer): TimedOp => ({
  start,
  end,
  op: { kind: "update", patches: [{ key, value, syncCount: sent }], answer },
});

/** A one-page listing (no NextToken) whose Count is its number of records. */
function page(records: readonly SeenRecord[], body: { exists: boolean; syncCount: number; deletedAfter?: boolean }): SeenPage {
  return {
    body: {
      Count: records.length,
      DatasetExists: body.exists,
      DatasetDeletedAfterRequestedSyncCount: body.deletedAfter ?? false,
      DatasetSyncCount: body.syncCount,
      NextToken: null,
    },
    records,
  };
}
/** A ListRecords call answered with `shown` (undefined: no answer); `continued` for a page after the first of a walk. */
const list = (start: number, end: number, lastSyncCount: number, shown: SeenPage | undefined, continued = false): TimedOp => ({
  start,
  end,
  op: { kind: "list", lastSyncCount, page: shown, continued },
});
const remove = (start: number, end: number, answer: Extract<RacedOp, { kind: "delete" }>["answer"]): TimedOp => ({ start, end, op: { kind: "delete", answer } });
const rec = (Key: string, Value: string, SyncCount: number): SeenRecord => ({ Key, Value, SyncCount });
/** A listing of a live dataset at `count` that shows these records. */
const live = (count: number, ...records: SeenRecord[]) => page(records, { exists: true, syncCount: count });
/** A listing of a missing dataset (never written, or deleted). */
const missing = () => page([], { exists: false, syncCount: 0 });

function explained(ops: readonly TimedOp[]): number[] {
  const e = explain(ops, READINGS);
  expect(e.explained, JSON.stringify(e)).to.equal(true);
  const order = (e as Extract<Explanation, { explained: true }>).order;
  // Every call once, and none placed after a call that started only once it had ended (a call
  // without an answer may take effect any time after it started).
  const answered = (o: TimedOp) => (o.op.kind === "list" ? o.op.page !== undefined : o.op.kind === "update" ? o.op.answer.status !== "unknown" : o.op.answer !== "unknown");
  expect([...order].sort((a, b) => a - b)).to.deep.equal(ops.map((_, i) => i));
  order.forEach((i, at) =>
    order.slice(at + 1).forEach((j) => expect(answered(ops[j]!) && ops[j]!.end < ops[i]!.start, `call ${j} ended before call ${i} started`).to.equal(false)),
  );
  return order;
}

function unexplained(ops: readonly TimedOp[]): number[] {
  const e = explain(ops, READINGS);
  expect(e.explained, JSON.stringify(e)).to.equal(false);
  return (e as Extract<Explanation, { explained: false }>).unexplained;
}

describe("model: linearizability of one dataset's racing calls", () => {
  describe("sequential histories", () => {
    it("explains a write then a full listing that shows it, in that order", () => {
      const ops = [write(0, 10, "k", "v1", 0, ok(1)), list(20, 30, 0, live(1, rec("k", "v1", 1)))];
      expect(explain(ops, READINGS)).to.deep.equal({ explained: true, order: [0, 1] });
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
      const e = explain(many(MAX_OPS + 1), READINGS);
      expect(e.explained).to.equal("undecided");
      expect((e as Extract<Explanation, { explained: "undecided" }>).why).to.contain(String(MAX_OPS + 1));
    });

    it("decides a history of exactly MAX_OPS calls", () => {
      expect(explained(many(MAX_OPS))).to.deep.equal(many(MAX_OPS).map((_, i) => i));
    });
  });
});
