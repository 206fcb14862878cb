/** --list: what a run would do, without contacting anything. */
import type { RunSettings } from "../config/resolve.js";
import { registry, skipReason } from "../harness/conformance.js";
import type { RunPlan } from "../harness/run.js";
import { FORMAT_VERSION } from "../report/run-record.js";
import { TOOL } from "../version.js";
import { describePlan, writeFile } from "./report-files.js";

/** --list: each test that would run, by id, with its level, title and requirement ids, and what would be skipped and why. */
export function list(plan: RunPlan, s: RunSettings, grep: RegExp | undefined, command: string): number {
  const tests = registry
    .filter((m) => !grep || grep.test(m.fullTitle ?? m.title))
    .map((m) => {
      const reason = skipReason(m, plan);
      return { id: m.id, title: m.title, requirements: m.requirements, level: m.level, planned: reason ? ("skip" as const) : ("run" as const), ...(reason ? { reason } : {}) };
    });
  const idWidth = Math.max(0, ...tests.map((t) => t.id.length));
  for (const t of tests)
    process.stdout.write(
      `${t.planned.padEnd(4)}  ${t.level.padEnd(6)} ${t.id.padEnd(idWidth)}  ${t.title}  [${t.requirements.join(" ")}]${t.reason ? `\n      skipped: ${t.reason}` : ""}\n`,
    );
  const skipped = tests.filter((t) => t.planned === "skip").length;
  process.stdout.write(`${tests.length - skipped} would run, ${skipped} would be skipped\n`);
  // A listing, not a run: the report schema's second form (listing: true).
  const listing = { formatVersion: FORMAT_VERSION, tool: TOOL, listing: true, summary: { planned: tests.length - skipped, skipped }, run: describePlan(plan, s, command), tests };
  if (s.reportJson) writeFile(s.reportJson, `${JSON.stringify(listing, null, 2)}\n`);
  return 0;
}
