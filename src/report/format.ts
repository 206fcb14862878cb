/**
 * A report format: one file each under formats/, rendering a finished run's record to text.
 * Adding a format is one such file and one row in formats/index.ts (and its setting).
 */
import type { RunRecord } from "./run-record.js";

export interface ReportFormat {
  /** Shown in messages: "the JUnit report". */
  readonly name: string;
  render(record: RunRecord): string;
}
