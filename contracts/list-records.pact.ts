/**
 * Consumer contracts: how AWS's sync clients use ListRecords, written with the official
 * AWS SDK as the consumer. Matchers ask for what a sync client needs and nothing more
 * (types, not values, wherever a correct server may differ), so a team can verify its own
 * server against them. Provider states are the ones in docs/provider-states.md.
 *
 * `npm run contracts` regenerates contracts/cognito-sync-client-cognito-sync.json from scratch.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CognitoSyncClient, CognitoSyncServiceException, ListRecordsCommand, type ListRecordsCommandInput } from "@aws-sdk/client-cognito-sync";
import { MatchersV3, PactV4, SpecificationVersion, type V3MockServer } from "@pact-foundation/pact";
import { getFfiLib } from "@pact-foundation/pact-core";
import { expect } from "chai";
import { encodeSegment } from "../src/http/encode.js";

const { boolean, constrainedArrayLike, eachLike, fromProviderState, integer, like, number, regex, string } = MatchersV3;

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

// Fixed ids: the pact file must come out byte for byte the same on every run.
const POOL = "us-east-1:0c1ba052-e098-41fa-a76e-eaa2c125f861";
const IDENTITY = "us-east-1:5d3c6f0e-9b1a-4c2e-8f7d-1a2b3c4d5e6f";
const OTHER_IDENTITY = "us-east-1:9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6";
const DEVELOPER = { accessKeyId: "AKIDCONTRACTDEVELOPER", secretAccessKey: "contract-developer-secret" };
const BOUND = { accessKeyId: "AKIDCONTRACTBOUND", secretAccessKey: "contract-bound-secret" };

const pact = new PactV4({
  consumer: "cognito-sync-client",
  provider: "cognito-sync",
  // PACT_OUTPUT_DIR lets a project test regenerate the file elsewhere and compare.
  dir: process.env.PACT_OUTPUT_DIR ?? path.dirname(fileURLToPath(import.meta.url)),
  spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
  logLevel: "error",
});

/**
 * Each test's body, then a wait until the mock server has recorded the match for what it
 * already answered. Its native core (pact-ffi 0.5.4) records a match on another task after
 * sending the answer, so under CPU load Pact could read "expected but not received" for a
 * request the client got its answer to (pact-foundation/pact-core-mock-server#13; fixed in
 * pact-ffi 0.5.6, whose packages need Node 22). The wait is bounded: a request that never
 * matched still fails, as Pact reports it, a few seconds later. A lag is logged.
 */
const recorded =
  <T>(body: (mock: V3MockServer) => Promise<T>) =>
  async (mock: V3MockServer): Promise<T> => {
    try {
      return await body(mock);
    } finally {
      const started = Date.now();
      while (!getFfiLib().pactffiMockServerMatched(mock.port) && Date.now() - started < RECORDING_WAIT_MS) await new Promise((r) => setTimeout(r, 5));
      const lag = Date.now() - started;
      if (lag > 0) process.stderr.write(`pact: the mock server recorded its match ${lag} ms after answering (pact-core-mock-server#13)\n`);
    }
  };
const RECORDING_WAIT_MS = 5_000;

const recordsPath = (dataset: string, identity = IDENTITY) =>
  `/identitypools/${encodeSegment(POOL)}/identities/${encodeSegment(identity)}/datasets/${encodeSegment(dataset)}/records`;
const address = (dataset: string, identity = IDENTITY) => ({ identityPoolId: POOL, identityId: identity, datasetName: dataset });
/** Any SigV4 signature for the given access key; the verifier signs each replayed request for real. */
const signedBy = (accessKeyId: string) => ({
  authorization: regex(
    /^AWS4-HMAC-SHA256 Credential=\S+\/\d{8}\/[\w-]+\/cognito-sync\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/,
    `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20240101/us-east-1/cognito-sync/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`,
  ),
});
const sdk = (url: string, credentials = DEVELOPER) => new CognitoSyncClient({ endpoint: url, region: "us-east-1", credentials, maxAttempts: 1 });
const input = (dataset: string, more: Partial<ListRecordsCommandInput> = {}): ListRecordsCommandInput => ({
  IdentityPoolId: POOL,
  IdentityId: IDENTITY,
  DatasetName: dataset,
  ...more,
});

