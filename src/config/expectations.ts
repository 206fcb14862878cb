/**
 * Expectations files: an implementation's known failures and skips, so CI fails on new ones
 * only. Read and checked against schemas/expectations.schema.json before the run starts; any
 * problem is a usage error naming the file and what to fix.
 */
import { readFileSync } from "node:fs";
import { validateAgainst } from "../schema/validators.js";
import { UsageError } from "./usage-error.js";
import type { RequirementId } from "../requirement-ids.js";

export interface ExpectationEntry {
  test?: string;
  requirement?: RequirementId;
  expect: "fail" | "skip";
  reason: string;
  link?: string;
}

export function readExpectations(path: string): ExpectationEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`cannot read the expectations file ${path}: ${(e as Error).message.split("\n")[0]}`);
  }
  const issue = validateAgainst("expectations", doc)[0];
  if (issue) throw new UsageError(`the expectations file ${path} is not valid: ${issue.instancePath || "(top)"} ${issue.message} (see schemas/expectations.schema.json)`);
  return (doc as { expectations: ExpectationEntry[] }).expectations;
}

/** Whether an entry's test names this test: exactly, or as a family (`histories/history-*`: every id that starts so). */
export function namesTest(e: ExpectationEntry, testId: string): boolean {
  return e.test !== undefined && (e.test === testId || (e.test.endsWith("*") && testId.startsWith(e.test.slice(0, -1))));
}

/** The entry that lists a failure of this test: the test's own (or its family's), or one for the requirement it broke. */
export function listedFailure(entries: readonly ExpectationEntry[], testId: string, failedRequirement: string | undefined): ExpectationEntry | undefined {
  return entries.find((e) => e.expect === "fail" && (namesTest(e, testId) || (failedRequirement !== undefined && e.requirement === failedRequirement)));
}

/** The entry that skips this test: its own (or its family's), or one for a requirement it checks. */
export function listedSkip(entries: readonly ExpectationEntry[], testId: string, requirements: readonly RequirementId[]): ExpectationEntry | undefined {
  return entries.find((e) => e.expect === "skip" && (namesTest(e, testId) || (e.requirement !== undefined && requirements.includes(e.requirement))));
}
