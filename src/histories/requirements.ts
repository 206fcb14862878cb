/**
 * What a random history can find broken, collected from the parts that judge it: the model's
 * listing judge, the shared answer check every answer passes, and the checks its calls make
 * themselves (CALL_REQUIREMENTS, which the compiler holds commands.ts to). The spec declares
 * this list, so a history never fails a requirement it did not state.
 */
import type { RequirementId } from "../requirement-ids.js";
import { WELL_FORMED_REQUIREMENTS } from "../harness/well-formed.js";
import { LISTING_REQUIREMENTS } from "../model/judge-listing.js";

/** What the calls check directly: write conflicts and counts, future counts, the status of each ListRecords. */
export const CALL_REQUIREMENTS = [
  "LR-WRITE-CONFLICT",
  "LR-WRITE-CONFLICT-TYPE",
  "LR-WRITE-CURRENT",
  "LR-CONTENT-KEY-CASE",
  "LR-SYNC-DATASET-COUNT",
  "LR-SYNC-FUTURE",
  "LR-SYNC-ALL",
  "LR-SYNC-AFTER",
  "LR-MISSING-200",
  "LR-MISSING-AFTER-DELETE",
  "LR-DELETED-VISIBLE",
] as const satisfies readonly RequirementId[];
export type CallRequirement = (typeof CALL_REQUIREMENTS)[number];

export const HISTORY_REQUIREMENTS: readonly RequirementId[] = [...new Set<RequirementId>([...CALL_REQUIREMENTS, ...LISTING_REQUIREMENTS, ...WELL_FORMED_REQUIREMENTS])];