/** A record as a sync client reads it: key, value, count and date, by type. */
const record = (key: string, value: string, syncCount: number) => ({
  Key: string(key),
  Value: string(value),
  SyncCount: integer(syncCount),
  LastModifiedDate: number(1700000000.5),
});
/**
 * What every page must give a sync client, typed and present: the Android client unboxes
 * DatasetSyncCount and both flags and iterates Records on every page (an absent one is a
 * NullPointerException), and the iOS client reads an absent DatasetExists as false. The
 * deleted flag is asked for exactly: true would make a client purge its copy.
 */
const clientMembers = (datasetSyncCount: number, exists: unknown, records: unknown) => ({
  DatasetSyncCount: integer(datasetSyncCount),
  DatasetExists: exists,
  DatasetDeletedAfterRequestedSyncCount: false,
  Records: records,
});
/** A page that ends a listing: the members above, and the session token for the next write. */
const pageOf = (datasetSyncCount: number, records: unknown, more: Record<string, unknown> = {}) => ({
  ...clientMembers(datasetSyncCount, true, records),
  SyncSessionToken: string("session-token"),
  ...more,
});
/**
 * An error needs its status and a message. Its type may travel in a header or in the body
 * (restJson1 allows x-amzn-ErrorType, __type or code), which a contract cannot say as one
 * rule, so the type is left to the SDK compatibility specs.
 */
const errorBody = { message: string("what went wrong") };

/** What the SDK makes of an error answer: a service exception carrying the status. */
function expectServiceError(error: unknown, status: number): void {
  expect(error).to.be.instanceOf(CognitoSyncServiceException);
  expect((error as CognitoSyncServiceException).$metadata.httpStatusCode).to.equal(status);
}

