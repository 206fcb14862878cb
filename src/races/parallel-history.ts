/**
 * Parallel histories, as in QuickCheck's and Hedgehog's parallel state-machine testing: a short
 * sequential prefix by one device, then two or three branches run by devices at once (every
 * device lists first, then all branches start together), checked by the linearizability
 * checker. A failing history is shrunk, as long as the shorter one still breaks the same
 * requirement, and reported with the seed that generates it again.
 */
import fc from "fast-check";
import { ConformanceFailure } from "../harness/failure.js";
import type { TestContext } from "../harness/test-context.js";
import { historyKeys, historyValue } from "../histories/commands.js";
import { expectLinearizable } from "./judge-race.js";
import { Race, type Move } from "./race.js";

type Step = { kind: "write"; keys: number[]; remove: boolean; relist: boolean; texts: Array<string | undefined> } | { kind: "list"; fromHeld: boolean } | { kind: "delete" };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant("write" as const),
      keys: fc.uniqueArray(fc.nat(2), { minLength: 1, maxLength: 2 }),
      remove: fc.boolean(),
      relist: fc.boolean(),
      // Values as the sequential histories write them: numbered, empty, any Unicode, or at a width where databases cut.
      texts: fc.array(historyValue, { minLength: 2, maxLength: 2 }),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant("list" as const), fromHeld: fc.boolean() }), weight: 3 },
  { arbitrary: fc.constant({ kind: "delete" as const }), weight: 1 },
);

/** Small enough that every call of a history fits the checker (MAX_OPS), a write taking two calls at most. */
const parallelHistory = fc.record({
  prefix: fc.array(step, { maxLength: 3 }),
  branches: fc.array(fc.array(step, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }),
});
type History = typeof parallelHistory extends fc.Arbitrary<infer H> ? H : never;

/** Shrinking stops after this long, keeping the smallest failing history found by then. */
const SHRINK_MS = 10_000;

export async function runParallelHistory(t: TestContext, seed: number): Promise<void> {
  let attempts = 0;
  let target: string | undefined;
  let last: ConformanceFailure | undefined;
  let fatal: unknown;
  const property = fc.asyncProperty(historyKeys, parallelHistory, async (keys, history) => {
    if (fatal !== undefined) return;
    try {
      await attempt(t, ++attempts, keys, history);
    } catch (e) {
      if (!(e instanceof ConformanceFailure)) throw (fatal = e);
      if (target !== undefined && e.requirement.id !== target) return; // shrinking keeps to the first requirement broken
      target = e.requirement.id;
      last = e;
      throw e;
    }
  });
  const details = await fc.check(property, { seed, numRuns: 1, plugins: [fc.interruptAfterTimeLimit(SHRINK_MS)] });
  if (fatal !== undefined) throw fatal;
  if (!details.failed) return;
  if (!last) throw details.errorInstance ?? new Error(`fast-check stopped the history: ${details.interrupted ? "interrupted by the time limit" : "no reason given"}`);
  const [, history] = details.counterexample as [string[], History];
  t.note(`smallest failing history found: prefix of ${history.prefix.length} steps, branches of ${history.branches.map((b) => b.length).join(", ")}`);
  throw last;
}

async function attempt(t: TestContext, n: number, keys: readonly string[], history: History): Promise<void> {
  const race = new Race(t, t.dataset(`p${n}`), history.branches.length);
  let values = 0;
  // Each step as a device takes it: a write lists first when it holds no session token, or when asked to.
  const take = async (device: number, s: Step): Promise<void> => {
    if (s.kind === "delete") return void (await race.one(device, { kind: "delete" }));
    if (s.kind === "list") return void (await race.one(device, { kind: "list", lastSyncCount: s.fromHeld ? race.held(device) : 0 }));
    if (s.relist || !race.hasToken(device)) await race.one(device, { kind: "list" });
    const changes = s.keys.map((k, i) => ({ key: keys[k]!, value: s.remove && race.count(device, keys[k]!) > 0 ? undefined : (s.texts[i] ?? `v${++values}`) }));
    await race.one(device, { kind: "update", changes });
  };
  for (const s of history.prefix) await take(0, s);
  await race.together(history.branches.map((_, device) => ({ device, move: { kind: "list" } as Move })));
  await Promise.all(
    history.branches.map(async (steps, device) => {
      for (const s of steps) await take(device, s);
    }),
  );
  await race.one(0, { kind: "list" });
  expectLinearizable(t, race.calls);
}
