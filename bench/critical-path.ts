/**
 * The least time a run's test phase can take behind a slow endpoint: its critical path of
 * dependent requests. Which scenarios must run alone is read from their own declarations, as
 * the runner reads it, so the model cannot drift from the specs.
 */
import { runSuite } from "../src/cli/run-suite.js";
import { registry } from "../src/harness/conformance.js";
import type { Report } from "./helpers.js";

/** Ids of the scenarios declared exclusive, from the specs as --list loads them; its listing is not wanted on the bench's output. */
async function exclusiveIds(): Promise<Set<string>> {
  const write = process.stdout.write;
  process.stdout.write = () => true;
  try {
    if ((await runSuite(["--list", "--histories", "0"])) !== 0) throw new Error("--list failed");
  } finally {
    process.stdout.write = write;
  }
  return new Set(registry.filter((s) => s.exclusive).map((s) => s.id));
}

/**
 * Requests on the critical path of a run with these tests: the probe, then the longest scenario
 * among those that overlap, then the exclusive ones one by one (as startAhead schedules them).
 */
export async function criticalPathRequests(tests: Report["tests"]): Promise<number> {
  const exclusive = await exclusiveIds();
  const chains = tests.map((t) => ({ n: t.requests ?? 0, alone: exclusive.has(t.id) }));
  return 1 + Math.max(...chains.filter((c) => !c.alone).map((c) => c.n)) + chains.filter((c) => c.alone).reduce((a, c) => a + c.n, 0);
}
