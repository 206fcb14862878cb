/**
 * The one outcome of each test and of each requirement, decided once when a run ends (after
 * its expectations file applied) under the run's verdict options. The exit code, the verdict
 * line, the terminal and every report read these; none of them decides an outcome itself.
 */
import type { Level, Requirement } from "../harness/catalogue.js";
import type { TestResult } from "./results.js";
import type { RequirementId } from "../requirement-ids.js";

/** The settings that decide what a run's findings mean for its exit code. */
export interface VerdictOptions {
  strict: boolean;
  /** A MUST test that did not run fails the run. */
  requireAll: boolean;
  /** A listed failure that passed fails the run. */
  strictExpectations: boolean;
}

export type OutcomeKind = "passed" | "failed" | "not judged" | "suite error" | "skipped" | "expected failure" | "expected skip" | "unexpected pass";

export interface Outcome {
  kind: OutcomeKind;
  /** Whether it fails the run under the run's options: a SHOULD failure only with --strict, a MUST skip (expected or not) only with --require-all, an unexpected pass only with --strict-expectations. */
  failsRun: boolean;
}

/** A test's result with its outcome. */
export type JudgedResult = TestResult & { outcome: Outcome };

export function outcomeOf(r: TestResult, o: VerdictOptions): Outcome {
  const e = r.expectation?.outcome;
  if (e === "expected failure") return { kind: e, failsRun: false };
  // --require-all asks that every MUST test run, whatever the expectations file says.
  if (e === "expected skip") return { kind: e, failsRun: o.requireAll && r.level === "MUST" };
  if (e === "unexpected pass") return { kind: e, failsRun: o.strictExpectations };
  if (r.status === "passed") return { kind: "passed", failsRun: false };
  if (r.status === "skipped") return { kind: "skipped", failsRun: o.requireAll && r.level === "MUST" };
  if (r.failure === "check") return { kind: "failed", failsRun: r.failedLevel === "MUST" || o.strict };
  return { kind: r.failure === "internal" ? "suite error" : "not judged", failsRun: true };
}

export const judge = (results: readonly TestResult[], o: VerdictOptions): JudgedResult[] => results.map((r) => ({ ...r, outcome: outcomeOf(r, o) }));

/** What became of one requirement in a run, read from its tests. */
export interface RequirementOutcome {
  id: RequirementId;
  level: Level;
  /** The worst of its tests' outcomes for it; with no test in this run, "not run", or "checked by" the command that checks it. */
  outcome: OutcomeKind | "not run" | "checked by another command";
  /** Set with "checked by another command": which one. */
  checkedBy?: string;
  /** Its tests by what they showed of it: a test that failed on another requirement, or on its setup, did not judge this one. */
  tests: Partial<Record<OutcomeKind, number>>;
}

/** What one test showed of one of its requirements. */
function outcomeFor(t: JudgedResult, requirementId: string): OutcomeKind {
  const k = t.outcome.kind;
  if ((k === "failed" || k === "expected failure") && t.failedRequirement !== requirementId) return "not judged";
  return k;
}

// Worst first: the first kind any test shows is the requirement's outcome.
const WORST_FIRST: readonly OutcomeKind[] = ["failed", "suite error", "expected failure", "unexpected pass", "passed", "not judged", "expected skip", "skipped"];

/** Every requirement's outcome, in the catalogue's order; `command` is the command that made the run. */
export function requirementOutcomes(catalogue: Iterable<Requirement>, tests: readonly JudgedResult[], command: string): RequirementOutcome[] {
  return [...catalogue].map((r) => {
    const counts: Partial<Record<OutcomeKind, number>> = {};
    for (const t of tests) {
      // A test that failed it counts though it did not declare it (the shared answer check's requirements hold for every test).
      if (!t.requirements.includes(r.id) && t.failedRequirement !== r.id) continue;
      const k = outcomeFor(t, r.id);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    const worst = WORST_FIRST.find((k) => counts[k]);
    const by = r.command ?? "default";
    const outcome = worst === "unexpected pass" ? "passed" : (worst ?? (by === command ? "not run" : "checked by another command"));
    return { id: r.id, level: r.level, outcome, ...(outcome === "checked by another command" ? { checkedBy: by } : {}), tests: counts };
  });
}
