/**
 * The terminal's running list of a run (mocha's own spec reporter: titles carry the requirement
 * ids, with a skip reason under every skipped test and an expected failure marked as such), and
 * one TestResult per test, from which outcomes, every report and the exit code are made. The
 * failures in full and the counts follow when the outcomes are decided (cli/verdict.ts).
 */
import Mocha from "mocha";
import { curlShown } from "../http/curl.js";
import { observed } from "../harness/conformance.js";
import type { Scenario } from "../harness/scenario.js";
import { ConformanceFailure, SetupFailure, TransportFailure } from "../harness/failure.js";
import type { TestResult } from "./results.js";

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

export interface ReporterOptions {
  /** Filled as tests finish. */
  results: TestResult[];
}

const metaOf = (test: Mocha.Runnable): Scenario | undefined => (test as unknown as { conformance?: Scenario }).conformance;
const observedOf = (test: Mocha.Runnable) => {
  const meta = metaOf(test);
  return meta ? observed(meta.id) : undefined;
};

/** Keeps one TestResult per finished test in `results`; `say` prints a line under a skipped test's title. */
function recordResults(runner: Mocha.Runner, results: TestResult[], say: (line: string) => void): void {
  const record = (test: Mocha.Runnable, status: TestResult["status"], err?: Error) => {
    const meta = metaOf(test);
    const seen = observedOf(test);
    results.push({
      id: meta?.id ?? test.fullTitle(),
      title: meta?.title ?? test.title,
      requirements: meta?.requirements ?? [],
      level: meta?.level ?? "MUST",
      status,
      ...(meta?.seeded ? { seeded: true as const } : {}),
      ...(err instanceof ConformanceFailure ? { failedRequirement: err.requirement.id, failedLevel: err.level } : {}),
      ...(err instanceof ConformanceFailure && err.history ? { history: err.history } : {}),
      ...(err instanceof ConformanceFailure && err.race ? { race: err.race } : {}),
      ...(err instanceof ConformanceFailure ? { check: checkOf(err) } : {}),
      ...(err instanceof ConformanceFailure && err.requirement.breaks ? { breaks: err.requirement.breaks.map(({ client, effect }) => ({ client, effect })) } : {}),
      ...(err ? { failure: err instanceof ConformanceFailure ? "check" : err instanceof SetupFailure || err instanceof TransportFailure ? "setup" : "internal" } : {}),
      ...(status === "skipped" ? { reason: seen?.skipReason ?? "skipped without a reason (a harness bug)" } : {}),
      ...(seen?.startMs !== undefined ? { startMs: seen.startMs } : {}),
      durationMs: seen?.durationMs ?? test.duration ?? 0,
      ...(seen ? { requests: seen.requests } : {}),
      ...(seen?.unchecked.length ? { unchecked: [...seen.unchecked] } : {}),
      ...(seen?.notes.length ? { notes: [...seen.notes] } : {}),
      ...(err ? { error: err.message } : {}),
    });
  };
  runner.on(EVENT_TEST_PASS, (test) => record(test, "passed"));
  runner.on(EVENT_TEST_FAIL, (test, err) => record(test, "failed", err));
  runner.on(EVENT_TEST_PENDING, (test) => {
    // A failure the expectations file lists reaches mocha as pending; it is still a failure, shown as expected.
    const expected = observedOf(test)?.expectedFailure;
    if (expected) record(test, "failed", expected);
    else record(test, "skipped");
    say(expected ? `expected failure (expectations file): ${expected.message.split("\n")[0]}` : `skipped: ${observedOf(test)?.skipReason ?? "no reason given"}`);
  });
}

/** The terminal report: each test as it finishes (mocha's spec reporter), a skip's reason under its title. */
export class ConformanceReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    // Spec has just printed the title; the reason goes right under it.
    recordResults(runner, (options.reporterOptions as ReporterOptions).results, (line) => process.stdout.write(`${" ".repeat(6)}${Mocha.reporters.Base.color("pending", line)}\n`));
  }

  // The failures and the counts come after the run's outcomes are decided (cli/verdict.ts).
  override epilogue(): void {}
}

/** --quiet: nothing per test. */
export class QuietReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    recordResults(runner, (options.reporterOptions as ReporterOptions).results, () => undefined);
  }
}

/** A failed check's parts as fields, for tools that read the JSON report. */
function checkOf(f: ConformanceFailure): NonNullable<TestResult["check"]> {
  const ex = f.exchange;
  return {
    expected: f.wanted,
    actual: f.got,
    ...(ex ? { exchange: { request: `${ex.request.method} ${ex.request.url}`, ...(ex.response ? { status: ex.response.status } : {}), curl: curlShown(ex.curl) } } : {}),
  };
}
