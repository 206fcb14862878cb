/**
 * The rest-json wire format: the answer the server sends, and how stored data looks in it
 * (members, timestamps in epoch seconds, JSON bytes cached per record).
 */
import type { DatasetInfo, StoredRecord } from "./store.js";

/** One answer as the server sends it; a variant may rewrite it on the way out. */
export interface Answer {
  status: number;
  /** The error type, sent as x-amzn-ErrorType. */
  type?: string;
  body: object;
  /** Replaces the content type the server would send. */
  contentType?: string;
  /** Sent instead of the JSON of `body`. */
  text?: string;
}

// restJson1 timestamps default to epoch seconds as a JSON number; milliseconds stay as a fraction.
export const epochSeconds = (ms: number) => ms / 1000;

/**
 * Stored records never change (a write stores a new one), so each is turned into its wire
 * object and its JSON bytes once; a page is then copied together from those bytes instead
 * of being serialized again on every request. (Bytes, not text: a long string glued from
 * many pieces costs more to write to a socket than the copying.)
 */
const wireOf = new WeakMap<StoredRecord, object>();
const jsonOf = new WeakMap<object, Buffer>();

export function recordOut(r: StoredRecord): object {
  let out = wireOf.get(r);
  if (!out) {
    out = Object.freeze(buildRecord(r));
    wireOf.set(r, out);
    jsonOf.set(out, Buffer.from(JSON.stringify(out)));
  }
  return out;
}

const COMMA = Buffer.from(",");
/** A page's records, turned into wire objects once per page (pages are cached by the store). */
const listOf = new WeakMap<readonly StoredRecord[], object[]>();
/** The JSON bytes of such a list, joined once. */
const joinedOf = new WeakMap<object[], Buffer>();

export function recordsOut(records: readonly StoredRecord[]): object[] {
  let out = listOf.get(records);
  if (!out) listOf.set(records, (out = records.map(recordOut)));
  return out;
}

/**
 * The JSON of an answer body, as chunks to write one after another: lists of records are
 * their cached bytes, the rest is text. Not joined into one buffer: a fresh 16 KB buffer per
 * answer costs more than everything else the answer takes.
 */
export function serialize(body: object): Array<Buffer | string> {
  const chunks: Array<Buffer | string> = [];
  let text = "{";
  for (const [k, v] of Object.entries(body)) {
    const joined = Array.isArray(v) ? joinedRecords(v) : undefined;
    if (joined) {
      chunks.push(`${text}${text === "{" ? "" : ","}${JSON.stringify(k)}:[`, joined);
      text = "]";
      continue;
    }
    const json = JSON.stringify(v);
    if (json !== undefined) text += `${text === "{" ? "" : ","}${JSON.stringify(k)}:${json}`;
  }
  chunks.push(`${text}}`);
  return chunks;
}

/** The records' JSON bytes joined with commas, when every element is a cached record. */
function joinedRecords(v: unknown[]): Buffer | undefined {
  const known = joinedOf.get(v as object[]);
  if (known) return known;
  if (v.length === 0 || !v.every((x) => typeof x === "object" && x !== null && jsonOf.has(x))) return undefined;
  const parts: Buffer[] = [];
  v.forEach((x, i) => (i > 0 && parts.push(COMMA), parts.push(jsonOf.get(x as object)!)));
  const joined = Buffer.concat(parts);
  joinedOf.set(v as object[], joined);
  return joined;
}

function buildRecord(r: StoredRecord) {
  return {
    Key: r.key,
    ...(r.value === undefined ? {} : { Value: r.value }),
    SyncCount: r.syncCount,
    LastModifiedDate: epochSeconds(r.lastModifiedDate),
    LastModifiedBy: r.lastModifiedBy,
    ...(r.deviceLastModifiedDate === undefined ? {} : { DeviceLastModifiedDate: epochSeconds(r.deviceLastModifiedDate) }),
  };
}

export function datasetOut(d: DatasetInfo) {
  return {
    IdentityId: d.ref.identityId,
    DatasetName: d.ref.datasetName,
    CreationDate: epochSeconds(d.creationDate),
    LastModifiedDate: epochSeconds(d.lastModifiedDate),
    LastModifiedBy: d.lastModifiedBy ?? null,
    DataStorage: d.dataStorage,
    NumRecords: d.numRecords,
  };
}
