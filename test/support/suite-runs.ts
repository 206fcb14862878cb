/**
 * What the end-to-end tests of the suite command (test/cli/run-*.test.ts) share: runs isolated
 * from the developer's AWS settings, the summary line, the report shapes, and how a run that
 * went wrong is shown.
 */
import { expect } from "chai";
import { expectOneLine, isolatedEnv, readJsonFile, runCli, shown, type Finished } from "./run-cli.js";

export { expectOneLine, shown };

/** No AWS_* or COGNITO_SYNC_* variable of the developer's reaches these runs. */
export const ENV = isolatedEnv();
export const run = (args: string[], timeoutMs = 60_000, env = ENV) => runCli(args, timeoutMs, env);

export const SUMMARY = /^(\d+) passed, (\d+) failed, (\d+) skipped(, \d+ expected failures)?$/m;
/** The tests that need provider states: by id in reports, by title in listings. */
export const STATE_TESTS = /^errors\/(429|500)-/;
export const STATE_TITLES = /^(429|500) \w+Exception when the provider state /;

interface JsonTest {
  id: string;
  title: string;
  requirements: string[];
  level: string;
  status: string;
  planned?: string;
  reason?: string;
  durationMs: number;
  unchecked?: string[];
}
interface JsonReport {
  listing?: true;
  summary: Record<string, number>;
  run: Record<string, unknown>;
  tests: JsonTest[];
}

export const readJson = (path: string) => readJsonFile<JsonReport>(path);
export const summaryOf = (r: Finished) => {
  const m = SUMMARY.exec(r.stdout);
  expect(m, `a summary line\n${shown(r)}`).to.not.equal(null);
  return { passed: Number(m![1]), failed: Number(m![2]), skipped: Number(m![3]) };
};
