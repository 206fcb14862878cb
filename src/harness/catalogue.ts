/** The requirements catalogue and the open-point interpretations, read from specs/. */
import { readFileSync } from "node:fs";
import { packageFile } from "../package-root.js";
import { UsageError } from "../config/usage-error.js";
import type { RequirementId } from "../requirement-ids.js";

export type Level = "MUST" | "SHOULD";

/** What happens to one of AWS's clients when an endpoint breaks a requirement, and where that is seen. */
export interface Breakage {
  /** "Android", "iOS", "JavaScript" (the sync clients) or an AWS SDK. */
  client: string;
  effect: string;
  /** Repository, file and function the effect follows from. */
  source: string;
}

export interface Requirement {
  id: RequirementId;
  level: Level;
  statement: string;
  source: { kind: "doc" | "model" | "protocol" | "client" | "observed" | "interpretation"; ref: string };
  interpretation?: string;
  /** The clients that break without it (every MUST has some). */
  breaks?: Breakage[];
  /** The command whose run checks it, when that is not the default one ("pact"). */
  command?: string;
  /** Why no broken variant of the reference breaks it yet (the mutants test accepts no other gap). */
  variantGap?: string;
}

export interface Interpretation {
  name: string;
  question: string;
  default: string;
  choices: Record<string, string>;
}

const read = <T>(file: string): T => JSON.parse(readFileSync(packageFile("specs", file), "utf8")) as T;

export const requirements: ReadonlyMap<RequirementId, Requirement> = new Map(read<{ requirements: Requirement[] }>("requirements.json").requirements.map((r) => [r.id, r]));
export const interpretations: readonly Interpretation[] = read<{ interpretations: Interpretation[] }>("interpretations.json").interpretations;

export function requirement(id: RequirementId): Requirement {
  const r = requirements.get(id);
  if (!r) throw new Error(`unknown requirement id ${id}: add it to specs/requirements.json`);
  return r;
}

/** The highest level among some requirements: a test is as strict as its strictest check. */
export const levelOf = (ids: readonly RequirementId[]): Level => (ids.some((id) => requirement(id).level === "MUST") ? "MUST" : "SHOULD");

/** Every interpretation's choice for this run: the defaults, overridden by the user's picks. */
export function chooseInterpretations(picked: Record<string, string>): Record<string, string> {
  const chosen: Record<string, string> = {};
  for (const i of interpretations) chosen[i.name] = i.default;
  for (const [name, choice] of Object.entries(picked)) {
    const i = interpretations.find((x) => x.name === name);
    if (!i) throw new UsageError(`unknown interpretation '${name}' (known: ${interpretations.map((x) => x.name).join(", ")})`);
    if (!(choice in i.choices)) throw new UsageError(`interpretation ${name} has no choice '${choice}' (choices: ${Object.keys(i.choices).join(", ")})`);
    chosen[name] = choice;
  }
  return chosen;
}
