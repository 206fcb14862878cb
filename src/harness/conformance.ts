/**
 * How a scenario is declared: a title, the requirement ids it checks, what it needs, and
 * a body. Like test262's front matter, the metadata lives on every test, so a run can be
 * listed, filtered and reported without executing anything.
 */
import { levelOf, requirement, type Level } from "./catalogue.js";
import { currentPlan, currentRun, type RunPlan } from "./run.js";
import { TestContext } from "./test-context.js";

/** What a scenario needs from the run besides the endpoint. */
export type Need = "provider-states" | "bound-credentials" | `interpretation:${string}`;

export interface TestMeta {
  id: string;
  title: string;
  requirements: readonly string[];
  level: Level;
  needs: readonly Need[];
  /** Set when the test is skipped: why. */
  skipReason?: string;
}

export const registry: TestMeta[] = [];

/** Why this test cannot run in this plan, or undefined when it can. */
export function skipReason(meta: Pick<TestMeta, "needs">, plan: RunPlan): string | undefined {
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

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/**
 * Declares one scenario as a mocha test titled with its requirement ids. The body gets a
 * TestContext; whatever it creates is cleaned up afterwards, pass or fail.
 */
export function conformance(
  area: string,
  title: string,
  requirements: readonly string[],
  body: (t: TestContext) => Promise<void>,
  options: { needs?: readonly Need[]; /** For generated cases, whose titles vary with the seed. */ id?: string } = {},
): void {
  const needs = options.needs ?? [];
  for (const id of requirements) requirement(id); // an unknown id fails when the specs load
  for (const need of needs) {
    if (need.startsWith("interpretation:") && !(need.slice("interpretation:".length) in currentPlan().interpretations)) fail(`unknown interpretation in ${need}`);
  }
  const meta: TestMeta = { id: `${area}/${options.id ?? slug(title)}`, title, requirements, level: levelOf(requirements), needs };
  if (registry.some((m) => m.id === meta.id)) fail(`two scenarios share the id ${meta.id}`);
  registry.push(meta);

  const test = it(`${title} [${requirements.join(" ")}]`, async function () {
    const reason = skipReason(meta, currentPlan());
    if (reason) {
      meta.skipReason = reason;
      this.skip();
    }
    const t = new TestContext(currentRun(), meta);
    try {
      await body(t);
    } finally {
      await t.cleanup();
    }
  });
  (test as unknown as { conformance: TestMeta }).conformance = meta;
}

function fail(message: string): never {
  throw new Error(message);
}
