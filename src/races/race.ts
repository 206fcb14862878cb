/**
 * Devices of one identity working on one dataset at the same moment. Each device talks over
 * connections of its own and holds what a sync client holds: the last SyncSessionToken it was
 * given and the SyncCount it was last told for each key. `together` signs every request first
 * and then sends them all in one tick (the barrier), so they reach the endpoint within a
 * millisecond of each other. Every call is logged with when it was sent and answered, as the
 * linearizability checker reads a history.
 */
import { deleteDatasetRequest, listRecordsRequest, updateRecordsRequest, type DatasetAddress, type PatchBody } from "../http/cognito-sync.js";
import type { Exchange } from "../http/exchange.js";
import type { SignedClient } from "../http/signed-client.js";
import { showText } from "../content/show-text.js";
import type { ListBody } from "../harness/answers.js";
import { SetupFailure, TransportFailure } from "../harness/failure.js";
import type { TestContext } from "../harness/test-context.js";
import { assertWellFormed } from "../harness/well-formed.js";
import type { RacedOp, TimedOp } from "../model/linearizability.js";

/** What a device asks for; the SyncCounts it sends are the ones it holds unless `counts` says otherwise. */
export type Move =
  | { kind: "update"; changes: ReadonlyArray<{ key: string; value: string | undefined }>; counts?: Readonly<Record<string, number>> }
  | { kind: "list"; lastSyncCount?: number; maxResults?: number; nextToken?: string }
  | { kind: "delete" };

export interface RacedCall extends TimedOp {
  device: number;
  /** The call and its answer as a person reads them. */
  call: string;
  exchange: Exchange;
}

interface Device {
  client: SignedClient;
  token?: string;
  counts: Map<string, number>;
  /** The DatasetSyncCount of its last listing: where its next incremental sync starts. */
  synced: number;
}

export class Race {
  readonly calls: RacedCall[] = [];
  private readonly devices: Device[];

  constructor(
    private readonly t: TestContext,
    readonly at: DatasetAddress,
    deviceCount: number,
  ) {
    this.devices = Array.from({ length: deviceCount }, () => ({ client: t.device(), counts: new Map(), synced: 0 }));
  }

  get size(): number {
    return this.devices.length;
  }

  /** The SyncCount device `d` holds for `key` (0 when it knows of none). */
  count(d: number, key: string): number {
    return this.devices[d]!.counts.get(key) ?? 0;
  }

  /** The count device `d` would sync from next. */
  held(d: number): number {
    return this.devices[d]!.synced;
  }

  /** Whether device `d` holds a session token it has not spent on a write. */
  hasToken(d: number): boolean {
    return this.devices[d]!.token !== undefined;
  }

  async one(device: number, move: Move): Promise<RacedCall> {
    return (await this.together([{ device, move }]))[0]!;
  }

  /** The moves, signed first and then released together; resolves when every answer is in. */
  async together(moves: ReadonlyArray<{ device: number; move: Move }>): Promise<RacedCall[]> {
    const requests = moves.map(({ device, move }) => ({ device, move, patches: this.patches(device, move) }));
    const primed = await Promise.all(requests.map((r) => this.devices[r.device]!.client.prime(this.request(r.device, r.move, r.patches))));
    const fired = primed.map((p) => {
      const start = performance.now();
      return p.fire().then((exchange) => ({ exchange, start, end: performance.now() }));
    });
    const answered = await Promise.all(fired);
    return answered.map((a, i) => this.settle(requests[i]!.device, requests[i]!.move, requests[i]!.patches, a));
  }

  private patches(d: number, move: Move): PatchBody[] {
    if (move.kind !== "update") return [];
    return move.changes.map(({ key, value }) => ({
      Op: value === undefined ? "remove" : "replace",
      Key: key,
      ...(value === undefined ? {} : { Value: value }),
      SyncCount: move.counts?.[key] ?? this.count(d, key),
    }));
  }

