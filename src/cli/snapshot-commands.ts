/**
 * `record --snapshots DIR` and `compare --snapshots DIR [--allow FILE]`: the scenarios run as
 * by the default command (every option of it applies), with every exchange kept. `record`
 * writes one snapshot per scenario; `compare` replays the recording's seed, histories and
 * interpretations against this run's endpoint and reports each difference (exit 1 on one the
 * allow-list does not accept, as on a failed check).
 */
import { join } from "node:path";
import { readAllowList } from "../config/allow-list.js";
import { oneLine } from "../config/resolve.js";
import { UsageError } from "../config/usage-error.js";
import { readSnapshots } from "../parity/files.js";
import { packageFile } from "../package-root.js";
import { checkWritable } from "./report-files.js";
import { runSuite } from "./run-suite.js";

const HELP: Record<"record" | "compare", string> = {
  record: `Usage: cognito-sync-conformance record --snapshots DIR [options]

Runs the scenarios against the endpoint (the embedded reference without --endpoint) and writes
one snapshot per scenario to DIR/AREA/ID.snapshot.json: every exchange, with ids, tokens, the
dataset prefix, times and request ids replaced by placeholders. Earlier snapshot files in DIR
are replaced. Takes every option of the default command (see --help there); exits as it does.
`,
  compare: `Usage: cognito-sync-conformance compare --snapshots DIR [--allow FILE] [options]

Replays the recorded scenarios against the endpoint with the recording's seed, histories and
interpretations, and reports every difference by JSON path, grouped by scenario and by
requirement; differences on open points the suite reads one way are labelled with their
interpretation. --allow FILE lists accepted differences (schemas/allow-list.schema.json).
Takes every other option of the default command. Exits 1 on a difference the allow-list does
not accept, or when the run itself does not conform; 2 on bad usage.
`,
};

/** What the replay repeats from the recording, so a user's own value would make it send other requests. */
const REPLAYED = ["seed", "histories", "parallel-histories", "interpretation"];

export const record = (args: string[]) => snapshotCommand("record", args);
export const compare = (args: string[]) => snapshotCommand("compare", args);

async function snapshotCommand(command: "record" | "compare", args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) return (process.stdout.write(HELP[command]), 0);
  const [dir, rest1] = take(args, "snapshots");
  if (dir === undefined) throw new UsageError(`${command} needs --snapshots DIR: the folder of snapshots to ${command === "record" ? "write" : "compare with"}`);
  if (command === "record") {
    // Found before the run, not after it: a folder that cannot be written would lose the whole recording.
    checkWritable(join(dir, "AREA", "ID.snapshot.json"), `the snapshots to ${dir}`);
    process.stdout.write(`${callEstimate()}\n`);
    return runSuite(rest1, "scenarios", { command, dir });
  }
  const [allowFile, rest] = take(rest1, "allow");
  const given = rest.find((a) => REPLAYED.some((f) => a === `--${f}` || a.startsWith(`--${f}=`)));
  if (given) throw new UsageError(`compare replays the recording's seed, histories and interpretations: drop ${given.split("=")[0]}`);
  const { snapshots, replayed } = readSnapshots(dir);
  const allow = allowFile === undefined ? [] : readAllowList(allowFile);
  const repeat = [
    ...["--seed", String(replayed.seed), "--histories", String(replayed.histories), "--parallel-histories", String(replayed.parallelHistories)],
    ...Object.entries(replayed.interpretations).flatMap(([k, v]) => ["--interpretation", `${k}=${v}`]),
  ];
  return runSuite([...rest, ...repeat], "scenarios", { command, dir, recorded: snapshots, allow });
}

/** The value of `--NAME VALUE` or `--NAME=VALUE`, and the arguments without it. */
function take(args: string[], name: string): [string | undefined, string[]] {
  const at = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (at < 0) return [undefined, args];
  const inline = args[at]!.startsWith(`--${name}=`);
  const value = inline ? args[at]!.slice(name.length + 3) : args[at + 1];
  if (value === undefined || value === "" || (!inline && value.startsWith("-"))) throw new UsageError(oneLine(`--${name} needs a value`));
  if (args.slice(at + 1).some((a) => a === `--${name}` || a.startsWith(`--${name}=`))) throw new UsageError(`--${name} is given twice`);
  return [value, [...args.slice(0, at), ...args.slice(at + (inline ? 1 : 2))]];
}

/** What recording costs on a metered service, counted from the reference's recording that ships with the package. */
function callEstimate(): string {
  const { snapshots } = readSnapshots(packageFile("snapshots", "reference"));
  const calls = snapshots.reduce((n, s) => n + s.exchanges.length, 0);
  return `record: the ${snapshots.length} fixed scenarios make about ${calls} calls (the reference's recording counts them), cleanup and random histories aside`;
}
