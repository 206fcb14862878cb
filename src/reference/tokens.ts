/**
 * Opaque, tamper-evident tokens: a JSON payload in base64url, then an HMAC of it. Used
 * for NextToken and SyncSessionToken alike; the `kind` inside keeps one from being
 * accepted as the other. The format is read and written here only: the variants that look
 * inside a token without its key use the readers at the end.
 */
import { createHash, randomBytes, timingSafeEqual, type Hash } from "node:crypto";
import type { DatasetRef } from "./store.js";

export class TokenSealer {
  // A fresh key per server instance: tokens from another process (or a restart) are
  // simply invalid, which is what a client must be ready for anyway.
  private readonly key = Buffer.concat([randomBytes(32), Buffer.alloc(32)]); // padded to SHA-256's 64-byte block
  // HMAC-SHA256 with its keyed inner and outer states computed once: every token on the hot
  // path then costs two hash copies instead of a key schedule (RFC 2104, same result).
  private readonly inner: Hash = createHash("sha256").update(this.key.map((b) => b ^ 0x36));
  private readonly outer: Hash = createHash("sha256").update(this.key.map((b) => b ^ 0x5c));

  seal(kind: string, payload: Record<string, unknown>): string {
    const body = Buffer.from(JSON.stringify({ ...payload, kind }), "utf8").toString("base64url");
    return `${body}.${this.mac(body)}`;
  }

  /** The payload, or undefined when the token is malformed, forged or of another kind. */
  open(kind: string, token: string): Record<string, unknown> | undefined {
    const dot = token.indexOf(".");
    if (dot <= 0) return undefined;
    const body = token.slice(0, dot);
    // Compare the MAC as text: decoding it first would let altered characters slip through.
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.mac(body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const payload: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
      if (typeof payload !== "object" || payload === null || (payload as { kind?: unknown }).kind !== kind) return undefined;
      return payload as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  private mac(body: string): string {
    return this.outer.copy().update(this.inner.copy().update(body).digest()).digest("base64url");
  }
}

/** Whether `token` has the shape of a sealed token (a base64url payload, a dot, a base64url MAC), its seal unchecked. */
export const hasTokenShape = (token: string): boolean => /^[\w-]+\.[\w-]+$/.test(token);

/**
 * A token's payload read without checking its seal, or undefined when it does not decode to
 * an object: only for the variant that trusts what a token says it was issued for.
 */
export function unsealedPayload(token: string): Record<string, unknown> | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The dataset a token is bound to, as its payload holds it (both kinds bind one). */
export const datasetScope = (ref: DatasetRef) => ({ p: ref.identityPoolId, i: ref.identityId, d: ref.datasetName });

/** Whether `payload` was bound to `ref`'s dataset. */
export const boundTo = (payload: Record<string, unknown>, ref: DatasetRef): boolean =>
  payload.p === ref.identityPoolId && payload.i === ref.identityId && payload.d === ref.datasetName;

/** The dataset a payload says it is bound to, when it names one. */
export function scopeOf(payload: Record<string, unknown> | undefined): DatasetRef | undefined {
  const { p, i, d } = payload ?? {};
  return typeof p === "string" && typeof i === "string" && typeof d === "string" ? { identityPoolId: p, identityId: i, datasetName: d } : undefined;
}
