/**
 * The reference endpoint on the wire: injected faults. An armed fault answers ListRecords with
 * an AWS-shaped 429 or 500 as many times as asked, then 200, and leaves other operations alone.
 */
import { dataset, expectAwsError, expectOk, replace, send, sessionToken, updateBody, useEndpoint } from "../support/reference-http.js";

describe("reference endpoint over HTTP", () => {
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
});
