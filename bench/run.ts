/**
 * `npm run bench`: how fast the suite runs and how the reference endpoint scales. Every
 * figure that can be is a ratio against a baseline measured in the same run, so it holds on
 * a noisy machine. Prints a table and writes bench/results.json. Timings are measured here,
 * never asserted in tests.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { validateAgainst } from "../src/schema/validators.js";
import { AUTH, BIN, IDENTITY, median, POOL, recordsUrl, round, rssMb, setState, startChild, startReference, timed } from "./helpers.js";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const TSX = ["--import", "tsx"];
const dir = mkdtempSync(join(tmpdir(), "csc-bench-"));
const results: Record<string, Record<string, unknown>> = {};
const rows: Array<[string, string, string, string]> = [];
const row = (what: string, figure: string, target = "", verdict = "") => rows.push([what, figure, target, verdict]);
const meets = (ok: boolean) => (ok ? "met" : "MISSED");

interface Report {
  run: {
    timing: {
      startupMs: number;
      testsMs: number;
      reportingMs: number;
      requests: { setup: number; check: number };
      requestMs: { setup: number; check: number };
      validationMs: number;
      peakRssMb: number;
    };
  };
  tests: Array<{ requests?: number; id: string }>;
}
const readReport = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Report;

/** Median round trip of sequential keep-alive requests to `url`, in ms. */
async function roundTrip(url: string, n = 500): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await (await fetch(url, { headers: { authorization: AUTH } })).arrayBuffer();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Median wall time of `runs` full runs with `args`, and the last run's report. */
async function runsOf(args: string[], runs: number): Promise<{ wall: number; report: Report }> {
  const walls: number[] = [];
  let report: Report | undefined;
  for (let i = 0; i < runs; i++) {
    const file = join(dir, `full-${i}.json`);
    const { ms, code } = await timed([BIN, ...args, "--report-json", file]);
    if (code !== 0) throw new Error(`the full run ${args.join(" ")} failed (exit ${code})`);
    walls.push(ms);
    report = readReport(file);
  }
  return { wall: median(walls), report: report! };
}

async function fullRun() {
  const runs = 5;
  // The fixed scenarios alone, then with the default random histories (issue 11: they may add at most 3 s).
  const { wall, report } = await runsOf(["--histories", "0"], runs);
  const withHistories = await runsOf([], runs);
  const historiesMs = withHistories.wall - wall;
  const t = report!.run.timing;
  const requests = t.requests.setup + t.requests.check + 1; // + the probe
  const nodeStart = median(await Promise.all([0, 1, 2, 3, 4].map(async () => (await timed(["-e", "0"])).ms)));
  const bare = await startBare(Buffer.from('{"Count":0}'));
  const rtt = await roundTrip(bare.url);
  await bare.stop();
  const floor = nodeStart + requests * rtt;
  results.fullRun = {
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
  return t;
}

async function startBare(body: Buffer) {
  const file = join(dir, `body-${body.length}.json`);
  writeFileSync(file, body);
  const child = await startChild([...TSX, join(HERE, "bare-server.ts"), file]);
  return Object.assign(child, { url: child.lines[0]! });
}

// Enough connections to keep the server busy: with few, a closed-loop load measures latency.
const CONNECTIONS = 64;

async function load(url: string) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: 3, headers: { authorization: AUTH } });
  return r.requests.average;
}

