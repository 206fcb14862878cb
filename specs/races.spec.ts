/**
 * Devices at the same moment: several devices of one identity, each over connections of its
 * own, released together by one barrier so that their calls reach the endpoint within a
 * millisecond of each other (--concurrency-devices sets how many). Each scenario states its own
 * checks, then the linearizability checker decides whether one order of all its calls explains
 * every answer.
 */
import { conformance } from "../src/harness/conformance.js";
import { currentPlan } from "../src/harness/run.js";
import { deleteRacingWrites, differentKeys, oneKey } from "../src/races/rounds.js";
import { walkRacingWrites } from "../src/races/walk-round.js";
import { RACE_REQUIREMENTS } from "../src/model/race-requirement.js";
import type { RequirementId } from "../src/requirement-ids.js";

/** A round's own requirements, and every one its check for one order of the calls can name (see race-requirement.ts). */
const orderChecked = (...own: RequirementId[]): RequirementId[] => [...new Set([...own, ...RACE_REQUIREMENTS])];

const AREA = "races";

describe("devices pushing at the same moment", () => {
  conformance(
    AREA,
    "devices writing one key from one SyncCount at the same moment: one is acknowledged, the others are refused with 409",
    orderChecked("LR-RACE-ONE-WINNER", "LR-WRITE-CONFLICT", "LR-WRITE-CONFLICT-TYPE", "LR-RACE-ACCEPTED"),
    oneKey,
    { id: "one-key" },
  );
  conformance(
    AREA,
    "devices writing different keys at the same moment: each write gets a SyncCount of its own, and every device that syncs afterwards is told of all of them",
    orderChecked("LR-RACE-COUNTS", "LR-RACE-ACCEPTED"),
    differentKeys,
    { id: "different-keys" },
  );
  conformance(
    AREA,
    "a DeleteDataset racing writes of new keys: the answers fit one order, and no racing call gets a server error",
    orderChecked("LR-RACE-ACCEPTED"),
    deleteRacingWrites,
    { id: "delete" },
  );
  conformance(
    AREA,
    "a page walk while other devices write: the walk and a sync from its last DatasetSyncCount leave the device holding every record's latest value",
    orderChecked("LR-RACE-WALK"),
    walkRacingWrites,
    { id: "walk" },
  );
});

/** What a parallel history can find broken (the model's race requirements); which one did is in its failure. */
const PARALLEL = RACE_REQUIREMENTS;

const plan = currentPlan();
describe("random parallel histories, checked for linearizability", () => {
  for (let i = 1; i <= plan.races.parallelHistories; i++) {
    const seed = (plan.seed + 7919 * i) % 2 ** 31;
    conformance(
      AREA,
      `parallel history ${i}: a sequential start, then two or three devices calling at once, explained by one order of the calls`,
      PARALLEL,
      // Loaded when one runs (with fast-check): listing the suite, or a run without them, never pays for it.
      async (t) => (await import("../src/races/parallel-history.js")).runParallelHistory(t, seed),
      { id: `parallel-history-${String(i).padStart(3, "0")}`, bracket: `${PARALLEL.length} requirements, linearizability`, seeded: true },
    );
  }
});
