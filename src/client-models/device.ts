/**
 * What a model of a sync client works with: one device's local copy of a dataset, the
 * endpoint as the client reaches it (raw answers, no judging), and what a sync reports to
 * the app. Shared by the client models and the engine that runs them; no client logic here.
 */
import type { Exchange, ReceivedResponse } from "../http/exchange.js";

/** One key as a device holds it: `value` null once removed; `dirty` until pushed. */
export interface LocalRecord {
  value: string | null;
  syncCount: number;
  dirty: boolean;
}

export interface Device {
  readonly name: string;
  records: Map<string, LocalRecord>;
  /** The dataset sync count the device last kept; -1 once the app deleted the dataset locally. */
  lastSyncCount: number;
}

export const newDevice = (name: string): Device => ({ name, records: new Map(), lastSyncCount: 0 });

/** An app's local edits, as the client library records them. */
export function put(device: Device, key: string, value: string | null): void {
  device.records.set(key, { value, syncCount: device.records.get(key)?.syncCount ?? 0, dirty: true });
}

/** The app deletes the dataset on this device; the next sync deletes it on the endpoint. */
export function deleteLocally(device: Device): void {
  device.records.clear();
  device.lastSyncCount = -1;
}

/** What the device shows the app: live keys and values. */
export const visible = (device: Device): Record<string, string> =>
  Object.fromEntries(
    [...device.records]
      .filter(([, r]) => r.value !== null)
      .map(([k, r]) => [k, r.value!])
      .sort(([a], [b]) => a.localeCompare(b)),
  );

/** A patch as the client sends it in UpdateRecords. */
export interface Patch {
  Op: "replace" | "remove";
  Key: string;
  Value?: string;
  SyncCount: number;
}

/** The endpoint as a client reaches it: every call's exchange, answered or not. */
export interface SyncTransport {
  listRecords(query: { lastSyncCount: number; maxResults?: number; nextToken?: string }): Promise<Exchange & { response: ReceivedResponse }>;
  updateRecords(syncSessionToken: string | undefined, patches: readonly Patch[]): Promise<Exchange & { response: ReceivedResponse }>;
  deleteDataset(): Promise<Exchange & { response: ReceivedResponse }>;
}

/** How a sync ended, as the client library tells the app. */
export interface SyncReport {
  /** synced: the app's success callback; failed: its failure callback; gave-up: retries exhausted. */
  outcome: "synced" | "failed" | "gave-up";
  /** For failed and gave-up: what the client library says went wrong. */
  why?: string;
  /** The client told the app the dataset was deleted remotely. */
  deletedRemotely?: boolean;
  /** The client told the app of these merged datasets (and stopped there, where it does). */
  merged?: string[];
  /** Keys the client found in conflict (and resolved with the remote value, as the modelled app does). */
  conflicts: string[];
  /** The exchange the report is about, for a failure report. */
  exchange?: Exchange;
}