async function throughput() {
  const ref = await startReference();
  try {
    await setState(ref.stateUrl, "a dataset holds numbered records", { identityPoolId: POOL, identityId: IDENTITY, datasetName: "throughput", count: 100 });
    const url = recordsUrl(ref.url, "throughput", { maxResults: "100" });
    const body = Buffer.from(await (await fetch(url, { headers: { authorization: AUTH } })).arrayBuffer());
    const bare = await startBare(body);
    try {
      // Alternated in short rounds so both meet the same machine; the median round of each.
      const bareRuns: number[] = [];
      const refRuns: number[] = [];
      for (let i = 0; i < 3; i++) {
        bareRuns.push(await load(bare.url));
        refRuns.push(await load(url));
      }
      const bareRps = median(bareRuns);
      const refRps = median(refRuns);
      const ratio = refRps / bareRps;
      results.throughput = {
        pageRecords: 100,
        pageBytes: body.length,
        connections: CONNECTIONS,
        referenceRps: round(refRps),
        bareRps: round(bareRps),
        ratio: round(ratio, 2),
        rounds: { reference: refRuns.map((x) => round(x)), bare: bareRuns.map((x) => round(x)) },
      };
      row(
        "ListRecords, 100-record page, keep-alive: reference vs bare node:http",
        `${round(refRps)} vs ${round(bareRps)} req/s`,
        ">= 0.7",
        `${round(ratio, 2)} ${meets(ratio >= 0.7)}`,
      );
    } finally {
      await bare.stop();
    }
  } finally {
    await ref.stop();
  }
}

/** Mean latency of `n` sequential requests, in ms. */
async function latency(url: string, n = 300): Promise<number> {
  for (let i = 0; i < 30; i++) await (await fetch(url, { headers: { authorization: AUTH } })).arrayBuffer(); // warm up
  const t = performance.now();
  for (let i = 0; i < n; i++) await (await fetch(url, { headers: { authorization: AUTH } })).arrayBuffer();
  return (performance.now() - t) / n;
}

async function walk(base: string, dataset: string): Promise<number> {
  let token: string | undefined;
  let records = 0;
  do {
    const q: Record<string, string> = { maxResults: "1024", ...(token ? { nextToken: token } : {}) };
    const page = (await (await fetch(recordsUrl(base, dataset, q), { headers: { authorization: AUTH } })).json()) as { Records: unknown[]; NextToken: string | null };
    records += page.Records.length;
    token = page.NextToken ?? undefined;
  } while (token);
  return records;
}

async function scaling() {
  const ref = await startReference();
  try {
    const at = { identityPoolId: POOL, identityId: IDENTITY };
    const nearEnd = await setState(ref.stateUrl, "a dataset holds numbered records", { ...at, datasetName: "scale-100k", count: 100_000, pageSize: 99_900 });
    const first = await latency(recordsUrl(ref.url, "scale-100k", { maxResults: "100" }));
    const last = await latency(recordsUrl(ref.url, "scale-100k", { maxResults: "100", nextToken: String(nearEnd.nextToken) }));
    const ratio = last / first;
    row("page near the end vs first page, 100k records (100 per page)", `${round(last, 3)} vs ${round(first, 3)} ms`, "<= 1.3", `${round(ratio, 2)} ${meets(ratio <= 1.3)}`);
    const walks: Record<string, { records: number; ms: number; usPerRecord: number }> = {};
    for (const n of [10_000, 100_000, 1_000_000]) {
      await setState(ref.stateUrl, "a dataset holds numbered records", { ...at, datasetName: `walk-${n}`, count: n });
      const t = performance.now();
      const got = await walk(ref.url, `walk-${n}`);
      const ms = performance.now() - t;
      if (got !== n) throw new Error(`walk of ${n} records returned ${got}`);
      walks[n] = { records: n, ms: round(ms), usPerRecord: round((ms * 1000) / n, 2) };
      row(`  full walk of ${n} records (1024 per page)`, `${round(ms)} ms, ${round((ms * 1000) / n, 2)} us/record`);
    }
    const growth = walks[1_000_000]!.usPerRecord / walks[10_000]!.usPerRecord;
    row("  time per record, 1M vs 10k walk (1 = linear)", `${round(growth, 2)}`);
    // Memory: a fresh process holding 1M records, against the same process empty.
    const fresh = await startReference();
    let memory;
    try {
      const empty = rssMb(fresh.process.pid!);
      await setState(fresh.stateUrl, "a dataset holds numbered records", { ...at, datasetName: "memory", count: 1_000_000 });
      const full = rssMb(fresh.process.pid!);
      memory = { emptyMb: round(empty), with1MRecordsMb: round(full), perRecordBytes: round(((full - empty) * 1024 * 1024) / 1_000_000) };
      row("reference RSS holding 1M records (empty -> loaded)", `${round(empty)} -> ${round(full)} MB, ${memory.perRecordBytes} B/record`);
    } finally {
      await fresh.stop();
    }
    results.scaling = { firstPageMs: round(first, 3), nearEndPageMs: round(last, 3), nearEndRatio: round(ratio, 2), walks, perRecordGrowth1Mvs10k: round(growth, 2), memory };
  } finally {
    await ref.stop();
  }
}

