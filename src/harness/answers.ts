/**
 * What scenarios work with, as types only: ListRecords answers as the suite reads them
 * (already checked against the schemas), walks, seeded datasets and callers. A leaf module,
 * so the record helpers and the scenario context can share it without importing each other.
 */
import type { Exchange } from "../http/exchange.js";
import type { DatasetAddress } from "../http/cognito-sync.js";

export interface RecordOut {
  Key: string;
  Value?: string | null;
  SyncCount: number;
  LastModifiedDate?: number;
  LastModifiedBy?: string | null;
  DeviceLastModifiedDate?: number | null;
}

/** A 200 body, already checked against the schema, so these types hold. */
export interface ListBody {
  Count?: number;
  DatasetDeletedAfterRequestedSyncCount?: boolean;
  DatasetExists?: boolean;
  DatasetSyncCount?: number;
  LastModifiedBy?: string | null;
  MergedDatasetNames?: string[] | null;
  NextToken?: string | null;
  Records?: RecordOut[] | null;
  SyncSessionToken?: string | null;
}

export interface ListResult {
  exchange: Exchange;
  status: number;
  body: ListBody;
  records: RecordOut[];
}

export interface Walk {
  pages: ListResult[];
  records: RecordOut[];
}

/** A dataset the scenario wrote through the public API, and what it should now hold. */
export interface SeededDataset extends DatasetAddress {
  syncCount: number;
  /** Every key ever written, with its latest value (undefined after a removal) and sync count. */
  records: Map<string, { value: string | undefined; syncCount: number }>;
}

/** One UpdateRecords call: keys to set (a string) or remove (null). */
export type Update = Record<string, string | null>;

export type Caller = "developer" | "bound";

/** An error the SDK raised for an answer the endpoint gave (a service exception, or one it could not read). */
export type SdkError = Error & { $metadata?: { httpStatusCode?: number } };
