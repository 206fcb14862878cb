/**
 * SigV4 for `cognito-sync` with the AWS SDK's own signer: the headers that sign a request as it
 * goes on the wire. The suite's client and the Pact verifier's request filter both sign here,
 * so a replayed contract request is signed as the suite's own are.
 */
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** One signer per credentials and region: it keeps the day's derived signing key, which a signer made per request would derive again. */
const signers = new Map<string, SignatureV4>();
function signerFor(credentials: Credentials, region: string): SignatureV4 {
  const key = JSON.stringify([credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken ?? null, region]);
  let signer = signers.get(key);
  if (!signer) signers.set(key, (signer = new SignatureV4({ service: "cognito-sync", region, credentials: { ...credentials }, sha256: Hash.bind(null, "sha256") })));
  return signer;
}

/**
 * The headers that sign a request for `cognito-sync`, lower-cased: `path` as it goes on the
 * wire (still percent-encoded; SigV4 encodes it once more), `query` decoded.
 */
export async function signedHeaders(
  credentials: Credentials,
  region: string,
  req: { method: string; url: URL; path: string; query: Record<string, string>; headers: Record<string, string>; body?: string | Uint8Array },
): Promise<Record<string, string>> {
  const signer = signerFor(credentials, region);
  const signed = await signer.sign({
    method: req.method,
    protocol: req.url.protocol,
    hostname: req.url.hostname,
    ...(req.url.port ? { port: Number(req.url.port) } : {}),
    path: req.path,
    query: req.query,
    headers: { ...req.headers, host: req.url.host },
    ...(req.body === undefined ? {} : { body: req.body }),
  });
  return Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}
