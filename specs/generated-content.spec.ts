/**
 * Generated record content: batches drawn from the service model's constraints (any Unicode,
 * JSON-like text, whitespace, empty values, the widths where databases cut, case twins; see
 * src/content/arbitraries.ts), seeded by the run and written one batch per dataset. A failing
 * batch is shrunk by fast-check to the smallest that still breaks the same requirement.
 */
import { deleteDatasetRequest } from "../src/http/cognito-sync.js";
import { showText } from "../src/content/show-text.js";
import { checkAnswer, store } from "../src/harness/content-checks.js";
import { conformance } from "../src/harness/conformance.js";
import { ConformanceFailure } from "../src/harness/failure.js";
import { diffRecords, type Expected } from "../src/harness/records.js";
import { fold } from "../src/model/keys.js";
import type { RequirementId } from "../src/requirement-ids.js";
import type { RecordOut, TestContext } from "../src/harness/test-context.js";

const AREA = "record-content";
/** Batches per run: each is a dataset, a write and two reads. */
const RUNS = 3;
const MAX_RECORDS = 8;
/** Shrinking a failure stops after this long, keeping the smallest batch found by then. */
const SHRINK_MS = 20_000;

type Batch = Array<{ key: string; value: string }>;

/** Whether some keys of the batch differ only in case, accents or normalisation. */
const twins = (batch: Batch) => new Set(batch.map((r) => fold(r.key))).size !== batch.length;
/** Whether a record came back holding, instead of its own value, the value its case twin was written with. */
function swapped(records: ReadonlyArray<{ Key?: string; Value?: string | null }>, batch: Batch): boolean {
  return records.some((r) => {
    const value = r.Value ?? undefined;
    const own = batch.find((w) => w.key === r.Key);
    return own !== undefined && own.value !== value && batch.some((w) => w.key !== r.Key && fold(w.key) === fold(own.key) && w.value === value);
  });
}

/** The requirement a listing breaks: keys lost, invented or swapped with a twin's, else values changed. */
function broken(records: readonly RecordOut[], expected: ReadonlyMap<string, Expected>, batch: Batch): RequirementId | undefined {
  const d = diffRecords(records, expected);
  if (d.missing.length + d.unexpected.length + d.duplicated.length > 0 || (d.wrongValue.length > 0 && swapped(records, batch)))
    return twins(batch) ? "LR-CONTENT-KEY-CASE" : "LR-CONTENT-KEY";
  return d.wrongValue.length > 0 ? "LR-CONTENT-VALUE" : undefined;
}

/** One batch in a dataset of its own: written, then read whole and in pages of 3. */
async function roundTrip(t: TestContext, batch: Batch): Promise<void> {
  const update = Object.fromEntries(batch.map((r) => [r.key, r.value]));
  const { ds, answers } = await store(t, "generated", [update], "LR-CONTENT-VALUE");
  try {
    // An answer holding one twin's value under the other's key shows a collation, not a changed value.
    const answered = (answers[0]!.response.json as { Records?: RecordOut[] } | undefined)?.Records;
    checkAnswer(t, Array.isArray(answered) && swapped(answered, batch) ? "LR-CONTENT-KEY-CASE" : "LR-CONTENT-VALUE", update, answers[0]!);
    const full = await t.list(ds, { lastSyncCount: 0 }, "LR-CONTENT-VALUE");
    const walk = await t.walk(ds, { lastSyncCount: 0, maxResults: 3 }, "LR-CONTENT-VALUE", batch.length);
    for (const [records, shown] of [
      [full.records, full.exchange],
      [walk.records, walk.pages],
    ] as const) {
      const requirement = broken(records, ds.records, batch);
      if (requirement) t.expectExactly(requirement, records, ds.records, shown);
    }
  } finally {
    // Shrinking writes many batches: each dataset goes at once, so none piles up against the per-identity quota.
    await t.send(deleteDatasetRequest(ds), "developer", "setup").catch(() => undefined);
  }
}

describe("generated record content", () => {
  conformance(
    AREA,
    "generated records (any Unicode, JSON-like text, whitespace, empty values, widths where databases cut, case twins) come back exactly",
    ["LR-CONTENT-VALUE", "LR-CONTENT-KEY", "LR-CONTENT-KEY-CASE"],
    async (t) => {
      // Loaded when the scenario runs: listing the suite never pays for fast-check.
      const [{ default: fc }, { recordBatch }] = await Promise.all([import("fast-check"), import("../src/content/arbitraries.js")]);
      let fatal: unknown;
      let target: string | undefined;
      let last: { failure: ConformanceFailure; batch: Batch } | undefined;
      let first: Batch | undefined;
      const property = fc.asyncProperty(recordBatch(MAX_RECORDS), async (batch) => {
        if (fatal !== undefined) return;
        try {
          await roundTrip(t, batch);
        } catch (e) {
          if (!(e instanceof ConformanceFailure)) throw (fatal = e);
          // Shrinking keeps to the requirement first broken.
          if (target !== undefined && e.requirement.id !== target) return;
          target = e.requirement.id;
          first ??= batch;
          last = { failure: e, batch };
          throw e;
        }
      });
      const seed = t.plan.seed;
      t.note(`${RUNS} batches of up to ${MAX_RECORDS} records, fast-check seed ${seed}`);
      const details = await fc.check(property, { seed, numRuns: RUNS, plugins: [fc.interruptAfterTimeLimit(SHRINK_MS)] });
      if (fatal !== undefined) throw fatal;
      if (!details.failed) return;
      if (!last) throw details.errorInstance;
      const { failure, batch } = last;
      throw new ConformanceFailure(failure.requirement.id, failure.wanted, failure.got, failure.exchange, [
        `  smallest failing batch (${batch.length} of ${first!.length} records), written in one UpdateRecords call:`,
        ...batch.map((r) => `    ${showText(r.key)} = ${showText(r.value)}`),
      ]);
    },
    { id: "generated" },
  );
});
