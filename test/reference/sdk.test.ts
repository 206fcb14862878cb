/**
 * The reference endpoint driven by the official AWS SDK, as a sync client would drive it:
 * if the SDK cannot read an answer, or an error does not surface as the SDK's own
 * exception class, the reference is not speaking the real wire format.
 */
import {
  CognitoSyncClient,
  DeleteDatasetCommand,
  InternalErrorException,
  InvalidParameterException,
  ListRecordsCommand,
  NotAuthorizedException,
  ResourceConflictException,
  TooManyRequestsException,
  UpdateRecordsCommand,
  type ListRecordsCommandOutput,
  type RecordPatch,
} from "@aws-sdk/client-cognito-sync";
import { expect } from "chai";
import { startReferenceEndpoint, type ReferenceEndpoint } from "../../src/reference/server.js";
import { newDatasetName, newIdentityId, newPoolId, REGION } from "../support/ids.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const pool = newPoolId();
const identity = newIdentityId();
const otherIdentity = newIdentityId();
const developer = { accessKeyId: "AKIDDEVELOPER", secretAccessKey: "developer-secret" };
const bound = { accessKeyId: "AKIDBOUND", secretAccessKey: "bound-secret" };

describe("reference endpoint through the AWS SDK", () => {
  let endpoint: ReferenceEndpoint & { url: string };
  let client: CognitoSyncClient;

  const clientFor = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
    new CognitoSyncClient({ endpoint: endpoint.url, region: REGION, credentials, maxAttempts: 1 });
  const at = (DatasetName: string) => ({ IdentityPoolId: pool, IdentityId: identity, DatasetName });
  const list = (DatasetName: string, more: { LastSyncCount?: number; MaxResults?: number; NextToken?: string } = {}) =>
    client.send(new ListRecordsCommand({ ...at(DatasetName), ...more }));
  /** One UpdateRecords call, with the session token of a fresh ListRecords, as clients do. */
  async function update(DatasetName: string, RecordPatches: RecordPatch[]) {
    const { SyncSessionToken } = await list(DatasetName);
    return client.send(new UpdateRecordsCommand({ ...at(DatasetName), SyncSessionToken, RecordPatches }));
  }
  async function walk(DatasetName: string, MaxResults: number, LastSyncCount?: number) {
    const pages: ListRecordsCommandOutput[] = [];
    let NextToken: string | undefined;
    do {
      const page = await list(DatasetName, { MaxResults, NextToken, ...(LastSyncCount === undefined ? {} : { LastSyncCount }) });
      pages.push(page);
      NextToken = page.NextToken;
    } while (NextToken && pages.length < 100);
    return pages;
  }
  const replace = (Key: string, Value: string, SyncCount = 0): RecordPatch => ({ Op: "replace", Key, Value, SyncCount });

  before(async () => {
    endpoint = await startReferenceEndpoint({
      credentials: [developer, { ...bound, identityId: identity }],
      limits: { datasetBytes: 1024 * 1024, datasetsPerIdentity: 100 },
    });
    client = clientFor(developer);
  });
  after(() => endpoint.close());

  it("answers ListRecords on a missing dataset with 200, DatasetExists false and a session token", async () => {
    const out = await list(newDatasetName("missing"));
    expect(out.$metadata.httpStatusCode).to.equal(200);
    expect(out).to.include({ Count: 0, DatasetExists: false, DatasetSyncCount: 0, DatasetDeletedAfterRequestedSyncCount: false });
    expect(out.Records).to.deep.equal([]);
    expect(out.SyncSessionToken).to.be.a("string").that.is.not.empty;
    expect(out.NextToken).to.equal(undefined);
  });

  describe("a dataset seeded with 250 records in three updates", () => {
    const name = newDatasetName("seeded");
    const keys = Array.from({ length: 250 }, (_, i) => `key-${String(i).padStart(3, "0")}`);

    before(async () => {
      for (const slice of [keys.slice(0, 100), keys.slice(100, 200), keys.slice(200)]) {
        await update(
          name,
          slice.map((k) => replace(k, `value of ${k}`)),
        );
      }
    });

    it("counts one sync count per UpdateRecords call", async () => {
      const out = await list(name, { MaxResults: 1 });
      expect(out.DatasetSyncCount).to.equal(3);
      expect(out.DatasetExists).to.equal(true);
    });

    it("walks every record exactly once in pages of 100", async () => {
      const pages = await walk(name, 100);
      expect(pages.map((p) => p.Records?.length)).to.deep.equal([100, 100, 50]);
      expect(pages.map((p) => p.Count)).to.deep.equal([100, 100, 50]);
      const seen = pages.flatMap((p) => p.Records!.map((r) => r.Key));
      expect(seen).to.have.members(keys);
      expect(new Set(seen).size).to.equal(250);
      expect(pages.at(-1)!.NextToken).to.equal(undefined);
    });

    it("reads record timestamps as dates and values as written", async () => {
      const [first] = (await list(name, { MaxResults: 1 })).Records!;
      expect(first!.LastModifiedDate).to.be.instanceOf(Date);
      expect(Math.abs(first!.LastModifiedDate!.getTime() - Date.now())).to.be.below(60_000);
      expect(first!.Value).to.equal(`value of ${first!.Key}`);
      expect(first!.SyncCount).to.equal(1);
    });

    it("returns only the records changed after lastSyncCount", async () => {
      const pages = await walk(name, 100, 2);
      const records = pages.flatMap((p) => p.Records!);
      expect(records.map((r) => r.Key)).to.have.members(keys.slice(200));
      expect(records.every((r) => r.SyncCount === 3)).to.equal(true);
    });

    it("returns nothing when lastSyncCount equals the dataset's sync count", async () => {
      const out = await list(name, { LastSyncCount: 3 });
      expect(out.Count).to.equal(0);
      expect(out.Records).to.deep.equal([]);
    });
  });

  it("leaves a tombstone for a removed record that clients synced earlier receive", async () => {
    const name = newDatasetName("tombstone");
    await update(name, [replace("keep", "1"), replace("drop", "2")]);
    await update(name, [{ Op: "remove", Key: "drop", SyncCount: 1 }]);
    const out = await list(name, { LastSyncCount: 1 });
    expect(out.Records).to.have.length(1);
    expect(out.Records![0]).to.include({ Key: "drop", SyncCount: 2 });
    expect(out.Records![0]!.Value).to.equal(undefined);
  });

  it("deletes a dataset, which then looks missing to new clients and deleted to old ones", async () => {
    const name = newDatasetName("deleted");
    await update(name, [replace("a", "1")]);
    await update(name, [replace("b", "2")]);
    const deleted = await client.send(new DeleteDatasetCommand(at(name)));
    expect(deleted.Dataset?.DatasetName).to.equal(name);
    const fresh = await list(name);
    expect(fresh).to.include({ DatasetExists: false, Count: 0, DatasetSyncCount: 0, DatasetDeletedAfterRequestedSyncCount: false });
    const old = await list(name, { LastSyncCount: 1 });
    expect(old).to.include({ DatasetExists: false, DatasetDeletedAfterRequestedSyncCount: true });
  });

  it("rejects a whole patch list with ResourceConflictException when one sync count is stale", async () => {
    const name = newDatasetName("conflict");
    await update(name, [replace("score", "1")]);
    await update(name, [replace("score", "2", 1)]);
    const attempt = update(name, [replace("fresh", "x"), replace("score", "3", 1)]);
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ResourceConflictException);
    expect((error as ResourceConflictException).$metadata.httpStatusCode).to.equal(409);
    const after = await list(name);
    expect(after.DatasetSyncCount).to.equal(2);
    expect(after.Records!.map((r) => r.Key)).to.deep.equal(["score"]);
  });

  describe("each ListRecords error surfaces as the SDK's own exception", () => {
    const cases = [
      { status: 400, type: InvalidParameterException, provoke: () => client.send(new ListRecordsCommand({ ...at("bad/name") })) },
      {
        status: 403,
        type: NotAuthorizedException,
        provoke: () => clientFor(bound).send(new ListRecordsCommand({ IdentityPoolId: pool, IdentityId: otherIdentity, DatasetName: "x" })),
      },
      { status: 429, type: TooManyRequestsException, provoke: () => (endpoint.faults.arm("ListRecords", 429), list("x")) },
      { status: 500, type: InternalErrorException, provoke: () => (endpoint.faults.arm("ListRecords", 500), list("x")) },
    ];
    for (const { status, type, provoke } of cases) {
      it(`${status} as ${type.name}`, async () => {
        const error = await provoke().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, `expected ${type.name}`).to.be.instanceOf(type);
        expect((error as InstanceType<typeof type>).$metadata.httpStatusCode).to.equal(status);
        expect((error as Error).message).to.be.a("string").that.is.not.empty;
      });
    }
  });

  it("lets credentials bound to an identity read that identity's datasets", async () => {
    const out = await clientFor(bound).send(new ListRecordsCommand(at(newDatasetName("own"))));
    expect(out.$metadata.httpStatusCode).to.equal(200);
  });
});
