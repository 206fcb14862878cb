/**
 * JSON reports of quick seeded runs (no random histories) against the reference or one of its
 * variants, made once per test process and shared by the tests that compare runs (the diff's
 * and the matrix's pages), two at a time, as a run takes most of a core for 10 to 30 seconds.
 */
import { join } from "node:path";
import { expect } from "chai";
import { runCli, shown } from "./run-cli.js";
import { tempDir } from "./temp-dir.js";

export const QUICK = ["--quiet", "--histories", "0", "--parallel-histories", "0", "--seed", "5"];
const AT_ONCE = 2;

// Made when the first test file that needs it loads, outside any describe block: removed once every test file is done.
const dir = tempDir("csc-quick");
const made = new Map<string, Promise<string>>();
let running = 0;
const waiting: Array<() => void> = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((go) => waiting.push(go));
  else running++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiting run, or frees up.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** The path of the report of a run against `variant` ("reference" for none), named `<variant>.json`. */
export function quickReport(variant: string): Promise<string> {
  const file = join(dir, `${variant}.json`);
  if (!made.has(variant)) {
    const args = [...QUICK, ...(variant === "reference" ? [] : ["--variant", variant]), "--report-json", file];
    made.set(
      variant,
      slot(() => runCli(args, 120_000)).then((r) => {
        expect(r.code, shown(r)).to.equal(variant === "reference" ? 0 : 1);
        return file;
      }),
    );
  }
  return made.get(variant)!;
}
