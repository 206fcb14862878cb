/** The Cognito Sync requests the suite makes, laid out as the service model says. */
import { buildPath } from "./encode.js";
import type { OutgoingRequest } from "./signed-client.js";

export interface DatasetAddress {
  identityPoolId: string;
  identityId: string;
  datasetName: string;
}

/** Query values are strings on the wire; numbers are sent in decimal, as the SDK does. */
export interface ListRecordsQuery {
  lastSyncCount?: number | string;
  maxResults?: number | string;
  nextToken?: string;
  syncSessionToken?: string;
}

export interface PatchBody {
  Op: "replace" | "remove";
  Key: string;
  Value?: string;
  SyncCount: number;
  /** Epoch seconds, as a JSON number. */
  DeviceLastModifiedDate?: number;
}

const DATASET = "/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}";
const labels = (at: DatasetAddress) => ({ IdentityPoolId: at.identityPoolId, IdentityId: at.identityId, DatasetName: at.datasetName });
const str = (v: number | string | undefined) => (v === undefined ? undefined : String(v));

export function listRecordsRequest(at: DatasetAddress, q: ListRecordsQuery = {}): OutgoingRequest {
  return {
    operation: "ListRecords",
    method: "GET",
    path: buildPath(`${DATASET}/records`, labels(at)),
    query: { lastSyncCount: str(q.lastSyncCount), maxResults: str(q.maxResults), nextToken: q.nextToken, syncSessionToken: q.syncSessionToken },
  };
}

export function updateRecordsRequest(at: DatasetAddress, syncSessionToken: string, patches: readonly PatchBody[]): OutgoingRequest {
  return {
    operation: "UpdateRecords",
    method: "POST",
    path: buildPath(DATASET, labels(at)),
    body: JSON.stringify({ SyncSessionToken: syncSessionToken, RecordPatches: patches }),
  };
}

export function deleteDatasetRequest(at: DatasetAddress): OutgoingRequest {
  return { operation: "DeleteDataset", method: "DELETE", path: buildPath(DATASET, labels(at)) };
}

export function describeDatasetRequest(at: DatasetAddress): OutgoingRequest {
  return { operation: "DescribeDataset", method: "GET", path: buildPath(DATASET, labels(at)) };
}
