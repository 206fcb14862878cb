/**
 * Concurrent writers on one dataset: every write the endpoint acknowledges must be there
 * afterwards, every other one must have been refused as a conflict, and the dataset's
 * sync count must have advanced exactly once per acknowledged call.
 */
import { CognitoSyncClient, ListRecordsCommand, ResourceConflictException, UpdateRecordsCommand } from "@aws-sdk/client-cognito-sync";
import { expect } from "chai";
import { startReferenceEndpoint, type ReferenceEndpoint } from "../../src/reference/server.js";
import { newDatasetName, newIdentityId, newPoolId, REGION } from "../support/ids.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

describe("reference endpoint under 50 concurrent UpdateRecords on one dataset", () => {
  let endpoint: ReferenceEndpoint & { url: string };
  before(async () => (endpoint = await startReferenceEndpoint()));
  after(() => endpoint.close());

  it("keeps every acknowledged patch, answers 409 to the rest, and counts one sync per acknowledgement", async () => {
    const client = new CognitoSyncClient({
      endpoint: endpoint.url,
      region: REGION,
      credentials: { accessKeyId: "AKIDCONCURRENT", secretAccessKey: "x" },
      maxAttempts: 1,
    });
    const at = { IdentityPoolId: newPoolId(), IdentityId: newIdentityId(), DatasetName: newDatasetName("concurrent") };
    const writers = Array.from({ length: 50 }, (_, i) => i);
    // Half the writers race for one key from the same starting count, so exactly one of
    // them can win; the other half write keys of their own and cannot conflict.
    const patchOf = (i: number) => ({ Op: "replace" as const, Key: i % 2 === 0 ? "contested" : `own-${i}`, Value: `writer ${i}`, SyncCount: 0 });
    const tokens = await Promise.all(writers.map(() => client.send(new ListRecordsCommand(at)).then((o) => o.SyncSessionToken)));

    const outcomes = await Promise.all(
      writers.map((i) =>
        client
          .send(new UpdateRecordsCommand({ ...at, SyncSessionToken: tokens[i], RecordPatches: [patchOf(i)] }))
          .then((out) => ({ i, ok: true as const, records: out.Records ?? [] }))
          .catch((error: unknown) => ({ i, ok: false as const, error })),
      ),
    );

    const acknowledged = outcomes.filter((o) => o.ok);
    for (const o of outcomes) {
      if (!o.ok) expect(o.error, `writer ${o.i} was refused with something other than a conflict`).to.be.instanceOf(ResourceConflictException);
    }
    expect(
      acknowledged.filter((o) => o.i % 2 === 0),
      "exactly one writer of the contested key wins",
    ).to.have.length(1);
    expect(
      acknowledged.filter((o) => o.i % 2 === 1),
      "writers of their own keys never conflict",
    ).to.have.length(25);

    const final = await client.send(new ListRecordsCommand({ ...at, MaxResults: 1024 }));
    expect(final.DatasetSyncCount).to.equal(acknowledged.length);
    const stored = new Map(final.Records!.map((r) => [r.Key, r]));
    for (const ack of acknowledged) {
      const [written] = ack.records;
      const now = stored.get(written!.Key);
      expect(now, `acknowledged write of ${written!.Key} by writer ${ack.i} is missing`).to.not.equal(undefined);
      expect(now).to.deep.include({ Value: written!.Value, SyncCount: written!.SyncCount });
    }
    const counts = acknowledged.map((a) => a.records[0]!.SyncCount).sort((a, b) => a! - b!);
    expect(counts, "each acknowledged call got its own sync count").to.deep.equal(acknowledged.map((_, n) => n + 1));
  });
});
