/**
 * A scenario names only requirements it declares: a check, or a call that fails a requirement
 * when it goes wrong, under any other is a suite bug, caught before anything is sent and
 * whether the check passes or not.
 */
import { expect } from "chai";
import type { RunContext, RunPlan } from "../../src/harness/run.js";
import type { Scenario } from "../../src/harness/scenario.js";
import { TestContext } from "../../src/harness/test-context.js";

const SUITE_BUG = /^suite bug: a check under LR-PAGE-MAX, which the scenario does not declare/;

/** A context whose endpoint must never be reached: every request fails the test. */
function context(): TestContext {
  const plan = { identityConfigured: true, identityPoolId: "us-east-1:pool", identityId: "us-east-1:a", otherIdentityId: "us-east-1:b", prefix: "t", seed: 1, interpretations: {} };
  const unreachable = () => {
    throw new Error("sent a request: the declaration was not checked first");
  };
  const run = { plan: plan as unknown as RunPlan, client: { send: unreachable }, gate: { closed: false }, stats: {}, cleanupProblems: [], leftBehind: [] } as unknown as RunContext;
  const meta: Scenario = { id: "area/declared", title: "t", requirements: ["LR-PAGE-WALK"], level: "MUST", needs: [], exclusive: false, seeded: false, fullTitle: "t" };
  return new TestContext(run, meta, { requests: 0, unchecked: [], notes: [] });
}

describe("harness: what a scenario may name", () => {
  const at = { identityPoolId: "us-east-1:pool", identityId: "us-east-1:a", datasetName: "d" };

  it("a ListRecords call that would fail an undeclared requirement is a suite bug before it is sent", async () => {
    const t = context();
    for (const call of [() => t.list(at, {}, "LR-PAGE-MAX"), () => t.walk(at, {}, "LR-PAGE-MAX", 1)]) {
      let thrown: unknown;
      await call().catch((e: unknown) => (thrown = e));
      expect((thrown as Error | undefined)?.message).to.match(SUITE_BUG);
    }
  });

  it("an UpdateRecords call that would fail an undeclared requirement is a suite bug before it is sent", async () => {
    const t = context();
    let thrown: unknown;
    await t.write({ ...at, syncCount: 0, records: new Map() }, { k: "v" }, { token: "x", because: "LR-PAGE-MAX" }).catch((e: unknown) => (thrown = e));
    expect((thrown as Error | undefined)?.message).to.match(SUITE_BUG);
  });

  it("an exact-records check under an undeclared requirement is a suite bug even when the records are right", () => {
    const t = context();
    expect(() => t.expectExactly("LR-PAGE-MAX", [], new Map())).to.throw(Error, SUITE_BUG);
    expect(() => t.expectExactly("LR-PAGE-WALK", [], new Map()), "a declared one passes").to.not.throw();
  });
});
