/**
 * The race scenarios' rounds: devices released together by one barrier onto one dataset,
 * pushing one key at one SyncCount, different keys, writes racing a DeleteDataset, and a page
 * walk racing writes. Each round states its own checks, then hands every call it made to the
 * linearizability checker.
 */
import { SetupFailure } from "../harness/failure.js";
import type { TestContext } from "../harness/test-context.js";
import { expectLinearizable, raceFailure } from "./judge-race.js";
import { Race, type Move, type RacedCall } from "./race.js";

const ok = (c: RacedCall) => c.exchange.response?.status === 200;
/** Answers that say nothing about the race: none, a throttle, a server error. */
const unanswered = (c: RacedCall) => !c.exchange.response || c.exchange.response.status === 429 || c.exchange.response.status >= 500;
const all = (race: Race) => Array.from({ length: race.size }, (_, d) => d);

/** Every device lists the dataset, as a client does before it pushes (for its session token and counts). */
async function everyoneLists(race: Race): Promise<void> {
  await race.together(all(race).map((device) => ({ device, move: { kind: "list" } as Move })));
}

/** Device 0 writes `changes` alone; the race cannot go on unless that is accepted. */
async function setUp(race: Race, changes: Record<string, string>): Promise<void> {
  await race.one(0, { kind: "list" });
  const call = await race.one(0, { kind: "update", changes: Object.entries(changes).map(([key, value]) => ({ key, value })) });
  if (!ok(call)) throw new SetupFailure(`writing ${Object.keys(changes).join(", ")} before the race`, "UpdateRecords did not answer 200", call.exchange);
}

/** Racing calls are answered as calls alone are (SHOULD): no server error, and writes at current counts accepted unless the reading allows refusals. */
function expectAnswered(t: TestContext, calls: readonly RacedCall[], refusable: (c: RacedCall) => boolean): void {
  const failed = calls.filter((c) => (c.exchange.response?.status ?? 0) >= 500);
  const refused = calls.filter((c) => c.exchange.response?.status === 409 && !refusable(c));
  const strict = t.choice("racing-writes") === "accepted";
  const wrong = [...failed, ...(strict ? refused : [])];
  if (wrong.length === 0) return;
  const shown = wrong.map((c) => c.call).join("; ");
  t.check("LR-RACE-ACCEPTED", false, "every racing call answered as if it came alone", () => shown, wrong[0]!.exchange);
}

