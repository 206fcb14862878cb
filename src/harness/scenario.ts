/**
 * A scenario's declaration, as data: what it is called, which requirements it checks and what
 * it needs from a run. A leaf module, so the declaring, running and reporting code can all
 * read it without importing each other.
 */
import type { RequirementId } from "../requirement-ids.js";
import type { Exchange } from "../http/exchange.js";
import type { Level } from "./catalogue.js";

/** What a scenario needs from the run besides the endpoint. */
export type Need = "provider-states" | "bound-credentials" | `interpretation:${string}`;

/** A scenario as declared: fixed once its spec has loaded, and the same in every run. */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly requirements: readonly RequirementId[];
  readonly level: Level;
  readonly needs: readonly Need[];
  /** Changes the whole endpoint (e.g. throttles every ListRecords), so runs alone. */
  readonly exclusive: boolean;
  /** What it does follows the run's seed (a random history): under one id, each seed tries something else. */
  readonly seeded: boolean;
  /** The title mocha matches --grep against: the enclosing describe titles, the title and the ids. */
  readonly fullTitle: string;
}

/** What one run observed about a scenario, apart from its declaration; the reporters read it. */
export interface Observed {
  /** Why the scenario was skipped, when it was. */
  skipReason?: string;
  /** When the body started, in ms from the command's start. */
  startMs?: number;
  /** Time the body itself took, queueing excluded. */
  durationMs?: number;
  /** Requests the scenario sent, one after another (its chain on a slow endpoint). */
  requests: number;
  /** Interpretations set to "any" whose checks this scenario therefore left out. */
  unchecked: string[];
  /** What the scenario generated or saw that its title leaves out (so titles stay the same between runs). */
  notes: string[];
  /** A failure the expectations file lists: the test shows as expected, not failed. */
  expectedFailure?: Error;
  /** Every exchange of the scenario in the order it was sent, cleanup left out; kept only when a command asks (record, compare). */
  exchanges?: KeptExchange[];
}

/** Why a request is sent: to set a scenario up, or to check what it answers. */
export type Purpose = "setup" | "check";

/** One exchange of a scenario as a snapshot needs it. */
export interface KeptExchange {
  exchange: Exchange;
  purpose: Purpose;
  /** The requirement the call served, when the scenario named one. */
  because?: RequirementId;
  /** When it was sent and answered, in ms from the command's start: exchanges that overlap were in flight at the same moment. */
  sentMs: number;
  answeredMs: number;
}
