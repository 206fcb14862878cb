/**
 * The suite's own speed: wall time of a full run from a checkout against the embedded reference,
 * with and without the random histories (issue 11's targets), where that time goes, and a
 * physical floor (process start plus every request at loopback speed) to judge it against.
 */
import { join } from "node:path";
import { BIN, get, median, reportedRun, round, startBare, timed, type Report } from "../helpers.js";
import { meets, type Bench } from "../table.js";

/** Median round trip of sequential keep-alive requests to `url`, in ms. */
async function roundTrip(url: string, n = 500): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await (await get(url)).arrayBuffer();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Median wall time of `runs` full runs with `args`, and the last run's report. */
async function runsOf(dir: string, args: string[], runs: number): Promise<{ wall: number; report: Report }> {
  const walls: number[] = [];
  let report: Report | undefined;
  for (let i = 0; i < runs; i++) {
    const run = await reportedRun([BIN, ...args], join(dir, `full-${i}.json`), `the full run ${args.join(" ")}`);
    walls.push(run.ms);
    report = run.report;
  }
  return { wall: median(walls), report: report! };
}

export async function fullRun({ dir, row }: Bench) {
  const runs = 5;
  // The fixed scenarios alone, then with the default random histories (issue 11: they may add at most 3 s).
  const { wall, report } = await runsOf(dir, ["--histories", "0"], runs);
  const withHistories = await runsOf(dir, [], runs);
  const historiesMs = withHistories.wall - wall;
  const t = report.run.timing;
  const requests = t.requests.setup + t.requests.check + 1; // + the probe
  const nodeStart = median(await Promise.all([0, 1, 2, 3, 4].map(async () => (await timed(["-e", "0"])).ms)));
  const bare = await startBare(dir, Buffer.from('{"Count":0}'));
  const rtt = await roundTrip(bare.url);
  await bare.stop();
  const floor = nodeStart + requests * rtt;
  row("full run against the embedded reference, fixed scenarios (wall, median of 5)", `${round(wall)} ms`, "<= 2000 ms", meets(wall <= 2000));
  row("  with the default 24 random histories (wall, median of 5)", `${round(withHistories.wall)} ms (+${round(historiesMs)} ms)`, "<= +3000 ms", meets(historiesMs <= 3000));
  row("  start-up / tests / reporting", `${t.startupMs} / ${t.testsMs} / ${t.reportingMs} ms`);
  row("  HTTP requests (seeding + checks + probe)", `${t.requests.setup} + ${t.requests.check} + 1`);
  row("  request time, seeding vs checks (summed; requests overlap)", `${t.requestMs.setup} vs ${t.requestMs.check} ms`);
  row(
    "  physical floor (node start + requests x loopback RTT)",
    `${round(floor)} ms (${round(nodeStart)} + ${requests} x ${round(rtt, 3)})`,
    "",
    `wall/floor ${round(wall / floor, 2)}`,
  );
  row("peak RSS of a full run", `${t.peakRssMb} MB`);
  return {
    wallMs: round(wall),
    runs,
    requests,
    phasesMs: { startup: t.startupMs, tests: t.testsMs, reporting: t.reportingMs },
    requestTimeMs: { seeding: t.requestMs.setup, checks: t.requestMs.check, note: "summed over concurrent requests" },
    floorMs: round(floor),
    floor: { processStartMs: round(nodeStart), loopbackRoundTripMs: round(rtt, 3), requests },
    peakRssMb: t.peakRssMb,
    validationMs: t.validationMs,
    histories: { wallMs: round(withHistories.wall), addedMs: round(historiesMs), requests: withHistories.report.run.timing.requests },
  };
}
