/**
 * Input constraints of the service model, checked by hand. The reference keeps its own
 * copy on purpose: the suite's schemas are a separate statement of the same rules, so a
 * mistake in either one shows up as a disagreement instead of passing on both sides.
 */
import { invalidParameter } from "./errors.js";

interface StringRule {
  minLength: number;
  maxLength: number;
  pattern?: RegExp;
  patternText?: string;
}

// Anchored, as in the Smithy model (botocore leaves them unanchored).
const identityRule: StringRule = { minLength: 1, maxLength: 55, pattern: /^[\w-]+:[0-9a-f-]+$/, patternText: "[\\w-]+:[0-9a-f-]+" };
const rules = {
  identityPoolId: identityRule,
  identityId: identityRule,
  datasetName: { minLength: 1, maxLength: 128, pattern: /^[a-zA-Z0-9_.:-]+$/, patternText: "[a-zA-Z0-9_.:-]+" },
  deviceId: { minLength: 1, maxLength: 256 },
  key: { minLength: 1, maxLength: 1024 },
  value: { minLength: 0, maxLength: 1048575 },
} satisfies Record<string, StringRule>;

export type StringField = keyof typeof rules;

/** Code points of `s`: its UTF-16 units less one for each surrogate pair (counted without copying a megabyte-long value). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Collects every violation of one request, then fails once, as AWS reports "N validation errors". */
export class Violations {
  private readonly found: string[] = [];

  string(field: StringField, value: string, at: string = field): void {
    const rule: StringRule = rules[field];
    // Lengths count code points; a text no longer in UTF-16 units than the limit is within it, so only longer ones are counted.
    const length = value.length <= rule.maxLength ? value.length : codePoints(value);
    if (length < rule.minLength) this.add(value, at, `Member must have length greater than or equal to ${rule.minLength}`);
    else if (length > rule.maxLength) this.add(value, at, `Member must have length less than or equal to ${rule.maxLength}`);
    else if (rule.pattern && !rule.pattern.test(value)) this.add(value, at, `Member must satisfy regular expression pattern: ${rule.patternText}`);
  }

  add(value: unknown, at: string, constraint: string): void {
    const shown = typeof value === "string" && value.length > 64 ? `${value.slice(0, 64)}...` : String(value);
    this.found.push(`Value '${shown}' at '${at}' failed to satisfy constraint: ${constraint}`);
  }

  throwIfAny(): void {
    const n = this.found.length;
    if (n > 0) throw invalidParameter(`${n} validation error${n > 1 ? "s" : ""} detected: ${this.found.join("; ")}`);
  }
}

const decimal = /^-?\d+$/;
/** The range of the model's `integer` type. */
export const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** A query value the model types as integer or long, sent as a decimal string. */
export function parseWhole(
  violations: Violations,
  raw: string | null,
  at: string,
  bounds: { min: number; max: number } = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
): number | undefined {
  if (raw === null) return undefined;
  if (!decimal.test(raw)) {
    violations.add(raw, at, "Member must be a whole number");
    return undefined;
  }
  const n = Number(raw);
  if (n < bounds.min || n > bounds.max) {
    violations.add(raw, at, `Member must be between ${bounds.min} and ${bounds.max}`);
    return undefined;
  }
  return n;
}
