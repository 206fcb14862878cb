/**
 * Random histories: sequences of UpdateRecords, ListRecords and DeleteDataset calls by two
 * identities, each answer compared with the service model (src/model). A failing history is
 * shrunk to the shortest that still fails and printed with the seed and path that replay it.
 * Test ids are stable (history-001 ...); what each history does follows from the run's seed.
 */
import { conformance } from "../src/harness/conformance.js";
import { currentPlan } from "../src/harness/run.js";
import { HISTORY_REQUIREMENTS as CHECKED } from "../src/histories/requirements.js";
import { runHistory } from "../src/histories/run-history.js";

/** Shrinking a failure stops after this long, keeping the shortest history found by then. */
const SHRINK_MS = 20_000;

const plan = currentPlan();
describe("random histories against the service model", () => {
  for (let i = 1; i <= plan.histories.count; i++) {
    const seed = (plan.seed + i - 1) % 2 ** 31;
    conformance(
      "histories",
      `random history ${i} of calls by two identities, compared with the service model`,
      CHECKED,
      (t) => runHistory(t, { seed, shrinkMs: SHRINK_MS, ...(plan.histories.replay === undefined ? {} : { replay: plan.histories.replay }) }),
      { id: `history-${String(i).padStart(3, "0")}`, bracket: `${CHECKED.length} requirements, model-based`, seeded: true },
    );
  }
});