describe("contract: a sync client's ListRecords calls", () => {
  it("first full sync of a dataset: every record, the dataset's count and a session token", () =>
    pact
      .addInteraction()
      .given("a dataset holds these records", {
        ...address("contract-full"),
        records: [
          { Key: "highScore", Value: "100", SyncCount: 1 },
          { Key: "level", Value: "7", SyncCount: 2 },
        ],
        datasetSyncCount: 2,
      })
      .uponReceiving("a first full sync of a dataset")
      .withRequest("GET", recordsPath("contract-full"), (b) => b.query({ lastSyncCount: "0", maxResults: "1024" }).headers(signedBy(DEVELOPER.accessKeyId)))
      .willRespondWith(200, (b) => b.jsonBody(pageOf(2, eachLike(record("highScore", "100", 1), 2))))
      .executeTest(
        recorded(async (mock) => {
          const out = await sdk(mock.url).send(new ListRecordsCommand(input("contract-full", { LastSyncCount: 0, MaxResults: 1024 })));
          expect(out.Records).to.have.length(2);
          expect(out.DatasetSyncCount).to.equal(2);
          expect(out.Records![0]!.LastModifiedDate).to.be.instanceOf(Date);
        }),
      ));

  it("incremental sync from the last count the client kept", () =>
    pact
      .addInteraction()
      .given("a dataset holds these records", {
        ...address("contract-incremental"),
        records: [
          { Key: "a", Value: "1", SyncCount: 1 },
          { Key: "b", Value: "2", SyncCount: 2 },
          { Key: "c", Value: "3", SyncCount: 3 },
        ],
        datasetSyncCount: 3,
      })
      .uponReceiving("an incremental sync from lastSyncCount 2")
      .withRequest("GET", recordsPath("contract-incremental"), (b) => b.query({ lastSyncCount: "2", maxResults: "1024" }).headers(signedBy(DEVELOPER.accessKeyId)))
      .willRespondWith(200, (b) => b.jsonBody(pageOf(3, eachLike(record("c", "3", 3), 1))))
      .executeTest(
        recorded(async (mock) => {
          const out = await sdk(mock.url).send(new ListRecordsCommand(input("contract-incremental", { LastSyncCount: 2, MaxResults: 1024 })));
          expect(out.Records!.map((r) => r.Key)).to.deep.equal(["c"]);
        }),
      ));

  describe("the paging loop: maxResults 1024 until NextToken is absent", () => {
    const state = { ...address("contract-paged"), count: 1025, pageSize: 1024 };
    it("first page: up to 1024 records and a NextToken", () =>
      pact
        .addInteraction()
        .given("a dataset holds numbered records", state)
        .uponReceiving("the first page of a paged sync")
        .withRequest("GET", recordsPath("contract-paged"), (b) => b.query({ lastSyncCount: "0", maxResults: "1024" }).headers(signedBy(DEVELOPER.accessKeyId)))
        // At most maxResults records: the example holds two, the matcher allows 1 to 1024.
        // Not the last page: the client keeps the count and token of the last one only.
        .willRespondWith(200, (b) =>
          b.jsonBody({ ...clientMembers(1, true, constrainedArrayLike(record("record-0000", "value-0", 1), 1, 1024, 2)), NextToken: string("next-page-token") }),
        )
        .executeTest(
          recorded(async (mock) => {
            const out = await sdk(mock.url).send(new ListRecordsCommand(input("contract-paged", { LastSyncCount: 0, MaxResults: 1024 })));
            expect(out.Records).to.have.length(2);
            expect(out.NextToken).to.be.a("string").that.is.not.empty;
          }),
        ));

    it("last page: the rest, the count and token to keep, and no NextToken", () =>
      pact
        .addInteraction()
        .given("a dataset holds numbered records", state)
        .uponReceiving("the last page of a paged sync")
        .withRequest("GET", recordsPath("contract-paged"), (b) =>
          b.query({ lastSyncCount: "0", maxResults: "1024", nextToken: fromProviderState("${nextToken}", "next-page-token") }).headers(signedBy(DEVELOPER.accessKeyId)),
        )
        .willRespondWith(200, (b) => b.jsonBody(pageOf(1, eachLike(record("record-1024", "value-1024", 1), 1))))
        .executeTest(
          recorded(async (mock) => {
            const out = await sdk(mock.url).send(new ListRecordsCommand(input("contract-paged", { LastSyncCount: 0, MaxResults: 1024, NextToken: "next-page-token" })));
            expect(out.Records).to.have.length(1);
            expect(out.NextToken).to.equal(undefined);
          }),
        ));
  });

  it("a dataset that does not exist: 200 and a session token for the first write", () =>
    pact
      .addInteraction()
      .given("a dataset does not exist", address("contract-missing"))
      .uponReceiving("a sync of a dataset that does not exist")
      .withRequest("GET", recordsPath("contract-missing"), (b) => b.query({ lastSyncCount: "0", maxResults: "1024" }).headers(signedBy(DEVELOPER.accessKeyId)))
      .willRespondWith(200, (b) => b.jsonBody({ ...clientMembers(0, false, []), SyncSessionToken: string("session-token") }))
      .executeTest(
        recorded(async (mock) => {
          const out = await sdk(mock.url).send(new ListRecordsCommand(input("contract-missing", { LastSyncCount: 0, MaxResults: 1024 })));
          expect(out.DatasetExists).to.equal(false);
          expect(out.SyncSessionToken).to.be.a("string");
        }),
      ));

  it("a tombstone: a record removed since the client's sync comes back with its key and new count", () =>
    pact
      .addInteraction()
      .given("a dataset holds these records", {
        ...address("contract-tombstone"),
        records: [
          { Key: "kept", Value: "1", SyncCount: 1 },
          { Key: "removed", Value: null, SyncCount: 2 },
        ],
        datasetSyncCount: 2,
      })
      .uponReceiving("a sync that receives a tombstone")
      .withRequest("GET", recordsPath("contract-tombstone"), (b) => b.query({ lastSyncCount: "1", maxResults: "1024" }).headers(signedBy(DEVELOPER.accessKeyId)))
      // Pact cannot say "Value absent or null"; the scenario specs check that (LR-TOMBSTONE).
      .willRespondWith(200, (b) => b.jsonBody(pageOf(2, eachLike({ Key: string("removed"), SyncCount: integer(2) }, 1))))
      .executeTest(
        recorded(async (mock) => {
          const out = await sdk(mock.url).send(new ListRecordsCommand(input("contract-tombstone", { LastSyncCount: 1, MaxResults: 1024 })));
          expect(out.Records![0]!.Key).to.equal("removed");
        }),
      ));

  it("merged datasets: their names, so the client can run its merge handling", () =>
    pact
      .addInteraction()
      .given("a dataset has been merged", { ...address("contract-merged"), mergedDatasetNames: ["contract-merged.us-east-1:1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b"] })
      .uponReceiving("a sync of a dataset that has merged datasets")
      .withRequest("GET", recordsPath("contract-merged"), (b) => b.query({ lastSyncCount: "0", maxResults: "1024" }).headers(signedBy(DEVELOPER.accessKeyId)))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          ...clientMembers(0, boolean(false), like([])),
          MergedDatasetNames: eachLike(string("contract-merged.us-east-1:1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b"), 1),
          SyncSessionToken: string("session-token"),
        }),
      )
      .executeTest(
        recorded(async (mock) => {
          const out = await sdk(mock.url).send(new ListRecordsCommand(input("contract-merged", { LastSyncCount: 0, MaxResults: 1024 })));
          expect(out.MergedDatasetNames).to.have.length(1);
        }),
      ));

  describe("errors, each as a service exception with its status", () => {
    it("400 for a dataset name outside the model's pattern", () =>
      pact
        .addInteraction()
        .uponReceiving("a sync of a dataset whose name breaks the model's pattern")
        .withRequest("GET", recordsPath("not valid!"), (b) => b.query({ lastSyncCount: "0", maxResults: "1024" }).headers(signedBy(DEVELOPER.accessKeyId)))
        .willRespondWith(400, (b) => b.jsonBody(errorBody))
        .executeTest(
          recorded(async (mock) => {
            const error = await sdk(mock.url)
              .send(new ListRecordsCommand(input("not valid!", { LastSyncCount: 0, MaxResults: 1024 })))
              .catch((e: unknown) => e);
            expectServiceError(error, 400);
          }),
        ));

    it("403 for credentials bound to another identity", () =>
      pact
        .addInteraction()
        .given("credentials are bound to an identity", { ...BOUND, identityId: IDENTITY })
        .uponReceiving("a sync with credentials bound to another identity")
        .withRequest("GET", recordsPath("contract-foreign", OTHER_IDENTITY), (b) => b.query({ lastSyncCount: "0", maxResults: "1024" }).headers(signedBy(BOUND.accessKeyId)))
        .willRespondWith(403, (b) => b.jsonBody(errorBody))
        .executeTest(
          recorded(async (mock) => {
            const request = new ListRecordsCommand({ ...input("contract-foreign", { LastSyncCount: 0, MaxResults: 1024 }), IdentityId: OTHER_IDENTITY });
            const error = await sdk(mock.url, BOUND)
              .send(request)
              .catch((e: unknown) => e);
            expectServiceError(error, 403);
          }),
        ));

    const injected = [
      { status: 429, state: "the service throttles the next calls", what: "a throttled sync" },
      { status: 500, state: "the service fails the next calls", what: "a sync that meets an internal error" },
    ];
    for (const e of injected) {
      it(`${e.status} when ${e.what.replace(/^a /, "")}`, () =>
        pact
          .addInteraction()
          .given(e.state, { operation: "ListRecords", times: 1 })
          .uponReceiving(e.what)
          .withRequest("GET", recordsPath(`contract-${e.status}`), (b) => b.query({ lastSyncCount: "0", maxResults: "1024" }).headers(signedBy(DEVELOPER.accessKeyId)))
          .willRespondWith(e.status, (b) => b.jsonBody(errorBody))
          .executeTest(
            recorded(async (mock) => {
              const error = await sdk(mock.url)
                .send(new ListRecordsCommand(input(`contract-${e.status}`, { LastSyncCount: 0, MaxResults: 1024 })))
                .catch((x: unknown) => x);
              expectServiceError(error, e.status);
            }),
          ));
    }
  });
});
