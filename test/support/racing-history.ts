/**
 * What the linearizability checker's tests (test/model/linearizability-*.test.ts) share: the
 * choices, builders of hand-made histories of one dataset (timed writes, listings and deletes,
 * their answers and pages), and the checks that a history is, or is not, explained.
 */
import { expect } from "chai";
import type { Choices, SeenPage, SeenRecord } from "../../src/model/judge-listing.js";
import { explain, type Explanation, type RacedOp, type TimedOp } from "../../src/model/linearizability.js";

export const CHOICES: Choices = { count: "page", tombstones: "include" };

export type UpdateAnswer = Extract<RacedOp, { kind: "update" }>["answer"];
export const ok = (syncCount: number): UpdateAnswer => ({ status: "ok", syncCount });
export const CONFLICT: UpdateAnswer = { status: "conflict" };
export const UNKNOWN: UpdateAnswer = { status: "unknown" };

/** An UpdateRecords call of one key, sent with the SyncCount the device held for it, from `start` to `end`. */
export const write = (start: number, end: number, key: string, value: string, sent: number, answer: UpdateAnswer): TimedOp => ({
  start,
  end,
  op: { kind: "update", patches: [{ key, value, syncCount: sent }], answer },
});

/** A one-page listing (no NextToken) whose Count is its number of records. */
export function page(records: readonly SeenRecord[], body: { exists: boolean; syncCount: number; deletedAfter?: boolean }): SeenPage {
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
export const list = (start: number, end: number, lastSyncCount: number, shown: SeenPage | undefined, continued = false): TimedOp => ({
  start,
  end,
  op: { kind: "list", lastSyncCount, page: shown, continued },
});
export const remove = (start: number, end: number, answer: Extract<RacedOp, { kind: "delete" }>["answer"]): TimedOp => ({ start, end, op: { kind: "delete", answer } });
export const rec = (Key: string, Value: string, SyncCount: number): SeenRecord => ({ Key, Value, SyncCount });
/** A listing of a live dataset at `count` that shows these records. */
export const live = (count: number, ...records: SeenRecord[]) => page(records, { exists: true, syncCount: count });
/** A listing of a missing dataset (never written, or deleted). */
export const missing = () => page([], { exists: false, syncCount: 0 });

export function explained(ops: readonly TimedOp[]): number[] {
  const e = explain(ops, CHOICES);
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

export function unexplained(ops: readonly TimedOp[]): number[] {
  const e = explain(ops, CHOICES);
  expect(e.explained, JSON.stringify(e)).to.equal(false);
  return (e as Extract<Explanation, { explained: false }>).unexplained;
}
