/**
 * The REST routes of the operations the reference serves, as the service model lays
 * them out. Labels are matched on the raw, percent-encoded path and decoded afterwards,
 * so an encoded '/' inside a label can never shift the route.
 */
import { invalidParameter, serviceError } from "./errors.js";

export const operations = ["ListRecords", "UpdateRecords", "DeleteDataset", "DescribeDataset", "ListDatasets"] as const;
export type Operation = (typeof operations)[number];

const DATASET = "/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}";
const table: ReadonlyArray<{ method: string; template: string; operation: Operation }> = [
  { method: "GET", template: `${DATASET}/records`, operation: "ListRecords" },
  { method: "POST", template: DATASET, operation: "UpdateRecords" },
  { method: "DELETE", template: DATASET, operation: "DeleteDataset" },
  { method: "GET", template: DATASET, operation: "DescribeDataset" },
  { method: "GET", template: "/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets", operation: "ListDatasets" },
];
const compiled = table.map((r) => ({ ...r, segments: r.template.split("/") }));

export interface Route {
  operation: Operation;
  labels: Record<string, string>;
}

export function route(method: string, rawPath: string): Route {
  const segments = rawPath.split("/");
  for (const r of compiled) {
    if (r.method !== method || r.segments.length !== segments.length) continue;
    const labels: Record<string, string> = {};
    const matches = r.segments.every((want, i) => {
      if (!want.startsWith("{")) return want === segments[i];
      labels[want.slice(1, -1)] = segments[i]!;
      return true;
    });
    if (matches) return { operation: r.operation, labels: decodeLabels(labels) };
  }
  throw serviceError("UnknownOperationException", `No operation is served at ${method} ${rawPath}`);
}

function decodeLabels(raw: Record<string, string>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    try {
      labels[name] = decodeURIComponent(value);
    } catch {
      throw invalidParameter(`The ${name[0]!.toLowerCase()}${name.slice(1)} path segment '${value}' is not valid percent-encoding`);
    }
  }
  return labels;
}
