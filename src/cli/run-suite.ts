/**
 * The default command: run the whole conformance suite against the configured endpoint,
 * or against the embedded reference endpoint when none is configured.
 */
import { closeSync, mkdirSync, openSync, readdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Mocha from "mocha";
import { listRecordsRequest } from "../client/cognito-sync.js";
import { RequestGate } from "../client/request-gate.js";
import { SignedClient } from "../client/signed-client.js";
import { resolveSettings, type RunSettings } from "../config/resolve.js";
import { settings } from "../config/settings.js";
import { interpretations } from "../harness/catalogue.js";
import { registry, skipReason, startAhead, type TestMeta } from "../harness/conformance.js";
import { ConformanceFailure } from "../harness/failure.js";
import { assertWellFormed, resolvedErrorType } from "../harness/well-formed.js";
import { newStats, setPlan, setRun, type RunContext, type RunPlan } from "../harness/run.js";
import { StateHook } from "../harness/states.js";
import { STATE_PATH } from "../reference/provider-states.js";
import { startReferenceEndpoint } from "../reference/server.js";
import { conformingVariants, variants } from "../reference/variants.js";
import { abortedJunit } from "../report/junit-aborted.js";
import { ConformanceReporter } from "../report/reporter.js";
import { exitCodeFor, summarize, type TestResult } from "../report/results.js";
import { onOutputGone } from "./output.js";
import { developerCredentials, planRun } from "./plan.js";
import { EarlyExit, UsageError } from "./usage-error.js";

/** What a command runs: the scenario specs, or the contract verification. */
export type SuiteKind = "scenarios" | "pact";
const SPEC_FILES: Record<SuiteKind, () => URL[]> = {
  scenarios: () => {
    const dir = new URL("../../specs/", import.meta.url);
    return readdirSync(fileURLToPath(dir)).filter((f) => f.endsWith(".spec.ts")).sort().map((f) => new URL(f, dir));
  },
  pact: () => [new URL("../pact/verification.spec.ts", import.meta.url)],
};
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export function suiteHelp(): string {
  const rows = settings.map((s) => {
    const where = [s.flag ? `--${s.flag}${s.kind === "boolean" ? "" : s.kind === "pairs" ? " NAME=CHOICE" : " VALUE"}` : undefined, ...(s.env ?? []).map((e) => `$${e}`), s.file ? `config: ${s.file}` : undefined].filter(Boolean);
    return `  ${where.join(" | ")}\n      ${s.help}${s.defaultText ? ` (default: ${s.defaultText})` : ""}`;
  });
  const open = interpretations.map((i) => `  ${i.name}: ${Object.keys(i.choices).join(" | ")} (default ${i.default}) - ${i.question}`);
  return [
    "Usage: cognito-sync-conformance [options]          run the suite",
    "       cognito-sync-conformance serve [options]    start the reference endpoint (serve --help)",
    "",
    "Runs the Cognito Sync ListRecords conformance suite against an endpoint; with no endpoint,",
    "against the embedded reference endpoint. A flag beats an environment variable, which beats",
    "the config file. Exit codes: 0 no MUST requirement failed, 1 one did (or a SHOULD one with",
    "--strict) or a scenario could not be judged (no answer, or the run stopped early: the",
    "endpoint stopped answering or --run-timeout passed), 2 bad usage or configuration, or an",
    "endpoint that cannot be reached, 3 a bug of the suite.",
    "",
    "  --config FILE",
    "      JSON config file with the keys shown as 'config:' below",
    ...rows,
    "  -h, --help",
    "      show this text",
    "",
    "Interpretations of points the sources leave open (--interpretation NAME=CHOICE):",
    ...open,
    "",
  ].join("\n");
}

export async function runSuite(argv: string[], kind: SuiteKind = "scenarios"): Promise<number> {
  const s = resolveSettings(argv, process.env);
  if (s.help) {
    process.stdout.write(suiteHelp());
    return 0;
  }
  const grep = compileGrep(s.grep);
  const credentials = developerCredentials(s);
  // A report that cannot be written should stop the run before it starts, not hide its verdict after.
  for (const file of [s.reportJson, s.reportJunit]) if (file !== undefined) checkWritable(file);

  if (s.list) {
    // Without an endpoint the run would start the reference, whose state hook is always there.
    const plan = planRun(s, s.endpoint === undefined ? STATE_PATH : s.stateUrl, s.endpoint ?? "the embedded reference endpoint");
    await loadSpecs(kind, plan, grep);
    return list(plan, s, grep);
  }

  if (s.referenceVariant !== undefined) {
    if (s.endpoint !== undefined) throw new UsageError("--reference-variant applies to the embedded reference; drop --endpoint");
    if (!(s.referenceVariant in variants) && !(s.referenceVariant in conformingVariants)) {
      throw new UsageError(`unknown --reference-variant '${s.referenceVariant}' (known: ${[...Object.keys(variants), ...Object.keys(conformingVariants)].join(", ")})`);
    }
  }
  // One gate for every request of the run; the run's deadline, or a reader that went away, closes it.
  const gate = new RequestGate();
  const deadline = setTimeout(() => gate.close(`the run deadline of ${s.runTimeout} s passed (--run-timeout)`), Math.max(0, s.runTimeout * 1000 - performance.now()));
  onOutputGone((reason) => gate.close(reason));
  // The embedded reference knows the run's credentials, so it checks every signature the suite makes.
  const embedded =
    s.endpoint === undefined ? await startReferenceEndpoint({ credentials: [credentials], ...(s.referenceVariant === undefined ? {} : { variant: s.referenceVariant }) }) : undefined;
  const endpoint = embedded?.url ?? s.endpoint!;
  const stateUrl = embedded ? `${embedded.url}${STATE_PATH}` : s.stateUrl;
  const label = embedded ? `the embedded reference endpoint${s.referenceVariant ? `, broken variant '${s.referenceVariant}'` : ""} (${embedded.url})` : endpoint;
  const plan = planRun(s, stateUrl, label);
  const client = new SignedClient({ endpoint, region: s.region, credentials, timeoutMs: s.timeoutMs, maxResponseBytes: MAX_RESPONSE_BYTES, gate });
  const run: RunContext = {
    plan,
    client,
    ...(plan.bound.via === "config" ? { boundClient: client.as(plan.bound.credentials) } : {}),
    ...(stateUrl ? { states: new StateHook(stateUrl, s.timeoutMs, gate) } : {}),
    cleanupProblems: [],
    leftBehind: [],
    gate,
    stats: newStats(),
  };
  try {
    process.stdout.write(
      `cognito-sync-conformance: endpoint ${plan.endpointLabel}\n` +
        `  seed ${plan.seed} (repeat with --seed ${plan.seed}); identity pool ${plan.identityPoolId}; identity ${plan.identityId}; datasets ${plan.prefix}-*\n`,
    );
    try {
      await probe(client, plan);
    } catch (e) {
      // The reports still tell CI why there are no tests in them.
      if (e instanceof EarlyExit) {
        if (s.reportJson) writeReport(s.reportJson, { summary: summarize([]), run: describePlan(plan), aborted: { exitCode: e.code, reason: e.message, ...(e.requirement ? { requirement: e.requirement } : {}) }, tests: [] });
        if (s.reportJunit) writeFile(s.reportJunit, abortedJunit(e.message));
      }
      throw e;
    }
    setRun(run);
    const testsStart = performance.now(); // performance.now() counts from process start
    const results = await runMocha(kind, plan, grep, s);
    return finish(results, s, plan, run, { startupMs: testsStart, testsMs: performance.now() - testsStart });
  } finally {
    clearTimeout(deadline);
    onOutputGone(undefined);
    client.close();
    run.boundClient?.close();
    run.states?.close();
    await embedded?.close();
  }
}

function compileGrep(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern);
  } catch (e) {
    throw new UsageError(`--grep is not a valid regular expression: ${(e as Error).message}`);
  }
}

