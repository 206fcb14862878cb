/**
 * Concurrency: the suite behind a proxy that adds 50 ms to every answer. Scenarios overlap, so
 * the test phase should approach the critical path (the longest chain of dependent requests,
 * target <= 1.5x) rather than the sum of all requests. Histories, each a chain of dependent
 * calls, are timed apart, as the model covers the fixed scenarios only.
 */
import { join } from "node:path";
import { criticalPathRequests } from "../critical-path.js";
import { BIN, reportedRun, round, startReference, startScript } from "../helpers.js";
import { meets, type Bench } from "../table.js";

const DELAY_MS = 50;

export async function slowEndpoint({ dir, row }: Bench) {
  const ref = await startReference();
  const proxy = await startScript("slow-proxy.ts", [ref.url, String(DELAY_MS)]);
  try {
    const file = join(dir, "slow.json");
    const endpoint = ["--endpoint", proxy.url, "--state-url", `${proxy.url}/_conformance/provider-states`];
    const against = async (histories: string) => (await reportedRun([BIN, ...endpoint, "--histories", histories], file, "the run against the slow endpoint")).report;
    const withHistories = (await against("24")).run.timing.testsMs;
    const report = await against("0");
    const longest = await criticalPathRequests(report.tests);
    const critical = longest * DELAY_MS;
    const tests = report.run.timing.testsMs + DELAY_MS; // + the probe, which comes before the test phase
    const ratio = tests / critical;
    row(
      `suite behind a +${DELAY_MS} ms proxy (fixed scenarios): test phase vs critical path`,
      `${round(tests)} vs ${critical} ms (${longest} requests)`,
      "<= 1.5",
      `${round(ratio, 2)} ${meets(ratio <= 1.5)}`,
    );
    row("  the same with the default 24 histories: test phase", `${round(withHistories + DELAY_MS)} ms`);
    return {
      delayMs: DELAY_MS,
      testsPhaseMs: round(tests),
      criticalPathRequests: longest,
      criticalPathMs: critical,
      ratio: round(ratio, 2),
      requests: report.run.timing.requests,
      withHistoriesTestsPhaseMs: round(withHistories + DELAY_MS),
    };
  } finally {
    await proxy.stop();
    await ref.stop();
  }
}
