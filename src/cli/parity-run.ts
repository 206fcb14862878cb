/**
 * The end of a `record` or `compare` run: the run's scenarios made into snapshots (see
 * parity/from-run.ts), then written, or held to the recording with what differs printed by
 * scenario and by requirement. The run's record carries the result as its `parity` member.
 */
import type { Allowance } from "../config/allow-list.js";
import { observed, registry } from "../harness/conformance.js";
import type { RunPlan } from "../harness/run.js";
import type { Difference } from "../parity/compare.js";
import { writeSnapshots } from "../parity/files.js";
import { snapshotsOf } from "../parity/from-run.js";
import { compareAll, type Parity } from "../parity/parity.js";
import type { Snapshot } from "../parity/snapshot.js";
import type { JudgedResult } from "../report/outcome.js";
import { TOOL } from "../version.js";

export type ParityMode = { command: "record"; dir: string } | { command: "compare"; dir: string; recorded: Snapshot[]; allow: Allowance[] };

/** Differences printed per scenario; the JSON report has them all. */
const SHOWN = 5;

export function settleParity(mode: ParityMode, results: readonly JudgedResult[], plan: RunPlan): { parity: Parity; failsRun: boolean; lines: string[] } {
  const recording: Snapshot["recording"] = {
    endpoint: plan.endpointLabel,
    region: plan.region,
    recordedAt: new Date().toISOString(),
    tool: { ...TOOL },
    seed: plan.seed,
    histories: plan.histories.count,
    parallelHistories: plan.races.parallelHistories,
    interpretations: plan.interpretations,
  };
  const made = snapshotsOf(results, registry, observed, recording, plan.prefix);
  if (mode.command === "record") {
    writeSnapshots(mode.dir, made);
    return { parity: { command: "record", snapshots: mode.dir, written: made.length }, failsRun: false, lines: [`record: wrote ${made.length} snapshots to ${mode.dir}`] };
  }
  const parity = compareAll(mode.dir, mode.recorded, made, mode.allow);
  const lines: string[] = [];
  for (const c of parity.scenarios.filter((x) => x.differences.length > 0)) {
    lines.push(`${c.id}: ${c.differences.length} difference${c.differences.length === 1 ? "" : "s"}${c.reason ? ` (${c.reason})` : ""}`);
    lines.push(...c.differences.slice(0, SHOWN).map((d) => `    ${shownDifference(d)}`));
    if (c.differences.length > SHOWN) lines.push(`    and ${c.differences.length - SHOWN} more (the JSON report has every one)`);
  }
  const byRequirement = new Map<string, Set<string>>();
  for (const d of parity.scenarios.flatMap((c) => c.differences).filter((x) => !x.allowed))
    for (const r of d.requirements) byRequirement.set(r, (byRequirement.get(r) ?? new Set()).add(d.scenario));
  if (byRequirement.size > 0) lines.push(`by requirement: ${[...byRequirement].map(([r, ids]) => `${r} (${ids.size} scenario${ids.size === 1 ? "" : "s"})`).join(", ")}`);
  for (const a of parity.unusedAllowances) lines.push(`allow-list entry unused: ${a.scenario ?? "*"} ${a.path} (${a.reason})`);
  const { counts, recording: from } = parity;
  const how = (k: string) => parity.scenarios.filter((c) => c.compared === k).length;
  lines.push(
    `compare: ${counts.differences} difference${counts.differences === 1 ? "" : "s"} from the recording of ${from.endpoint} (${from.recordedAt}, ${from.tool.name} ${from.tool.version})` +
      `${counts.allowed ? `, ${counts.allowed} more allowed` : ""}; ${how("exchanges")} scenarios compared call by call, ${how("outcome")} by outcome, ${counts.notCompared} not compared`,
  );
  return { parity, failsRun: counts.differences > 0, lines };
}

const shown = (v: unknown) => {
  const s = JSON.stringify(v) ?? "undefined";
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

function shownDifference(d: Difference): string {
  const labels = [d.reading ? `reading: ${d.reading}` : undefined, d.allowed ? `allowed: ${d.allowed}` : undefined, d.requirements.join(" ")].filter(Boolean);
  return `${d.path}: recorded ${shown(d.recorded)}, replayed ${shown(d.replayed)} [${labels.join("; ")}]`;
}
