/**
 * Exchanges made comparable across servers and runs, written to be read: the path decoded. What legitimately differs is replaced by
 * a placeholder: identity pool and identity ids (per URL segment), the run's dataset prefix,
 * NextTokens and SyncSessionTokens, request ids. A value always gets the same placeholder
 * within a scenario, wherever it appears later (a token handed back, an id quoted in a message),
 * so references between calls survive. Times are replaced by their form, not their value
 * (`<epoch seconds>`, `<epoch milliseconds>`, `<time text>`): two servers' clocks never agree,
 * but the form is what clients parse. Text longer than LONG_TEXT becomes its length and digest,
 * so a megabyte value compares exactly without filling the file.
 */
import { createHash } from "node:crypto";
import type { KeptExchange } from "../harness/scenario.js";
import type { SnapshotExchange } from "./snapshot.js";

const LONG_TEXT = 256;
/**
 * Values at least this long are replaced wherever they appear in text, as a message quoting an
 * id; a shorter one (a token that is an offset, "2") only where it stands alone.
 */
const QUOTABLE = 8;
/** An identity pool or identity id as AWS writes them: region, colon, a UUID (or a run's own id in that form). */
const AWS_ID = /^[a-z]{2}(-[a-z]+)+-\d:[0-9a-zA-Z-]+$/;
const KEPT_HEADERS = new Set(["content-type", "x-amzn-errortype"]);
const TOKENS: Record<string, string> = { NextToken: "next-token", nextToken: "next-token", SyncSessionToken: "session-token", syncSessionToken: "session-token" };

export class Normaliser {
  /** Raw value to its placeholder, longest first when applied. */
  private readonly known = new Map<string, string>();
  private readonly counts = new Map<string, number>();

  constructor(prefix: string) {
    this.known.set(prefix, "<prefix>");
  }

  exchange(k: KeptExchange): SnapshotExchange {
    const { exchange: ex } = k;
    const url = new URL(ex.request.url);
    const path = url.pathname
      .split("/")
      .map((seg, i, all) => this.segment(decodeURIComponent(seg), all[i - 1]))
      .join("/");
    const query = Object.fromEntries([...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, v]) => [name, this.token(name, v, false)]));
    const request = {
      method: ex.request.method,
      path,
      ...(Object.keys(query).length ? { query } : {}),
      ...(ex.request.body ? { body: this.value(parsed(ex.request.body), undefined, false) } : {}),
    };
    const r = ex.response;
    const response = r && {
      status: r.status,
      headers: Object.fromEntries(
        Object.entries(r.headers)
          .map(([name, v]) => [name.toLowerCase(), v] as const)
          .filter(([name]) => KEPT_HEADERS.has(name) || name === "x-amzn-requestid")
          .map(([name, v]) => [name, name === "x-amzn-requestid" ? "<request-id>" : this.text(v)])
          .sort(([a], [b]) => (a! < b! ? -1 : 1)),
      ),
      ...(r.json !== undefined ? { body: this.value(r.json, undefined, true) } : r.text ? { body: this.text(r.text) } : {}),
    };
    return {
      purpose: k.purpose,
      ...(k.because ? { because: k.because } : {}),
      operation: ex.operation,
      request,
      ...(response ? { response } : {}),
      ...(ex.transportError ? { transportError: ex.transportError } : {}),
    };
  }

  private segment(seg: string, before: string | undefined): string {
    if ((before === "identitypools" || before === "identities") && AWS_ID.test(seg)) return this.placeholder(before === "identitypools" ? "pool" : "identity", seg);
    return this.text(seg);
  }

  /**
   * A token's placeholder, named as an answer hands it out. A request's token that no answer
   * handed out was made up by the scenario: a short one stays as sent ("garbage"), a long one
   * is derived from a real token (one character altered) and so differs with it.
   */
  private token(name: string, v: string, answered: boolean): string {
    const kind = TOKENS[name];
    if (kind === undefined) return this.text(v);
    if (answered) return this.placeholder(kind, v);
    return this.known.get(v) ?? (v.length >= QUOTABLE ? this.placeholder(`unissued ${kind}`, v) : this.text(v));
  }

  private value(v: unknown, key: string | undefined, answered: boolean): unknown {
    if (typeof v === "string") return key !== undefined && key in TOKENS ? this.token(key, v, answered) : key?.endsWith("Date") ? "<time text>" : this.text(v);
    if (typeof v === "number" && key?.endsWith("Date")) return Math.abs(v) >= 1e11 ? "<epoch milliseconds>" : "<epoch seconds>";
    if (Array.isArray(v)) return v.map((x) => this.value(x, undefined, answered));
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.value(x, k, answered)]));
    return v;
  }

  /** Known values replaced wherever they appear in the text; long text by its length and digest. */
  private text(s: string): string {
    let out = s;
    for (const [raw, placeholder] of [...this.known].sort((a, b) => b[0].length - a[0].length))
      if (raw.length >= QUOTABLE && out.includes(raw)) out = out.split(raw).join(placeholder);
    if (out.length <= LONG_TEXT) return out;
    return `<${out.length} characters, sha256 ${createHash("sha256").update(out).digest("hex").slice(0, 16)}>`;
  }

  private placeholder(kind: string, raw: string): string {
    const had = this.known.get(raw);
    if (had !== undefined) return had;
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    const made = `<${kind} ${n}>`;
    this.known.set(raw, made);
    return made;
  }
}

function parsed(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
