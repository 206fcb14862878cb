/**
 * The listing judge on hand-built pages: a missing dataset (never written, or deleted and asked
 * for from 0), a lastSyncCount from a deleted life, and a live dataset's records, tombstones,
 * sync counts, pages and Count, each difference named by the requirement it breaks.
 */
import { expect } from "chai";
import { judgeListing, type Listing, type Choices, type SeenPage, type SeenRecord } from "../../src/model/judge-listing.js";
import { ServiceModel } from "../../src/model/service-model.js";

const DS = "ds";
const DEFAULTS: Choices = { count: "page", tombstones: "include" };

/** One accepted UpdateRecords call (undefined removes a key); `answered` is the endpoint's count for it. */
function write(m: ServiceModel, set: Record<string, string | undefined>, answered?: number): void {
  const changes = Object.entries(set).map(([key, value]) => ({ key, value }));
  expect(m.apply(DS, m.plan(DS, changes), answered), "the history itself is well numbered").to.equal(undefined);
}

/**
 * The live dataset most tests list: a@3 removed (a tombstone), b=b2@2, c=c2@2, d=d4@4, count 4,
 * and a refused call that tried b=bX.
 */
function history(): ServiceModel {
  const m = new ServiceModel();
  write(m, { a: "a1", b: "b1" });
  write(m, { b: "b2", c: "c2" });
  const stale = m.plan(DS, [{ key: "b", value: "bX" }], "b");
  expect(stale.outcome).to.equal("conflict");
  m.refuse(DS, stale);
  write(m, { a: undefined });
  write(m, { d: "d4" });
  return m;
}
const never = () => new ServiceModel();
function deleted(): ServiceModel {
  const m = history();
  m.delete(DS);
  return m;
}
/** Deleted at 4, then written again: e=e1@1, f=f2@2 (numbering restarted), or e=e5@5 (numbering carried on). */
function restarted(): ServiceModel {
  const m = deleted();
  write(m, { e: "e1" }, 1);
  write(m, { f: "f2" }, 2);
  return m;
}
function continued(): ServiceModel {
  const m = deleted();
  write(m, { e: "e5" }, 5);
  return m;
}

/** `k=v@n` for a record, `k@n` for a tombstone (no Value). */
function rec(s: string): SeenRecord {
  const [, Key, Value, n] = /^(\w+)(?:=(\w+))?@(\d+)$/.exec(s)!;
  return { Key: Key!, ...(Value === undefined ? {} : { Value }), SyncCount: Number(n) };
}
/** A page of a live dataset at count 4, with Count its size, unless `body` says otherwise. */
const page = (records: string[], body: SeenPage["body"] = {}): SeenPage => ({
  body: { Count: records.length, DatasetExists: true, DatasetDeletedAfterRequestedSyncCount: false, DatasetSyncCount: 4, ...body },
  records: records.map(rec),
});
const listing = (pages: SeenPage[], lastSyncCount = 0, more: Partial<Listing> = {}): Listing => ({
  lastSyncCount,
  origin: lastSyncCount === 0 ? "zero" : "current",
  pages,
  complete: true,
  ...more,
});
/** The violations as `requirement@page`. */
const judge = (m: ServiceModel, l: Listing, choices: Partial<Choices> = {}) => judgeListing(m.state(DS), l, { ...DEFAULTS, ...choices }).map((v) => `${v.requirement}@${v.page}`);

