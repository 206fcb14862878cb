/**
 * The source of src/requirement-ids.ts, made from specs/requirements.json: every
 * requirement id as a string literal type, so a mistyped id fails the type check. `npm run docs`
 * writes it; a project test checks the committed file is current.
 */
import { readFileSync } from "node:fs";

export function requirementIdsModule(): string {
  const { requirements } = JSON.parse(readFileSync(new URL("../specs/requirements.json", import.meta.url), "utf8")) as { requirements: Array<{ id: string }> };
  return [
    "// Made by `npm run docs` from specs/requirements.json: do not edit (a project test checks it is current).",
    "",
    "/** Every requirement id of the catalogue, in its order. */",
    "export const REQUIREMENT_IDS = [",
    ...requirements.map((r) => `  ${JSON.stringify(r.id)},`),
    "] as const;",
    "",
    "/** A requirement id: a mistyped one fails the type check. */",
    "export type RequirementId = (typeof REQUIREMENT_IDS)[number];",
    "",
    "/** Whether text read at run time (an expectations file, a report) is a requirement id. */",
    "export const isRequirementId = (text: string): text is RequirementId => (REQUIREMENT_IDS as readonly string[]).includes(text);",
    "",
  ].join("\n");
}
