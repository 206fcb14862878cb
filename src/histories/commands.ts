/**
 * The calls a history is made of, as fast-check commands: UpdateRecords (new, existing and
 * removed keys, several patches, current or stale counts), ListRecords (one page or a whole
 * walk, from counts the history has seen, repeated after a change) and DeleteDataset, by two
 * identities over the same dataset names. Each runs against the endpoint, then judges the
 * answer against the model through the same checks as the fixed scenarios.
 *
 * A command's parameters are abstract (which key, which seen count) and resolved against the
 * model when it runs, so any shrunk history is still a valid one.
 */
import fc from "fast-check";
import { keyWithTwin, recordKey, recordValue } from "../content/arbitraries.js";
import { textOfLength } from "../content/samples.js";
import { showText, textDifference } from "../content/show-text.js";
import { deleteDatasetRequest, listRecordsRequest, updateRecordsRequest, type ListRecordsQuery } from "../http/cognito-sync.js";
import type { Exchange } from "../http/exchange.js";
import type { ListResult } from "../harness/answers.js";
import { SetupFailure } from "../harness/failure.js";
import { resolvedErrorType } from "../harness/well-formed.js";
import { judgeListing, type Listing } from "../model/judge-listing.js";
import { twinsOf } from "../model/keys.js";
import { syncCountOf, type DatasetState } from "../model/service-model.js";
import type { CallRequirement } from "./requirements.js";
import { IDENTITIES, World, type HistoryModel } from "./world.js";

type Command = fc.AsyncCommand<HistoryModel, World>;
/** How many keys a history writes: drawn per history (see historyKeys), the first two case twins. */
export const KEY_COUNT = 3;
const where = (who: number, n: number) => `identity ${IDENTITIES[who]}, dataset ${n}`;

class Update implements Command {
  constructor(readonly a: { who: number; n: number; changes: Array<{ key: number; remove: boolean; text: string | undefined }>; stale: number | undefined }) {}
  check = () => true;
  toString = () => `UpdateRecords(${where(this.a.who, this.a.n)})`;

  async run(m: HistoryModel, w: World): Promise<void> {
    const { at, key, as } = w.address(this.a.who, this.a.n);
    const records = m.service.state(key).current?.records;
    m.values += 1;
    // Removing a key with no value would ask what the sources never say; it writes one instead.
    // A value is generated content, or numbered (v1, v2 ...) so that a stale one is told from the latest.
    const changes = this.a.changes.map((c) => ({
      key: w.keys[c.key]!,
      value: c.remove && records?.get(w.keys[c.key]!)?.value !== undefined ? undefined : (c.text ?? `v${m.values}`),
    }));
    const staleKey = this.a.stale === undefined ? undefined : changes[this.a.stale % changes.length]!.key;
    const update = m.service.plan(key, changes, staleKey);
    const token = await w.sessionToken(at, as, where(this.a.who, this.a.n));
    const patches = update.patches.map((p) => ({
      Op: p.value === undefined ? ("remove" as const) : ("replace" as const),
      Key: p.key,
      ...(p.value === undefined ? {} : { Value: p.value }),
      SyncCount: p.syncCount,
    }));
    const ex = await w.t.send(updateRecordsRequest(at, token, patches), as, "check");
    const shown = update.patches.map((p) => `${showText(p.key)}${p.value === undefined ? " removed" : `=${showText(p.value)}`} (SyncCount ${p.syncCount})`).join(", ");
    w.record(`UpdateRecords ${where(this.a.who, this.a.n)}: ${shown}${update.outcome === "conflict" ? `; ${update.staleKey}'s count is stale` : ""}`, ex);
    if (update.outcome === "conflict") {
      w.verdicts.expectConflict(ex);
      return m.service.refuse(key, update);
    }
    // Refused although every count is current: the endpoint holds something the model says it must not (a refused call that changed a record shows here first).
    // Refused while a key that differs only in case is held: a store that takes the one for the other.
    const touchedByRefusal = update.patches.some((p) => m.service.state(key).refused.some((r) => r.key === p.key));
    // ... unless another identity holds the key at a higher count (a store that checks counts across identities).
    const higherElsewhere = (p: { key: string; syncCount: number }) =>
      IDENTITIES.some((_, other) => other !== this.a.who && (m.service.state(World.key(other, this.a.n)).current?.records.get(p.key)?.syncCount ?? 0) > p.syncCount);
    const twinHeld = update.patches.some((p) => twinsOf(p.key, records?.keys() ?? []).length > 0 && !higherElsewhere(p));
    const shownCounts = () => `HTTP ${ex.response.status} ${resolvedErrorType(ex) ?? ""}`.trim();
    w.verdicts.check(
      touchedByRefusal ? "LR-WRITE-CONFLICT" : twinHeld ? "LR-CONTENT-KEY-CASE" : "LR-WRITE-CURRENT",
      ex.response.status === 200,
      "UpdateRecords accepts patches that carry each record's current SyncCount",
      shownCounts,
      ex,
    );
    const answered = (ex.response.json as { Records?: Array<{ SyncCount?: unknown }> } | undefined)?.Records?.[0]?.SyncCount;
    const problem = m.service.apply(key, update, typeof answered === "number" ? answered : undefined);
    w.verdicts.check("LR-SYNC-DATASET-COUNT", problem === undefined, "each UpdateRecords call numbered one above the last", () => problem!, ex);
    const life = m.service.state(key);
    m.seen.set(key, [...(m.seen.get(key) ?? []), { count: syncCountOf(life.current!)!, life: life.gone.length }]);
  }
}

type From = { kind: "zero" | "absent" | "repeat" | "future" } | { kind: "seen"; pick: number };

class List implements Command {
  constructor(readonly a: { who: number; n: number; from: From; maxResults: number | undefined; walk: boolean }) {}
  check = () => true;
  toString = () => `ListRecords(${where(this.a.who, this.a.n)}, ${this.a.from.kind}, ${this.a.walk ? "walk" : "one page"})`;