describe("model: the listing judge", () => {
  describe("a missing dataset", () => {
    const missing = (body: SeenPage["body"] = {}, records: string[] = []) =>
      page(records, { Count: 0, DatasetExists: false, DatasetDeletedAfterRequestedSyncCount: false, DatasetSyncCount: 0, ...body });
    const cases: Array<{ title: string; model: () => ServiceModel; pages: SeenPage[]; want: string[] }> = [
      { title: "a never-written dataset shown missing", model: never, pages: [missing()], want: [] },
      { title: "a never-written dataset shown to exist", model: never, pages: [missing({ DatasetExists: true })], want: ["LR-MISSING-FIELDS@0"] },
      // Absent members read as their defaults here; LR-SHAPE-MEMBERS judges their absence.
      { title: "a never-written dataset without DatasetExists", model: never, pages: [missing({ DatasetExists: undefined })], want: [] },
      { title: "a never-written dataset with a Count", model: never, pages: [missing({ Count: 3 })], want: ["LR-MISSING-FIELDS@0"] },
      {
        title: "a never-written dataset flagged deleted",
        model: never,
        pages: [missing({ DatasetDeletedAfterRequestedSyncCount: true })],
        want: ["LR-MISSING-FIELDS@0"],
      },
      { title: "a never-written dataset with records", model: never, pages: [missing({}, ["z=z1@1"])], want: ["LR-MISSING-FIELDS@0"] },
      { title: "a never-written dataset with a DatasetSyncCount", model: never, pages: [missing({ DatasetSyncCount: 2 })], want: ["LR-MISSING-FIELDS@0"] },
      {
        title: "a never-written dataset wrong on its second page",
        model: never,
        pages: [missing(), missing({ DatasetExists: true })],
        want: ["LR-MISSING-FIELDS@1"],
      },
      { title: "a deleted dataset shown missing, whatever its DatasetSyncCount", model: deleted, pages: [missing({ DatasetSyncCount: 4 })], want: [] },
      { title: "a deleted dataset shown to exist", model: deleted, pages: [missing({ DatasetExists: true })], want: ["LR-MISSING-AFTER-DELETE@0"] },
      {
        title: "a deleted dataset flagged deleted to a new client",
        model: deleted,
        pages: [missing({ DatasetDeletedAfterRequestedSyncCount: true })],
        want: ["LR-MISSING-AFTER-DELETE@0"],
      },
      { title: "a deleted dataset with its old records", model: deleted, pages: [missing({}, ["b=b2@2", "d=d4@4"])], want: ["LR-MISSING-AFTER-DELETE@0"] },
    ];
    for (const { title, model, pages, want } of cases) {
      it(`${title}: ${want.join(", ") || "no violation"}`, () => expect(judge(model(), listing(pages))).to.deep.equal(want));
    }
  });

  describe("a lastSyncCount from a deleted life", () => {
    const gone = (flag: boolean | undefined, records: string[] = [], DatasetSyncCount = 0) => page(records, { DatasetDeletedAfterRequestedSyncCount: flag, DatasetSyncCount });
    const cases: Array<{ title: string; model: () => ServiceModel; L: number; pages: SeenPage[]; want: string[] }> = [
      { title: "deleted: flagged, no records", model: deleted, L: 2, pages: [gone(true)], want: [] },
      { title: "deleted: flagged, with a tombstone (no data comes back)", model: deleted, L: 2, pages: [gone(true, ["a@3"])], want: [] },
      { title: "deleted: not flagged", model: deleted, L: 2, pages: [gone(false)], want: ["LR-DELETED-FLAG@0"] },
      { title: "deleted: not flagged at its final count", model: deleted, L: 4, pages: [gone(undefined)], want: ["LR-DELETED-FLAG@0"] },
      { title: "deleted: a deleted record shown as live", model: deleted, L: 2, pages: [gone(true, ["d=d4@4"])], want: ["LR-DELETED-VISIBLE@0"] },
      { title: "deleted: a refused value shown", model: deleted, L: 2, pages: [gone(true, ["b=bX@3"])], want: ["LR-WRITE-CONFLICT@0"] },
      {
        title: "deleted: the flag read from the last page, records from each",
        model: deleted,
        L: 2,
        pages: [gone(true, ["d=d4@4"]), gone(false)],
        want: ["LR-DELETED-FLAG@1", "LR-DELETED-VISIBLE@0"],
      },
      { title: "written again, numbering carried on: not flagged", model: continued, L: 2, pages: [gone(false, [], 5)], want: ["LR-DELETED-FLAG@0"] },
      { title: "written again, numbering carried on: not flagged at the new life's base", model: continued, L: 4, pages: [gone(false, [], 5)], want: ["LR-DELETED-FLAG@0"] },
      { title: "written again, numbering carried on: flagged, with the new life's record", model: continued, L: 2, pages: [gone(true, ["e=e5@5"], 5)], want: [] },
      { title: "written again, numbering restarted: the count is ambiguous, so no flag is needed", model: restarted, L: 2, pages: [gone(false, ["f=f2@2"], 2)], want: [] },
      {
        title: "written again, numbering restarted, from a count the new life never reached: not flagged",
        model: restarted,
        L: 4,
        pages: [gone(false, [], 2)],
        want: ["LR-DELETED-FLAG@0"],
      },
      { title: "written again, numbering restarted: a deleted record shown as live", model: restarted, L: 2, pages: [gone(false, ["d=d4@4"], 2)], want: ["LR-DELETED-VISIBLE@0"] },
    ];
    for (const { title, model, L, pages, want } of cases) {
      it(`${title}: ${want.join(", ") || "no violation"}`, () => expect(judge(model(), listing(pages, L, { origin: "gone" }))).to.deep.equal(want));
    }
  });

  describe("a live dataset", () => {
    const ALL = ["a@3", "b=b2@2", "c=c2@2", "d=d4@4"];
    const VALUES = ["b=b2@2", "c=c2@2", "d=d4@4"];
    type Case = { title: string; L?: number; pages: SeenPage[]; choices?: Partial<Choices>; more?: Partial<Listing>; want: string[] };
    const run = (cases: Case[]) => {
      for (const { title, L = 0, pages, choices, more, want } of cases) {
        it(`${title}: ${want.join(", ") || "no violation"}`, () => expect(judge(history(), listing(pages, L, more), choices)).to.deep.equal(want));
      }
    };

    describe("listings that are right", () => {
      run([
        { title: "a full sync with its tombstone", pages: [page(ALL)], want: [] },
        { title: "a full sync with a null-valued tombstone", pages: [{ ...page(ALL), records: [{ Key: "a", Value: null, SyncCount: 3 }, ...VALUES.map(rec)] }], want: [] },
        { title: "a full sync without tombstones under tombstones=omit", pages: [page(VALUES)], choices: { tombstones: "omit" }, want: [] },
        { title: "a full sync with a tombstone under tombstones=any", pages: [page(ALL)], choices: { tombstones: "any" }, want: [] },
        { title: "a full sync without a tombstone under tombstones=any", pages: [page(VALUES)], choices: { tombstones: "any" }, want: [] },
        { title: "the changes after 2", L: 2, pages: [page(["a@3", "d=d4@4"])], want: [] },
        { title: "nothing after the dataset's own count", L: 4, pages: [page([])], want: [] },
        {
          title: "a walk of two pages, only the last carrying DatasetSyncCount 4",
          pages: [page(ALL.slice(0, 2), { DatasetSyncCount: 99 }), page(ALL.slice(2))],
          more: { maxResults: 2 },
          want: [],
        },
        {
          title: "Count the whole listing on every page under count=filtered",
          pages: [page(ALL.slice(0, 2), { Count: 4 }), page(ALL.slice(2), { Count: 4 })],
          choices: { count: "filtered" },
          want: [],
        },
        {
          title: "the first page of an unfinished listing, missing records and all",
          pages: [page(["b=b2@2", "c=c2@2"], { NextToken: "t", Count: 2, DatasetSyncCount: 0 })],
          choices: { count: "filtered" },
          more: { complete: false },
          want: [],
        },
      ]);
    });

    describe("records", () => {
      run([
        { title: "the same first page as a whole listing misses a's tombstone and d", pages: [page(["b=b2@2", "c=c2@2"])], want: ["LR-TOMBSTONE-FULL-SYNC@0", "LR-SYNC-ALL@0"] },
        { title: "a full sync missing a live record", pages: [page(["a@3", "b=b2@2", "c=c2@2"])], want: ["LR-SYNC-ALL@0"] },
        { title: "a sync after 2 missing a live record", L: 2, pages: [page(["a@3"])], want: ["LR-SYNC-AFTER@0"] },
        { title: "a sync after 2 missing a tombstone", L: 2, pages: [page(["d=d4@4"])], want: ["LR-TOMBSTONE@0"] },
        { title: "a full sync missing a tombstone under tombstones=include", pages: [page(VALUES)], want: ["LR-TOMBSTONE-FULL-SYNC@0"] },
        { title: "a full sync with a tombstone under tombstones=omit", pages: [page(ALL)], choices: { tombstones: "omit" }, want: ["LR-TOMBSTONE-FULL-SYNC@0"] },
        { title: "a sync after 2 with a record written at 2", L: 2, pages: [page(["a@3", "c=c2@2", "d=d4@4"])], want: ["LR-SYNC-BOUNDARY@0"] },
        { title: "a sync after 3 with a tombstone written at 3", L: 3, pages: [page(["a@3", "d=d4@4"])], want: ["LR-SYNC-BOUNDARY@0"] },
        { title: "a sync after 3 with a record written at 2", L: 3, pages: [page(["b=b2@2", "d=d4@4"])], want: ["LR-SYNC-NOT-BEFORE@0"] },
        { title: "the right value with the wrong SyncCount", pages: [page(["a@3", "b=b2@1", "c=c2@2", "d=d4@4"])], want: ["LR-SYNC-DATASET-COUNT@0"] },
        { title: "a tombstone with the wrong SyncCount", L: 2, pages: [page(["a@4", "d=d4@4"])], want: ["LR-SYNC-DATASET-COUNT@0"] },
        { title: "a removed record shown with its old value in a full sync", pages: [page(["a=a1@1", ...VALUES])], want: ["LR-TOMBSTONE@0"] },
        { title: "a removed record shown with its old value after 2", L: 2, pages: [page(["a=a1@3", "d=d4@4"])], want: ["LR-TOMBSTONE@0"] },
        { title: "the value a refused call sent", pages: [page(["a@3", "b=bX@3", "c=c2@2", "d=d4@4"])], want: ["LR-WRITE-CONFLICT@0"] },
        { title: "an overwritten value", pages: [page(["a@3", "b=b1@1", "c=c2@2", "d=d4@4"])], want: ["LR-SYNC-ALL@0"] },
        { title: "a key the dataset never held, after 2", L: 2, pages: [page(["a@3", "d=d4@4", "z=z9@4"])], want: ["LR-SYNC-AFTER@0"] },
        { title: "a last page whose DatasetSyncCount is not the dataset's", pages: [page(ALL, { DatasetSyncCount: 3 })], want: ["LR-SYNC-DATASET-COUNT@0"] },
      ]);
    });

    describe("pages and Count", () => {
      run([
        { title: "a page longer than maxResults", pages: [page(ALL.slice(0, 3)), page(ALL.slice(3))], more: { maxResults: 2 }, want: ["LR-PAGE-MAX@0"] },
        { title: "a key on two pages of a walk", pages: [page(ALL.slice(0, 2)), page(ALL.slice(1))], want: ["LR-PAGE-WALK@1"] },
        { title: "a Count that is not the page's size", pages: [page(ALL.slice(0, 2)), page(ALL.slice(2), { Count: 4 })], want: ["LR-PAGE-COUNT@1"] },
        { title: "no Count under count=page", pages: [page(ALL, { Count: undefined })], want: ["LR-PAGE-COUNT@0"] },
        {
          title: "a page's own size as Count under count=filtered",
          pages: [page(ALL.slice(0, 2)), page(ALL.slice(2))],
          choices: { count: "filtered" },
          want: ["LR-PAGE-COUNT@1"],
        },
        { title: "any Count under count=any", pages: [page(ALL, { Count: 17 })], choices: { count: "any" }, want: [] },
      ]);
    });
  });

  describe("a dataset written again after a delete, listed from 0", () => {
    const cases: Array<{ title: string; model: () => ServiceModel; records: string[]; count: number; want: string[] }> = [
      { title: "numbering restarted, judged from 1", model: restarted, records: ["e=e1@1", "f=f2@2"], count: 2, want: [] },
      { title: "numbering carried on, judged from the deleted life's count", model: continued, records: ["e=e5@5"], count: 5, want: [] },
      {
        title: "numbering restarted, but listed as if carried on",
        model: restarted,
        records: ["e=e1@5", "f=f2@6"],
        count: 6,
        want: ["LR-SYNC-DATASET-COUNT@0", "LR-SYNC-DATASET-COUNT@0", "LR-SYNC-DATASET-COUNT@0"],
      },
      { title: "a record of the deleted life", model: restarted, records: ["d=d4@4", "e=e1@1", "f=f2@2"], count: 2, want: ["LR-DELETED-VISIBLE@0"] },
    ];
    for (const { title, model, records, count, want } of cases) {
      it(`${title}: ${want.join(", ") || "no violation"}`, () => expect(judge(model(), listing([page(records, { DatasetSyncCount: count })]))).to.deep.equal(want));
    }
  });
});
