/**
 * The reference endpoint on the wire, driven with raw HTTP through supertest: every input
 * constraint, token rule, malformed body and auth failure must come back as an AWS-shaped
 * error (status, x-amzn-ErrorType, JSON body with a message, request id), never as a
 * dropped connection, and successful replies must carry exactly the documented members.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { expect } from "chai";
import request from "supertest";
import { createReferenceEndpoint, type ReferenceEndpoint, type ReferenceOptions } from "../../src/reference/server.js";
import { validateAgainst } from "../../src/schema/validators.js";
import { datasetPath, newDatasetName, newIdentityId, newPoolId, REGION, UNKNOWN_KEY_AUTHORIZATION } from "../support/ids.js";

type App = Parameters<typeof request>[0];
type Method = "get" | "post" | "put" | "delete";
type Query = Record<string, string | number>;

interface RecordOut {
  Key: string;
  Value?: string;
  SyncCount: number;
  LastModifiedDate: number;
  LastModifiedBy: string;
  DeviceLastModifiedDate?: number;
}

interface ListRecordsOut {
  Count: number;
  DatasetDeletedAfterRequestedSyncCount: boolean;
  DatasetExists: boolean;
  DatasetSyncCount: number;
  LastModifiedBy: string | null;
  MergedDatasetNames: string[] | null;
  NextToken: string | null;
  Records: RecordOut[];
  SyncSessionToken: string;
}

// ---------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------

/** The one check every error reply goes through. `mentions` is matched case-insensitively. */
function expectAwsError(res: request.Response, status: number, type: string, mentions?: string): void {
  const seen = `got ${res.status} ${String(res.headers["x-amzn-errortype"])} ${res.text}`;
  expect(res.status, seen).to.equal(status);
  expect(res.headers["x-amzn-errortype"], seen).to.equal(type);
  expect(res.headers["content-type"], seen).to.match(/^application\/json(;|$)/);
  expect(res.body, seen).to.be.an("object");
  expect(res.body.message, seen).to.be.a("string").and.not.equal("");
  expect(res.headers["x-amzn-requestid"], seen).to.be.a("string").and.not.equal("");
  if (mentions !== undefined) expect(String(res.body.message).toLowerCase(), seen).to.include(mentions.toLowerCase());
}

/** A 200 reply with a JSON body and no error type; returns the body. */
function expectOk<T = ListRecordsOut>(res: request.Response): T {
  expect(res.status, `got ${res.status} ${res.text}`).to.equal(200);
  expect(res.headers["x-amzn-errortype"]).to.equal(undefined);
  expect(res.headers["content-type"]).to.match(/^application\/json(;|$)/);
  return res.body as T;
}

/** Query values are percent-encoded here; paths are sent exactly as given. */
function withQuery(path: string, query: Query = {}): string {
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join("&");
  return qs ? `${path}?${qs}` : path;
}

interface SendOptions {
  query?: Query;
  /** A string is sent byte for byte; anything else as JSON. */
  body?: unknown;
  /** null sends no Authorization header at all. */
  authorization?: string | null;
}

function send(app: App, method: Method, path: string, { query, body, authorization = UNKNOWN_KEY_AUTHORIZATION }: SendOptions = {}) {
  let req = request(app)[method](withQuery(path, query));
  if (authorization !== null) req = req.set("authorization", authorization);
  if (body !== undefined) req = req.set("content-type", "application/json").send(typeof body === "string" ? body : JSON.stringify(body));
  return req;
}

interface Dataset {
  pool: string;
  identity: string;
  name: string;
  /** Percent-encoded, as the SDK sends it. */
  path: string;
  records: string;
}

function dataset(pool = newPoolId(), identity = newIdentityId(), name = newDatasetName()): Dataset {
  const path = datasetPath(pool, identity, name);
  return { pool, identity, name, path, records: `${path}/records` };
}

/** Labels exactly as they go on the wire (already percent-encoded); unset ones get fresh valid ids. */
interface WireLabels {
  pool?: string;
  identity?: string;
  dataset?: string;
}

function wirePaths({ pool, identity, dataset: name }: WireLabels) {
  const base = `/identitypools/${pool ?? encodeURIComponent(newPoolId())}/identities/${identity ?? encodeURIComponent(newIdentityId())}`;
  const one = `${base}/datasets/${name ?? newDatasetName()}`;
  return { datasets: `${base}/datasets`, dataset: one, records: `${one}/records` };
}

