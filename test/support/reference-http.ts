/**
 * What the raw-HTTP tests of the reference endpoint (test/reference/http-*.test.ts) share: the
 * one check of an AWS-shaped error and of a 200, requests sent through supertest, wire paths
 * and labels, seeded datasets and tokens, and one endpoint per describe block.
 */
import { expect } from "chai";
import request from "supertest";
import { createReferenceEndpoint, type ReferenceEndpoint, type ReferenceOptions } from "../../src/reference/server.js";
import { datasetPath, newDatasetName, newIdentityId, newPoolId, REGION, UNKNOWN_KEY_AUTHORIZATION } from "./ids.js";

type App = Parameters<typeof request>[0];
export type Method = "get" | "post" | "put" | "delete";
export type Query = Record<string, string | number>;

export interface RecordOut {
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

/** The one check every error reply goes through. `mentions` is matched case-insensitively. */
export function expectAwsError(res: request.Response, status: number, type: string, mentions?: string): void {
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
export function expectOk<T = ListRecordsOut>(res: request.Response): T {
  expect(res.status, `got ${res.status} ${res.text}`).to.equal(200);
  expect(res.headers["x-amzn-errortype"]).to.equal(undefined);
  expect(res.headers["content-type"]).to.match(/^application\/json(;|$)/);
  return res.body as T;
}

/** Query values are percent-encoded here; paths are sent exactly as given. */
export function withQuery(path: string, query: Query = {}): string {
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

export function send(app: App, method: Method, path: string, { query, body, authorization = UNKNOWN_KEY_AUTHORIZATION }: SendOptions = {}) {
  let req = request(app)[method](withQuery(path, query));
  if (authorization !== null) req = req.set("authorization", authorization);
  if (body !== undefined) req = req.set("content-type", "application/json").send(typeof body === "string" ? body : JSON.stringify(body));
  return req;
}

export interface Dataset {
  pool: string;
  identity: string;
  name: string;
  /** Percent-encoded, as the SDK sends it. */
  path: string;
  records: string;
}

export function dataset(pool = newPoolId(), identity = newIdentityId(), name = newDatasetName()): Dataset {
  const path = datasetPath(pool, identity, name);
  return { pool, identity, name, path, records: `${path}/records` };
}

/** Labels exactly as they go on the wire (already percent-encoded); unset ones get fresh valid ids. */
export interface WireLabels {
  pool?: string;
  identity?: string;
  dataset?: string;
}

export function wirePaths({ pool, identity, dataset: name }: WireLabels) {
  const base = `/identitypools/${pool ?? encodeURIComponent(newPoolId())}/identities/${identity ?? encodeURIComponent(newIdentityId())}`;
  const one = `${base}/datasets/${name ?? newDatasetName()}`;
  return { datasets: `${base}/datasets`, dataset: one, records: `${one}/records` };
}

/** An identity id of the given length that satisfies the pattern `[\w-]+:[0-9a-f-]+`. */
export const idOfLength = (length: number) => `${REGION}:${"a".repeat(length - REGION.length - 1)}`;
export const enc = encodeURIComponent;

export const replace = (Key: string, SyncCount = 0, Value = "v") => ({ Op: "replace", Key, Value, SyncCount });
export const updateBody = (token: string | undefined, patches: unknown[]) => ({
  ...(token === undefined ? {} : { SyncSessionToken: token }),
  RecordPatches: patches,
});

export async function sessionToken(app: App, ds: Dataset): Promise<string> {
  const token = expectOk(await send(app, "get", ds.records)).SyncSessionToken;
  expect(token).to.be.a("string").and.not.equal("");
  return token;
}

/** A successful UpdateRecords; returns the (now spent) session token it used. */
export async function write(app: App, ds: Dataset, patches: unknown[]): Promise<string> {
  const token = await sessionToken(app, ds);
  expectOk(await send(app, "post", ds.path, { body: updateBody(token, patches) }));
  return token;
}

const fiveRecords = () => ["k1", "k2", "k3", "k4", "k5"].map((k) => replace(k));

/** Seeds ds with more records than one page holds and returns the first page's NextToken. */
export async function realNextToken(app: App, ds: Dataset, query: Query = { maxResults: 2 }): Promise<string> {
  await write(app, ds, fiveRecords());
  const next = expectOk(await send(app, "get", ds.records, { query })).NextToken;
  expect(next, "NextToken of a dataset larger than maxResults").to.be.a("string");
  return next!;
}

/** One endpoint for the enclosing describe, created in its before hook. */
export function useEndpoint(options: ReferenceOptions = {}): () => ReferenceEndpoint {
  let endpoint: ReferenceEndpoint | undefined;
  before(() => {
    endpoint = createReferenceEndpoint(options);
  });
  after(() => endpoint?.close());
  return () => endpoint!;
}
