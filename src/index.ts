/**
 * The package's programmatic API: the embedded reference endpoint (to run a suite of your own
 * against), the command itself, and the types of the reports it writes.
 */
export { createReferenceEndpoint, startReferenceEndpoint } from "./reference/server.js";
export type { ReferenceEndpoint, ReferenceOptions } from "./reference/server.js";
export { runCommand } from "./cli/main.js";
export type { RunRecord } from "./report/run-record.js";
export type { Expectation, TestResult } from "./report/results.js";
export type { JudgedResult, Outcome, OutcomeKind, RequirementOutcome } from "./report/outcome.js";
export type { Summary } from "./report/summary.js";
export type { ExpectationEntry } from "./config/expectations.js";
