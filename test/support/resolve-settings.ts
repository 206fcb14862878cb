/**
 * What the tests of resolveSettings (test/cli/config-*.test.ts) share: the deadline settings,
 * config files written into a temporary folder, resolving with one, and catching the UsageError.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { UsageError } from "../../src/config/usage-error.js";
import { resolveSettings, type RunSettings } from "../../src/config/resolve.js";
import { tempDir } from "./temp-dir.js";

/** The request and run deadlines: flag, settings key, environment variable, default. */
export const TIMEOUTS = [
  ["timeout", "timeoutMs", "COGNITO_SYNC_TIMEOUT_MS", 10_000],
  ["run-timeout", "runTimeout", "COGNITO_SYNC_RUN_TIMEOUT", 300],
] as const;

/**
 * A temporary folder for the enclosing describe block (removed when it ends), a writer of config
 * files into it, and resolveSettings with an optional config file. Call it in a describe block.
 */
export function configFiles(prefix: string) {
  const dir = tempDir(prefix);
  let files = 0;

  /** Writes a config file (an object as JSON, a string as is) and returns its path. */
  function configFile(content: unknown): string {
    const path = join(dir, `config-${++files}.json`);
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  }

  /** resolveSettings with an optional config file, which comes first on the command line. */
  function resolve(argv: string[], env: NodeJS.ProcessEnv = {}, file?: unknown): RunSettings {
    return resolveSettings(file === undefined ? argv : ["--config", configFile(file), ...argv], env);
  }

  return { dir, configFile, resolve };
}

/** The UsageError that resolving throws; fails when it throws none, or something else. */
export function usageError(run: () => unknown): UsageError {
  let thrown: unknown;
  try {
    run();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, "a UsageError").to.be.instanceOf(UsageError);
  return thrown as UsageError;
}
