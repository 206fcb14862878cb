/**
 * How a scenario is declared: a title, the requirement ids it checks, what it needs, and
 * a body. Like test262's front matter, the metadata lives on every test, so a run can be
 * listed, filtered and reported without executing anything.
 */
import { listedFailure, listedSkip } from "../config/expectations.js";
import { inPool } from "../pool.js";
import { ConformanceFailure } from "./failure.js";
import { levelOf, requirement } from "./catalogue.js";
import { currentPlan, currentRun, type RunPlan } from "./run.js";
import type { RequirementId } from "../requirement-ids.js";
import type { Need, Observed, Scenario } from "./scenario.js";
import { TestContext } from "./test-context.js";
import { undeclaredCheck } from "./verdicts.js";

export type { Need, Observed, Scenario } from "./scenario.js";

type ScenarioBody = (t: TestContext) => Promise<void>;
const bodies = new Map<string, ScenarioBody>();
/** Outcomes of bodies started ahead of mocha by `startAhead`; a test that finds none runs its body itself. */
const started = new Map<string, Promise<unknown>>();

export const registry: Scenario[] = [];
const observations = new Map<string, Observed>();

/** What this run has observed about a scenario so far. */
export function observed(id: string): Observed {
  let o = observations.get(id);
  if (!o) observations.set(id, (o = { requests: 0, unchecked: [], notes: [] }));
  return o;
}

/** Why this test cannot run in this plan, or undefined when it can. */
export function skipReason(meta: Pick<Scenario, "id" | "requirements" | "needs">, plan: RunPlan): string | undefined {
  const listed = listedSkip(plan.expectations, meta.id, meta.requirements);
  if (listed) return `the expectations file skips it: ${listed.reason}`;
  for (const need of meta.needs) {
    if (need === "provider-states" && !plan.states.available) return `needs provider states: ${plan.states.reason}`;
    if (need === "bound-credentials" && plan.bound.via === "none") return `needs credentials bound to one identity: ${plan.bound.reason}`;
    if (need.startsWith("interpretation:")) {
      const name = need.slice("interpretation:".length);
      if (plan.interpretations[name] === "any") return `interpretation ${name}=any: this point is not checked`;
    }
  }
  return undefined;
}

/** An id within an area: lowercase words and numbers joined by "-". */
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Declares one scenario as a mocha test titled with its requirement ids. The body gets a
 * TestContext; whatever it creates is cleaned up afterwards, pass or fail.
 */
export function conformance(
  area: string,
  title: string,
  requirements: readonly RequirementId[],
  body: ScenarioBody,
  options: {
    /**
     * The test's id within its area: short, stable, and independent of the title (like a
     * test262 or WPT path), so expectations files and bookmarks survive a retitling.
     */
    id: string;
    needs?: readonly Need[];
    exclusive?: boolean;
    /** Shown in the title's brackets instead of the requirement ids, for a test that checks many. */
    bracket?: string;
    /** A random history: what it does follows the run's seed. */
    seeded?: boolean;
  },
): void {
  const needs = options.needs ?? [];
  for (const id of requirements) requirement(id); // an unknown id fails when the specs load
  for (const need of needs) {
    if (need.startsWith("interpretation:") && !(need.slice("interpretation:".length) in currentPlan().interpretations)) fail(`unknown interpretation in ${need}`);
  }
  const id = `${area}/${options.id}`;
  if (!ID.test(options.id)) fail(`the id ${id} is not short lowercase words joined by - (at most 40 characters in all)`);
  if (id.length > 40) fail(`the id ${id} is longer than 40 characters`);
  if (registry.some((m) => m.id === id)) fail(`two scenarios share the id ${id}`);
  const test = it(`${title} [${options.bracket ?? requirements.join(" ")}]`, async function () {
    const reason = skipReason(declared, currentPlan());
    if (reason) {
      observed(id).skipReason = reason;
      this.skip();
    }
    try {
      await (started.get(id) ?? execute(declared));
    } catch (e) {
      // A failure the expectations file lists shows as expected (pending in mocha's terms), not as a failure.
      if (!listedFailure(currentPlan().expectations, id, e instanceof ConformanceFailure ? e.requirement.id : undefined)) throw e;
      observed(id).expectedFailure = e as Error;
      this.skip();
    }
  });
  const declared: Scenario = Object.freeze({
    id,
    title,
    requirements,
    level: levelOf(requirements),
    needs,
    exclusive: options.exclusive ?? false,
    seeded: options.seeded ?? false,
    fullTitle: test.fullTitle(),
  });
  registry.push(declared);
  bodies.set(id, body);
  (test as unknown as { conformance: Scenario }).conformance = declared;
}

/** Runs one body with its own context, always cleaning up; rejects with the body's failure. */
async function execute(meta: Scenario): Promise<void> {
  const t = new TestContext(currentRun(), meta, observed(meta.id));
  const begun = performance.now();
  try {
    await bodies.get(meta.id)!(t);
    const held = t.firstSoftFailure();
    if (held) throw held;
  } catch (e) {
    if (e instanceof ConformanceFailure) undeclaredCheck(meta.requirements, e.requirement.id);
    throw e;
  } finally {
    await t.cleanup();
    Object.assign(observed(meta.id), { startMs: Math.round(begun), durationMs: Math.round(performance.now() - begun) });
  }
}

/**
 * Starts the bodies of `metas` before mocha reaches them, `concurrency` at a time; mocha then
 * reports each, in its own order, as it completes. Every scenario works on its own datasets,
 * so they can overlap; the exclusive ones change the whole endpoint and run alone, after the
 * rest. Waiting on a slow endpoint then costs the longest chain of requests, not their sum.
 */
export function startAhead(metas: readonly Scenario[], concurrency: number): void {
  const plan = currentPlan();
  const runnable = metas.filter((m) => skipReason(m, plan) === undefined);
  const turns = new Map<string, () => void>();
  for (const m of runnable) {
    const outcome = new Promise<void>((resolve) => turns.set(m.id, resolve)).then(() => execute(m));
    outcome.catch(() => undefined); // the failure is reported by the test's own `it`
    started.set(m.id, outcome);
  }
  const run = (m: Scenario) => (turns.get(m.id)!(), started.get(m.id)!.catch(() => undefined));
  void inPool(
    runnable.filter((m) => !m.exclusive),
    concurrency,
    run,
  ).then(() =>
    inPool(
      runnable.filter((m) => m.exclusive),
      1,
      run,
    ),
  );
}

function fail(message: string): never {
  throw new Error(message);
}