/**
 * One ListRecords before anything else. An endpoint that gives no answer ends the run with
 * exit 2; one whose answer is not ListRecords at all (HTML, truncated JSON, the wrong
 * content type...) ends it with exit 1 and what is wrong, instead of the same failure in
 * every test. A well-formed error is only noted: the tests will say what it means.
 */
async function probe(client: SignedClient, plan: RunPlan): Promise<void> {
  const ex = await client.send(listRecordsRequest({ identityPoolId: plan.identityPoolId, identityId: plan.identityId, datasetName: `${plan.prefix}-probe` }));
  if (ex.stopped) throw new EarlyExit(1, `stopped before the endpoint's first answer: ${ex.transportError}`);
  if (ex.transportError) throw new UsageError(`cannot reach the endpoint ${client.settings.endpoint}: ${ex.transportError}; check --endpoint and that the server is running`);
  try {
    assertWellFormed(ex);
  } catch (e) {
    if (!(e instanceof ConformanceFailure)) throw e;
    throw new EarlyExit(
      1,
      `the endpoint does not answer ListRecords as the API does (${e.requirement.id}): expected ${e.wanted}, got ${e.got}\n  ${ex.request.method} ${ex.request.url} -> HTTP ${ex.response!.status} ${ex.response!.headers["content-type"] ?? "(no content type)"}`,
      e.requirement.id,
    );
  }
  if (ex.response!.status !== 200) {
    process.stdout.write(`  note: a first ListRecords (of a dataset that does not exist) answered HTTP ${ex.response!.status} ${resolvedErrorType(ex) ?? ""}; check the credentials and ids if every test fails\n`);
  }
}

