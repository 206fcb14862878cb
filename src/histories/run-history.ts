/**
 * Runs one random history against the endpoint with fast-check, and on a failure shrinks it
 * to the shortest history that still breaks the same requirement. The failure it reports
 * numbers those calls (each with its answer and curl line) and gives the seed and path that
 * replay exactly that history. A history the endpoint cannot be driven through (no answer,
 * a refused write) is not judged, like any other scenario that cannot be set up.
 */
import { ConformanceFailure } from "../harness/failure.js";
import type { TestContext } from "../harness/test-context.js";
import { World, type Step } from "./world.js";

/** Fixed: a replay must generate from the same arbitrary as the run that printed it. */
const MAX_COMMANDS = 20;

export interface HistoryOptions {
  /** fast-check's seed for this history. */
  seed: number;
  /** `PATH@REPLAYPATH` printed with an earlier failure: run exactly that shrunk history. */
  replay?: string;
  /** Shrinking stops after this long, keeping the shortest history found so far. */
  shrinkMs: number;
}

export async function runHistory(t: TestContext, options: HistoryOptions): Promise<void> {
  // Loaded when a history runs: listing the suite, or a run without histories, never pays for them.
  const [{ default: fc }, { historyCommands, historyKeys }] = await Promise.all([import("fast-check"), import("./commands.js")]);
  const choices = { count: t.choice("count"), tombstones: t.choice("tombstones"), future: t.choice("future-sync-count") };
  const [path, replayPath] = options.replay?.split("@") ?? [];
  let fatal: unknown;
  let target: string | undefined;
  let first: Step[] | undefined;
  let last: { failure: ConformanceFailure; steps: Step[] } | undefined;
  let attempts = 0;
  // Each attempt (the first run, then every shrinking candidate) works in datasets of its own.
  const names = [t.dataset("h0").datasetName, t.dataset("h1").datasetName];
  const firstCaller = t.plan.bound.via === "none" ? "developer" : await t.boundCaller();

  const property = fc.asyncProperty(historyKeys, historyCommands(MAX_COMMANDS, replayPath), async (keys, commands) => {
    if (fatal !== undefined) return; // the endpoint cannot be driven: stop trying candidates
    const world = new World(t, choices, names, ++attempts, firstCaller, keys);
    try {
      await fc.asyncModelRun(() => ({ model: World.model(), real: world }), commands);
      const held = world.verdicts.firstHeld();
      if (held) throw held;
    } catch (e) {
      if (!(e instanceof ConformanceFailure)) throw (fatal = e);
      // Shrinking keeps to the requirement first broken, never drifting to another failure.
      if (target !== undefined && e.requirement.id !== target) return;
      target = e.requirement.id;
      first ??= world.steps;
      last = { failure: e, steps: world.steps };
      throw e;
    } finally {
      await world.cleanup();
    }
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: 1,
    ...(path ? { path, endOnFailure: true } : {}),
    plugins: [fc.interruptAfterTimeLimit(options.shrinkMs)],
  });
  if (fatal !== undefined) throw fatal;
  if (!details.failed) return;
  if (!last) throw details.errorInstance;
  const replayed = /replayPath="([^"]*)"/.exec(String((details.counterexample as unknown[] | null)?.[1]))?.[1];
  const replay = `${details.counterexamplePath}${replayed ? `@${replayed}` : ""}`;
  throw told(
    last.failure,
    {
      seed: options.seed,
      replay,
      command: ["npx", "cognito-sync-conformance", "histories", ...t.plan.endpointArgs, "--seed", String(options.seed), "--replay", `'${replay}'`].join(" "),
      calls: last.steps.map((s, i) => `${i + 1}. ${s.call}`),
      shrunkFrom: first!.length,
    },
    last.steps,
  );
}

/** The failure, retold with the history that led to it. */
function told(f: ConformanceFailure, history: NonNullable<ConformanceFailure["history"]>, steps: readonly Step[]): ConformanceFailure {
  const context = [
    `  history (${history.calls.length} calls, shrunk from ${history.shrunkFrom}):`,
    ...history.calls.flatMap((c, i) => [`    ${c}`, `       ${steps[i]!.curl}`]),
    `  replay: ${history.command}`,
  ];
  const out = new ConformanceFailure(f.requirement.id, f.wanted, f.got, f.exchange, context);
  out.history = history;
  return out;
}
