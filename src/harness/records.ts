/** Comparing the records a scenario got with the records it wrote, and laying out what it writes. */
import { showText, textDifference } from "../content/show-text.js";
import { shuffled } from "../random.js";
import type { RecordOut } from "./answers.js";

export interface Expected {
  value: string | undefined;
  syncCount: number;
}

export interface RecordDiff {
  missing: string[];
  duplicated: string[];
  unexpected: string[];
  wrongValue: string[];
  wrongSyncCount: string[];
}

/** Every way `actual` differs from exactly-once delivery of `expected`. */
export function diffRecords(actual: readonly RecordOut[], expected: ReadonlyMap<string, Expected>): RecordDiff {
  const seen = new Map<string, number>();
  const diff: RecordDiff = { missing: [], duplicated: [], unexpected: [], wrongValue: [], wrongSyncCount: [] };
  for (const r of actual) {
    seen.set(r.Key, (seen.get(r.Key) ?? 0) + 1);
    const want = expected.get(r.Key);
    if (!want) {
      diff.unexpected.push(showText(r.Key));
      continue;
    }
    if ((r.Value ?? undefined) !== want.value) diff.wrongValue.push(`${showText(r.Key)} (${textDifference(want.value, r.Value)})`);
    if (r.SyncCount !== want.syncCount) diff.wrongSyncCount.push(`${showText(r.Key)} (${r.SyncCount}, written at ${want.syncCount})`);
  }
  for (const [key, n] of seen) if (n > 1 && expected.has(key)) diff.duplicated.push(`${showText(key)} (${n} times)`);
  for (const key of expected.keys()) if (!seen.has(key)) diff.missing.push(showText(key));
  return diff;
}

const list = (xs: string[]) => (xs.length > 8 ? `${xs.slice(0, 8).join(", ")} and ${xs.length - 8} more` : xs.join(", "));

export function describeDiff(d: Partial<RecordDiff>): string {
  const parts = Object.entries(d)
    .filter(([, xs]) => xs.length > 0)
    .map(([what, xs]) => `${what}: ${list(xs)}`);
  return parts.length > 0 ? parts.join("; ") : "no differences";
}

/** The records expected from a filter: those written at a sync count the predicate accepts. */
export function expectedWhere(all: ReadonlyMap<string, Expected>, keep: (syncCount: number) => boolean): Map<string, Expected> {
  return new Map([...all].filter(([, e]) => keep(e.syncCount)));
}

/**
 * Seed data for one UpdateRecords call per entry of `sizes`: keys `${prefix}0000` ... each with
 * a value naming it, dealt to the calls in an order drawn from `rnd`, so key order and write
 * order differ. Whatever the draw, the greatest key goes to the first call and the smallest to
 * the last: every page of a filtered listing then has keys of earlier writes on both sides (a
 * NextToken that forgets the filter shows), and no run's order happens to be the sorted one.
 */
export function spread(prefix: string, sizes: readonly number[], rnd: () => number): Array<Record<string, string>> {
  const total = sizes.reduce((a, b) => a + b, 0);
  const keys = Array.from({ length: total }, (_, i) => `${prefix}${String(i).padStart(4, "0")}`);
  const order = shuffled(keys, rnd);
  const place = (key: string, call: number) => {
    const from = sizes.slice(0, call).reduce((a, b) => a + b, 0);
    const at = order.indexOf(key);
    if (at >= from && at < from + sizes[call]!) return;
    const j = from + Math.floor(rnd() * sizes[call]!);
    [order[at], order[j]] = [order[j]!, order[at]!];
  };
  if (sizes.length > 1) {
    place(keys.at(-1)!, 0);
    place(keys[0]!, sizes.length - 1);
  }
  let next = 0;
  return sizes.map((n) => Object.fromEntries(order.slice(next, (next += n)).map((k) => [k, `value of ${k}`])));
}

/**
 * The page of a walk where it first went wrong, for the failure report: the first page holding
 * a record twice seen or unexpected, else the page that should have held the first missing
 * record (the page before the first one that starts after it, in (syncCount, key) order, the
 * order a server most likely pages in). Only a choice of what to show: any page is a fair answer.
 */
export function pageWhereWrong(pages: ReadonlyArray<{ records: readonly RecordOut[] }>, expected: ReadonlyMap<string, Expected>): number {
  const seen = new Set<string>();
  for (const [i, p] of pages.entries()) {
    for (const r of p.records) {
      if (seen.has(r.Key) || !expected.has(r.Key) || (r.Value ?? undefined) !== expected.get(r.Key)!.value) return i;
      seen.add(r.Key);
    }
  }
  const order = (count: number, key: string) => [count, key] as const;
  const after = (a: readonly [number, string], b: readonly [number, string]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
  const missing = [...expected].filter(([k]) => !seen.has(k)).map(([k, e]) => order(e.syncCount, k));
  if (missing.length === 0) return pages.length - 1;
  const first = missing.reduce((a, b) => (after(a, b) ? b : a));
  const next = pages.findIndex((p) => p.records.length > 0 && after(order(p.records.at(-1)!.SyncCount, p.records.at(-1)!.Key), first));
  if (next < 0) return pages.length - 1;
  const head = pages[next]!.records[0]!;
  return next > 0 && after(order(head.SyncCount, head.Key), first) ? next - 1 : next;
}
