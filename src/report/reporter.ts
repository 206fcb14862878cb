/**
 * The terminal and file reports of a run: mocha's own spec reporter (titles carry the
 * requirement ids), a skip reason under every skipped test, mocha's xunit reporter for
 * JUnit XML, and one TestResult per test for the JSON report and the exit code.
 */
import Mocha from "mocha";
import { observed } from "../harness/conformance.js";
import type { Scenario } from "../harness/scenario.js";
import { ConformanceFailure, SetupFailure, TransportFailure } from "../harness/failure.js";
import type { TestResult } from "./results.js";

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

export interface ReporterOptions {
  /** Filled as tests finish. */
  results: TestResult[];
  junitFile?: string;
}

const metaOf = (test: Mocha.Runnable): Scenario | undefined => (test as unknown as { conformance?: Scenario }).conformance;
const observedOf = (test: Mocha.Runnable) => {
  const meta = metaOf(test);
  return meta ? observed(meta.id) : undefined;
};

export class ConformanceReporter extends Mocha.reporters.Spec {
  private readonly junit?: Mocha.reporters.XUnit;

  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const { results, junitFile } = options.reporterOptions as ReporterOptions;
    if (junitFile) this.junit = new Mocha.reporters.XUnit(runner, { reporterOptions: { output: junitFile, suiteName: "cognito-sync-conformance" } });

    const record = (test: Mocha.Runnable, status: TestResult["status"], err?: Error) => {
      const meta = metaOf(test);
      const seen = observedOf(test);
      results.push({
        id: meta?.id ?? test.fullTitle(),
        title: meta?.title ?? test.title,
        requirements: meta?.requirements ?? [],
        level: err instanceof ConformanceFailure ? err.level : (meta?.level ?? "MUST"),
        status,
        ...(err instanceof ConformanceFailure ? { failedRequirement: err.requirement.id } : {}),
        ...(err instanceof ConformanceFailure && err.history ? { history: err.history } : {}),
        ...(err instanceof ConformanceFailure && err.requirement.breaks ? { breaks: err.requirement.breaks.map(({ client, effect }) => ({ client, effect })) } : {}),
        ...(err ? { failure: err instanceof ConformanceFailure ? "check" : err instanceof SetupFailure || err instanceof TransportFailure ? "setup" : "internal" } : {}),
        ...(status === "skipped" ? { reason: seen?.skipReason ?? "skipped without a reason (a harness bug)" } : {}),
        durationMs: seen?.durationMs ?? test.duration ?? 0,
        ...(seen ? { requests: seen.requests } : {}),
        ...(seen?.unchecked.length ? { unchecked: [...seen.unchecked] } : {}),
        ...(err ? { error: err.message } : {}),
      });
    };
    runner.on(EVENT_TEST_PASS, (test) => record(test, "passed"));
    runner.on(EVENT_TEST_FAIL, (test, err) => record(test, "failed", err));
    runner.on(EVENT_TEST_PENDING, (test) => {
      record(test, "skipped");
      // Spec has just printed the title; the reason goes right under it.
      process.stdout.write(`${" ".repeat(6)}${Mocha.reporters.Base.color("pending", `skipped: ${observedOf(test)?.skipReason ?? "no reason given"}`)}\n`);
    });
  }

  /** Mocha calls this on its own reporter only; the JUnit file must be flushed before the run ends. */
  done(failures: number, fn?: (failures: number) => void): void {
    if (this.junit) this.junit.done(failures, fn ?? (() => undefined));
    else fn?.(failures);
  }
}
