/**
 * The walk round: one device walks a dataset in pages of two while the others update records it
 * has passed and records it has yet to reach; then it syncs from its last page's
 * DatasetSyncCount, as the Android and JavaScript clients do, and must hold every record's latest
 * value. Which version of a record a page shows while writes land is left open.
 */
import { SetupFailure } from "../harness/failure.js";
import type { TestContext } from "../harness/test-context.js";
import { expectLinearizable, raceFailure } from "./judge-race.js";
import { showText } from "../content/show-text.js";
import { raceContent } from "./race-content.js";
import { Race, type Move, type RacedCall } from "./race.js";
import { all, ok, setUp } from "./rounds.js";

/** Pages of a walk a broken endpoint may hand out before the round gives up on it. */
const MAX_PAGES = 30;

export async function walkRacingWrites(t: TestContext): Promise<void> {
  const race = new Race(t, t.dataset("walked"), t.plan.races.devices);
  const content = raceContent(t);
  // Greatest keys first: a walk in (SyncCount, key) order is never key order.
  const keys = content.keys.slice(0, 12).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const before = content.values.at(-1)!;
  // Four records a call: pages of two never line up with the calls that wrote them.
  for (let i = 0; i < keys.length; i += 4)
    await setUp(
      race,
      keys.slice(i, i + 4).map((key) => ({ key, value: before })),
    );
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
      ...writers.map((device, i) => ({ device, move: { kind: "update", changes: [{ key: targets[i]!, value: content.values[device]! }] } as Move })),
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
    .map((r) => `${showText(r.Key)}: the device holds ${held.has(r.Key) ? showText(held.get(r.Key)) : "nothing"}, the dataset ${showText(r.Value)}`);
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
