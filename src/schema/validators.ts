import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { packageFile } from "../package-root.js";

export type SchemaName =
  "record" | "list-records-response" | "list-records-client-members" | "error-body" | "list-records-request" | "expectations" | "report" | "snapshot" | "allow-list";

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
  "snapshot",
  "allow-list",
]);

const SCHEMA_SUFFIX = ".schema.json";
const schemaDir = packageFile("schemas");

// allErrors so a test can report every problem in one pass; allowUnionTypes
// because members such as DeviceLastModifiedDate are typed ["number", "null"]. The schemas are
// checked against the JSON Schema meta-schema by the project's tests, not at every start-up
// (where it cost a tenth of a second); strict mode still refuses unknown keywords when compiling.
const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, validateSchema: false });

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

// Compiled on first use (after every schema is added, so $refs between them resolve): a command
// that never validates a report never pays for compiling its schema.
let compilations = 0;
const validators = new Map<SchemaName, ValidateFunction>();
for (const name of schemaNames) if (!documents.has(name)) throw new Error(`schemas/${name}${SCHEMA_SUFFIX} is missing`);
// Frozen so a caller of schemaDocument cannot alter what the validators were built from.
for (const doc of documents.values()) deepFreeze(doc);

/** The cached compiled validator; the same function object on every call. */
export function compiledValidatorFor(name: SchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (validate === undefined) {
    const doc = documents.get(name);
    if (doc === undefined || !schemaNames.includes(name)) throw new Error(`unknown schema: ${String(name)}`);
    validators.set(name, (validate = ajv.compile(doc)));
    compilations += 1;
  }
  return validate;
}

/** How many times this module has called ajv.compile (at most one per schema). */
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