/** An identity id of the given length that satisfies the pattern `[\w-]+:[0-9a-f-]+`. */
const idOfLength = (length: number) => `${REGION}:${"a".repeat(length - REGION.length - 1)}`;
const enc = encodeURIComponent;

const replace = (Key: string, SyncCount = 0, Value = "v") => ({ Op: "replace", Key, Value, SyncCount });
const updateBody = (token: string | undefined, patches: unknown[]) => ({
  ...(token === undefined ? {} : { SyncSessionToken: token }),
  RecordPatches: patches,
});

async function sessionToken(app: App, ds: Dataset): Promise<string> {
  const token = expectOk(await send(app, "get", ds.records)).SyncSessionToken;
  expect(token).to.be.a("string").and.not.equal("");
  return token;
}

/** A successful UpdateRecords; returns the (now spent) session token it used. */
async function write(app: App, ds: Dataset, patches: unknown[]): Promise<string> {
  const token = await sessionToken(app, ds);
  expectOk(await send(app, "post", ds.path, { body: updateBody(token, patches) }));
  return token;
}

const fiveRecords = () => ["k1", "k2", "k3", "k4", "k5"].map((k) => replace(k));

/** Seeds ds with more records than one page holds and returns the first page's NextToken. */
async function realNextToken(app: App, ds: Dataset, query: Query = { maxResults: 2 }): Promise<string> {
  await write(app, ds, fiveRecords());
  const next = expectOk(await send(app, "get", ds.records, { query })).NextToken;
  expect(next, "NextToken of a dataset larger than maxResults").to.be.a("string");
  return next!;
}

/** One endpoint for the enclosing describe, created in its before hook. */
function useEndpoint(options: ReferenceOptions = {}): () => ReferenceEndpoint {
  let endpoint: ReferenceEndpoint | undefined;
  before(() => {
    endpoint = createReferenceEndpoint(options);
  });
  after(() => endpoint?.close());
  return () => endpoint!;
}

// ---------------------------------------------------------------------------------------

