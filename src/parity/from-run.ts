/**
 * A run's scenarios as snapshots: each scenario's kept exchanges normalised, with its outcome
 * and whether its calls raced. Both `record` and `compare` make them this one way, so a
 * recording and its replay can differ only in what the servers answered.
 */
import type { KeptExchange, Observed, Scenario } from "../harness/scenario.js";
import { Normaliser } from "./normalise.js";
import { SNAPSHOT_VERSION, type Snapshot } from "./snapshot.js";

/** What a snapshot needs of a test's result: the report's own words for its outcome. */
export interface Judged {
  id: string;
  outcome: { kind: string };
  failedRequirement?: string;
  reason?: string;
}

export function snapshotsOf(
  results: readonly Judged[],
  scenarios: readonly Scenario[],
  observed: (id: string) => Observed,
  recording: Snapshot["recording"],
  prefix: string,
): Snapshot[] {
  const declared = new Map(scenarios.map((s) => [s.id, s]));
  return results.flatMap((r): Snapshot[] => {
    const scenario = declared.get(r.id);
    if (!scenario) return [];
    // A slot stays empty when the run's gate stopped its request: nothing was exchanged.
    const kept = (observed(r.id).exchanges ?? []).filter((k): k is KeptExchange => k !== undefined);
    const normaliser = new Normaliser(prefix);
    return [
      {
        snapshotVersion: SNAPSHOT_VERSION,
        scenario: { id: scenario.id, title: scenario.title, requirements: [...scenario.requirements] },
        recording,
        outcome: { kind: r.outcome.kind, ...(r.failedRequirement ? { failedRequirement: r.failedRequirement } : {}), ...(r.reason ? { reason: r.reason } : {}) },
        concurrent: raced(kept),
        exchanges: kept.map((k) => normaliser.exchange(k)),
      },
    ];
  });
}

/** Whether a call was sent before an earlier one was answered (they are kept in the order sent). */
function raced(kept: readonly KeptExchange[]): boolean {
  let answered = -Infinity;
  for (const k of kept) {
    if (k.sentMs < answered) return true;
    answered = Math.max(answered, k.answeredMs);
  }
  return false;
}
