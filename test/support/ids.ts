/** Fresh, valid identifiers for the project's own tests, and a signature-shaped header for raw HTTP tests. */
import { randomUUID } from "node:crypto";

export const REGION = "us-east-1";
export const newPoolId = () => `${REGION}:${randomUUID()}`;
export const newIdentityId = () => `${REGION}:${randomUUID()}`;
export const newDatasetName = (prefix = "ds") => `${prefix}-${randomUUID().slice(0, 8)}`;

/**
 * A well-formed SigV4 Authorization header for an access key the reference does not know.
 * The reference cannot check such a signature, so it accepts the caller as a developer.
 */
export const UNKNOWN_KEY_AUTHORIZATION =
  `AWS4-HMAC-SHA256 Credential=AKIDUNKNOWN/20260101/${REGION}/cognito-sync/aws4_request, ` + `SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`;

/** The path of a dataset, labels percent-encoded as the AWS SDK sends them. */
export const datasetPath = (pool: string, identity: string, dataset: string) =>
  `/identitypools/${encodeURIComponent(pool)}/identities/${encodeURIComponent(identity)}/datasets/${encodeURIComponent(dataset)}`;
