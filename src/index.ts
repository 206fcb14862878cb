/**
 * The package's programmatic API: the embedded reference endpoint (to run a suite of your own
 * against), the command itself, and the types of the reports it writes.
 */
export { createReferenceEndpoint, startReferenceEndpoint } from "./reference/server.js";
export type { ReferenceEndpoint, ReferenceOptions } from "./reference/server.js";
export { runCommand } from "./cli/main.js";
export type { RunRecord } from "./report/run-record.js";
export type { Expectation, Summary, TestResult } from "./report/results.js";
export type { ExpectationEntry } from "./config/expectations.js";