export async function oneKey(t: TestContext): Promise<void> {
  const race = new Race(t, t.dataset("one-key"), t.plan.races.devices);
  await setUp(race, { score: "before the race" });
  // An existing key at its count, then a key nobody has written yet (SyncCount 0).
  for (const key of ["score", "badge"]) {
    await everyoneLists(race);
    const calls = await race.together(all(race).map((device) => ({ device, move: { kind: "update", changes: [{ key, value: `device ${device + 1}` }] } as Move })));
    const acked = calls.filter(ok);
    if (acked.length > 1) {
      throw raceFailure(
        "LR-RACE-ONE-WINNER",
        `one of the ${calls.length} writes of ${key}, all from one SyncCount, acknowledged; the others refused with 409`,
        `${acked.length} acknowledged`,
        race.calls,
        acked,
      );
    }
    for (const c of calls) if (!ok(c) && !unanswered(c)) t.expectConflict(c.exchange as RacedCall["exchange"] & { response: NonNullable<RacedCall["exchange"]["response"]> });
    expectAnswered(t, calls, () => acked.length > 0);
    t.check("LR-RACE-ACCEPTED", acked.length > 0 || calls.some(unanswered), "one of the racing writes acknowledged", () => "every one refused", calls[0]!.exchange);
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
    const half = existing ? Math.floor(race.size / 2) : 0;
    // Keys written before the race, one call each, so their counts differ.
    for (let i = 0; i < half; i++) await setUp(race, { [`key-${i + 1}`]: "before the race" });
    await everyoneLists(race);
    const calls = await race.together(
      all(race).map((device) => ({ device, move: { kind: "update", changes: [{ key: `key-${device + 1}`, value: `device ${device + 1}` }] } as Move })),
    );
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
  await setUp(race, { kept: "before the race", other: "before the race" });
  await everyoneLists(race);
  // New keys only: SyncCount 0 is right whether the write lands before the delete or after it.
  const moves = all(race).map((device) => ({
    device,
    move: device === 0 ? ({ kind: "delete" } as Move) : ({ kind: "update", changes: [{ key: `new-${device}`, value: `device ${device + 1}` }] } as Move),
  }));
  const calls = await race.together(moves);
  expectAnswered(t, calls, () => true);
  await race.one(0, { kind: "list" });
  expectLinearizable(t, race.calls);
}

/** Pages of a walk a broken endpoint may hand out before the round gives up on it. */
const MAX_PAGES = 30;

export async function walkRacingWrites(t: TestContext): Promise<void> {
  const race = new Race(t, t.dataset("walked"), t.plan.races.devices);
  const keys = Array.from({ length: 12 }, (_, i) => `key-${String(i + 1).padStart(2, "0")}`);
  for (let i = 0; i < keys.length; i += 2) await setUp(race, { [keys[i]!]: "before the race", [keys[i + 1]!]: "before the race" });
  const writers = all(race).slice(1);
  await race.together(writers.map((device) => ({ device, move: { kind: "list" } as Move })));
  const walk = [await race.one(0, { kind: "list", maxResults: 2 })];
  // Writers update records the walk has passed and records it has yet to reach, while it asks for its next page.
  const passed = (walk[0]!.op.kind === "list" ? walk[0]!.op.page?.records : undefined)?.map((r) => r.Key) ?? [];
  const targets = writers.map((_, i) => (i % 2 === 0 ? passed[(i / 2) % Math.max(passed.length, 1)] : keys.at(-1 - (i - 1) / 2)) ?? keys[0]!);
  const nextOf = (c: RacedCall) => (c.op.kind === "list" ? (c.op.page?.body.NextToken ?? undefined) : undefined);
  let next = nextOf(walk[0]!);
  if (next !== undefined) {
    const moves = [
      { device: 0, move: { kind: "list", maxResults: 2, nextToken: next } as Move },
      ...writers.map((device, i) => ({ device, move: { kind: "update", changes: [{ key: targets[i]!, value: `device ${device + 1}` }] } as Move })),
    ];
    walk.push((await race.together(moves))[0]!);
    next = nextOf(walk.at(-1)!);
  }
  while (next !== undefined && walk.length < MAX_PAGES) {
    walk.push(await race.one(0, { kind: "list", maxResults: 2, nextToken: next }));
    next = nextOf(walk.at(-1)!);
  }
  if (next !== undefined) throw raceFailure("LR-RACE-WALK", `a walk that ends within ${MAX_PAGES} pages`, "still a NextToken", race.calls, walk);
  const pages = walk.flatMap((c) => (c.op.kind === "list" && c.op.page ? [c.op.page] : []));
  if (pages.length < walk.length) throw new SetupFailure("walking the dataset while writes land", "a page of the walk got no usable answer", walk.find((c) => !ok(c))!.exchange);
  // What a sync client holds afterwards: the walk, then the changes after the last page's DatasetSyncCount.
  const after = await race.one(0, { kind: "list", lastSyncCount: pages.at(-1)!.body.DatasetSyncCount ?? 0 });
  const truth = await race.one(1, { kind: "list" });
  const held = new Map<string, string | null | undefined>();
  for (const c of [...walk, after]) if (c.op.kind === "list") for (const r of c.op.page?.records ?? []) held.set(r.Key, r.Value);
  const final = truth.op.kind === "list" ? (truth.op.page?.records ?? []) : [];
  const wrong = final
    .filter((r) => held.get(r.Key) !== r.Value)
    .map((r) => `${r.Key}: the device holds ${held.has(r.Key) ? JSON.stringify(held.get(r.Key)) : "nothing"}, the dataset ${JSON.stringify(r.Value)}`);
  if (wrong.length > 0) {
    throw raceFailure(
      "LR-RACE-WALK",
      "after the walk and a sync from its last page's DatasetSyncCount, the device holds every record's latest value",
      wrong.join("; "),
      race.calls,
      [...walk, after, truth],
    );
  }
  expectLinearizable(t, race.calls);
}