async function validation(fullRunValidationMs: number, fullRunTestsMs: number) {
  const ref = await startReference();
  let page: unknown;
  try {
    await setState(ref.stateUrl, "a dataset holds numbered records", { identityPoolId: POOL, identityId: IDENTITY, datasetName: "validate", count: 1024 });
    page = await (await fetch(recordsUrl(ref.url, "validate", { maxResults: "1024" }), { headers: { authorization: AUTH } })).json();
  } finally {
    await ref.stop();
  }
  const n = 300;
  for (let i = 0; i < 20; i++) validateAgainst("list-records-response", page);
  const t = performance.now();
  for (let i = 0; i < n; i++) if (validateAgainst("list-records-response", page).length > 0) throw new Error("the page should be valid");
  const ms = performance.now() - t;
  const recordsPerSecond = (n * 1024) / (ms / 1000);
  const share = fullRunValidationMs / fullRunTestsMs;
  results.validation = { pageRecords: 1024, pages: n, recordsPerSecond: Math.round(recordsPerSecond), fullRunValidationMs, shareOfFullRunTests: round(share, 3) };
  row("Ajv validation of 1024-record pages", `${Math.round(recordsPerSecond).toLocaleString("en")} records/s`);
  row("  share of a full run's test phase", `${round(share * 100, 1)} %`);
}

/** The full run's start-up phase before the package was compiled and loaded its parts lazily (bench of 2026-11-27). */
const STARTUP_BEFORE_MS = 968.1;
const COMPILED = fileURLToPath(new URL("./compiled.js", import.meta.url));

/** The compiled command: --list against `node -e 0`, the full run's start-up phase, and the default run's wall time and peak memory. */
async function startup() {
  execFileSync("npm", ["run", "build"], { stdio: "ignore" });
  const node = median(await sequence(7, async () => (await timed(["-e", "0"])).ms));
  const list = median(await sequence(7, async () => (await timed([COMPILED, "--list"])).ms));
  const runs = await sequence(5, async (i) => {
    const file = join(dir, `compiled-${i}.json`);
    const { code, ms } = await timed([COMPILED, "--report-json", file]);
    if (code !== 0) throw new Error(`the compiled full run failed (exit ${code})`);
    const timing = readReport(file).run.timing;
    return { ms, startupMs: timing.startupMs, peakRssMb: timing.peakRssMb };
  });
  const startupMs = median(runs.map((r) => r.startupMs));
  // The default run as a user's CI runs it (issue 17's targets): the installed package, histories included.
  const wall = median(runs.map((r) => r.ms));
  const peak = Math.max(...runs.map((r) => r.peakRssMb));
  results.startup = {
    nodeMs: round(node),
    listMs: round(list),
    listRatio: round(list / node, 2),
    fullRunStartupMs: round(startupMs),
    before: STARTUP_BEFORE_MS,
    defaultRunWallMs: round(wall),
    defaultRunPeakRssMb: round(peak),
  };
  row("default run, compiled package, histories included (median of 5)", `${round(wall)} ms`, "<= 1500 ms", meets(wall <= 1500));
  row("its peak RSS (highest of 5)", `${round(peak)} MB`, "<= 256 MB", meets(peak <= 256));
  row("--list, compiled (median of 7) / node -e 0", `${round(list)} / ${round(node)} ms = ${round(list / node, 2)}x`, "<= 4x", meets(list / node <= 4));
  row(
    "full run's start-up phase, compiled (median of 5)",
    `${round(startupMs)} ms (was ${STARTUP_BEFORE_MS})`,
    `<= ${STARTUP_BEFORE_MS / 2} ms`,
    meets(startupMs <= STARTUP_BEFORE_MS / 2),
  );
}

