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
import { MatchersV3, PactV4, SpecificationVersion } from "@pact-foundation/pact";
import { expect } from "chai";
import { IDENTITY, listRecordsInteraction, POOL, type Given } from "./interaction.js";

const { boolean, constrainedArrayLike, eachLike, integer, like, number, string } = MatchersV3;

// Fixed, as the ids in interaction.ts are: the pact file must come out the same on every run.
const OTHER_IDENTITY = "us-east-1:9e8d7c6b-5a49-4382-9170-a1b2c3d4e5f6";
const BOUND = { accessKeyId: "AKIDCONTRACTBOUND", secretAccessKey: "contract-bound-secret" };

const pact = new PactV4({
  consumer: "cognito-sync-client",
  provider: "cognito-sync",
  // PACT_OUTPUT_DIR lets a project test regenerate the file elsewhere and compare.
  dir: process.env.PACT_OUTPUT_DIR ?? path.dirname(fileURLToPath(import.meta.url)),
  spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
  logLevel: "error",
});

const address = (dataset: string) => ({ identityPoolId: POOL, identityId: IDENTITY, datasetName: dataset });
/** The state of a dataset of the client's identity holding `records`, its count at `datasetSyncCount`. */
const holding = (dataset: string, records: Array<{ Key: string; Value: string | null; SyncCount: number }>, datasetSyncCount: number): Given => [
  "a dataset holds these records",
  { ...address(dataset), records, datasetSyncCount },
];

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
const pageOf = (datasetSyncCount: number, records: unknown) => ({
  ...clientMembers(datasetSyncCount, true, records),
  SyncSessionToken: string("session-token"),
});
/**
 * An error needs its status and a message. Its type may travel in a header or in the body
 * (restJson1 allows x-amzn-ErrorType, __type or code), which a contract cannot say as one
 * rule, so the type is left to the SDK compatibility specs.
 */
const errorBody = { message: string("what went wrong") };

