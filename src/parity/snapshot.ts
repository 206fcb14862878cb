/**
 * A snapshot: what one scenario sent and got back from one server, normalised so that what
 * legitimately differs between servers and runs (ids, tokens, times, request ids) reads the
 * same everywhere (see normalise.ts). `record` writes one file per scenario and `compare`
 * replays the scenario against another server and holds it to the file. The file's form is
 * schemas/snapshot.schema.json; `snapshotVersion` changes when a member changes meaning.
 */
export const SNAPSHOT_VERSION = 1;

/** What a replay must repeat to send the same requests: the same seed, histories and interpretations. */
export interface Replayed {
  seed: number;
  histories: number;
  parallelHistories: number;
  interpretations: Record<string, string>;
}

export interface Snapshot {
  snapshotVersion: typeof SNAPSHOT_VERSION;
  scenario: { id: string; title: string; requirements: string[] };
  recording: Replayed & { endpoint: string; region: string; recordedAt: string; tool: { name: string; version: string } };
  /** The scenario's outcome when recorded, as the run's report words it; a skipped one has no exchanges (`reason` says why). */
  outcome: { kind: string; failedRequirement?: string; reason?: string };
  /**
   * Requests of the scenario were in flight at the same moment (devices racing): which call
   * wins is the server's to choose, so such a scenario is compared by its outcome, not call by call.
   */
  concurrent: boolean;
  exchanges: SnapshotExchange[];
}

export interface SnapshotExchange {
  purpose: "setup" | "check";
  /** The requirement the call served, when the scenario named one. */
  because?: string;
  operation: string;
  request: { method: string; path: string; query?: Record<string, string>; body?: unknown };
  /** Absent when no answer came (transportError says why). */
  response?: { status: number; headers: Record<string, string>; body?: unknown };
  transportError?: string;
}
