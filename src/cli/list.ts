/** --list: what a run would do, without contacting anything. */
import type { RunSettings } from "../config/resolve.js";
import { registry, skipReason } from "../harness/conformance.js";
import type { RunPlan } from "../harness/run.js";
import { FORMAT_VERSION } from "../report/run-record.js";
import { TOOL } from "../version.js";
import { describePlan, writeFile } from "./report-files.js";

/** --list: what would run, with requirement ids, and what would be skipped and why. */
export function list(plan: RunPlan, s: RunSettings, grep: RegExp | undefined): number {
  const tests = registry
    .filter((m) => !grep || grep.test(m.fullTitle ?? m.title))
    .map((m) => {
      const reason = skipReason(m, plan);
      return { id: m.id, title: m.title, requirements: m.requirements, level: m.level, status: reason ? "would skip" : "would run", ...(reason ? { reason } : {}) };
    });
  for (const t of tests)
    process.stdout.write(
      `${t.status === "would run" ? "run " : "skip"}  ${t.level.padEnd(6)} ${t.title}  [${t.requirements.join(" ")}]${t.reason ? `\n                 skipped: ${t.reason}` : ""}\n`,
    );
  const skipped = tests.filter((t) => t.status === "would skip").length;
  process.stdout.write(`${tests.length - skipped} would run, ${skipped} would be skipped\n`);
  // A plan, not a run: its own shape, versioned with the report format.
  const planned = { formatVersion: FORMAT_VERSION, tool: TOOL, summary: { planned: tests.length - skipped, skipped }, run: describePlan(plan, s), tests };
  if (s.reportJson) writeFile(s.reportJson, `${JSON.stringify(planned, null, 2)}\n`);
  return 0;
}