  async run(m: HistoryModel, w: World): Promise<void> {
    const { at, key, as } = w.address(this.a.who, this.a.n);
    const s = m.service.state(key);
    const q = this.resolve(m, key);
    m.lastQuery.set(key, {
      ...(q.lastSyncCount === undefined ? {} : { lastSyncCount: q.lastSyncCount }),
      ...(q.maxResults === undefined ? {} : { maxResults: q.maxResults }),
      walk: q.walk,
    });
    const query: ListRecordsQuery = {
      ...(q.lastSyncCount === undefined ? {} : { lastSyncCount: q.lastSyncCount }),
      ...(q.maxResults === undefined ? {} : { maxResults: q.maxResults }),
    };
    const call = `ListRecords ${where(this.a.who, this.a.n)}: ${q.walk ? "walk" : "one page"}, lastSyncCount ${q.lastSyncCount ?? "absent"}, maxResults ${q.maxResults ?? "absent"}`;
    if (q.origin === "future") {
      const r = await w.t.listRequest(listRecordsRequest(at, query), as);
      w.record(call, r.exchange);
      if (w.choices.future === "error")
        w.verdicts.expectError(r, { requirement: "LR-SYNC-FUTURE", equals: 400 }, { requirement: "LR-SYNC-FUTURE", equals: "InvalidParameterException" });
      return;
    }
    const L = q.lastSyncCount ?? 0;
    const because: CallRequirement =
      !s.current && q.origin !== "gone"
        ? s.gone.length > 0
          ? "LR-MISSING-AFTER-DELETE"
          : "LR-MISSING-200"
        : q.origin === "gone"
          ? "LR-DELETED-VISIBLE"
          : L === 0
            ? "LR-SYNC-ALL"
            : "LR-SYNC-AFTER";
    let pages: ListResult[];
    try {
      pages = q.walk ? (await w.t.walk(at, query, because, (s.current?.records.size ?? 0) + 1, as)).pages : [await w.t.list(at, query, because, { as })];
    } catch (e) {
      // The call that broke (or got no answer) is the history's last step.
      const exchange = (e as { exchange?: Exchange }).exchange;
      if (exchange) w.record(call, exchange);
      throw e;
    }
    w.record(call, pages[0]!.exchange);
    const listing: Listing = {
      lastSyncCount: L,
      origin: q.origin,
      pages,
      complete: q.walk || !pages[0]!.body.NextToken,
      ...(q.maxResults === undefined ? {} : { maxResults: q.maxResults }),
    };
    for (const v of judgeListing(s, listing, w.choices)) {
      const got = v.texts ? `${v.got}: ${textDifference(v.texts.stored, v.texts.returned)}` : v.got;
      w.verdicts.check(v.requirement, false, v.expected, () => got, pages[v.page]!.exchange);
    }
  }

