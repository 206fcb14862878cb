/**
 * Linearizability of one dataset's history of overlapping calls, as Knossos and Porcupine
 * decide it: is there one order of the calls, each placed somewhere between its start and its
 * end, under which the service model gives every answer the endpoint gave? Per key,
 * UpdateRecords is a compare-and-set on SyncCount; the dataset's count orders the writes.
 *
 * The search goes depth first over the calls that may come next, and remembers every
 * (calls placed, model state) pair already shown to lead nowhere. A call without a usable
 * answer (none, a throttle, a 5xx) may have taken effect at any point after it started, or
 * never: it constrains nothing. A refusal (409) of a call whose counts were current is
 * explained when another write overlapped it: the documented "changed by another call". A
 * count newer than the record's may be taken or refused: the catalogue leaves it open.
 */
import { judgeListing, type Choices, type SeenPage } from "./judge-listing.js";
import { ServiceModel, syncCountOf, type PlannedPatch } from "./service-model.js";

export type RacedOp =
  | { kind: "update"; patches: readonly PlannedPatch[]; answer: { status: "ok"; syncCount: number | undefined } | { status: "conflict" } | { status: "unknown" } }
  | { kind: "list"; lastSyncCount: number; page: SeenPage | undefined; /** A page after the first of a walk. */ continued: boolean }
  | { kind: "delete"; answer: "ok" | "missing" | "conflict" | "unknown" };

export interface TimedOp {
  /** When the call was sent and when its answer was complete, in milliseconds on one clock. */
  start: number;
  end: number;
  op: RacedOp;
}

export type Explanation = { explained: true; order: number[] } | { explained: false; unexplained: number[] } | { explained: "undecided"; why: string };

/** States one search may visit before it gives up undecided (never a verdict). */
const BUDGET = 200_000;
/**
 * The search runs on the suite's own thread, where other scenarios' requests wait on it: the
 * first search gives up undecided after SEARCH_MS, and cutting down an unexplained set stops
 * after SMALLEST_MS with the set found so far.
 */
const SEARCH_MS = 2_000;
const SMALLEST_MS = 1_000;
const DATASET = "d";
/** The most calls one check takes. */
export const MAX_OPS = 120;

export function explain(ops: readonly TimedOp[], choices: Choices): Explanation {
  if (ops.length > MAX_OPS) return { explained: "undecided", why: `${ops.length} calls; the checker takes at most ${MAX_OPS}` };
  const found = search(ops, new Set(), choices, performance.now() + SEARCH_MS);
  if (found === "budget") return { explained: "undecided", why: `no order found within ${BUDGET} steps or ${SEARCH_MS} ms` };
  if (found) return { explained: true, order: found };
  return { explained: false, unexplained: smallest(ops, choices) };
}

/**
 * The calls whose answers no order explains, cut down one call at a time: a call leaves the
 * set when the rest stay unexplained with its answer forgotten (its effect then allowed
 * anywhere after its start, or nowhere). Listings go first, then refusals, then the writes
 * that started last, so the set keeps the writes a report most needs. A write that overlapped
 * no other call is never forgotten: it is the history's settled part (forgetting it would only
 * multiply the orders to try), blamed only when nothing that overlapped can be.
 */
function smallest(ops: readonly TimedOp[], choices: Choices): number[] {
  const rank = (i: number) => (ops[i]!.op.kind === "list" ? 0 : isRefusal(ops[i]!.op) ? 1 : 2);
  const overlapping = (i: number) => ops.some((o, j) => j !== i && o.start < ops[i]!.end && ops[i]!.start < o.end);
  const candidates = ops.map((_, i) => i).filter((i) => !forgotten(ops[i]!.op));
  const tries = candidates.filter((i) => ops[i]!.op.kind === "list" || overlapping(i)).sort((a, b) => rank(a) - rank(b) || ops[b]!.start - ops[a]!.start);
  const dropped = new Set<number>();
  const deadline = performance.now() + SMALLEST_MS;
  for (const i of tries) {
    dropped.add(i);
    if (search(ops, dropped, choices, deadline) !== undefined) dropped.delete(i);
  }
  // The settled writes are context, shown only when nothing that overlapped is to blame.
  const blamed = tries.filter((i) => !dropped.has(i)).sort((a, b) => a - b);
  return blamed.length > 0 ? blamed : candidates.filter((i) => !dropped.has(i));
}

const isRefusal = (op: RacedOp) => (op.kind === "update" && op.answer.status === "conflict") || (op.kind === "delete" && op.answer === "conflict");
/** A call whose answer says nothing: it may or may not have taken effect. */
const forgotten = (op: RacedOp) => (op.kind === "list" ? op.page === undefined : op.kind === "update" ? op.answer.status === "unknown" : op.answer === "unknown");

