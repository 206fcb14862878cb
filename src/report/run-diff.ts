/**
 * Two runs' records compared test by test, as a fork's pull request asks "what did my change
 * break compared with main?": a regression is a test whose outcome now fails the run and did
 * not before (a new test that fails the run counts too); a fix the reverse. Tests are matched
 * by id, which is stable across runs and seeds, and judged by the outcome each run recorded.
 */
import type { OutcomeKind } from "./outcome.js";
import type { RunRecord } from "./run-record.js";

export type ChangeKind = "regression" | "fix" | "new" | "removed" | "changed";

export interface TestChange {
  id: string;
  title: string;
  kind: ChangeKind;
  /** The outcome in each run; absent where the test was not in that run. */
  base?: OutcomeKind;
  head?: OutcomeKind;
  /** The requirement the failing side broke, with its level, when a check failed. */
  broke?: string;
}

export interface RunDiff {
  changes: TestChange[];
  verdict: { base: number; head: number };
}

type Test = RunRecord["tests"][number];

const broke = (t: Test | undefined) => (t?.failedRequirement ? `${t.failedRequirement} (${t.failedLevel})` : undefined);

function changeOf(b: Test | undefined, h: Test | undefined): ChangeKind | undefined {
  if (!b) return h!.outcome.failsRun ? "regression" : "new";
  if (!h) return "removed";
  if (!b.outcome.failsRun && h.outcome.failsRun) return "regression";
  if (b.outcome.failsRun && !h.outcome.failsRun) return "fix";
  return b.outcome.kind === h.outcome.kind && b.failedRequirement === h.failedRequirement ? undefined : "changed";
}

export function diffRuns(base: RunRecord, head: RunRecord): RunDiff {
  const before = new Map(base.tests.map((t) => [t.id, t]));
  const after = new Map(head.tests.map((t) => [t.id, t]));
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const changes = ids.flatMap((id): TestChange[] => {
    const b = before.get(id);
    const h = after.get(id);
    const kind = changeOf(b, h);
    if (!kind) return [];
    const failing = kind === "fix" ? b : (h ?? b);
    const shown = broke(failing);
    return [{ id, title: (h ?? b)!.title, kind, ...(b ? { base: b.outcome.kind } : {}), ...(h ? { head: h.outcome.kind } : {}), ...(shown ? { broke: shown } : {}) }];
  });
  return { changes, verdict: { base: base.verdict.exitCode, head: head.verdict.exitCode } };
}