async function loadSpecs(kind: SuiteKind, plan: RunPlan, grep: RegExp | undefined, options: Mocha.MochaOptions = {}): Promise<Mocha> {
  setPlan(plan);
  // Bodies may queue behind others (see startAhead); requests have their own deadlines.
  const mocha = new Mocha({ timeout: 600_000, ...(grep ? { grep } : {}), ...options });
  const { EVENT_FILE_PRE_REQUIRE, EVENT_FILE_REQUIRE, EVENT_FILE_POST_REQUIRE } = Mocha.Suite.constants;
  // Loaded with import(), as mocha itself would, but never through require(): that would give
  // the specs their own copies of the harness modules, apart from the run this command set up.
  for (const url of SPEC_FILES[kind]()) {
    mocha.suite.emit(EVENT_FILE_PRE_REQUIRE, globalThis, fileURLToPath(url), mocha);
    mocha.suite.emit(EVENT_FILE_REQUIRE, await import(url.href), fileURLToPath(url), mocha);
    mocha.suite.emit(EVENT_FILE_POST_REQUIRE, globalThis, fileURLToPath(url), mocha);
  }
  return mocha;
}

async function runMocha(kind: SuiteKind, plan: RunPlan, grep: RegExp | undefined, s: RunSettings): Promise<TestResult[]> {
  const results: TestResult[] = [];
  const mocha = await loadSpecs(kind, plan, grep, { reporter: ConformanceReporter, reporterOptions: { results, ...(s.reportJunit ? { junitFile: s.reportJunit } : {}) } });
  if (s.reportJunit) mkdirSync(dirname(s.reportJunit), { recursive: true });
  // Start every selected scenario's body up front, a bounded number at a time (see startAhead).
  const selected: TestMeta[] = [];
  const collect = (suite: Mocha.Suite): void => {
    for (const test of suite.tests) {
      const meta = (test as unknown as { conformance?: TestMeta }).conformance;
      if (meta && (!grep || grep.test(test.fullTitle()))) selected.push(meta);
    }
    suite.suites.forEach(collect);
  };
  collect(mocha.suite);
  if (selected.length === 0) throw new UsageError(`--grep ${grep} selects no test; --list shows the titles it is matched against`);
  mocha.suite.beforeAll("start the scenarios", () => startAhead(selected, plan.concurrency));
  await new Promise<void>((resolve) => mocha.run(() => resolve()));
  return results;
}

