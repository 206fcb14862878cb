/**
 * The command as a user installs it: the compiled package (issue 17's targets). --list against
 * `node -e 0` and the full run's start-up phase show what lazy loading saves; the default run's
 * wall time and peak memory are what a user's CI pays.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median, reportedRun, round, timed } from "../helpers.js";
import { meets, type Bench } from "../table.js";

/** The full run's start-up phase before the package was compiled and loaded its parts lazily (bench of 2026-11-27). */
const STARTUP_BEFORE_MS = 968.1;
const COMPILED = fileURLToPath(new URL("../compiled.js", import.meta.url));

/** `n` runs of `f`, one after another (concurrent runs would measure each other). */
async function sequence<T>(n: number, f: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await f(i));
  return out;
}

export async function startup({ dir, row }: Bench) {
  execFileSync("npm", ["run", "build"], { stdio: "ignore" });
  const node = median(await sequence(7, async () => (await timed(["-e", "0"])).ms));
  const list = median(await sequence(7, async () => (await timed([COMPILED, "--list"])).ms));
  const runs = await sequence(5, async (i) => {
    const { ms, report } = await reportedRun([COMPILED], join(dir, `compiled-${i}.json`), "the compiled full run");
    return { ms, startupMs: report.run.timing.startupMs, peakRssMb: report.run.timing.peakRssMb };
  });
  const startupMs = median(runs.map((r) => r.startupMs));
  // The default run as a user's CI runs it (issue 17's targets): the installed package, histories included.
  const wall = median(runs.map((r) => r.ms));
  const peak = Math.max(...runs.map((r) => r.peakRssMb));
  row("default run, compiled package, histories included (median of 5)", `${round(wall)} ms`, "<= 1500 ms", meets(wall <= 1500));
  row("its peak RSS (highest of 5)", `${round(peak)} MB`, "<= 256 MB", meets(peak <= 256));
  row("--list, compiled (median of 7) / node -e 0", `${round(list)} / ${round(node)} ms = ${round(list / node, 2)}x`, "<= 4x", meets(list / node <= 4));
  row(
    "full run's start-up phase, compiled (median of 5)",
    `${round(startupMs)} ms (was ${STARTUP_BEFORE_MS})`,
    `<= ${STARTUP_BEFORE_MS / 2} ms`,
    meets(startupMs <= STARTUP_BEFORE_MS / 2),
  );
  return {
    nodeMs: round(node),
    listMs: round(list),
    listRatio: round(list / node, 2),
    fullRunStartupMs: round(startupMs),
    before: STARTUP_BEFORE_MS,
    defaultRunWallMs: round(wall),
    defaultRunPeakRssMb: round(peak),
  };
}
