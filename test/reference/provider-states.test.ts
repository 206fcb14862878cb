/** The reference endpoint's provider-state hook: every state, its teardown, and loud refusals. */
import { expect } from "chai";
import request from "supertest";
import { STATE_PATH } from "../../src/reference/provider-states.js";
import { createReferenceEndpoint, type ReferenceEndpoint } from "../../src/reference/server.js";
import { datasetPath, newDatasetName, newIdentityId, newPoolId, UNKNOWN_KEY_AUTHORIZATION } from "../support/ids.js";

describe("reference provider-state hook", () => {
  let endpoint: ReferenceEndpoint;
  beforeEach(() => (endpoint = createReferenceEndpoint()));

  const change = (state: string, params: object, action = "setup") => request(endpoint.server).post(STATE_PATH).send({ state, params, action });
  const address = () => ({ identityPoolId: newPoolId(), identityId: newIdentityId(), datasetName: newDatasetName() });
  const list = (at: ReturnType<typeof address>, query = "") =>
    request(endpoint.server)
      .get(`${datasetPath(at.identityPoolId, at.identityId, at.datasetName)}/records${query}`)
      .set("authorization", UNKNOWN_KEY_AUTHORIZATION);

  it("a dataset holds these records: exactly that layout, tombstones included; teardown deletes it", async () => {
    const at = address();
    const records = [
      { Key: "a", Value: "1", SyncCount: 2 },
      { Key: "gone", Value: null, SyncCount: 5 },
    ];
    expect((await change("a dataset holds these records", { ...at, records, datasetSyncCount: 7 })).status).to.equal(200);
    const res = await list(at);
    expect(res.body).to.include({ DatasetSyncCount: 7, DatasetExists: true });
    expect(res.body.Records.map((r: { Key: string; SyncCount: number; Value?: string }) => [r.Key, r.SyncCount, r.Value ?? null])).to.deep.equal([
      ["a", 2, "1"],
      ["gone", 5, null],
    ]);
    await change("a dataset holds these records", { ...at, records }, "teardown");
    expect((await list(at)).body.DatasetExists).to.equal(false);
  });

  it("a dataset holds numbered records: count records, and the NextToken after the first page when asked", async () => {
    const at = address();
    const res = await change("a dataset holds numbered records", { ...at, count: 5, pageSize: 3 });
    expect(res.status).to.equal(200);
    expect(res.body.nextToken).to.be.a("string");
    const page2 = await list(at, `?maxResults=3&lastSyncCount=0&nextToken=${encodeURIComponent(res.body.nextToken)}`);
    expect(page2.status).to.equal(200);
    expect(page2.body.Records.map((r: { Key: string }) => r.Key)).to.deep.equal(["record-0003", "record-0004"]);
  });

  it("a dataset does not exist: deletes it if it does", async () => {
    const at = address();
    await change("a dataset holds these records", { ...at, records: [{ Key: "a", Value: "1", SyncCount: 1 }] });
    expect((await change("a dataset does not exist", at)).status).to.equal(200);
    expect((await list(at)).body.DatasetExists).to.equal(false);
  });

  it("a dataset has been merged: the names appear; teardown clears them and creates nothing", async () => {
    const at = address();
    await change("a dataset has been merged", { ...at, mergedDatasetNames: ["x.us-east-1:1"] });
    expect((await list(at)).body.MergedDatasetNames).to.deep.equal(["x.us-east-1:1"]);
    const other = address();
    await change("a dataset has been merged", { ...other, mergedDatasetNames: ["y"] }, "teardown");
    expect((await list(other)).body.DatasetExists).to.equal(false);
  });

  it("the service throttles / fails the next calls: for that many calls of that operation", async () => {
    const at = address();
    await change("the service throttles the next calls", { operation: "ListRecords", times: 2 });
    expect((await list(at)).status).to.equal(429);
    expect((await list(at)).status).to.equal(429);
    expect((await list(at)).status).to.equal(200);
    await change("the service fails the next calls", { operation: "ListRecords" });
    await change("the service fails the next calls", { operation: "ListRecords" }, "teardown");
    expect((await list(at)).status).to.equal(200);
  });

  it("credentials are bound to an identity: registered on setup, forgotten on teardown", async () => {
    const params = { accessKeyId: "AKIDSTATEBOUND", secretAccessKey: "s", identityId: newIdentityId() };
    await change("credentials are bound to an identity", params);
    const bound = request(endpoint.server)
      .get(`${datasetPath(newPoolId(), newIdentityId(), "x")}/records`)
      .set("authorization", UNKNOWN_KEY_AUTHORIZATION.replace("AKIDUNKNOWN", "AKIDSTATEBOUND"));
    // The signature is not valid for the registered secret: the key is now checked.
    expect((await bound).status).to.equal(403);
    await change("credentials are bound to an identity", params, "teardown");
    const after = request(endpoint.server)
      .get(`${datasetPath(newPoolId(), newIdentityId(), "x")}/records`)
      .set("authorization", UNKNOWN_KEY_AUTHORIZATION.replace("AKIDUNKNOWN", "AKIDSTATEBOUND"));
    expect((await after).status).to.equal(200);
  });

  const refusals = [
    { name: "an unknown state", body: { state: "the moon is full", params: {}, action: "setup" }, says: /unknown provider state 'the moon is full'/ },
    { name: "an unknown operation", body: { state: "the service throttles the next calls", params: { operation: "ListRecord" } }, says: /must be one of ListRecords/ },
    { name: "a bad action", body: { state: "a dataset does not exist", params: {}, action: "prepare" }, says: /action must be/ },
    { name: "a missing param", body: { state: "a dataset holds these records", params: { identityPoolId: "p" } }, says: /param 'identityId'/ },
    { name: "a body that is not JSON", body: "{nope", says: /must be JSON/ },
  ];
  for (const r of refusals) {
    it(`answers 400 with the reason for ${r.name}`, async () => {
      const res = await request(endpoint.server).post(STATE_PATH).set("content-type", "application/json").send(r.body);
      expect(res.status).to.equal(400);
      expect(res.body.error).to.match(r.says);
    });
  }
});
