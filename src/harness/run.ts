/**
 * What the scenarios run against. The plan is known before any endpoint is contacted (ids,
 * seed, which capabilities the configuration provides) so specs can be listed and
 * generated from it; the live clients are added once the endpoint is up.
 */
import type { RequestGate } from "../http/request-gate.js";
import type { ExpectationEntry } from "../config/expectations.js";
import type { NamedCredentials } from "../http/curl.js";
import type { SignedClient } from "../http/signed-client.js";
import type { StateHook } from "./states.js";

export interface RunPlan {
  region: string;
  endpointLabel: string;
  identityPoolId: string;
  identityId: string;
  otherIdentityId: string;
  /** Per-run prefix of every dataset name, so runs and tests never share data. */
  prefix: string;
  seed: number;
  interpretations: Record<string, string>;
  /** Whether provider states can be set up, and if not, why. */
  states: { available: true } | { available: false; reason: string };
  /**
   * Credentials bound to `identityId` for the isolation checks: configured by the user, or
   * generated and bound through a provider state, or none (with the reason).
   */
  bound: { via: "config"; credentials: NamedCredentials } | { via: "state" } | { via: "none"; reason: string };
  /**
   * Whether the user gave the identity. If not, every scenario works in an identity of its
   * own, derived from the seed, and the per-identity dataset quota cannot limit concurrency.
   */
  identityConfigured: boolean;
  /** How many scenarios run at once. */
  concurrency: number;
  /** Known failures and skips of the implementation under test (--expectations). */
  expectations: readonly ExpectationEntry[];
  /** Random histories to run (history i uses fast-check seed `seed + i - 1`), or one history to replay. */
  histories: { count: number; replay?: string };
  /** Leave the run's datasets in place (--keep-data) instead of deleting them when each test ends. */
  keepData: boolean;
  /** The arguments that point another command at this run's endpoint (a replay line carries them). */
  endpointArgs: string[];
  /** Devices calling at the same moment in the race scenarios, and how many random parallel histories to run. */
  races: { devices: number; parallelHistories: number };
}

export interface RunContext {
  plan: RunPlan;
  client: SignedClient;
  /** The same endpoint with configured bound credentials, when the plan has them. */
  boundClient?: SignedClient;
  states?: StateHook;
  /** Problems met while cleaning up after tests; reported, never a verdict. */
  cleanupProblems: string[];
  /** What cleanup could not undo because the gate had closed: datasets and states left behind. */
  leftBehind: string[];
  /** Every request of the run passes through it; once closed, nothing more is sent. */
  gate: RequestGate;
  /** Where a run's time goes, for the report and the benchmarks. */
  stats: RunStats;
  /** Keep every scenario's exchanges for a snapshot (record, compare); a plain run keeps none. */
  keepExchanges?: boolean;
}

export interface RunStats {
  requests: { setup: number; check: number };
  /** Summed request durations (they overlap when scenarios run concurrently). */
  requestMs: { setup: number; check: number };
  /** Time in the shared well-formedness check (schema validation). */
  validationMs: number;
}

export const newStats = (): RunStats => ({ requests: { setup: 0, check: 0 }, requestMs: { setup: 0, check: 0 }, validationMs: 0 });

let plan: RunPlan | undefined;
let live: RunContext | undefined;

export function setPlan(p: RunPlan): void {
  plan = p;
}

export function setRun(r: RunContext): void {
  live = r;
}

export function currentPlan(): RunPlan {
  if (!plan) throw new Error("no conformance run is planned: run the specs through the cognito-sync-conformance command");
  return plan;
}

export function currentRun(): RunContext {
  if (!live) throw new Error("no conformance run is live: run the specs through the cognito-sync-conformance command");
  return live;
}