  /** The query this command asks, from what the history has seen so far. */
  private resolve(m: HistoryModel, key: string): { lastSyncCount?: number; maxResults?: number; walk: boolean; origin: Listing["origin"] | "future" } {
    const s = m.service.state(key);
    const base = { ...(this.a.maxResults === undefined ? {} : { maxResults: this.a.maxResults }), walk: this.a.walk };
    const from = this.a.from;
    const seen = m.seen.get(key) ?? [];
    if (from.kind === "repeat") {
      const last = m.lastQuery.get(key);
      const origin = last && originOf(seen, last.lastSyncCount ?? 0, s);
      if (last && origin) return { ...last, origin };
    }
    if (from.kind === "seen" && seen.length > 0) {
      const picked = seen[from.pick % seen.length]!;
      return { ...base, lastSyncCount: picked.count, origin: picked.life === s.gone.length && s.current ? "current" : "gone" };
    }
    if (from.kind === "future" && s.current && s.gone.length === 0) return { ...base, lastSyncCount: syncCountOf(s.current)! + 1, origin: "future" };
    return from.kind === "absent" ? { ...base, origin: "zero" } : { ...base, lastSyncCount: 0, origin: "zero" };
  }
}

/** Where a repeated lastSyncCount now stands (the dataset may have been deleted since), or undefined if it no longer means anything. */
function originOf(seen: ReadonlyArray<{ count: number; life: number }>, L: number, s: DatasetState): Listing["origin"] | "future" | undefined {
  if (L === 0) return "zero";
  const hit = seen.find((x) => x.count === L);
  if (hit) return hit.life < s.gone.length || !s.current ? "gone" : "current";
  return s.current && s.gone.length === 0 && L > syncCountOf(s.current)! ? "future" : undefined;
}

class Delete implements Command {
  constructor(readonly a: { who: number; n: number }) {}
  check = () => true;
  toString = () => `DeleteDataset(${where(this.a.who, this.a.n)})`;

  async run(m: HistoryModel, w: World): Promise<void> {
    const { at, key, as } = w.address(this.a.who, this.a.n);
    const existed = m.service.state(key).current !== undefined;
    const ex = await w.t.send(deleteDatasetRequest(at), as, "check");
    w.record(`DeleteDataset ${where(this.a.who, this.a.n)}`, ex);
    if (existed && ex.response.status !== 200) throw new SetupFailure(`deleting ${at.datasetName} through DeleteDataset`, "DeleteDataset did not answer 200", ex);
    m.service.delete(key);
  }
}

/**
 * A value as a history writes it: mostly numbered (undefined here), else the empty string, generated
 * text of any kind, or text at a width where databases cut; small enough for many calls.
 */
export const historyValue: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.constant(""), weight: 1 },
  { arbitrary: recordValue().filter((v) => v.length <= 40), weight: 2 },
  { arbitrary: fc.constantFrom(256, 4001).chain((n) => fc.constantFrom("x", "é", "😀").map((unit) => textOfLength(n, unit))), weight: 1 },
);

/** The keys of one history: a key with a cased letter, its case twin, and one more key, all generated. */
export const historyKeys: fc.Arbitrary<string[]> = fc
  .tuple(
    keyWithTwin,
    recordKey.filter((k) => k.length <= 40),
  )
  .filter(([[a, b], c]) => c !== a && c !== b)
  .map(([[a, b], c]) => [a, b, c]);

// Mostly one dataset name, so calls build on each other; both identities use it, to look for leaks.
const who = fc.nat(1);
const n = fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.constant(1), weight: 1 });

/** Histories of up to `maxCommands` calls; `replayPath` is fast-check's record of which commands ran, for an exact replay. */
export function historyCommands(maxCommands: number, replayPath?: string) {
  const update = fc
    .record({
      who,
      n,
      changes: fc.uniqueArray(fc.record({ key: fc.nat(KEY_COUNT - 1), remove: fc.boolean(), text: historyValue }), { minLength: 1, maxLength: 2, selector: (c) => c.key }),
      stale: fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.nat(1), weight: 1 }),
    })
    .map((a) => new Update(a));
  const from: fc.Arbitrary<From> = fc.oneof(
    { arbitrary: fc.nat(7).map((pick): From => ({ kind: "seen", pick })), weight: 3 },
    { arbitrary: fc.constantFrom<From>({ kind: "zero" }, { kind: "repeat" }), weight: 3 },
    { arbitrary: fc.constantFrom<From>({ kind: "absent" }, { kind: "future" }), weight: 1 },
  );
  const list = fc
    .record({
      who,
      n,
      from,
      maxResults: fc.constantFrom(undefined, 1024, 1, 2),
      walk: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
    })
    .map((a) => new List(a));
  const remove = fc.record({ who, n }).map((a) => new Delete(a));
  return fc.commands([update, update, update, list, list, list, remove], { maxCommands, size: "max", ...(replayPath === undefined ? {} : { replayPath }) });
}
