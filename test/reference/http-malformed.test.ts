/**
 * The reference endpoint on the wire: malformed requests (UpdateRecords bodies that are not
 * JSON or break a constraint, bodies over the size limit, unknown routes) come back as
 * AWS-shaped errors and change nothing.
 */
import { expect } from "chai";
import { dataset, expectAwsError, expectOk, replace, send, sessionToken, updateBody, useEndpoint, type Method } from "../support/reference-http.js";

describe("reference endpoint over HTTP", () => {
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
});
