import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";

export type SchemaName = "record" | "list-records-response" | "list-records-client-members" | "error-body" | "list-records-request" | "expectations" | "report";

export interface SchemaIssue {
  instancePath: string;
  keyword: string;
  message: string;
  schemaPath: string;
}

export const schemaNames: readonly SchemaName[] = Object.freeze([
  "record",
  "list-records-response",
  "list-records-client-members",
  "error-body",
  "list-records-request",
  "expectations",
  "report",
]);

const SCHEMA_SUFFIX = ".schema.json";
const schemaDir = fileURLToPath(new URL("../../schemas/", import.meta.url));

// allErrors so a test can report every problem in one pass; allowUnionTypes
// because members such as DeviceLastModifiedDate are typed ["number", "null"].
const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });

const documents = new Map<string, Record<string, unknown>>();
for (const file of readdirSync(schemaDir)
  .filter((f) => f.endsWith(SCHEMA_SUFFIX))
  .sort()) {
  const name = file.slice(0, -SCHEMA_SUFFIX.length);
  const doc = JSON.parse(readFileSync(join(schemaDir, file), "utf8")) as Record<string, unknown>;
  // Cross-schema $refs use these ids, so a renamed file or edited id must fail loudly.
  if (doc.$id !== `urn:cognito-sync-conformance:schema:${name}`) {
    throw new Error(`${file}: $id ${String(doc.$id)} does not match the file name`);
  }
  documents.set(name, doc);
  ajv.addSchema(doc);
}

// Compile only after every schema is added, so $refs between them resolve.
let compilations = 0;
const validators = new Map<SchemaName, ValidateFunction>();
for (const name of schemaNames) {
  const doc = documents.get(name);
  if (doc === undefined) throw new Error(`schemas/${name}${SCHEMA_SUFFIX} is missing`);
  validators.set(name, ajv.compile(doc));
  compilations += 1;
}
// Frozen so a caller of schemaDocument cannot alter what the validators were built from.
for (const doc of documents.values()) deepFreeze(doc);

/** The cached compiled validator; the same function object on every call. */
export function compiledValidatorFor(name: SchemaName): ValidateFunction {
  const validate = validators.get(name);
  if (validate === undefined) throw new Error(`unknown schema: ${String(name)}`);
  return validate;
}

/** How many times this module has called ajv.compile (one per schema, at load). */
export function compilationCount(): number {
  return compilations;
}

/** Validates `document`; an empty array means it is valid. */
export function validateAgainst(name: SchemaName, document: unknown): SchemaIssue[] {
  const validate = compiledValidatorFor(name);
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => ({
    instancePath: e.instancePath,
    keyword: e.keyword,
    message: e.message ?? "",
    schemaPath: e.schemaPath,
  }));
}

/** The parsed schema file as written (frozen), e.g. for generating cases from it. */
export function schemaDocument(name: SchemaName): Readonly<Record<string, unknown>> {
  const doc = documents.get(name);
  if (doc === undefined) throw new Error(`unknown schema: ${String(name)}`);
  return doc;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
