/**
 * The race scenarios' rounds: devices released together by one barrier onto one dataset,
 * pushing one key at one SyncCount, different keys, and writes racing a DeleteDataset (the walk
 * racing writes is walk-round.ts). Each round states its own checks, then hands every call it
 * made to the linearizability checker.
 */
import { SetupFailure } from "../harness/failure.js";
import type { TestContext } from "../harness/test-context.js";
import { expectLinearizable, raceFailure } from "./judge-race.js";
import { showText } from "../content/show-text.js";
import { raceContent } from "./race-content.js";
import { Race, type Move, type RacedCall } from "./race.js";

export const ok = (c: RacedCall) => c.exchange.response?.status === 200;
/** Answers that say nothing about the race: none, a throttle, a server error. */
const unanswered = (c: RacedCall) => !c.exchange.response || c.exchange.response.status === 429 || c.exchange.response.status >= 500;
export const all = (race: Race) => Array.from({ length: race.size }, (_, d) => d);

/** Every device lists the dataset, as a client does before it pushes (for its session token and counts). */
async function everyoneLists(race: Race): Promise<void> {
  await race.together(all(race).map((device) => ({ device, move: { kind: "list" } as Move })));
}

/** Throttled set-up calls are tried again this many times, waiting longer each time, as the AWS SDKs do. */
const SETUP_TRIES = 4;
const throttled = (c: RacedCall) => c.exchange.response?.status === 429;

/** Device 0 writes `changes` alone; the race cannot go on unless that is accepted. */
export async function setUp(race: Race, changes: ReadonlyArray<{ key: string; value: string }>): Promise<void> {
  let call: RacedCall | undefined;
  for (let attempt = 0; attempt < SETUP_TRIES && (call === undefined || throttled(call)); attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    const listed = await race.one(0, { kind: "list" });
    call = throttled(listed) ? listed : await race.one(0, { kind: "update", changes });
  }
  if (!ok(call!))
    throw new SetupFailure(`writing ${changes.map((c) => showText(c.key)).join(", ")} before the race`, `${call!.exchange.operation} did not answer 200`, call!.exchange);
}

/** Racing calls are answered as calls alone are (SHOULD): no server error, and writes at current counts accepted unless the interpretation allows refusals. */
function expectAnswered(t: TestContext, calls: readonly RacedCall[], refusable: (c: RacedCall) => boolean): void {
  if (t.choice("racing-writes") === "any") return;
  const failed = calls.filter((c) => (c.exchange.response?.status ?? 0) >= 500);
  const refused = calls.filter((c) => c.exchange.response?.status === 409 && !refusable(c));
  const wrong = [...failed, ...refused];
  if (wrong.length === 0) return;
  const shown = wrong.map((c) => c.call).join("; ");
  t.check("LR-RACE-ACCEPTED", false, "every racing call answered as if it came alone", () => shown, wrong[0]!.exchange);
}

export async function oneKey(t: TestContext): Promise<void> {
  const race = new Race(t, t.dataset("one-key"), t.plan.races.devices);
  const { keys, values } = raceContent(t);
  await setUp(race, [{ key: keys[0]!, value: values.at(-1)! }]);
  // An existing key at its count, then a key nobody has written yet (SyncCount 0); each device writes a value of its own.
  for (const key of keys.slice(0, 2)) {
    await everyoneLists(race);
    const calls = await race.together(all(race).map((device) => ({ device, move: { kind: "update", changes: [{ key, value: values[device]! }] } as Move })));
    const acked = calls.filter(ok);
    if (acked.length > 1) {
      throw raceFailure(
        "LR-RACE-ONE-WINNER",
        `one of the ${calls.length} writes of ${showText(key)}, all from one SyncCount, acknowledged; the others refused with 409`,
        `${acked.length} acknowledged`,
        race.calls,
        acked,
      );
    }
    for (const c of calls) if (!ok(c) && !unanswered(c)) t.expectConflict(c.exchange as RacedCall["exchange"] & { response: NonNullable<RacedCall["exchange"]["response"]> });
    // Refusals are right once one write won, or may have (an unanswered one); all refused is a failure under the interpretation.
    expectAnswered(t, calls, () => acked.length > 0 || calls.some(unanswered));
  }
  await race.one(0, { kind: "list" });
  expectLinearizable(t, race.calls);
}

export async function differentKeys(t: TestContext): Promise<void> {
  for (const [label, existing] of [
    ["some-written", true],
    ["new-dataset", false],
  ] as const) {
    const race = new Race(t, t.dataset(label), t.plan.races.devices);
    const { keys, values } = raceContent(t);
    const half = existing ? Math.floor(race.size / 2) : 0;
    // Keys written before the race, one call each, so their counts differ; case twins among them are separate keys.
    for (let i = 0; i < half; i++) await setUp(race, [{ key: keys[i]!, value: values.at(-1)! }]);
    await everyoneLists(race);
    const calls = await race.together(all(race).map((device) => ({ device, move: { kind: "update", changes: [{ key: keys[device]!, value: values[device]! }] } as Move })));
    const acked = calls.filter(ok);
    const counts = acked.map((c) => (c.op.kind === "update" && c.op.answer.status === "ok" ? c.op.answer.syncCount : undefined));
    const shared = acked.filter((_, i) => counts.indexOf(counts[i]) !== i || counts.lastIndexOf(counts[i]) !== i);
    if (shared.length > 0) {
      throw raceFailure(
        "LR-RACE-COUNTS",
        "each acknowledged write numbered with a SyncCount of its own",
        `${shared.length} acknowledged writes share a SyncCount`,
        race.calls,
        shared,
      );
    }
    expectAnswered(t, calls, () => false);
    // A device that synced at any count the race handed out must be told of every write after it.
    const before = half;
    for (const from of [before, ...counts.filter((c): c is number => c !== undefined)]) await race.one(0, { kind: "list", lastSyncCount: from });
    expectLinearizable(t, race.calls);
  }
}

export async function deleteRacingWrites(t: TestContext): Promise<void> {
  const race = new Race(t, t.dataset("deleted"), t.plan.races.devices);
  const { keys, values } = raceContent(t);
  await setUp(race, [
    { key: keys[0]!, value: values.at(-1)! },
    { key: keys[1]!, value: values.at(-1)! },
  ]);
  await everyoneLists(race);
  // New keys only: SyncCount 0 is right whether the write lands before the delete or after it.
  const moves = all(race).map((device) => ({
    device,
    move: device === 0 ? ({ kind: "delete" } as Move) : ({ kind: "update", changes: [{ key: keys[device + 1]!, value: values[device]! }] } as Move),
  }));
  const calls = await race.together(moves);
  expectAnswered(t, calls, () => true);
  await race.one(0, { kind: "list" });
  expectLinearizable(t, race.calls);
}
