/**
 * The reference endpoint on the wire: successful ListRecords replies carry exactly the
 * documented members, valid against the response schema, with timestamps in epoch seconds.
 */
import { expect } from "chai";
import { validateAgainst } from "../../src/schema/validators.js";
import { dataset, expectOk, replace, send, useEndpoint, write } from "../support/reference-http.js";

describe("reference endpoint over HTTP", () => {
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
