/** Holding a replay to its recording: differences by JSON path, records as a set, the labels and the allow-list. */
import { expect } from "chai";
import { compareScenario } from "../../src/parity/compare.js";
import { jsonDifferences } from "../../src/parity/json-diff.js";
import type { Snapshot, SnapshotExchange } from "../../src/parity/snapshot.js";

const listing = (body: unknown, status = 200, because?: string): SnapshotExchange => ({
  purpose: "check",
  ...(because ? { because } : {}),
  operation: "ListRecords",
  request: { method: "GET", path: "/identitypools/<pool 1>/identities/<identity 1>/datasets/<prefix>-a/records" },
  response: { status, headers: { "content-type": "application/json" }, body },
});

function snapshot(exchanges: SnapshotExchange[], over: Partial<Snapshot> = {}): Snapshot {
  return {
    snapshotVersion: 1,
    scenario: { id: "pagination/example", title: "an example", requirements: ["LR-PAGE-WALK", "LR-PAGE-COUNT"] },
    recording: {
      endpoint: "e",
      region: "us-east-1",
      recordedAt: "2026-12-03T00:00:00Z",
      tool: { name: "t", version: "0" },
      seed: 1,
      histories: 0,
      parallelHistories: 0,
      interpretations: {},
    },
    outcome: { kind: "passed" },
    concurrent: false,
    exchanges,
    ...over,
  };
}

describe("parity: comparing a replay with its recording", () => {
  it("finds nothing in equal values, and the path of each member that differs or is absent", () => {
    expect(jsonDifferences({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).to.deep.equal([]);
    expect(jsonDifferences({ a: 1, b: { c: "x" }, "odd name": 1 }, { b: { c: "y" }, d: true, "odd name": 2 })).to.deep.equal([
      { path: ".a", recorded: 1, replayed: "(absent)" },
      { path: ".b.c", recorded: "x", replayed: "y" },
      { path: '."odd name"', recorded: 1, replayed: 2 },
      { path: ".d", recorded: "(absent)", replayed: true },
    ]);
    expect(jsonDifferences([1, 2, 3], [1, 5])).to.deep.equal([
      { path: "[1]", recorded: 2, replayed: 5 },
      { path: ".length", recorded: 3, replayed: 2 },
    ]);
  });

  it("compares Records as a set by Key: another order is no difference, a missing or changed record is", () => {
    const a = {
      Records: [
        { Key: "x", Value: "1" },
        { Key: "y", Value: "2" },
      ],
    };
    expect(
      jsonDifferences(a, {
        Records: [
          { Key: "y", Value: "2" },
          { Key: "x", Value: "1" },
        ],
      }),
    ).to.deep.equal([]);
    expect(jsonDifferences(a, { Records: [{ Key: "y", Value: "two" }] })).to.deep.equal([
      { path: '.Records[Key="x"]', recorded: { Key: "x", Value: "1" }, replayed: "(absent)" },
      { path: '.Records[Key="y"].Value', recorded: "2", replayed: "two" },
    ]);
    expect(jsonDifferences(a, { Records: [...a.Records, { Key: "x", Value: "1" }] })).to.deep.equal([{ path: ".Records.length", recorded: 2, replayed: 3 }]);
  });

  it("groups a difference under the requirement its call served, and labels an open point with its interpretation", () => {
    const c = compareScenario(
      snapshot([listing({ Count: 2, DatasetExists: true }, 200, "LR-PAGE-WALK")]),
      snapshot([listing({ Count: 5, DatasetExists: false }, 200, "LR-PAGE-WALK")]),
      [],
    );
    expect(c.compared).to.equal("exchanges");
    expect(c.differences).to.deep.equal([
      { scenario: "pagination/example", path: "exchanges[0].response.body.Count", recorded: 2, replayed: 5, requirements: ["LR-PAGE-WALK"], reading: "count" },
      { scenario: "pagination/example", path: "exchanges[0].response.body.DatasetExists", recorded: true, replayed: false, requirements: ["LR-PAGE-WALK"] },
    ]);
  });

  it("stops at the first request that differs: the replay has gone another way", () => {
    const other = { ...listing({}), request: { method: "GET", path: "/elsewhere" } };
    const c = compareScenario(snapshot([listing({ Count: 1 }), listing({}), listing({})]), snapshot([listing({ Count: 9 }), other, listing({ Count: 3 })]), []);
    expect(c.differences.map((d) => d.path)).to.deep.equal(["exchanges[0].response.body.Count", "exchanges[1].request.path"]);
    expect(c.reason).to.include("another request at exchange 1").and.include("1 recorded exchanges after it");
  });

  it("counts missing exchanges, and compares raced scenarios by outcome", () => {
    expect(compareScenario(snapshot([listing({}), listing({})]), snapshot([listing({})]), []).differences.map((d) => [d.path, d.recorded, d.replayed])).to.deep.equal([
      ["exchanges.length", 2, 1],
    ]);
    const raced = compareScenario(
      snapshot([listing({ Count: 1 })], { concurrent: true }),
      snapshot([listing({ Count: 2 })], { concurrent: true, outcome: { kind: "failed", failedRequirement: "LR-RACE-ONE-WINNER" } }),
      [],
    );
    expect(raced.compared).to.equal("outcome");
    expect(raced.differences.map((d) => [d.path, d.recorded, d.replayed])).to.deep.equal([["outcome", "passed", "failed (LR-RACE-ONE-WINNER)"]]);
  });

  it("does not compare a scenario skipped on either side, and says why", () => {
    const c = compareScenario(snapshot([listing({})]), snapshot([], { outcome: { kind: "skipped", reason: "needs provider states" } }), []);
    expect(c).to.deep.include({ compared: "not compared", differences: [] });
    expect(c.reason).to.equal("skipped in the replay: needs provider states");
  });

  it("marks a difference the allow-list accepts with its reason, by scenario family and path pattern", () => {
    const allow = [{ scenario: "pagination/*", path: "*.body.Count", reason: "we count the whole dataset" }];
    const c = compareScenario(snapshot([listing({ Count: 2, DatasetExists: true })]), snapshot([listing({ Count: 5, DatasetExists: false })]), allow);
    expect(c.differences.map((d) => [d.path, d.allowed])).to.deep.equal([
      ["exchanges[0].response.body.Count", "we count the whole dataset"],
      ["exchanges[0].response.body.DatasetExists", undefined],
    ]);
  });
});