describe("reference endpoint over HTTP", () => {
  describe("ListRecords path and query constraints", () => {
    interface Row {
      name: string;
      labels?: WireLabels;
      query?: Query;
      /** The parameter an InvalidParameterException must name; absent for a valid row (200). */
      invalid?: string;
    }
    const badIds: ReadonlyArray<[string, string]> = [
      ["empty (//)", ""],
      ["56 characters", enc(idOfLength(56))],
      ["without a colon", "us-east-1-abcdef"],
      ["upper-case hex after the colon", enc("us-east-1:ABCDEF")],
      ["with a space (%20)", "us-east-1%3Aab%20cd"],
      ["with a slash encoded as %2F", "us-east-1%3Aab%2Fcd"],
      ["with malformed percent-encoding (%E0%A4%A)", "us-east-1%3Aab%E0%A4%A"],
    ];
    const rows: Row[] = [
      ...badIds.map(([what, pool]) => ({ name: `IdentityPoolId ${what}`, labels: { pool }, invalid: "identityPoolId" })),
      { name: "IdentityPoolId of 55 characters (the limit)", labels: { pool: enc(idOfLength(55)) } },
      ...badIds.map(([what, identity]) => ({ name: `IdentityId ${what}`, labels: { identity }, invalid: "identityId" })),
      { name: "IdentityId of 55 characters (the limit)", labels: { identity: enc(idOfLength(55)) } },

      { name: "DatasetName empty (trailing //records)", labels: { dataset: "" }, invalid: "datasetName" },
      { name: "DatasetName of 129 characters", labels: { dataset: "d".repeat(129) }, invalid: "datasetName" },
      { name: "DatasetName 'my%2Fdataset' (encoded slash)", labels: { dataset: "my%2Fdataset" }, invalid: "datasetName" },
      { name: "DatasetName with a space (%20)", labels: { dataset: "my%20dataset" }, invalid: "datasetName" },
      { name: "DatasetName 'caf%C3%A9' (non-ASCII)", labels: { dataset: "caf%C3%A9" }, invalid: "datasetName" },
      { name: "DatasetName with malformed percent-encoding (%E0%A4%A)", labels: { dataset: "ds%E0%A4%A" }, invalid: "datasetName" },
      { name: "DatasetName of 1 character", labels: { dataset: "d" } },
      { name: "DatasetName of 128 characters (the limit)", labels: { dataset: "d".repeat(128) } },
      { name: "DatasetName with ':' '.' '_' '-'", labels: { dataset: enc("a:b.c_d-e") } },

      { name: "lastSyncCount 'abc'", query: { lastSyncCount: "abc" }, invalid: "lastSyncCount" },
      { name: "lastSyncCount '-1'", query: { lastSyncCount: "-1" }, invalid: "lastSyncCount" },
      { name: "lastSyncCount '1.5'", query: { lastSyncCount: "1.5" }, invalid: "lastSyncCount" },
      { name: "lastSyncCount '' (empty)", query: { lastSyncCount: "" }, invalid: "lastSyncCount" },
      { name: "lastSyncCount 2^53 (beyond a safe integer)", query: { lastSyncCount: "9007199254740992" }, invalid: "lastSyncCount" },
      { name: "lastSyncCount 0", query: { lastSyncCount: "0" } },
      { name: "lastSyncCount 2^53-1 (the largest safe integer)", query: { lastSyncCount: "9007199254740991" } },

      { name: "maxResults 'abc'", query: { maxResults: "abc" }, invalid: "maxResults" },
      { name: "maxResults '0'", query: { maxResults: "0" }, invalid: "maxResults" },
      { name: "maxResults '-5'", query: { maxResults: "-5" }, invalid: "maxResults" },
      { name: "maxResults '1.5'", query: { maxResults: "1.5" }, invalid: "maxResults" },
      { name: "maxResults '' (empty)", query: { maxResults: "" }, invalid: "maxResults" },
      { name: "maxResults 2147483648 (beyond int32)", query: { maxResults: "2147483648" }, invalid: "maxResults" },
      { name: "maxResults 1", query: { maxResults: "1" } },
      { name: "maxResults 2147483647 (the int32 limit)", query: { maxResults: "2147483647" } },
    ];

    const endpoint = useEndpoint();
    for (const row of rows) {
      const outcome = row.invalid ? "400 InvalidParameterException" : "200";
      it(`${row.name} → ${outcome}`, async () => {
        const res = await send(endpoint().server, "get", wirePaths(row.labels ?? {}).records, { query: row.query });
        if (row.invalid) {
          expectAwsError(res, 400, "InvalidParameterException", row.invalid);
        } else {
          const body = expectOk(res);
          expect(body.DatasetExists).to.equal(false);
          expect(body.Records).to.deep.equal([]);
        }
      });
    }
  });

  describe("label constraints of the other operations", () => {
    const operations = {
      UpdateRecords: { method: "post", target: "dataset" },
      DeleteDataset: { method: "delete", target: "dataset" },
      DescribeDataset: { method: "get", target: "dataset" },
      ListDatasets: { method: "get", target: "datasets" },
    } as const;
    interface Row {
      operation: keyof typeof operations;
      name: string;
      labels: WireLabels;
      query?: Query;
      /** Either the parameter an InvalidParameterException must name, or the expected control outcome. */
      expected: { invalid: string } | { status: number; type?: string };
    }
    const rows: Row[] = [
      { operation: "UpdateRecords", name: "DatasetName 'my%2Fdataset'", labels: { dataset: "my%2Fdataset" }, expected: { invalid: "datasetName" } },
      { operation: "UpdateRecords", name: "IdentityId with upper-case hex", labels: { identity: enc("us-east-1:ABCDEF") }, expected: { invalid: "identityId" } },
      { operation: "UpdateRecords", name: "IdentityPoolId empty", labels: { pool: "" }, expected: { invalid: "identityPoolId" } },
      { operation: "DeleteDataset", name: "DatasetName of 129 characters", labels: { dataset: "d".repeat(129) }, expected: { invalid: "datasetName" } },
      { operation: "DeleteDataset", name: "IdentityPoolId empty", labels: { pool: "" }, expected: { invalid: "identityPoolId" } },
      { operation: "DeleteDataset", name: "valid labels of a missing dataset (control)", labels: {}, expected: { status: 404, type: "ResourceNotFoundException" } },
      { operation: "DescribeDataset", name: "DatasetName 'caf%C3%A9'", labels: { dataset: "caf%C3%A9" }, expected: { invalid: "datasetName" } },
      { operation: "DescribeDataset", name: "DatasetName empty (trailing slash)", labels: { dataset: "" }, expected: { invalid: "datasetName" } },
      { operation: "DescribeDataset", name: "IdentityId of 56 characters", labels: { identity: enc(idOfLength(56)) }, expected: { invalid: "identityId" } },
      { operation: "DescribeDataset", name: "valid labels of a missing dataset (control)", labels: {}, expected: { status: 404, type: "ResourceNotFoundException" } },
      { operation: "ListDatasets", name: "IdentityPoolId with upper-case hex", labels: { pool: enc("us-east-1:ABCDEF") }, expected: { invalid: "identityPoolId" } },
      { operation: "ListDatasets", name: "IdentityId empty", labels: { identity: "" }, expected: { invalid: "identityId" } },
      { operation: "ListDatasets", name: "IdentityId with malformed percent-encoding", labels: { identity: "us-east-1%3A%E0%A4%A" }, expected: { invalid: "identityId" } },
      { operation: "ListDatasets", name: "maxResults '0'", labels: {}, query: { maxResults: "0" }, expected: { invalid: "maxResults" } },
      { operation: "ListDatasets", name: "valid labels (control)", labels: {}, expected: { status: 200 } },
    ];

    const endpoint = useEndpoint();
    for (const row of rows) {
      const { method, target } = operations[row.operation];
      const outcome = "invalid" in row.expected ? "400 InvalidParameterException" : `${row.expected.status} ${row.expected.type ?? ""}`.trim();
      it(`${row.operation}: ${row.name} → ${outcome}`, async () => {
        // UpdateRecords gets a well-formed body; labels are checked before its token.
        const body = method === "post" ? updateBody("unused", [replace("k1")]) : undefined;
        const res = await send(endpoint().server, method, wirePaths(row.labels)[target], { query: row.query, body });
        if ("invalid" in row.expected) expectAwsError(res, 400, "InvalidParameterException", row.expected.invalid);
        else if (row.expected.type) expectAwsError(res, row.expected.status, row.expected.type);
        else expectOk(res);
      });
    }
  });

  describe("NextToken", () => {
    const endpoint = useEndpoint();
    const app = () => endpoint().server;
    const a = dataset();
    const sibling = dataset(a.pool, a.identity); // same identity, another dataset
    const seeded = { nextA: "", nextSibling: "", sessionA: "" };
    before(async () => {
      seeded.nextA = await realNextToken(app(), a);
      seeded.nextSibling = await realNextToken(app(), sibling);
      seeded.sessionA = await sessionToken(app(), a);
    });

    const flipFirst = (token: string) => `${token[0] === "A" ? "B" : "A"}${token.slice(1)}`;
    const rows: Array<{ name: string; query: () => Query }> = [
      { name: "garbage ('xyz')", query: () => ({ nextToken: "xyz" }) },
      { name: "tampered (one character of the payload flipped)", query: () => ({ nextToken: flipFirst(seeded.nextA) }) },
      { name: "a real token of another dataset", query: () => ({ nextToken: seeded.nextSibling }) },
      { name: "a real token with a different lastSyncCount", query: () => ({ nextToken: seeded.nextA, lastSyncCount: 1 }) },
      { name: "a SyncSessionToken", query: () => ({ nextToken: seeded.sessionA }) },
      {
        name: "tampered (a character appended after the MAC)",
        query: () => ({ nextToken: `${seeded.nextA}~` }),
      },
    ];
    for (const row of rows) {
      it(`ListRecords with a NextToken that is ${row.name} → 400 InvalidParameterException`, async () => {
        const res = await send(app(), "get", a.records, { query: { maxResults: 2, ...row.query() } });
        expectAwsError(res, 400, "InvalidParameterException", "nextToken");
      });
    }

    it("ListRecords with a real token on its own dataset → 200 with the following pages", async () => {
      const second = expectOk(await send(app(), "get", a.records, { query: { maxResults: 2, nextToken: seeded.nextA } }));
      expect(second.Records.map((r) => r.Key)).to.deep.equal(["k3", "k4"]);
      expect(second.NextToken).to.be.a("string");
      const last = expectOk(await send(app(), "get", a.records, { query: { maxResults: 2, nextToken: second.NextToken! } }));
      expect(last.Records.map((r) => r.Key)).to.deep.equal(["k5"]);
      expect(last.NextToken).to.equal(null);
    });
  });

  describe("SyncSessionToken", () => {
    const endpoint = useEndpoint();
    const app = () => endpoint().server;

    /** Each row makes the token to send for a fresh dataset `ds`; undefined leaves it out. */
    const rows: Array<{ name: string; token: (ds: Dataset) => Promise<string | undefined> }> = [
      { name: "missing", token: async () => undefined },
      { name: "garbage", token: async () => "garbage" },
      { name: "issued for another dataset of the same identity", token: (ds) => sessionToken(app(), dataset(ds.pool, ds.identity)) },
      { name: "issued for the same dataset name of another identity", token: (ds) => sessionToken(app(), dataset(ds.pool, undefined, ds.name)) },
      { name: "already spent by a successful UpdateRecords", token: (ds) => write(app(), ds, [replace("k0")]) },
      { name: "a NextToken", token: (ds) => realNextToken(app(), ds) },
    ];
    for (const row of rows) {
      it(`UpdateRecords with SyncSessionToken: ${row.name} → 400 InvalidParameterException`, async () => {
        const ds = dataset();
        const token = await row.token(ds);
        // A patch that would be accepted with a good token, so only the token can fail it.
        const res = await send(app(), "post", ds.path, { body: updateBody(token, [replace("fresh")]) });
        expectAwsError(res, 400, "InvalidParameterException", "syncSessionToken");
      });
    }

    it("UpdateRecords with a fresh SyncSessionToken → 200 (control)", async () => {
      const ds = dataset();
      const token = await sessionToken(app(), ds);
      const body = expectOk<{ Records: RecordOut[] }>(await send(app(), "post", ds.path, { body: updateBody(token, [replace("k1")]) }));
      expect(body.Records.map((r) => [r.Key, r.Value, r.SyncCount])).to.deep.equal([["k1", "v", 1]]);
    });

    it("ListRecords with a SyncSessionToken already spent by UpdateRecords → 400 InvalidParameterException", async () => {
      const ds = dataset();
      const spent = await write(app(), ds, [replace("k1")]);
      const res = await send(app(), "get", ds.records, { query: { syncSessionToken: spent } });
      expectAwsError(res, 400, "InvalidParameterException", "syncSessionToken");
    });

    describe("with sessionTtlMs 1", () => {
      const shortLived = useEndpoint({ sessionTtlMs: 1 });
      it("UpdateRecords with an expired SyncSessionToken → 400 InvalidParameterException", async () => {
        const ds = dataset();
        const token = await sessionToken(shortLived().server, ds);
        await sleep(10);
        const res = await send(shortLived().server, "post", ds.path, { body: updateBody(token, [replace("k1")]) });
        expectAwsError(res, 400, "InvalidParameterException", "expired");
      });
    });
  });

  describe("malformed requests", () => {
    describe("UpdateRecords bodies", () => {
      const json = (token: string, patches: unknown[]) => JSON.stringify(updateBody(token, patches));
      const rows: Array<{ name: string; body: (token: string) => string; status: number; type?: string; mentions?: string }> = [
        { name: "body '{not json'", body: () => "{not json", status: 400, type: "SerializationException" },
        { name: "body '[1,2]'", body: () => "[1,2]", status: 400, type: "SerializationException" },
        { name: 'SyncCount as the string "3"', body: (t) => json(t, [{ ...replace("k1"), SyncCount: "3" }]), status: 400, type: "SerializationException", mentions: "syncCount" },
        {
          name: "DeviceLastModifiedDate as an ISO string",
          body: (t) => json(t, [{ ...replace("k1"), DeviceLastModifiedDate: "2026-01-01T00:00:00Z" }]),
          status: 400,
          type: "SerializationException",
          mentions: "deviceLastModifiedDate",
        },
        { name: "Op 'upsert'", body: (t) => json(t, [{ ...replace("k1"), Op: "upsert" }]), status: 400, type: "InvalidParameterException", mentions: ".op" },
        { name: "replace without Value", body: (t) => json(t, [{ Op: "replace", Key: "k1", SyncCount: 0 }]), status: 400, type: "InvalidParameterException", mentions: ".value" },
        { name: "two patches with the same Key", body: (t) => json(t, [replace("k1"), replace("k1", 0, "w")]), status: 400, type: "InvalidParameterException", mentions: "'k1'" },
        { name: "Key of 1025 characters", body: (t) => json(t, [replace("k".repeat(1025))]), status: 400, type: "InvalidParameterException", mentions: ".key" },
        { name: "Key of 1024 characters (the limit)", body: (t) => json(t, [replace("k".repeat(1024))]), status: 200 },
      ];

      const endpoint = useEndpoint();
      const app = () => endpoint().server;
      for (const row of rows) {
        it(`${row.name} → ${row.status} ${row.type ?? ""}`.trimEnd(), async () => {
          const ds = dataset();
          const res = await send(app(), "post", ds.path, { body: row.body(await sessionToken(app(), ds)) });
          if (row.type) expectAwsError(res, row.status, row.type, row.mentions);
          else expectOk(res);
          // A rejected call changes nothing; an accepted one creates the dataset.
          expect(expectOk(await send(app(), "get", ds.records)).DatasetExists).to.equal(row.status === 200);
        });
      }
    });

    describe("body size with maxBodyBytes 1024", () => {
      const endpoint = useEndpoint({ maxBodyBytes: 1024 });
      const app = () => endpoint().server;
      /** A valid UpdateRecords body padded to exactly `bytes` bytes with the record's value. */
      const bodyOf = (token: string, bytes: number) => {
        const bare = JSON.stringify(updateBody(token, [replace("k1", 0, "")]));
        return JSON.stringify(updateBody(token, [replace("k1", 0, "x".repeat(bytes - bare.length))]));
      };
      for (const [bytes, status] of [
        [1024, 200],
        [1025, 413],
        [5000, 413],
      ] as const) {
        it(`a ${bytes}-byte UpdateRecords body → ${status === 200 ? "200" : "413 RequestEntityTooLargeException"}`, async () => {
          const ds = dataset();
          const body = bodyOf(await sessionToken(app(), ds), bytes);
          expect(Buffer.byteLength(body)).to.equal(bytes);
          const res = await send(app(), "post", ds.path, { body });
          if (status === 200) expectOk(res);
          else expectAwsError(res, 413, "RequestEntityTooLargeException");
        });
      }
    });

    describe("unknown routes", () => {
      const ds = dataset();
      const rows: ReadonlyArray<[Method, string, string]> = [
        ["get", "/nope", "/nope"],
        ["get", "/identitypools", "/identitypools"],
        ["put", "a dataset path", ds.path],
        ["post", "a records path", ds.records],
        ["delete", "a datasets path", ds.path.slice(0, ds.path.lastIndexOf("/"))],
      ];
      const endpoint = useEndpoint();
      for (const [method, what, path] of rows) {
        it(`${method.toUpperCase()} ${what} → 404 UnknownOperationException`, async () => {
          expectAwsError(await send(endpoint().server, method, path), 404, "UnknownOperationException");
        });
      }
    });
  });

  describe("authentication", () => {
    describe("Authorization header shape", () => {
      const rows: Array<{ name: string; authorization: string | null; status: number; type?: string }> = [
        { name: "no Authorization header", authorization: null, status: 403, type: "NotAuthorizedException" },
        { name: "a non-SigV4 header ('Bearer x')", authorization: "Bearer x", status: 403, type: "NotAuthorizedException" },
        {
          name: "a SigV4 header scoped to s3",
          authorization: UNKNOWN_KEY_AUTHORIZATION.replace("/cognito-sync/", "/s3/"),
          status: 403,
          type: "InvalidSignatureException",
        },
        { name: "a SigV4 header of an unknown (developer) key (control)", authorization: UNKNOWN_KEY_AUTHORIZATION, status: 200 },
      ];
      const endpoint = useEndpoint();
      for (const row of rows) {
        it(`${row.name} → ${row.status} ${row.type ?? ""}`.trimEnd(), async () => {
          const res = await send(endpoint().server, "get", dataset().records, { authorization: row.authorization });
          if (row.type) expectAwsError(res, row.status, row.type);
          else expectOk(res);
        });
      }
    });

    describe("credentials bound to one identity (real SigV4 signatures)", () => {
      const ACCESS_KEY = "AKIDBOUND";
      const SECRET = "secret";
      const bound = dataset();
      const otherIdentity = dataset(bound.pool, undefined, bound.name);
      const endpoint = useEndpoint({ credentials: [{ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET, identityId: bound.identity }] });
      let url = "";
      before(async () => {
        url = await endpoint().listen();
      });

      async function signedListRecords(ds: Dataset, secretAccessKey: string) {
        const { hostname, port } = new URL(url);
        const query = { maxResults: "10" };
        const signer = new SignatureV4({
          service: "cognito-sync",
          region: REGION,
          credentials: { accessKeyId: ACCESS_KEY, secretAccessKey },
          sha256: Hash.bind(null, "sha256"),
        });
        const signed = await signer.sign({
          method: "GET",
          protocol: "http:",
          hostname,
          port: Number(port),
          path: ds.records,
          query,
          headers: { host: `${hostname}:${port}` },
        });
        let req = request(url).get(withQuery(ds.records, query));
        for (const [name, value] of Object.entries(signed.headers)) req = req.set(name, value);
        return req;
      }

      const rows: Array<{ name: string; ds: Dataset; secret: string; status: number; type?: string }> = [
        { name: "reading the bound identity", ds: bound, secret: SECRET, status: 200 },
        { name: "reading another identity", ds: otherIdentity, secret: SECRET, status: 403, type: "NotAuthorizedException" },
        { name: "signed with a wrong secret", ds: bound, secret: "not-the-secret", status: 403, type: "InvalidSignatureException" },
      ];
      for (const row of rows) {
        it(`bound credentials ${row.name} → ${row.status} ${row.type ?? ""}`.trimEnd(), async () => {
          const res = await signedListRecords(row.ds, row.secret);
          if (row.type) expectAwsError(res, row.status, row.type);
          else expectOk(res);
        });
      }
    });
  });

  describe("fault injection", () => {
    const endpoint = useEndpoint();
    const app = () => endpoint().server;
    afterEach(() => endpoint().faults.disarm("ListRecords"));

    it("arm('ListRecords', 429, 2) → two 429 TooManyRequestsException, then 200", async () => {
      const ds = dataset();
      endpoint().faults.arm("ListRecords", 429, 2);
      expectAwsError(await send(app(), "get", ds.records), 429, "TooManyRequestsException");
      expectAwsError(await send(app(), "get", ds.records), 429, "TooManyRequestsException");
      expectOk(await send(app(), "get", ds.records));
    });

    it("arm('ListRecords', 500) → one 500 InternalErrorException, then 200", async () => {
      const ds = dataset();
      endpoint().faults.arm("ListRecords", 500);
      expectAwsError(await send(app(), "get", ds.records), 500, "InternalErrorException");
      expectOk(await send(app(), "get", ds.records));
    });

    it("arming ListRecords leaves UpdateRecords alone", async () => {
      const ds = dataset();
      const token = await sessionToken(app(), ds);
      endpoint().faults.arm("ListRecords", 429);
      expectOk(await send(app(), "post", ds.path, { body: updateBody(token, [replace("k1")]) }));
      // ...and the fault is still armed for ListRecords.
      expectAwsError(await send(app(), "get", ds.records), 429, "TooManyRequestsException");
    });
  });

  describe("success shapes", () => {
    const endpoint = useEndpoint();
    const app = () => endpoint().server;

    it("ListRecords on a missing dataset → 200 with exactly the documented members", async () => {
      const body = expectOk(await send(app(), "get", dataset().records));
      const { SyncSessionToken, ...rest } = body;
      expect(rest).to.deep.equal({
        Count: 0,
        DatasetDeletedAfterRequestedSyncCount: false,
        DatasetExists: false,
        DatasetSyncCount: 0,
        LastModifiedBy: null,
        MergedDatasetNames: null,
        NextToken: null,
        Records: [],
      });
      expect(SyncSessionToken).to.be.a("string").and.not.equal("");
      expect(validateAgainst("list-records-response", body)).to.deep.equal([]);
    });

    it("record timestamps are JSON numbers of epoch seconds", async () => {
      const ds = dataset();
      await write(app(), ds, [replace("k1"), { ...replace("k2"), DeviceLastModifiedDate: 1700000000.5 }]);
      const body = expectOk(await send(app(), "get", ds.records));
      expect(validateAgainst("list-records-response", body)).to.deep.equal([]);
      expect(body.Records.map((r) => r.Key)).to.deep.equal(["k1", "k2"]);
      for (const r of body.Records) {
        expect(r.LastModifiedDate, `LastModifiedDate of ${r.Key}`)
          .to.be.a("number")
          .and.closeTo(Date.now() / 1000, 60);
      }
      expect(body.Records[0]).to.not.have.property("DeviceLastModifiedDate");
      expect(body.Records[1]!.DeviceLastModifiedDate).to.equal(1700000000.5);
    });
  });
});
