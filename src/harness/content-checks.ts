/**
 * Record content written and read back the ways AWS's clients read it: UpdateRecords' own
 * answer (every client stores the values it carries), a full listing without maxResults (the
 * iOS client), a walk in small pages (the Android and JavaScript clients page) and an
 * incremental listing. Every difference fails the requirement the scenario names, shown by
 * where the texts first differ, never by printing megabytes.
 */
import type { RequirementId } from "../requirement-ids.js";
import type { Exchange, ReceivedResponse } from "../http/exchange.js";
import { showText, textDifference } from "../content/show-text.js";
import type { SeededDataset, Update } from "./answers.js";
import { expectedWhere } from "./records.js";
import type { TestContext } from "./test-context.js";

export type Written = Exchange & { response: ReceivedResponse };

/** Writes `updates` one UpdateRecords call each, to `ds` or a fresh dataset; a refusal fails `because`. */
export async function store(
  t: TestContext,
  label: string,
  updates: readonly Update[],
  because: RequirementId,
  ds: SeededDataset = { ...t.dataset(label), syncCount: 0, records: new Map() },
) {
  const answers: Written[] = [];
  for (const u of updates) answers.push(await t.write(ds, u, { because }));
  return { ds, answers };
}

/** Each record an UpdateRecords answer holds carries the value its patch sent. */
export function checkAnswer(t: TestContext, requirement: RequirementId, update: Update, ex: Written): void {
  const records = (ex.response.json as { Records?: Array<{ Key?: string; Value?: string | null }> } | undefined)?.Records;
  for (const r of Array.isArray(records) ? records : []) {
    if (typeof r.Key !== "string" || !Object.hasOwn(update, r.Key)) continue;
    const sent = update[r.Key] ?? undefined;
    const got = r.Value ?? undefined;
    t.check(requirement, got === sent, "UpdateRecords' answer carries each record with the value written", () => `${showText(r.Key)}: ${textDifference(sent, got)}`, ex);
  }
}

/**
 * Reads `ds` back every way: the answers to `updates`, one full listing, a walk in pages of
 * `pageSize` and, after two writes or more, the changes after the first; each must hold exactly
 * what was written.
 */
export async function readBack(
  t: TestContext,
  requirement: RequirementId,
  ds: SeededDataset,
  updates: readonly Update[],
  answers: readonly Written[],
  pageSize = 2,
): Promise<void> {
  updates.forEach((u, i) => checkAnswer(t, requirement, u, answers[i]!));
  const full = await t.list(ds, { lastSyncCount: 0 }, requirement);
  t.expectExactly(requirement, full.records, ds.records, full.exchange);
  const walk = await t.walk(ds, { lastSyncCount: 0, maxResults: pageSize }, requirement, ds.records.size);
  t.expectExactly(requirement, walk.records, ds.records, walk.pages);
  if (ds.syncCount < 2) return;
  const later = await t.walk(ds, { lastSyncCount: 1, maxResults: pageSize }, requirement, ds.records.size);
  // Records from before the filter are the sync-count scenarios' to judge; here only the content counts.
  const after = later.records.filter((r) => (ds.records.get(r.Key)?.syncCount ?? Infinity) > 1);
  t.expectExactly(
    requirement,
    after,
    expectedWhere(ds.records, (n) => n > 1),
    later.pages,
  );
}
