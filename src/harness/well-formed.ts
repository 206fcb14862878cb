/**
 * The one check every ListRecords answer of every scenario goes through: a 200 must be
 * JSON of the documented shape, anything else must be an AWS-shaped error.
 */
import type { Exchange } from "../http/exchange.js";
import { validateAgainst } from "../schema/validators.js";
import type { SchemaIssue } from "../schema/validators.js";
import type { RequirementId } from "../requirement-ids.js";
import { ConformanceFailure, TransportFailure } from "./failure.js";

/** What this check can find broken, in any scenario: every scenario's answers go through it. */
export const WELL_FORMED_REQUIREMENTS = ["LR-SHAPE-200", "LR-SHAPE-MEMBERS", "LR-SHAPE-CONTENT-TYPE", "LR-SHAPE-ERROR"] as const satisfies readonly RequirementId[];
type WellFormedRequirement = (typeof WELL_FORMED_REQUIREMENTS)[number];
const broken = (id: WellFormedRequirement, wanted: string, got: string, ex: Exchange) => new ConformanceFailure(id, wanted, got, ex);

const listIssues = (issues: SchemaIssue[]) =>
  issues
    .slice(0, 5)
    .map((i) => `${i.instancePath || "/"} ${i.message}`)
    .join("; ") + (issues.length > 5 ? `; and ${issues.length - 5} more` : "");

/** The error type as the AWS SDKs read it: header first, then body `code`, then `__type`; namespace and suffix stripped. */
export function resolvedErrorType(ex: Exchange): string | undefined {
  const r = ex.response;
  if (!r) return undefined;
  const body = typeof r.json === "object" && r.json !== null ? (r.json as Record<string, unknown>) : {};
  const codeKey = Object.keys(body).find((k) => k.toLowerCase() === "code");
  const raw = r.headers["x-amzn-errortype"] ?? (codeKey ? body[codeKey] : undefined) ?? body.__type;
  if (typeof raw !== "string" || raw === "") return undefined;
  const name = raw.split(",")[0]!.split(":")[0]!;
  return name.includes("#") ? name.slice(name.indexOf("#") + 1) : name;
}

/** A DatasetSyncCount or SyncCount member (its closing quote unescaped, so not inside a string) whose number has a fraction or an exponent. */
const COUNT_WITH_FRACTION = /"(?:DatasetSyncCount|SyncCount)"\s*:\s*-?\d+(?:\.\d*|[eE][+-]?\d+)/;

export function assertWellFormed(ex: Exchange): void {
  const r = ex.response;
  if (!r) throw new TransportFailure(ex);
  if (r.status === 200) {
    const type = r.headers["content-type"] ?? "(none)";
    if (!/^application\/json\b/i.test(type)) {
      throw broken("LR-SHAPE-CONTENT-TYPE", "Content-Type: application/json", `Content-Type: ${type}`, ex);
    }
    if (r.json === undefined) throw broken("LR-SHAPE-200", "a JSON body", `a body that is not JSON: ${r.text.slice(0, 200)}`, ex);
    const issues = validateAgainst("list-records-response", r.json);
    if (issues.length > 0) {
      throw broken("LR-SHAPE-200", "a body valid against the list-records-response schema", listIssues(issues), ex);
    }
    const missing = validateAgainst("list-records-client-members", r.json);
    if (missing.length > 0) {
      throw broken("LR-SHAPE-MEMBERS", "Records, DatasetSyncCount, DatasetExists and DatasetDeletedAfterRequestedSyncCount present and not null", listIssues(missing), ex);
    }
    // JSON.parse reads 3.0 as 3, so the schemas cannot see it; the Android client parses counts with Long.parseLong.
    const fraction = COUNT_WITH_FRACTION.exec(r.text);
    if (fraction) throw broken("LR-SHAPE-MEMBERS", "counts written as plain integers", `${fraction[0]}`, ex);
    return;
  }
  const type = resolvedErrorType(ex);
  if (type === undefined) {
    throw broken("LR-SHAPE-ERROR", "an error type in x-amzn-ErrorType, or in the body's code or __type", "none of them", ex);
  }
  if (r.json === undefined) throw broken("LR-SHAPE-ERROR", "a JSON body with a message", `a body that is not JSON: ${r.text.slice(0, 200)}`, ex);
  const issues = validateAgainst("error-body", r.json);
  if (issues.length > 0) {
    throw broken("LR-SHAPE-ERROR", "a JSON object body with a string message", listIssues(issues), ex);
  }
}
