/**
 * Allow-lists for `compare --allow FILE`: differences from a recording that are known and
 * accepted, as expectations files are for failures. Read and checked against
 * schemas/allow-list.schema.json before the run starts; any problem is a usage error.
 */
import { readFileSync } from "node:fs";
import { validateAgainst } from "../schema/validators.js";
import { UsageError } from "./usage-error.js";

export interface Allowance {
  /** A test id, or a family ending in *; absent: every scenario. */
  scenario?: string;
  /** A difference's path, * standing for any run of characters. */
  path: string;
  reason: string;
}

export function readAllowList(path: string): Allowance[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`cannot read the allow-list ${path}: ${(e as Error).message.split("\n")[0]}`);
  }
  const issue = validateAgainst("allow-list", doc)[0];
  if (issue) throw new UsageError(`the allow-list ${path} is not valid: ${issue.instancePath || "(top)"} ${issue.message} (see schemas/allow-list.schema.json)`);
  return (doc as { allow: Allowance[] }).allow;
}

const glob = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );

/** The entry that accepts a difference at `path` in `scenario`, if any. */
export function allowanceFor(entries: readonly Allowance[], scenario: string, path: string): Allowance | undefined {
  return entries.find((e) => (e.scenario === undefined || glob(e.scenario).test(scenario)) && glob(e.path).test(path));
}