/** `n` runs of `f`, one after another (concurrent runs would measure each other). */
async function sequence<T>(n: number, f: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await f(i));
  return out;
}

async function slowEndpoint() {
  const ref = await startReference();
  const proxy = await startChild([...TSX, join(HERE, "slow-proxy.ts"), ref.url, "50"]);
  try {
    const url = proxy.lines[0]!;
    const file = join(dir, "slow.json");
    // The critical path is a model of the fixed scenarios (all overlapping); histories, each a chain of
    // dependent calls, are timed apart.
    const against = async (histories: string) => {
      const { code } = await timed([BIN, "--endpoint", url, "--state-url", `${url}/_conformance/provider-states`, "--histories", histories, "--report-json", file]);
      if (code !== 0) throw new Error(`the run against the slow endpoint failed (exit ${code})`);
      return readReport(file);
    };
    const withHistories = (await against("24")).run.timing.testsMs;
    const report = await against("0");
    const exclusive = new Set(["errors/429", "errors/500", "sdk-compatibility/a-429", "sdk-compatibility/a-500"]);
    const chains = report.tests.map((t) => ({ id: t.id, n: t.requests ?? 0, alone: [...exclusive].some((p) => t.id.startsWith(p)) }));
    // The probe, then the longest scenario among those that overlap, then the exclusive ones one by one.
    const longest = 1 + Math.max(...chains.filter((c) => !c.alone).map((c) => c.n)) + chains.filter((c) => c.alone).reduce((a, c) => a + c.n, 0);
    const critical = longest * 50;
    const tests = report.run.timing.testsMs + 50; // + the probe, which comes before the test phase
    const ratio = tests / critical;
    results.slowEndpoint = {
      delayMs: 50,
      testsPhaseMs: round(tests),
      criticalPathRequests: longest,
      criticalPathMs: critical,
      ratio: round(ratio, 2),
      requests: report.run.timing.requests,
      withHistoriesTestsPhaseMs: round(withHistories + 50),
    };
    row(
      "suite behind a +50 ms proxy (fixed scenarios): test phase vs critical path",
      `${round(tests)} vs ${critical} ms (${longest} requests)`,
      "<= 1.5",
      `${round(ratio, 2)} ${meets(ratio <= 1.5)}`,
    );
    row("  the same with the default 24 histories: test phase", `${round(withHistories + 50)} ms`);
  } finally {
    await proxy.stop();
    await ref.stop();
  }
}

// `npm run bench -- throughput` (or any section names) runs just those, for quick iterations.
const only = new Set(process.argv.slice(2));
const want = (section: string) => only.size === 0 || only.has(section);
const started = performance.now();
try {
  const full = await fullRun();
  if (want("startup")) await startup();
  if (want("throughput")) await throughput();
  if (want("scaling")) await scaling();
  if (want("validation")) await validation(full.validationMs, full.testsMs);
  if (want("slow")) await slowEndpoint();
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown", node: process.version, date: new Date().toISOString().slice(0, 10) };
  if (only.size === 0)
    writeFileSync(join(HERE, "results.json"), `${JSON.stringify({ machine, ...results, benchSeconds: round((performance.now() - started) / 1000) }, null, 2)}\n`);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    process.stdout.write(
      `${r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd()}\n`,
    );
  process.stdout.write(`\n${machine.cpus} x ${machine.cpu}, Node ${machine.node}; written to bench/results.json in ${round((performance.now() - started) / 1000)} s\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
