/**
 * What `record` and `compare` add to a run's record (its `parity` member): the snapshots
 * written, or each recorded scenario held to its replay, with the counts the exit code reads.
 */
import { allowanceFor, type Allowance } from "../config/allow-list.js";
import { compareScenario, type ScenarioComparison } from "./compare.js";
import type { Snapshot } from "./snapshot.js";

export type Parity =
  | { command: "record"; snapshots: string; written: number }
  | {
      command: "compare";
      snapshots: string;
      recording: Pick<Snapshot["recording"], "endpoint" | "recordedAt" | "tool">;
      scenarios: ScenarioComparison[];
      counts: { compared: number; notCompared: number; differences: number; allowed: number };
      /** Allow-list entries no difference used: the implementation may have caught up, so the list can shrink. */
      unusedAllowances: Allowance[];
    };

export function compareAll(dir: string, recorded: readonly Snapshot[], replayed: readonly Snapshot[], allow: readonly Allowance[]): Extract<Parity, { command: "compare" }> {
  const now = new Map(replayed.map((s) => [s.scenario.id, s]));
  const scenarios = recorded.map((s) => compareScenario(s, now.get(s.scenario.id), allow));
  const all = scenarios.flatMap((c) => c.differences);
  const used = new Set(all.map((d) => allowanceFor(allow, d.scenario, d.path)));
  const { endpoint, recordedAt, tool } = recorded[0]!.recording;
  return {
    command: "compare",
    snapshots: dir,
    recording: { endpoint, recordedAt, tool },
    scenarios,
    counts: {
      compared: scenarios.filter((c) => c.compared !== "not compared").length,
      notCompared: scenarios.filter((c) => c.compared === "not compared").length,
      differences: all.filter((d) => !d.allowed).length,
      allowed: all.filter((d) => d.allowed).length,
    },
    unusedAllowances: allow.filter((a) => !used.has(a)),
  };
}