describe("contract: a sync client's ListRecords calls", () => {
  it("first full sync of a dataset: every record, the dataset's count and a session token", () =>
    listRecordsInteraction(pact, {
      given: holding(
        "contract-full",
        [
          { Key: "highScore", Value: "100", SyncCount: 1 },
          { Key: "level", Value: "7", SyncCount: 2 },
        ],
        2,
      ),
      description: "a first full sync of a dataset",
      call: { dataset: "contract-full", lastSyncCount: 0 },
      status: 200,
      body: pageOf(2, eachLike(record("highScore", "100", 1), 2)),
      check: (out) => {
        expect(out.Records).to.have.length(2);
        expect(out.DatasetSyncCount).to.equal(2);
        expect(out.Records![0]!.LastModifiedDate).to.be.instanceOf(Date);
      },
    }));

  it("incremental sync from the last count the client kept", () =>
    listRecordsInteraction(pact, {
      given: holding(
        "contract-incremental",
        [
          { Key: "a", Value: "1", SyncCount: 1 },
          { Key: "b", Value: "2", SyncCount: 2 },
          { Key: "c", Value: "3", SyncCount: 3 },
        ],
        3,
      ),
      description: "an incremental sync from lastSyncCount 2",
      call: { dataset: "contract-incremental", lastSyncCount: 2 },
      status: 200,
      body: pageOf(3, eachLike(record("c", "3", 3), 1)),
      check: (out) => expect(out.Records!.map((r) => r.Key)).to.deep.equal(["c"]),
    }));

  describe("the paging loop: maxResults 1024 until NextToken is absent", () => {
    const given: Given = ["a dataset holds numbered records", { ...address("contract-paged"), count: 1025, pageSize: 1024 }];
    it("first page: up to 1024 records and a NextToken", () =>
      listRecordsInteraction(pact, {
        given,
        description: "the first page of a paged sync",
        call: { dataset: "contract-paged", lastSyncCount: 0 },
        status: 200,
        // At most maxResults records: the example holds two, the matcher allows 1 to 1024.
        // Not the last page: the client keeps the count and token of the last one only.
        body: { ...clientMembers(1, true, constrainedArrayLike(record("record-0000", "value-0", 1), 1, 1024, 2)), NextToken: string("next-page-token") },
        check: (out) => {
          expect(out.Records).to.have.length(2);
          expect(out.NextToken).to.be.a("string").that.is.not.empty;
        },
      }));

    it("last page: the rest, the count and token to keep, and no NextToken", () =>
      listRecordsInteraction(pact, {
        given,
        description: "the last page of a paged sync",
        call: { dataset: "contract-paged", lastSyncCount: 0, nextToken: "next-page-token" },
        status: 200,
        body: pageOf(1, eachLike(record("record-1024", "value-1024", 1), 1)),
        check: (out) => {
          expect(out.Records).to.have.length(1);
          expect(out.NextToken).to.equal(undefined);
        },
      }));
  });

  it("a dataset that does not exist: 200 and a session token for the first write", () =>
    listRecordsInteraction(pact, {
      given: ["a dataset does not exist", address("contract-missing")],
      description: "a sync of a dataset that does not exist",
      call: { dataset: "contract-missing", lastSyncCount: 0 },
      status: 200,
      body: { ...clientMembers(0, false, []), SyncSessionToken: string("session-token") },
      check: (out) => {
        expect(out.DatasetExists).to.equal(false);
        expect(out.SyncSessionToken).to.be.a("string");
      },
    }));

  it("a tombstone: a record removed since the client's sync comes back with its key and new count", () =>
    listRecordsInteraction(pact, {
      given: holding(
        "contract-tombstone",
        [
          { Key: "kept", Value: "1", SyncCount: 1 },
          { Key: "removed", Value: null, SyncCount: 2 },
        ],
        2,
      ),
      description: "a sync that receives a tombstone",
      call: { dataset: "contract-tombstone", lastSyncCount: 1 },
      status: 200,
      // Pact cannot say "Value absent or null"; the scenario specs check that (LR-TOMBSTONE).
      body: pageOf(2, eachLike({ Key: string("removed"), SyncCount: integer(2) }, 1)),
      check: (out) => expect(out.Records![0]!.Key).to.equal("removed"),
    }));

  it("merged datasets: their names, so the client can run its merge handling", () =>
    listRecordsInteraction(pact, {
      given: ["a dataset has been merged", { ...address("contract-merged"), mergedDatasetNames: ["contract-merged.us-east-1:1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b"] }],
      description: "a sync of a dataset that has merged datasets",
      call: { dataset: "contract-merged", lastSyncCount: 0 },
      status: 200,
      body: {
        ...clientMembers(0, boolean(false), like([])),
        MergedDatasetNames: eachLike(string("contract-merged.us-east-1:1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b"), 1),
        SyncSessionToken: string("session-token"),
      },
      check: (out) => expect(out.MergedDatasetNames).to.have.length(1),
    }));

  describe("errors, each as a service exception with its status", () => {
    it("400 for a dataset name outside the model's pattern", () =>
      listRecordsInteraction(pact, {
        description: "a sync of a dataset whose name breaks the model's pattern",
        call: { dataset: "not valid!", lastSyncCount: 0 },
        status: 400,
        body: errorBody,
      }));

    it("403 for credentials bound to another identity", () =>
      listRecordsInteraction(pact, {
        given: ["credentials are bound to an identity", { ...BOUND, identityId: IDENTITY }],
        description: "a sync with credentials bound to another identity",
        call: { dataset: "contract-foreign", lastSyncCount: 0, identity: OTHER_IDENTITY, credentials: BOUND },
        status: 403,
        body: errorBody,
      }));

    const injected = [
      { status: 429, state: "the service throttles the next calls", what: "a throttled sync" },
      { status: 500, state: "the service fails the next calls", what: "a sync that meets an internal error" },
    ];
    for (const e of injected) {
      it(`${e.status} when ${e.what.replace(/^a /, "")}`, () =>
        listRecordsInteraction(pact, {
          given: [e.state, { operation: "ListRecords", times: 1 }],
          description: e.what,
          call: { dataset: `contract-${e.status}`, lastSyncCount: 0 },
          status: e.status,
          body: errorBody,
        }));
    }
  });
});
