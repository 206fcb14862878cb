import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { expect } from "chai";
import { compilationCount, compiledValidatorFor, schemaDocument, schemaNames, validateAgainst, type SchemaIssue, type SchemaName } from "../src/schema/validators.js";

interface InvalidEntry {
  name: string;
  schema: SchemaName;
  document: unknown;
  instancePath: string;
  keyword: string;
}

const fixturesDir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const validDir = join(fixturesDir, "valid");
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));
const invalidEntries = readJson(join(fixturesDir, "invalid-documents.json")) as InvalidEntry[];
const show = (issues: SchemaIssue[]) => JSON.stringify(issues, null, 2);

describe("JSON Schemas", () => {
  describe("valid fixtures", () => {
    it("has a non-empty fixture folder for every schema and no folder for an unknown one", () => {
      const folders = readdirSync(validDir).sort();
      expect(folders).to.deep.equal([...schemaNames].sort());
      for (const name of schemaNames) {
        const files = readdirSync(join(validDir, name)).filter((f) => f.endsWith(".json"));
        expect(files, `fixtures/valid/${name}`).to.not.be.empty;
      }
    });

    for (const name of schemaNames) {
      for (const file of readdirSync(join(validDir, name))
        .filter((f) => f.endsWith(".json"))
        .sort()) {
        it(`${name}/${file} is valid`, () => {
          const issues = validateAgainst(name, readJson(join(validDir, name, file)));
          expect(issues, `unexpected issues:\n${show(issues)}`).to.deep.equal([]);
        });
      }
    }
  });

  describe("invalid documents table", () => {
    it("has at least 30 entries with unique names and known schema names", () => {
      expect(invalidEntries.length).to.be.at.least(30);
      const names = invalidEntries.map((e) => e.name);
      const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
      expect(duplicates, "duplicate entry names").to.deep.equal([]);
      for (const e of invalidEntries) expect(schemaNames, e.name).to.include(e.schema);
    });

    for (const entry of invalidEntries) {
      it(`rejects: ${entry.name}`, () => {
        const issues = validateAgainst(entry.schema, entry.document);
        const expected = `${entry.keyword} at "${entry.instancePath}"`;
        expect(
          issues.some((i) => i.instancePath === entry.instancePath && i.keyword === entry.keyword),
          `expected ${expected}; got:\n${show(issues)}`,
        ).to.equal(true);
        // The document should be wrong for the stated reason only, so every issue sits at that path.
        const elsewhere = issues.filter((i) => i.instancePath !== entry.instancePath);
        expect(elsewhere, `issues beyond ${expected}:\n${show(elsewhere)}`).to.deep.equal([]);
      });
    }
  });

  describe("schema documents", () => {
    for (const name of schemaNames) {
      it(`${name} has $schema 2020-12, the expected $id, a title, and a description on every property`, () => {
        const doc = schemaDocument(name);
        expect(doc.$schema).to.equal("https://json-schema.org/draft/2020-12/schema");
        expect(doc.$id).to.equal(`urn:cognito-sync-conformance:schema:${name}`);
        expect(doc.title).to.be.a("string").that.is.not.empty;
        expect(doc.description).to.be.a("string").that.is.not.empty;

        const undescribed: string[] = [];
        let propertyCount = 0;
        const walk = (node: unknown, path: string): void => {
          if (node === null || typeof node !== "object") return;
          const record = node as Record<string, unknown>;
          const properties = record.properties as Record<string, Record<string, unknown>> | undefined;
          for (const [prop, sub] of Object.entries(properties ?? {})) {
            propertyCount += 1;
            if (typeof sub.description !== "string" || sub.description.trim() === "") {
              undescribed.push(`${path}/properties/${prop}`);
            }
          }
          for (const [key, child] of Object.entries(record)) walk(child, `${path}/${key}`);
        };
        walk(doc, "#");
        expect(propertyCount, "properties found").to.be.greaterThan(0);
        expect(undescribed, "properties without a description").to.deep.equal([]);
      });
    }

    it("hands out schema documents that cannot be modified", () => {
      const doc = schemaDocument("record") as Record<string, unknown>;
      expect(() => {
        doc.title = "changed";
      }).to.throw(TypeError);
      expect(schemaDocument("record").title).to.equal("Record");
    });
  });

  describe("compile once", () => {
    it("reuses the same compiled validator for every call", () => {
      for (const name of schemaNames) {
        expect(compiledValidatorFor(name), name).to.equal(compiledValidatorFor(name));
      }
      expect(compiledValidatorFor("record")).to.not.equal(compiledValidatorFor("error-body"));
    });

    it("every schema is valid against the JSON Schema 2020-12 meta-schema (start-up does not check it)", () => {
      const meta = new Ajv2020({ strict: true, allowUnionTypes: true });
      for (const name of schemaNames) expect(meta.validateSchema(schemaDocument(name)), `${name}: ${meta.errorsText()}`).to.equal(true);
    });

    it("compiled each schema exactly once, and validating does not compile again", () => {
      expect(compilationCount()).to.equal(schemaNames.length);
      for (let i = 0; i < 200; i += 1) {
        for (const name of schemaNames) validateAgainst(name, { i });
      }
      expect(compilationCount()).to.equal(schemaNames.length);
    });
  });
});
