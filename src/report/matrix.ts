/**
 * Several runs side by side (implementations, or versions of one): every requirement and every
 * test as a row, each run's outcome for it as a cell. A cell only reads what that run's record
 * says (its requirement outcomes, its tests' outcomes and failed levels), so the matrix can
 * never contradict a run's own report; "absent" is the one word of its own, for a row a run does
 * not have. Pure: the matrix command renders it (matrix-html.ts) and counts it for the terminal.
 */
import { requirements as catalogue, type Level } from "../harness/catalogue.js";
import type { RequirementOutcome } from "./outcome.js";
import type { RunRecord } from "./run-record.js";

/** What a cell says: the run's own outcome word, or "absent" when the run has no such row. */
export type CellOutcome = RequirementOutcome["outcome"] | "absent";

// The order counts and filters list outcomes in; a Record, so the compiler asks for every outcome a cell can show.
const RANK: Record<CellOutcome, number> = {
  passed: 0,
  failed: 1,
  "not judged": 2,
  "suite error": 3,
  "unexpected pass": 4,
  "expected failure": 5,
  "expected skip": 6,
  skipped: 7,
  "not run": 8,
  "checked by another command": 9,
  absent: 10,
};

/** Every outcome a cell can show, in the order counts and filters list them. */
export const CELL_OUTCOMES = Object.keys(RANK) as CellOutcome[];

export interface Cell {
  outcome: CellOutcome;
  /** For "failed": the level of the requirement broken, which decides whether it fails the run. */
  level?: Level;
  /** The outcome in words, a failure's level included: "failed (MUST)". */
  text: string;
  /** The id of the run's failed test that shows this cell's failure: the test itself, or for a requirement the test that broke it. */
  failure?: string;
}

export interface Row {
  id: string;
  /** The requirement's statement or the test's title. */
  title: string;
  level: Level;
  cells: Cell[];
  /** Whether the runs say different things of it. */
  differ: boolean;
}

export interface Column {
  /** What the column is called: the report file's name without .json. */
  label: string;
  record: RunRecord;
}

export interface Matrix {
  columns: Column[];
  /** The requirements of the catalogue in its order, then any only a run's record names. */
  requirements: Row[];
  /** Every test of any run, in the order the runs list them. */
  tests: Row[];
}

type Test = RunRecord["tests"][number];

const ABSENT: Cell = { outcome: "absent", text: "absent" };

function cell(outcome: CellOutcome, level: Level | undefined, failure: string | undefined): Cell {
  const shownLevel = outcome === "failed" ? level : undefined;
  return { outcome, ...(shownLevel ? { level: shownLevel } : {}), text: shownLevel ? `${outcome} (${shownLevel})` : outcome, ...(failure ? { failure } : {}) };
}

const requirementCell = (r: RequirementOutcome | undefined, tests: readonly Test[]): Cell =>
  r ? cell(r.outcome, r.level, tests.find((t) => t.failedRequirement === r.id && t.outcome.kind === r.outcome)?.id) : ABSENT;

const testCell = (t: Test | undefined): Cell => (t ? cell(t.outcome.kind, t.failedLevel, t.status === "failed" ? t.id : undefined) : ABSENT);

/** One row per id, in order, from what each run has under it; an id no run has makes none. */
function rowsOf<T>(
  ids: Iterable<string>,
  runs: ReadonlyArray<ReadonlyMap<string, T>>,
  head: (first: T) => { title: string; level: Level },
  cellOf: (x: T | undefined, run: number) => Cell,
): Row[] {
  return [...ids].flatMap((id) => {
    const seen = runs.map((m) => m.get(id));
    const first = seen.find((x) => x !== undefined);
    if (first === undefined) return [];
    const cells = seen.map((x, run) => cellOf(x, run));
    return [{ id, ...head(first), cells, differ: new Set(cells.map((c) => c.text)).size > 1 }];
  });
}

const byId = <T extends { id: string }>(xs: readonly T[]): ReadonlyMap<string, T> => new Map(xs.map((x) => [x.id, x]));

export function buildMatrix(columns: Column[]): Matrix {
  const records = columns.map((c) => c.record);
  const requirementIds = new Set<string>([...catalogue.keys(), ...records.flatMap((r) => r.requirements.map((x) => x.id))]);
  const requirements = rowsOf(
    requirementIds,
    records.map((r) => byId(r.requirements)),
    (r) => ({ title: catalogue.get(r.id)?.statement ?? "", level: r.level }),
    (r, run) => requirementCell(r, records[run]!.tests),
  );
  const testIds = new Set(records.flatMap((r) => r.tests.map((t) => t.id)));
  const tests = rowsOf(
    testIds,
    records.map((r) => byId(r.tests)),
    (t) => ({ title: t.title, level: t.level }),
    testCell,
  );
  return { columns, requirements, tests };
}

/** How many of the rows say each thing in one column, in CELL_OUTCOMES' order ("failed (MUST)" before "failed (SHOULD)"). */
export function tally(rows: readonly Row[], column: number): Array<[text: string, count: number]> {
  const counts = new Map<string, { outcome: CellOutcome; n: number }>();
  for (const r of rows) {
    const c = r.cells[column]!;
    counts.set(c.text, { outcome: c.outcome, n: (counts.get(c.text)?.n ?? 0) + 1 });
  }
  return [...counts].sort(([a, x], [b, y]) => RANK[x.outcome] - RANK[y.outcome] || a.localeCompare(b)).map(([text, { n }]) => [text, n]);
}

/** The tally as one line: "67 passed, 2 failed (MUST), 1 not run". */
export const tallyLine = (rows: readonly Row[], column: number): string =>
  tally(rows, column)
    .map(([text, n]) => `${n} ${text}`)
    .join(", ");
