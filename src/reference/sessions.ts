/**
 * SyncSessionTokens: ListRecords hands one out; UpdateRecords needs one that was issued
 * for the same identity and dataset, has not expired and has not been spent. AWS's own
 * integration tests show a token stops working once an UpdateRecords call has used it.
 */
import { invalidParameter } from "./errors.js";
import type { DatasetRef } from "./store.js";
import { boundTo, datasetScope, type TokenSealer } from "./tokens.js";

const KIND = "sync-session";

export class Sessions {
  private readonly spent = new Map<string, number>(); // session id -> expiry
  // Ids only need to be unique among this server's tokens (the MAC covers the rest).
  private issued = 0;

  constructor(
    private readonly sealer: TokenSealer,
    private readonly ttlMs: number,
  ) {}

  issue(ref: DatasetRef, now: number): string {
    return this.sealer.seal(KIND, { ...datasetScope(ref), s: ++this.issued, e: now + this.ttlMs });
  }

  /** The session id of a token that may be used for `ref` now; otherwise a 400. */
  check(ref: DatasetRef, token: string, now: number): string {
    const payload = this.sealer.open(KIND, token);
    if (!payload || !boundTo(payload, ref)) {
      throw invalidParameter("SyncSessionToken not valid for these inputs");
    }
    if (typeof payload.e !== "number" || payload.e <= now) throw invalidParameter("SyncSessionToken has expired; call ListRecords for a new one");
    const id = String(payload.s);
    if (this.spent.has(id)) throw invalidParameter("SyncSessionToken has already been used by UpdateRecords; call ListRecords for a new one");
    return id;
  }

  spend(id: string, token: string, now: number): void {
    const expiry = this.sealer.open(KIND, token)?.e;
    this.spent.set(id, typeof expiry === "number" ? expiry : now + this.ttlMs);
    // Spent ids only matter until they expire; drop old ones now and then.
    if (this.spent.size % 1024 === 0) for (const [k, e] of this.spent) if (e <= now) this.spent.delete(k);
  }
}
