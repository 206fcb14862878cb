/**
 * The bench's two outputs: a table of each figure against its target, for the reader, and
 * bench/results.json, for the record (the README's Performance section quotes both).
 */
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";

export const meets = (ok: boolean) => (ok ? "met" : "MISSED");

/** What each section is given: a scratch directory for its files, and `row` to add its lines to the table. */
export interface Bench {
  dir: string;
  row: Table["row"];
}

export class Table {
  private readonly rows: Array<[string, string, string, string]> = [];

  /** What was measured and the figure; for a figure with a target, the target and the verdict. */
  readonly row = (what: string, figure: string, target = "", verdict = ""): void => void this.rows.push([what, figure, target, verdict]);

  /** The rows in aligned columns, then the machine and how long the bench took. */
  print(machine: Machine, seconds: number): void {
    const widths = [0, 1, 2, 3].map((i) => Math.max(...this.rows.map((r) => r[i]!.length)));
    for (const r of this.rows)
      process.stdout.write(
        `${r
          .map((c, i) => c.padEnd(widths[i]!))
          .join("  ")
          .trimEnd()}\n`,
      );
    process.stdout.write(`\n${machine.cpus} x ${machine.cpu}, Node ${machine.node}; written to bench/results.json in ${seconds} s\n`);
  }
}

export type Machine = ReturnType<typeof thisMachine>;

/** The figures depend on it, so results.json names it. */
export const thisMachine = () => ({ cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown", node: process.version, date: new Date().toISOString().slice(0, 10) });

export function writeResults(file: string, machine: Machine, results: Record<string, unknown>, benchSeconds: number): void {
  writeFileSync(file, `${JSON.stringify({ machine, ...results, benchSeconds }, null, 2)}\n`);
}
