/**
 * The identities a scenario works in: the configured ones, or, when the user gave none, ids
 * of its own derived from the seed (see RunPlan.identityConfigured), so the same seed meets
 * the same identities again.
 */
import { createHash } from "node:crypto";
import type { RunPlan } from "./run.js";

export interface ScenarioIdentities {
  /** Where the scenario's datasets live. */
  identityId: string;
  /** Another identity, for scenarios that reach across identities. */
  otherIdentityId: string;
}

export function scenarioIdentities(plan: RunPlan, scenarioId: string): ScenarioIdentities {
  if (plan.identityConfigured) return { identityId: plan.identityId, otherIdentityId: plan.otherIdentityId };
  return { identityId: derivedId(plan, scenarioId), otherIdentityId: derivedId(plan, `${scenarioId}/other`) };
}

/** A valid identity id for one name, the same for the same seed and name. */
function derivedId(plan: RunPlan, name: string): string {
  const h = createHash("sha256").update(`${plan.seed}/${plan.prefix}/${name}`).digest("hex");
  return `${plan.region}:${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
