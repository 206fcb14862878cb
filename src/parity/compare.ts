/**
 * One scenario's replay held to its recording: each difference by JSON path, under the
 * requirement the call served (or the scenario's, when it named none), labelled with the
 * interpretation it touches when the suite treats that point as a reading, and marked allowed
 * when the allow-list accepts it. Once a request differs, the replay has taken another path
 * and what follows is not compared; a scenario whose calls raced is compared by outcome.
 */
import { allowanceFor, type Allowance } from "../config/allow-list.js";
import { requirements as catalogue } from "../harness/catalogue.js";
import type { RequirementId } from "../requirement-ids.js";
import { ABSENT, jsonDifferences, type PathDifference } from "./json-diff.js";
import type { Snapshot, SnapshotExchange } from "./snapshot.js";

export interface Difference extends PathDifference {
  scenario: string;
  /** The requirements it is grouped under. */
  requirements: string[];
  /** The interpretation whose point it touches, when the suite reads that point one way of several. */
  reading?: string;
  /** Why the allow-list accepts it. */
  allowed?: string;
}

export interface ScenarioComparison {
  id: string;
  /** How it was compared: call by call, by outcome (its calls raced), or not at all (`reason` says why). */
  compared: "exchanges" | "outcome" | "not compared";
  reason?: string;
  differences: Difference[];
}

/** Differences kept per scenario: past this, the first ones say enough. */
const MAX_DIFFERENCES = 50;

export function compareScenario(recorded: Snapshot, replayed: Snapshot | undefined, allow: readonly Allowance[]): ScenarioComparison {
  const id = recorded.scenario.id;
  if (!replayed) return { id, compared: "not compared", reason: "the replay did not run it (--grep, or it is no longer in the suite)", differences: [] };
  const skipped = [recorded, replayed].find((s) => s.outcome.kind === "skipped" || s.outcome.kind === "expected skip");
  if (skipped)
    return { id, compared: "not compared", reason: `skipped ${skipped === recorded ? "when recorded" : "in the replay"}: ${skipped.outcome.reason ?? ""}`, differences: [] };
  const found = (raw: PathDifference[], requirements: readonly string[]) => raw.map((d) => judged(id, d, requirements, allow));
  if (recorded.concurrent || replayed.concurrent) {
    const outcome = (s: Snapshot) => `${s.outcome.kind}${s.outcome.failedRequirement ? ` (${s.outcome.failedRequirement})` : ""}`;
    const raw = outcome(recorded) === outcome(replayed) ? [] : [{ path: "outcome", recorded: outcome(recorded), replayed: outcome(replayed) }];
    return {
      id,
      compared: "outcome",
      reason: "its calls were in flight at the same moment, so which one wins is the server's choice",
      differences: found(raw, recorded.scenario.requirements),
    };
  }
  const differences: Difference[] = [];
  const [a, b] = [recorded.exchanges, replayed.exchanges];
  for (let i = 0; i < Math.min(a.length, b.length) && differences.length < MAX_DIFFERENCES; i++) {
    const requirements = a[i]!.because ? [a[i]!.because!] : recorded.scenario.requirements;
    const request = jsonDifferences(a[i]!.request, b[i]!.request, `exchanges[${i}].request`);
    if (request.length > 0) {
      // A different request means an earlier answer sent the scenario another way: what follows would all differ.
      differences.push(...found(request, requirements));
      return {
        id,
        compared: "exchanges",
        reason: `the replay sent another request at exchange ${i}; the ${a.length - i - 1} recorded exchanges after it were not compared`,
        differences,
      };
    }
    differences.push(...found(jsonDifferences(answer(a[i]!), answer(b[i]!), `exchanges[${i}]`), requirements));
  }
  if (a.length !== b.length) differences.push(...found([{ path: "exchanges.length", recorded: a.length, replayed: b.length }], recorded.scenario.requirements));
  return { id, compared: "exchanges", differences: differences.slice(0, MAX_DIFFERENCES) };
}

const answer = (e: SnapshotExchange) => ({ response: e.response ?? ABSENT, ...(e.transportError ? { transportError: e.transportError } : {}) });

function judged(scenario: string, d: PathDifference, requirements: readonly string[], allow: readonly Allowance[]): Difference {
  const allowed = allowanceFor(allow, scenario, d.path);
  const reading = readingOf(d.path, requirements);
  return { scenario, ...d, requirements: [...requirements], ...(reading ? { reading } : {}), ...(allowed ? { allowed: allowed.reason } : {}) };
}

/** The interpretation a difference touches: the one its requirement reads, or `count` for a page's Count, which every listing carries. */
function readingOf(path: string, requirements: readonly string[]): string | undefined {
  if (/\.body\.Count$/.test(path)) return "count";
  return requirements.map((r) => catalogue.get(r as RequirementId)?.interpretation).find((x) => x !== undefined);
}