/** An order of all calls that explains every answer, undefined when none does, or "budget". */
function search(ops: readonly TimedOp[], dropped: ReadonlySet<number>, choices: Choices, deadline = Infinity): number[] | undefined | "budget" {
  const unknown = ops.map((o, i) => dropped.has(i) || forgotten(o.op));
  const bit = (i: number) => 1n << BigInt(i);
  // A listing without an answer to judge changes nothing: it is left out of every order.
  const skipped = ops.reduce((mask, o, i) => (unknown[i] && o.op.kind === "list" ? mask | bit(i) : mask), 0n);
  const all = (1n << BigInt(ops.length)) - 1n;
  const end = ops.map((o, i) => (unknown[i] ? Infinity : o.end));
  const writes = ops.map((o) => o.op.kind !== "list");
  const overlapped = ops.map((o, i) => ops.some((p, j) => j !== i && writes[j] && p.start < o.end && o.start < p.end));
  const dead = new Set<string>();
  const order: number[] = [];
  let steps = 0;

  // A call may go next only if no call still waiting had already ended when it started.
  const eligible = (i: number, done: bigint) => !(done & bit(i)) && !ops.some((_, j) => j !== i && !(done & bit(j)) && end[j]! < ops[i]!.start);
  const go = (model: ServiceModel, done: bigint): boolean | "budget" => {
    if (done === all) return true;
    const memo = `${done}|${fingerprint(model)}`;
    if (dead.has(memo)) return false;
    if (++steps > BUDGET || (steps % 1024 === 0 && performance.now() > deadline)) return "budget";
    const place = (i: number, next: ServiceModel) => {
      order.push(i);
      const r = go(next, done | bit(i));
      if (!r) order.pop();
      return r;
    };
    // A call that leaves the state as it is (a listing, a refusal), explained here, may as well
    // go now: any order that places it later still works with it here. No other choice is tried.
    for (let i = 0; i < ops.length; i++) {
      if (unknown[i] || !eligible(i, done)) continue;
      const next = outcomes(model, ops[i]!.op, false, overlapped[i]!, choices);
      if (next.length === 1 && next[0] === model) {
        const r = place(i, model);
        if (!r) dead.add(memo);
        return r;
      }
    }
    for (let i = 0; i < ops.length; i++) {
      if (!eligible(i, done)) continue;
      for (const next of outcomes(model, ops[i]!.op, unknown[i]!, overlapped[i]!, choices)) {
        const r = place(i, next);
        if (r) return r;
      }
    }
    dead.add(memo);
    return false;
  };

  const r = go(new ServiceModel(), skipped);
  return r === "budget" ? r : r ? [...order] : undefined;
}

/** The model after `op` at this point, for each way its answer can be explained there (none: it cannot). */
function outcomes(model: ServiceModel, op: RacedOp, unknown: boolean, overlapped: boolean, choices: Choices): ServiceModel[] {
  const s = model.state(DATASET);
  if (op.kind === "list") {
    if (unknown || !op.page) return [model];
    const L = op.lastSyncCount;
    // A count from before a delete may name the deleted life or the live one; judgeListing weighs both.
    const origin = L === 0 ? "zero" : s.gone.length === 0 ? "current" : "gone";
    return judgeListing(s, { lastSyncCount: L, origin, pages: [op.page], complete: !op.continued && !op.page.body.NextToken }, choices).length === 0 ? [model] : [];
  }
  if (op.kind === "delete") {
    const deleted = () => {
      const next = model.clone();
      next.delete(DATASET);
      return next;
    };
    if (unknown) return [model, deleted()];
    if (op.answer === "missing") return s.current ? [] : [model];
    if (op.answer === "conflict") return overlapped ? [model] : [];
    return [deleted()];
  }
  const standing = model.standing(DATASET, op.patches);
  const stale = standing === "stale";
  const applied = (answered: number | undefined) => {
    const next = model.clone();
    return next.apply(DATASET, { patches: [...op.patches], outcome: "applied" }, answered) === undefined ? [next] : [];
  };
  // A count never seen (no answer, or none in it): any numbering the model allows for the write.
  const gone = s.gone.at(-1)?.finalCount;
  const guesses = s.current?.base !== undefined || !gone ? [undefined] : [1, gone + 1];
  if (unknown) return stale ? [model] : [model, ...guesses.flatMap(applied)];
  if (op.answer.status === "conflict") return stale || standing === "ahead" || overlapped ? [model] : [];
  const answered = op.answer.status === "ok" ? op.answer.syncCount : undefined;
  return stale ? [] : answered === undefined ? guesses.flatMap(applied) : applied(answered);
}

/** What the search remembers a model state by: everything a later answer can depend on. */
function fingerprint(model: ServiceModel): string {
  const s = model.state(DATASET);
  const live = s.current;
  const records = live ? [...live.records].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : null;
  return JSON.stringify([records, live && syncCountOf(live), live?.base, s.gone.map((g) => g.finalCount)]);
}