  private request(d: number, move: Move, patches: PatchBody[]) {
    if (move.kind === "delete") return deleteDatasetRequest(this.at);
    if (move.kind === "list") {
      const { lastSyncCount, maxResults, nextToken } = move;
      return listRecordsRequest(this.at, { lastSyncCount: lastSyncCount ?? 0, ...(maxResults === undefined ? {} : { maxResults }), ...(nextToken ? { nextToken } : {}) });
    }
    const token = this.devices[d]!.token;
    if (token === undefined) {
      const listed = [...this.calls].reverse().find((c) => c.device === d && c.op.kind === "list");
      if (!listed) throw new Error(`device ${d + 1} pushes without having listed the dataset first`);
      throw new SetupFailure(`pushing from device ${d + 1}`, "its last ListRecords gave it no SyncSessionToken to push with", listed.exchange);
    }
    return updateRecordsRequest(this.at, token, patches);
  }

  /** Logs one answered call, and updates what its device holds as a sync client would. */
  private settle(d: number, move: Move, patches: PatchBody[], a: { exchange: Exchange; start: number; end: number }): RacedCall {
    const ex = this.t.counted(a.exchange, "check");
    if (ex.stopped) throw new TransportFailure(ex);
    const device = this.devices[d]!;
    const status = ex.response?.status;
    let op: RacedOp;
    let shown: string;
    if (move.kind === "list") {
      // Throttled or unanswered listings say nothing; answered ones must be well formed, racing or not.
      if (ex.response) assertWellFormed(ex);
      const body = status === 200 ? (ex.response!.json as ListBody) : undefined;
      const records = body?.Records ?? [];
      op = { kind: "list", lastSyncCount: move.lastSyncCount ?? 0, page: body && { body, records }, continued: move.nextToken !== undefined };
      if (body) {
        if (body.SyncSessionToken) device.token = body.SyncSessionToken;
        device.synced = body.DatasetSyncCount ?? device.synced;
        for (const r of records) device.counts.set(r.Key, r.SyncCount);
      }
      shown = `ListRecords lastSyncCount ${move.lastSyncCount ?? 0}${move.maxResults ? `, maxResults ${move.maxResults}` : ""}${move.nextToken ? ", NextToken" : ""}${body ? `: ${records.map((r) => `${showText(r.Key)}@${r.SyncCount}`).join(" ") || "no records"}, DatasetSyncCount ${body.DatasetSyncCount}` : ""}`;
    } else if (move.kind === "update") {
      const json = ex.response?.json as { Records?: Array<{ SyncCount?: unknown }> } | undefined;
      const answered = json?.Records?.[0]?.SyncCount;
      const syncCount = typeof answered === "number" ? answered : undefined;
      const answer = status === 200 ? { status: "ok" as const, syncCount } : status === 409 ? { status: "conflict" as const } : { status: "unknown" as const };
      op = { kind: "update", patches: patches.map((p) => ({ key: p.Key, value: p.Value, syncCount: p.SyncCount })), answer };
      if (status === 200) {
        delete device.token; // spent
        for (const p of patches) if (syncCount !== undefined) device.counts.set(p.Key, syncCount);
      }
      shown = `UpdateRecords ${patches.map((p) => `${showText(p.Key)}${p.Value === undefined ? " removed" : `=${showText(p.Value)}`} (SyncCount ${p.SyncCount})`).join(", ")}${syncCount === undefined ? "" : ` -> records at ${syncCount}`}`;
    } else {
      op = { kind: "delete", answer: status === 200 ? "ok" : status === 404 ? "missing" : status === 409 ? "conflict" : "unknown" };
      if (status === 200) device.counts.clear();
      shown = "DeleteDataset";
    }
    const call = `device ${d + 1}: ${shown}: ${ex.response ? `HTTP ${status}` : `no answer (${ex.transportError})`}`;
    const raced: RacedCall = { device: d, call, exchange: ex, start: a.start, end: a.end, op };
    this.calls.push(raced);
    return raced;
  }
}
