/**
 * Who is calling. Every request must carry a SigV4 Authorization header for the
 * `cognito-sync` service. Credentials the server was given are checked for real (their
 * signature is recomputed) and may be bound to one identity, as Cognito Identity's
 * temporary credentials are; any other access key is taken as a developer's, with
 * access to every identity, since the server cannot know its secret.
 */
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { serviceError } from "./errors.js";

export interface KnownCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, these credentials may only touch this identity's data. */
  identityId?: string;
}

export interface Caller {
  accessKeyId: string;
  boundIdentityId?: string;
}

export interface SignedRequest {
  method: string;
  /** The path exactly as it came on the wire, still percent-encoded. */
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

const notAuthorized = (message: string) => serviceError("NotAuthorizedException", message);
const badSignature = (message: string) => serviceError("InvalidSignatureException", message);

export class Authenticator {
  private readonly known = new Map<string, KnownCredentials>();

  constructor(credentials: readonly KnownCredentials[] = []) {
    for (const c of credentials) this.known.set(c.accessKeyId, c);
  }

  register(credentials: KnownCredentials): void {
    this.known.set(credentials.accessKeyId, credentials);
  }

  unregister(accessKeyId: string): void {
    this.known.delete(accessKeyId);
  }

  async authenticate(req: SignedRequest): Promise<Caller> {
    const header = req.headers.authorization;
    if (!header) throw notAuthorized("Missing Authentication Token: sign the request with AWS Signature Version 4");
    const m = SIGV4.exec(header.trim());
    if (!m) throw notAuthorized("The Authorization header is not a well-formed AWS4-HMAC-SHA256 signature");
    const [, accessKeyId, , region, service, signedHeaders, signature] = m as unknown as string[];
    if (service !== "cognito-sync") throw badSignature(`Credential should be scoped to the service 'cognito-sync', not '${service}'`);

    const known = this.known.get(accessKeyId!);
    if (known) await this.verify(req, known, region!, signedHeaders!.split(";"), signature!);
    return known?.identityId ? { accessKeyId: accessKeyId!, boundIdentityId: known.identityId } : { accessKeyId: accessKeyId! };
  }

  private async verify(req: SignedRequest, known: KnownCredentials, region: string, signed: string[], signature: string) {
    const amzDate = header(req.headers, "x-amz-date");
    if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) throw notAuthorized("A signed request needs an X-Amz-Date header (YYYYMMDDTHHMMSSZ)");
    const claimed = header(req.headers, "x-amz-content-sha256");
    if (claimed && claimed !== UNSIGNED_PAYLOAD && claimed !== createHash("sha256").update(req.body).digest("hex")) {
      throw badSignature("The X-Amz-Content-Sha256 header does not match the body");
    }
    const headers: Record<string, string> = {};
    for (const name of signed) {
      const value = header(req.headers, name);
      if (value === undefined) throw badSignature(`Signed header '${name}' is missing from the request`);
      headers[name] = value;
    }
    const signer = new SignatureV4({
      service: "cognito-sync",
      region,
      credentials: { accessKeyId: known.accessKeyId, secretAccessKey: known.secretAccessKey },
      sha256: Hash.bind(null, "sha256"),
      applyChecksum: false,
    });
    const resigned = await signer.sign(
      {
        method: req.method,
        // Only the headers, path, query and body enter the signature; the host is in the headers.
        protocol: "http:",
        hostname: "",
        path: req.rawPath,
        query: parseQuery(req.rawQuery),
        headers,
        body: req.body.length > 0 ? req.body : undefined,
      },
      { signingDate: toDate(amzDate), signableHeaders: new Set(signed) },
    );
    const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers.authorization))?.[1];
    if (expected !== signature) {
      throw badSignature("The request signature we calculated does not match the signature you provided");
    }
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

function parseQuery(raw: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    const prior = query[k];
    query[k] = prior === undefined ? v : Array.isArray(prior) ? [...prior, v] : [prior, v];
  }
  return query;
}

const toDate = (amzDate: string) =>
  new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
