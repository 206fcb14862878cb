/**
 * The default command: run the whole conformance suite against the configured endpoint,
 * or against the embedded reference endpoint when none is configured.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Mocha from "mocha";
import { listRecordsRequest } from "../http/cognito-sync.js";
import { RequestGate } from "../http/request-gate.js";
import type { SignedClient } from "../http/signed-client.js";
import { resolveSettings } from "../config/resolve.js";
import { settings } from "../config/settings.js";
import { startAhead, type Scenario } from "../harness/conformance.js";
import { ConformanceFailure } from "../harness/failure.js";
import { assertWellFormed, resolvedErrorType } from "../harness/well-formed.js";
import { newStats, setPlan, setRun, type RunContext, type RunPlan } from "../harness/run.js";
import { STATE_PATH } from "../reference/provider-states.js";
import { ConformanceReporter, QuietReporter } from "../report/reporter.js";
import type { TestResult } from "../report/results.js";
import { list } from "./list.js";
import { onOutputGone } from "./output.js";
import { developerCredentials, planRun } from "./plan.js";
import { checkWritable, reportPaths, writeReports } from "./report-files.js";
import type { SuiteKind } from "./suite-help.js";
import { EarlyExit, UsageError } from "../config/usage-error.js";
import type { ParityMode } from "./parity-run.js";
import { abortedRecord, finish } from "./verdict.js";
import { TOOL } from "../version.js";

/** The specs are code, next to this module: TypeScript in the source tree, JavaScript in the package (dist/). */
const SPEC = `.spec${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`;
/** What a command runs: the scenario specs, the random histories alone, or the contract verification. */
const SPEC_FILES: Record<SuiteKind, () => URL[]> = {
  scenarios: () => {
    // specs/ itself, not its folders: specs/pact/ is the pact command's alone.
    const dir = new URL("../../specs/", import.meta.url);
    return readdirSync(fileURLToPath(dir))
      .filter((f) => f.endsWith(SPEC))
      .sort()
      .map((f) => new URL(f, dir));
  },
  histories: () => [new URL(`../../specs/histories${SPEC}`, import.meta.url)],
  pact: () => [new URL(`../../specs/pact/verification${SPEC}`, import.meta.url)],
};
/** The name a run's record gives its command, as requirements name the command that checks them. */
const COMMAND: Record<SuiteKind, string> = { scenarios: "default", histories: "histories", pact: "pact" };
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** `parity` makes the run a `record` or a `compare` (see snapshot-commands.ts). */
export async function runSuite(argv: string[], kind: SuiteKind = "scenarios", parity?: ParityMode): Promise<number> {
  // `histories --runs N` says how many; it is the suite's --histories, with a default fit for long runs.
  const s = resolveSettings(kind === "histories" ? argv.map((a) => a.replace(/^--runs(?==|$)/, "--histories")) : argv, process.env);
  if (kind === "histories") s.histories ??= 200;
  if (s.help) {
    // Loaded for --help alone: it lists the reference's variants, which a run against another endpoint never loads.
    const { suiteHelp } = await import("./suite-help.js");
    process.stdout.write(suiteHelp(kind));
    return 0;
  }
  if (s.version) {
    process.stdout.write(`${TOOL.name} ${TOOL.version}\n`);
    return 0;
  }
  if (kind === "pact") {
    const given = settings.find((x) => x.scenariosOnly && x.flag !== undefined && s.origins[x.key]?.startsWith("--"));
    if (given) throw new UsageError(`--${given.flag} does not apply to pact: it is about the scenarios and histories (pact --help lists what does)`);
  }
  if (s.stateUrl !== undefined && s.endpoint === undefined) {
    throw new UsageError(
      `${s.origins.stateUrl ?? "--state-url"} names the state hook of an endpoint under test: give that endpoint with --endpoint (the embedded reference has its own hook)`,
    );
  }
  const grep = compileGrep(s.grep);
  const credentials = developerCredentials(s);
  // A report that cannot be written should stop the run before it starts, not hide its verdict after.
  for (const file of reportPaths(s)) checkWritable(file);

  if (s.list) {
    // Without an endpoint the run would start the reference, whose state hook is always there.
    const plan = planRun(s, s.endpoint === undefined ? STATE_PATH : s.stateUrl, s.endpoint ?? "the embedded reference endpoint");
    await loadSpecs(kind, plan, grep);
    return list(plan, s, grep, COMMAND[kind]);
  }

  // The reference endpoint is loaded only for a run that uses it.
  const reference = s.endpoint === undefined ? await import("./embedded-reference.js") : undefined;
  if (s.variant !== undefined) {
    if (s.endpoint !== undefined) throw new UsageError("--variant applies to the embedded reference; drop --endpoint");
    // Checked here, before the reference's thread starts, so a wrong name is a usage error and not a crashed thread.
    (await import("./variant-help.js")).checkVariantName(s.variant);
  }
  // One gate for every request of the run; the run's deadline, or a reader that went away, closes it.
  const gate = new RequestGate();
  const deadline = setTimeout(() => gate.close(`the run deadline of ${s.runTimeout} s passed (--run-timeout)`), Math.max(0, s.runTimeout * 1000 - performance.now()));
  onOutputGone((reason) => gate.close(reason));
  // The embedded reference knows the run's credentials, so it checks every signature the suite makes.
  const embedded = reference ? await reference.startEmbeddedReference({ credentials: [credentials], ...(s.variant === undefined ? {} : { variant: s.variant }) }) : undefined;
  const endpoint = embedded?.url ?? s.endpoint!;
  const stateUrl = embedded ? `${embedded.url}${STATE_PATH}` : s.stateUrl;
  const label = embedded ? `the embedded reference endpoint${s.variant ? `, variant '${s.variant}'` : ""} (${embedded.url})` : endpoint;
  const plan = planRun(s, stateUrl, label);
  // The signer, the HTTP client and the state hook are loaded only for a run that sends requests.
  const [{ SignedClient }, { StateHook }] = await Promise.all([import("../http/signed-client.js"), import("../harness/states.js")]);
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
    ...(parity ? { keepExchanges: true } : {}),
  };
  try {
    process.stdout.write(
      `cognito-sync-conformance ${TOOL.version}: endpoint ${plan.endpointLabel}${s.origins.endpoint && s.origins.endpoint !== "--endpoint" ? ` (from ${s.origins.endpoint})` : ""}\n` +
        `  seed ${plan.seed} (repeat with --seed ${plan.seed}); identity pool ${plan.identityPoolId}; identity ${plan.identityId}; datasets ${plan.prefix}-*\n`,
    );
    try {
      await probe(client, plan);
    } catch (e) {
      // The reports still tell CI why there are no tests in them.
      if (e instanceof EarlyExit) writeReports(s, abortedRecord(plan, s, COMMAND[kind], e));
      throw e;
    }
    setRun(run);
    const testsStart = performance.now(); // performance.now() counts from process start
    const results = await runMocha(kind, plan, grep, s.quiet);
    return finish(results, s, plan, run, { startupMs: testsStart, testsMs: performance.now() - testsStart }, COMMAND[kind], parity);
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
 * exit 2; one that cannot be judged at all (a body that is not JSON, or an error that is not
 * AWS-shaped: no Cognito Sync route) ends it with exit 1 and what is wrong, instead of the
 * same failure in every test. An answer that can be judged but breaks a requirement (the
 * wrong content type, members missing or of the wrong type) is only noted: the tests fail
 * that requirement, in every report. So is a well-formed error: the tests say what it means.
 */
async function probe(client: SignedClient, plan: RunPlan): Promise<void> {
  const ex = await client.send(listRecordsRequest({ identityPoolId: plan.identityPoolId, identityId: plan.identityId, datasetName: `${plan.prefix}-probe` }));
  if (ex.stopped) throw new EarlyExit(1, `stopped before the endpoint's first answer: ${ex.transportError}`);
  if (ex.transportError) throw new UsageError(`cannot reach the endpoint ${client.settings.endpoint}: ${ex.transportError}; check --endpoint and that the server is running`);
  try {
    assertWellFormed(ex);
  } catch (e) {
    if (!(e instanceof ConformanceFailure)) throw e;
    const r = ex.response!;
    if (r.json !== undefined && (r.status === 200 || resolvedErrorType(ex) !== undefined)) {
      return void process.stdout.write(`  note: the first ListRecords answer breaks ${e.requirement.id} (${e.got}); the run goes on, and the tests report it\n`);
    }
    throw new EarlyExit(
      1,
      [
        `the endpoint does not answer ListRecords as the API and its clients need (${e.requirement.id}): expected ${e.wanted}, got ${e.got}`,
        ...(e.requirement.breaks ?? []).map((b) => `  breaks ${b.client}: ${b.effect}`),
        `  ${ex.request.method} ${ex.request.url} -> HTTP ${ex.response!.status} ${ex.response!.headers["content-type"] ?? "(no content type)"}`,
      ].join("\n"),
      e.requirement.id,
    );
  }
  if (ex.response!.status !== 200) {
    process.stdout.write(
      `  note: a first ListRecords (of a dataset that does not exist) answered HTTP ${ex.response!.status} ${resolvedErrorType(ex) ?? ""}; check the credentials and ids if every test fails\n`,
    );
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

async function runMocha(kind: SuiteKind, plan: RunPlan, grep: RegExp | undefined, quiet: boolean): Promise<TestResult[]> {
  const results: TestResult[] = [];
  // Colour only for a person at a terminal who has not asked for none (https://no-color.org).
  const { Base } = Mocha.reporters;
  Base.useColors = process.stdout.isTTY === true && !process.env.NO_COLOR;
  // Mocha's symbols come coloured whenever its colour library sees a CI (CI=true), terminal or not.
  if (!Base.useColors) for (const [name, symbol] of Object.entries(Base.symbols)) (Base.symbols as Record<string, string>)[name] = symbol.replace(/\u001b\[[0-9;]*m/g, "");
  const mocha = await loadSpecs(kind, plan, grep, { reporter: quiet ? QuietReporter : ConformanceReporter, reporterOptions: { results } });
  // Start every selected scenario's body up front, a bounded number at a time (see startAhead).
  const selected: Scenario[] = [];
  const collect = (suite: Mocha.Suite): void => {
    for (const test of suite.tests) {
      const meta = (test as unknown as { conformance?: Scenario }).conformance;
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
