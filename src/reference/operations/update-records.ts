/** UpdateRecords: apply a list of patches as one new dataset sync count, or nothing at all. */
import { authorize, datasetFrom, type Call, type Services } from "../call.js";
import { invalidParameter, serviceError } from "../errors.js";
import type { Patch } from "../store.js";
import { Violations } from "../validate.js";
import { recordOut } from "../wire.js";

// A JSON member of the wrong type never reaches validation on AWS: its deserializer
// rejects the body first (a string timestamp came back as SerializationException).
const wrongType = (at: string, expected: string) => serviceError("SerializationException", `'${at}' must be ${expected}`);

export async function updateRecords(call: Call, { store, sessions }: Services) {
  const v = new Violations();
  const ref = datasetFrom(call, v);
  const { DeviceId, RecordPatches, SyncSessionToken } = call.body;
  if (DeviceId !== undefined && DeviceId !== null) {
    if (typeof DeviceId !== "string") throw wrongType("DeviceId", "a string");
    v.string("deviceId", DeviceId);
  }
  if (SyncSessionToken === undefined || SyncSessionToken === null) v.add(null, "syncSessionToken", "Member must not be null");
  else if (typeof SyncSessionToken !== "string") throw wrongType("SyncSessionToken", "a string");
  const patches = readPatches(RecordPatches, v);
  v.throwIfAny();
  authorize(call, ref.identityId);

  const session = sessions.check(ref, SyncSessionToken as string, call.now);
  // The reference's own store answers at once, so nothing runs between the session check and the write.
  const pending = store.update(ref, patches, ref.identityId, call.now);
  const outcome = pending instanceof Promise ? await pending : pending;
  if (outcome.kind === "conflict") {
    throw serviceError("ResourceConflictException", `Current SyncCount for: ${outcome.key} is: ${outcome.current} not: ${outcome.given}`);
  }
  if (outcome.kind === "limit") throw serviceError("LimitExceededException", outcome.message);
  sessions.spend(session, SyncSessionToken as string, call.now);
  return { Records: outcome.records.map(recordOut) };
}

function readPatches(raw: unknown, v: Violations): Patch[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw wrongType("RecordPatches", "a list");
  const seen = new Set<string>();
  return raw.map((p: unknown, i): Patch => {
    const at = `recordPatches.${i + 1}.member`;
    if (typeof p !== "object" || p === null || Array.isArray(p)) throw wrongType(at, "an object");
    const { Op, Key, Value, SyncCount, DeviceLastModifiedDate } = p as Record<string, unknown>;
    for (const [name, value] of Object.entries({ Op, Key, Value })) {
      if (value !== undefined && value !== null && typeof value !== "string") throw wrongType(`${at}.${name}`, "a string");
    }
    if (SyncCount !== undefined && SyncCount !== null && typeof SyncCount !== "number") throw wrongType(`${at}.syncCount`, "a number");
    if (DeviceLastModifiedDate !== undefined && DeviceLastModifiedDate !== null && typeof DeviceLastModifiedDate !== "number") {
      throw wrongType(`${at}.deviceLastModifiedDate`, "a number of epoch seconds");
    }

    if (Op !== "replace" && Op !== "remove") v.add(Op ?? null, `${at}.op`, "Member must satisfy enum value set: [replace, remove]");
    if (typeof Key === "string") v.string("key", Key, `${at}.key`);
    else v.add(null, `${at}.key`, "Member must not be null");
    if (typeof Value === "string") v.string("value", Value, `${at}.value`);
    else if (Op === "replace") v.add(null, `${at}.value`, "Member must not be null when op is replace");
    if (typeof SyncCount !== "number") v.add(null, `${at}.syncCount`, "Member must not be null");
    else if (!Number.isSafeInteger(SyncCount) || SyncCount < 0) v.add(SyncCount, `${at}.syncCount`, "Member must be a whole number, 0 or more");
    if (typeof Key === "string") {
      if (seen.has(Key)) throw invalidParameter(`Key '${Key}' appears in more than one patch`);
      seen.add(Key);
    }

    const patch: Patch = { op: Op === "remove" ? "remove" : "replace", key: String(Key), syncCount: Number(SyncCount) };
    if (Op === "replace" && typeof Value === "string") patch.value = Value;
    if (typeof DeviceLastModifiedDate === "number") patch.deviceLastModifiedDate = Math.round(DeviceLastModifiedDate * 1000);
    return patch;
  });
}
