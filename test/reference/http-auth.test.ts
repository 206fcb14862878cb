/**
 * The reference endpoint on the wire: authentication. A missing or malformed Authorization
 * header, a signature for another service or with a wrong secret, and bound credentials reading
 * another identity are refused with 403; real SigV4 signatures are checked.
 */
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import request from "supertest";
import { REGION, UNKNOWN_KEY_AUTHORIZATION } from "../support/ids.js";
import { dataset, expectAwsError, expectOk, send, useEndpoint, withQuery, type Dataset } from "../support/reference-http.js";

describe("reference endpoint over HTTP", () => {
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
});
