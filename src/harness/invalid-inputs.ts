/**
 * Invalid ListRecords parameters, generated from the constraints in the request schema
 * with a seeded generator, so a run can be repeated exactly. Every case is re-checked
 * against the schema before anyone asserts that a server must refuse it, and a pattern
 * case counts as a model violation only if it breaks the pattern read both ways: anchored
 * (Smithy) and as a search (botocore). Cases that break the pattern only when it is anchored are kept
 * apart, to be checked at SHOULD level.
 */
import { schemaDocument, validateAgainst } from "../schema/validators.js";
import { random } from "../random.js";

export interface InvalidInput {
  param: string;
  location: "path" | "query";
  /** The value as it goes on the wire (before percent-encoding). */
  wire: string;
  /** What is wrong with it, generated details included. */
  why: string;
  /** Which kind of case this is, the same for every seed: names the test ("too-long", "pattern-2" ...). */
  slot: string;
  /** The kind in words, the same for every seed: titles the test. */
  kind: string;
  /** "model": invalid however the model's pattern is matched; "anchored-only": only when the pattern must match the whole value. */
  strength: "model" | "anchored-only";
}

interface Property {
  type?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

const PATH_PARAMS = new Set(["IdentityPoolId", "IdentityId", "DatasetName"]);
// Characters to break patterns with: path and query specials, spaces, non-ASCII, letters outside hex.
const PROBES = ["/", " ", "%", "é", "*", "+", "!", "~", "@", "#", "?", "G", "z", ":", "_", "."];

/** Wire text as the schema sees it: a strict decimal becomes a number, anything else stays text. */
const decoded = (wire: string, p: Property): unknown => (p.type === "integer" && /^-?\d+$/.test(wire) ? Number(wire) : wire);

/** Whether the schema refuses `wire` for `param`, all other parameters being valid. */
export function schemaRefuses(param: string, wire: string, valid: Record<string, string>): boolean {
  const props = (schemaDocument("list-records-request").properties ?? {}) as Record<string, Property>;
  const request: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(valid)) request[k] = decoded(v, props[k] ?? {});
  request[param] = decoded(wire, props[param] ?? {});
  return validateAgainst("list-records-request", request).some((i) => i.instancePath === `/${param}`);
}

/** `valid` holds a valid wire value for each path parameter; the cases change one parameter each. */
export function invalidInputs(valid: Record<string, string>, seed: number): InvalidInput[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const props = (schemaDocument("list-records-request").properties ?? {}) as Record<string, Property>;
  const cases: InvalidInput[] = [];

  for (const [param, p] of Object.entries(props)) {
    const location = PATH_PARAMS.has(param) ? "path" : "query";
    const add = (slot: string, kind: string, wire: string, why: string, strength: InvalidInput["strength"] = "model") => {
      if (!cases.some((c) => c.param === param && c.wire === wire)) cases.push({ param, location, wire, why, strength, slot, kind });
    };
    if (p.type === "string" && p.pattern !== undefined) {
      const example = valid[param];
      if (example === undefined) throw new Error(`no valid example for ${param}`);
      const whole = new RegExp(p.pattern);
      const search = new RegExp(p.pattern.replace(/^\^/, "").replace(/\$$/, ""));
      if (p.minLength) add("empty", "empty", "", `empty (at least ${p.minLength} character)`);
      // Padded with its own last character, the example still matches: only its length is wrong.
      if (p.maxLength !== undefined)
        add("too-long", "one character too long", example.padEnd(p.maxLength + 1, example.slice(-1)), `${p.maxLength + 1} characters long (at most ${p.maxLength})`);

      // Mutate the valid example with probe characters and sort the results by which ways of matching they break.
      const candidates: Array<{ wire: string; why: string }> = [];
      for (const c of PROBES) {
        const at = 1 + Math.floor(rnd() * (example.length - 1));
        candidates.push({ wire: `${example.slice(0, at)}${c}${example.slice(at)}`, why: `'${c}' inserted at position ${at}` });
        candidates.push({ wire: c.repeat(Math.max(1, Math.min(example.length, p.maxLength ?? 8))), why: `made only of '${c}'` });
      }
      for (const c of new Set(example)) candidates.push({ wire: example.split(c).join(""), why: `without any '${c}'` });
      const fits = (w: string) => w.length >= (p.minLength ?? 0) && w.length <= (p.maxLength ?? Infinity);
      const bothBroken = candidates.filter((x) => fits(x.wire) && x.wire !== "" && !search.test(x.wire));
      const anchoredOnly = candidates.filter((x) => fits(x.wire) && search.test(x.wire) && !whole.test(x.wire));
      for (let n = 0; n < 3 && bothBroken.length > 0; n++) {
        const x = bothBroken.splice(Math.floor(rnd() * bothBroken.length), 1)[0]!;
        add(`pattern-${n + 1}`, `breaking its pattern (case ${n + 1})`, x.wire, `${x.why}: breaks the pattern ${p.pattern}`);
      }
      if (anchoredOnly.length > 0) {
        const x = pick(anchoredOnly);
        add(
          "anchored",
          "breaking its pattern only where the whole value must match",
          x.wire,
          `${x.why}: breaks the pattern ${p.pattern} only when it must match the whole value`,
          "anchored-only",
        );
      }
    }
    if (p.type === "integer") {
      const letters = Array.from({ length: 3 + Math.floor(rnd() * 4) }, () => pick([..."abcdefghijklmnopqrstuvwxyz"])).join("");
      add("not-a-number", "not a number", letters, "not a number");
      add("fraction", "not a whole number", `${1 + Math.floor(rnd() * 99)}.5`, "not a whole number");
      add("exponent", "in exponent notation", `${1 + Math.floor(rnd() * 9)}e2`, "in exponent notation");
      if (p.maximum !== undefined) add("above-range", "above the model's range", String(p.maximum + 1), `above the model's range (at most ${p.maximum})`);
      if (p.minimum !== undefined) add("below-range", "below the model's range", String(p.minimum - 1), `below the model's range (at least ${p.minimum})`);
    }
  }
  // Only what the schema itself refuses is ever asserted.
  return cases.filter((c) => schemaRefuses(c.param, c.wire, valid));
}
