/**
 * The reference endpoint on the wire: NextToken and SyncSessionToken rules. A token that is
 * garbage, tampered with, issued for another dataset or identity, already spent, expired or of
 * the other kind is refused as an InvalidParameterException; a real one is honoured.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "chai";
import {
  dataset,
  expectAwsError,
  expectOk,
  realNextToken,
  replace,
  send,
  sessionToken,
  updateBody,
  useEndpoint,
  write,
  type Dataset,
  type Query,
  type RecordOut,
} from "../support/reference-http.js";

describe("reference endpoint over HTTP", () => {
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
});
