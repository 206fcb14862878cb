/**
 * One ListRecords interaction of the consumer contract, made from one description: the
 * request the contract records and the SDK call the consumer test makes are both built from
 * the same `call`, so they cannot drift apart. A helper of list-records.pact.ts, not named
 * *.pact.ts: `npm run contracts` runs those as test files.
 */
import { CognitoSyncClient, CognitoSyncServiceException, ListRecordsCommand, type ListRecordsCommandOutput } from "@aws-sdk/client-cognito-sync";
import { MatchersV3, type PactV4, type V3MockServer, type V3ProviderState } from "@pact-foundation/pact";
import { getFfiLib } from "@pact-foundation/pact-core";
import { expect } from "chai";
import { encodeSegment } from "../src/http/encode.js";

const { fromProviderState, regex } = MatchersV3;

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

// Fixed ids: the pact file must come out byte for byte the same on every run.
export const POOL = "us-east-1:0c1ba052-e098-41fa-a76e-eaa2c125f861";
export const IDENTITY = "us-east-1:5d3c6f0e-9b1a-4c2e-8f7d-1a2b3c4d5e6f";
const DEVELOPER = { accessKeyId: "AKIDCONTRACTDEVELOPER", secretAccessKey: "contract-developer-secret" };

/** A sync client's ListRecords call: always maxResults 1024, as AWS's clients page. */
export interface Call {
  dataset: string;
  lastSyncCount: number;
  /** The identity in the path; the developer's own by default. */
  identity?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** The example NextToken; the contract takes the real one from the provider state's `nextToken`. */
  nextToken?: string;
}

/** A provider state and its parameters. */
export type Given = [state: string, params: NonNullable<V3ProviderState["parameters"]>];

export interface ListRecordsInteraction {
  given?: Given;
  description: string;
  call: Call;
  status: number;
  body: unknown;
  /** What the SDK must make of a 200; any other status must come out as a service exception carrying it. */
  check?: (out: ListRecordsCommandOutput) => void;
}

/** Adds the interaction to `pact` and runs its consumer test: the SDK makes the call against Pact's mock server. */
export function listRecordsInteraction(pact: PactV4, i: ListRecordsInteraction): Promise<unknown> {
  const { dataset, lastSyncCount, identity = IDENTITY, credentials = DEVELOPER, nextToken } = i.call;
  const unconfigured = pact.addInteraction();
  return (i.given ? unconfigured.given(...i.given) : unconfigured)
    .uponReceiving(i.description)
    .withRequest("GET", recordsPath(dataset, identity), (b) =>
      b
        .query({ lastSyncCount: String(lastSyncCount), maxResults: "1024", ...(nextToken === undefined ? {} : { nextToken: fromProviderState("${nextToken}", nextToken) }) })
        .headers(signedBy(credentials.accessKeyId)),
    )
    .willRespondWith(i.status, (b) => b.jsonBody(i.body))
    .executeTest(
      recorded(async (mock) => {
        const sdk = new CognitoSyncClient({ endpoint: mock.url, region: "us-east-1", credentials, maxAttempts: 1 });
        const input = { IdentityPoolId: POOL, IdentityId: identity, DatasetName: dataset, LastSyncCount: lastSyncCount, MaxResults: 1024 };
        const sent = sdk.send(new ListRecordsCommand({ ...input, ...(nextToken === undefined ? {} : { NextToken: nextToken }) }));
        if (i.status === 200) return i.check?.(await sent);
        const error = await sent.catch((e: unknown) => e);
        expect(error).to.be.instanceOf(CognitoSyncServiceException);
        expect((error as CognitoSyncServiceException).$metadata.httpStatusCode).to.equal(i.status);
      }),
    );
}

const recordsPath = (dataset: string, identity: string) => `/identitypools/${encodeSegment(POOL)}/identities/${encodeSegment(identity)}/datasets/${encodeSegment(dataset)}/records`;
/** Any SigV4 signature for the given access key; the verifier signs each replayed request for real. */
const signedBy = (accessKeyId: string) => ({
  authorization: regex(
    /^AWS4-HMAC-SHA256 Credential=\S+\/\d{8}\/[\w-]+\/cognito-sync\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/,
    `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20240101/us-east-1/cognito-sync/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`,
  ),
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
