/**
 * A dataset of a scenario as a client model reaches it: every call through the scenario's
 * context (so the run's gate, counts and transport classification apply), answers handed
 * over raw for the model to read as its client would.
 */
import { deleteDatasetRequest, listRecordsRequest, updateRecordsRequest, type DatasetAddress } from "../http/cognito-sync.js";
import type { SyncTransport } from "../client-models/device.js";
import type { TestContext } from "./test-context.js";

export function syncTransport(t: TestContext, at: DatasetAddress): SyncTransport {
  return {
    listRecords: (query) => t.send(listRecordsRequest(at, query)),
    // A client without a token sends the call without one (its marshaller drops the absent member).
    updateRecords: (token, patches) => t.send(updateRecordsRequest(at, token as string, patches)),
    deleteDataset: () => t.send(deleteDatasetRequest(at)),
  };
}
