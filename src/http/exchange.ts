/** One request and what came back: the unit every assertion and every failure report is about. */
import { curlShown, variablesNeeded } from "./curl.js";

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ReceivedResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as text, cut at the client's size cap. */
  text: string;
  /** The body parsed as JSON, when it is JSON; values nested deeper than json-depth's MAX_DEPTH are cut off. */
  json?: unknown;
}

export interface Exchange {
  operation: string;
  request: SentRequest;
  response?: ReceivedResponse;
  /** Why no complete response arrived: timeout, reset, refused, too large ... */
  transportError?: string;
  /** The run's request gate stopped this request: not sent, or abandoned in flight (transportError says why). */
  stopped?: true;
  durationMs: number;
  /** A command line that repeats the request. */
  curl: string;
}

const SECRET_HEADERS = /^(authorization|x-amz-security-token)$/i;

/** The exchange as a person reads it in a failure report, secrets redacted and bodies cut short. */
export function describeExchange(ex: Exchange, bodyLimit = 600): string {
  const lines = [`${ex.request.method} ${ex.request.url}  (${ex.operation}, ${ex.durationMs} ms)`];
  for (const [k, v] of Object.entries(ex.request.headers)) lines.push(`  > ${k}: ${SECRET_HEADERS.test(k) ? redact(v) : v}`);
  if (ex.request.body !== undefined) lines.push(`  > ${cut(ex.request.body, bodyLimit)}`);
  if (ex.response) {
    lines.push(`  < HTTP ${ex.response.status}`);
    for (const [k, v] of Object.entries(ex.response.headers)) lines.push(`  < ${k}: ${v}`);
    lines.push(`  < ${cut(ex.response.text, bodyLimit)}`);
  } else {
    lines.push(`  < no response: ${ex.transportError ?? "unknown"}`);
  }
  lines.push(`  reproduce: ${curlShown(ex.curl)}`);
  const needed = variablesNeeded(ex.curl);
  if (needed.length > 0) lines.push(`  (set ${needed.map((n) => `$${n}`).join(", ")} to the run's credentials first: they are named, never printed)`);
  return lines.join("\n");
}

const redact = (v: string) =>
  v
    .replace(/Credential=[^/]+/, "Credential=<access key>")
    .replace(/Signature=[0-9a-f]+/, "Signature=<redacted>")
    .replace(/^(?!AWS4)(.{4}).+$/, "$1<redacted>");
const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}... (${s.length} characters in all)` : s);
