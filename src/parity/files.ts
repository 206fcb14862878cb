/**
 * A folder of snapshots: one file per scenario, `AREA/ID.snapshot.json`, written by `record`
 * and read by `compare`. Reading checks every file against schemas/snapshot.schema.json and
 * that all were recorded with the same seed, histories and interpretations (one recording);
 * any problem is a usage error naming the file.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { UsageError } from "../config/usage-error.js";
import { validateAgainst } from "../schema/validators.js";
import type { Replayed, Snapshot } from "./snapshot.js";

const SUFFIX = ".snapshot.json";

const fileOf = (dir: string, id: string) => join(dir, `${id}${SUFFIX}`);

/** Every snapshot file under `dir`, found at any depth. */
function snapshotFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(SUFFIX))
      .sort()
      .map((f) => join(dir, f));
  } catch (e) {
    throw new UsageError(`cannot read the snapshots folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Writes one file per snapshot, replacing the folder's earlier snapshot files (and only those), so a removed scenario leaves none behind. */
export function writeSnapshots(dir: string, snapshots: readonly Snapshot[]): void {
  try {
    mkdirSync(dir, { recursive: true });
    for (const f of snapshotFiles(dir)) rmSync(f);
    for (const s of snapshots) {
      const file = fileOf(dir, s.scenario.id);
      mkdirSync(join(file, ".."), { recursive: true });
      writeFileSync(file, `${JSON.stringify(s, null, 2)}\n`);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot write the snapshots to ${dir}: ${(e as Error).message}`);
  }
}

export function readSnapshots(dir: string): { snapshots: Snapshot[]; replayed: Replayed } {
  const files = snapshotFiles(dir);
  if (files.length === 0) throw new UsageError(`no snapshots in ${dir} (files named *${SUFFIX}); make them with: record --snapshots ${dir}`);
  const snapshots = files.map((f) => {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(f, "utf8"));
    } catch (e) {
      throw new UsageError(`cannot read the snapshot ${f}: ${(e as Error).message.split("\n")[0]}`);
    }
    const issue = validateAgainst("snapshot", doc)[0];
    if (issue) throw new UsageError(`the snapshot ${f} is not valid: ${issue.instancePath || "(top)"} ${issue.message} (see schemas/snapshot.schema.json)`);
    const s = doc as Snapshot;
    if (fileOf(dir, s.scenario.id) !== f) throw new UsageError(`the snapshot ${f} is of ${s.scenario.id}: it belongs at ${relative(dir, fileOf(dir, s.scenario.id))}`);
    return s;
  });
  const replayed = replayOf(snapshots[0]!);
  const other = snapshots.find((s) => JSON.stringify(replayOf(s)) !== JSON.stringify(replayed));
  if (other)
    throw new UsageError(
      `the snapshots in ${dir} come from more than one recording (${other.scenario.id} has another seed, histories or interpretations): record them again in one run`,
    );
  return { snapshots, replayed };
}

const replayOf = ({ recording: r }: Snapshot): Replayed => ({ seed: r.seed, histories: r.histories, parallelHistories: r.parallelHistories, interpretations: r.interpretations });
