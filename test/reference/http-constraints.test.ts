/**
 * The reference endpoint on the wire: the path and query constraints of ListRecords, and the
 * label constraints of the other operations, each refused as an InvalidParameterException
 * naming the parameter, with the limits themselves accepted.
 */
import { expect } from "chai";
import { enc, expectAwsError, expectOk, idOfLength, replace, send, updateBody, useEndpoint, wirePaths, type Query, type WireLabels } from "../support/reference-http.js";

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
});
