/**
 * Failures that say what broke: the requirement (id, level, statement, source), what was
 * expected, what came back, and the exchange with a command line that repeats it.
 */
import type { RequirementId } from "../requirement-ids.js";
import { describeExchange, type Exchange } from "../http/exchange.js";
import { requirement, type Level, type Requirement } from "./catalogue.js";

abstract class ReportedFailure extends Error {
  constructor(message: string) {
    super(message);
    // The message is the whole story; a stack trace of the harness would only hide it.
    this.stack = `${this.constructor.name}: ${message}`;
  }
}

/** How to see a failure found by a random history again: the calls, and the arguments that replay them. */
export interface HistoryRepro {
  seed: number;
  replay: string;
  /** One complete command that replays the history against the run's endpoint (secrets left in the environment). */
  command: string;
  /** The calls of the shortest history found, numbered, each with its answer's status. */
  calls: string[];
  /** How many calls the history had before shrinking. */
  shrunkFrom: number;
}

/** One call of a race, as a failure report shows it: what it asked and got, and when. */
export interface RacedCallShown {
  call: string;
  /** When it was sent and when its answer was complete, in milliseconds from the race's first call. */
  startMs: number;
  endMs: number;
  /** One of the calls whose answers no order of the calls explains (the rest overlapped them). */
  unexplained: boolean;
  curl: string;
}

export class ConformanceFailure extends ReportedFailure {
  readonly requirement: Requirement;
  /** Set when a random history found the failure. */
  history?: HistoryRepro;
  /** Set when calls at the same moment showed the failure: those calls and the ones that overlapped them. */
  race?: RacedCallShown[];

  // Not named expected/actual: mocha would print its own diff of them under the message.
  constructor(
    requirementId: RequirementId,
    readonly wanted: string,
    readonly got: string,
    readonly exchange?: Exchange,
    /** Lines told before the exchange, e.g. the history that led to it. */
    context: readonly string[] = [],
  ) {
    const r = requirement(requirementId);
    super(
      [
        `${r.id} (${r.level}) ${r.statement}`,
        `  source (${r.source.kind}): ${r.source.ref}`,
        ...(r.breaks ?? []).map((b) => `  breaks ${b.client}: ${b.effect}`),
        `  expected: ${wanted}`,
        `  actual:   ${got}`,
        ...context,
        ...(exchange ? ["  exchange:", indent(describeExchange(exchange), 4)] : []),
      ].join("\n"),
    );
    this.requirement = r;
  }

  get level(): Level {
    return this.requirement.level;
  }
}

/**
 * The run could not put the endpoint into the state a scenario needs (seeding through the
 * public API, or a provider state). Not a verdict on ListRecords, but the scenario cannot
 * be judged, so it fails with what the endpoint or hook answered.
 */
export class SetupFailure extends ReportedFailure {
  constructor(
    what: string,
    detail: string,
    readonly exchange?: Exchange,
  ) {
    super([`setup failed: ${what}`, `  ${detail}`, ...(exchange ? ["  exchange:", indent(describeExchange(exchange), 4)] : [])].join("\n"));
  }
}

/**
 * The endpoint gave no usable answer (refused, reset, timed out, too large), or the run's
 * gate stopped the request. Like a setup failure, the scenario is not judged; the second
 * line is the cause, so alike failures group in the digest.
 */
export class TransportFailure extends ReportedFailure {
  constructor(readonly exchange: Exchange) {
    // A request the gate stopped says nothing about the endpoint; the one that closed the gate is reported once, at the end.
    const shown = exchange.stopped ? [] : ["  exchange:", indent(describeExchange(exchange), 4)];
    super([`no usable answer to ${exchange.operation}`, `  ${exchange.transportError}`, ...shown].join("\n"));
  }
}

const indent = (text: string, n: number) => text.replace(/^/gm, " ".repeat(n));
