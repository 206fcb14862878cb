/** How stored data looks on the wire: rest-json members, timestamps in epoch seconds. */
import type { DatasetInfo, StoredRecord } from "./store.js";

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

/** The JSON bytes of an answer body; lists of records reuse their cached bytes. */
export function serialize(body: object): Buffer {
  const parts: Buffer[] = [];
  let text = "{";
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "object" && x !== null && jsonOf.has(x))) {
      parts.push(Buffer.from(`${text}${text === "{" ? "" : ","}${JSON.stringify(k)}:[`));
      v.forEach((x, i) => (i > 0 && parts.push(COMMA), parts.push(jsonOf.get(x)!)));
      text = "]";
      continue;
    }
    const json = JSON.stringify(v);
    if (json !== undefined) text += `${text === "{" ? "" : ","}${JSON.stringify(k)}:${json}`;
  }
  parts.push(Buffer.from(`${text}}`));
  return Buffer.concat(parts);
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