function finish(results: TestResult[], s: RunSettings, plan: RunPlan, run: RunContext, phases: { startupMs: number; testsMs: number }): number {
  const summary = summarize(results);
  if (s.reportJson) {
    const timing = {
      ...phases,
      reportingMs: performance.now() - phases.startupMs - phases.testsMs,
      ...run.stats,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
    const stopped = run.gate.closedBecause;
    const cleanup = { problems: run.cleanupProblems, leftBehind: run.leftBehind };
    writeReport(s.reportJson, { summary, run: { ...describePlan(plan), timing: roundAll(timing), ...(stopped ? { stoppedEarly: stopped } : {}), cleanup }, tests: results });
  }
  for (const problem of run.cleanupProblems) process.stdout.write(`cleanup: ${problem}\n`);
  if (run.gate.closedBecause) process.stdout.write(`stopped early: ${run.gate.closedBecause}; nothing was sent after that\n`);
  // Every dataset of the run is named from its prefix, so the prefix says what to delete.
  if (run.leftBehind.length > 0) process.stdout.write(`cleanup not run: ${run.leftBehind.length} datasets or provider states left behind (datasets named ${plan.prefix}-*; each is listed in the JSON report)\n`);
  const code = exitCodeFor(summary, s.strict);
  // One line on what broke: requirement ids, and for scenarios not judged, the first reason given.
  const broken = new Map<string, number>();
  for (const r of results) {
    if (r.status !== "failed") continue;
    // A setup or transport failure's second line is its cause without the scenario's names, so alike ones group.
    const cause = (r.error ?? "").split("\n")[r.failure === "setup" ? 1 : 0]?.trim() ?? "";
    // Requests the gate stopped all share one cause, printed in full on the 'stopped early' line.
    const reason = /^(not sent|abandoned): /.test(cause) ? "stopped early" : cause.slice(0, 120);
    const key = r.failedRequirement ?? `${r.failure === "internal" ? "suite error" : "not judged"}: ${reason}`;
    broken.set(key, (broken.get(key) ?? 0) + 1);
  }
  if (broken.size > 0) {
    const top = [...broken].sort((a, b) => b[1] - a[1]);
    process.stdout.write(`failed: ${top.slice(0, 8).map(([id, n]) => `${id} x${n}`).join(", ")}${top.length > 8 ? `, and ${top.length - 8} more` : ""}\n`);
  }
  process.stdout.write(
    `verdict: ${code === 0 ? "conforms" : code === 3 ? "the suite failed" : "does not conform"} (${summary.mustFailed} MUST and ${summary.shouldFailed} SHOULD requirement checks failed` +
      `${summary.notJudged ? `; ${summary.notJudged} scenarios could not be judged` : ""}${summary.internal ? `; ${summary.internal} failed inside the suite` : ""}${s.strict ? "; --strict" : ""})\n` +
      `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`,
  );
  return code;
}

/** --list: what would run, with requirement ids, and what would be skipped and why. */
function list(plan: RunPlan, s: RunSettings, grep: RegExp | undefined): number {
  const tests = registry
    .filter((m) => !grep || grep.test(m.fullTitle ?? m.title))
    .map((m) => {
      const reason = skipReason(m, plan);
      return { id: m.id, title: m.title, requirements: m.requirements, level: m.level, status: reason ? "would skip" : "would run", ...(reason ? { reason } : {}) };
    });
  for (const t of tests) process.stdout.write(`${t.status === "would run" ? "run " : "skip"}  ${t.level.padEnd(6)} ${t.title}  [${t.requirements.join(" ")}]${t.reason ? `\n                 skipped: ${t.reason}` : ""}\n`);
  const skipped = tests.filter((t) => t.status === "would skip").length;
  process.stdout.write(`${tests.length - skipped} would run, ${skipped} would be skipped\n`);
  if (s.reportJson) writeReport(s.reportJson, { summary: { planned: tests.length - skipped, skipped }, run: describePlan(plan), tests });
  return 0;
}

/** Milliseconds to whole numbers, all the way down, for a report people read. */
const roundAll = (o: object): object => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "number" ? Math.round(v * 10) / 10 : typeof v === "object" && v !== null ? roundAll(v) : v]));

const describePlan = (p: RunPlan) => ({ endpoint: p.endpointLabel, seed: p.seed, identityPoolId: p.identityPoolId, identityId: p.identityId, prefix: p.prefix, interpretations: p.interpretations });

function checkWritable(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    closeSync(openSync(path, "a"));
  } catch (e) {
    throw new UsageError(`cannot write the report ${path}: ${(e as Error).message}`);
  }
}

const writeReport = (path: string, report: object): void => writeFile(path, `${JSON.stringify(report, null, 2)}\n`);

function writeFile(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (e) {
    throw new UsageError(`cannot write the report ${path}: ${(e as Error).message}`);
  }
}
