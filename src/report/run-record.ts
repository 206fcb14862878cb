/**
 * Everything a run's reports say, as one value that every report format renders: so the
 * terminal, JSON, JUnit and HTML reports can never disagree about a verdict. The JSON report
 * is this value as it is (schemas/report.schema.json); `formatVersion` changes when a
 * member changes meaning or goes away.
 */
import type { Parity } from "../parity/parity.js";
import type { RequirementId } from "../requirement-ids.js";
import type { JudgedResult, RequirementOutcome } from "./outcome.js";
import type { Summary } from "./summary.js";

export const FORMAT_VERSION = 3;

export interface RunRecord {
  formatVersion: typeof FORMAT_VERSION;
  tool: { name: string; version: string };
  /** When the run ended, ISO 8601. */
  finishedAt: string;
  summary: Summary;
  /** The exit code and the terminal's verdict line. */
  verdict: { exitCode: number; line: string };
  /** What the run was set to do and how it went: endpoint, seed, ids, interpretations, timing, cleanup. */
  run: {
    /** The command that made the run: "default", "histories" or "pact". */
    command: string;
    endpoint: string;
    seed: number;
    identityPoolId: string;
    identityId: string;
    prefix: string;
    interpretations: Record<string, string>;
    /** The settings that change a verdict. */
    options: { strict: boolean; requireAll: boolean; strictExpectations: boolean; expectations?: string };
    timing?: Record<string, unknown>;
    stoppedEarly?: string;
    cleanup?: { problems: string[]; leftBehind: string[] };
  };
  /** Set when the run ended before its tests: why, and the exit code. */
  aborted?: { exitCode: number; reason: string; requirement?: RequirementId };
  /** What `record` or `compare` added: the snapshots written, or each recorded scenario held to its replay. */
  parity?: Parity;
  tests: JudgedResult[];
  /** Every requirement of the catalogue, with what the run's tests showed of it. */
  requirements: RequirementOutcome[];
}
