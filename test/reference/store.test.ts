/** The in-memory store on its own: ordering, resumable walks, atomic updates, limits. */
import { expect } from "chai";
import { MemoryStore } from "../../src/reference/memory-store.js";
import type { Cursor, DatasetRef, Patch, StoredRecord } from "../../src/reference/store.js";

const ref: DatasetRef = { identityPoolId: "us-east-1:0", identityId: "us-east-1:1", datasetName: "d" };
const put = (key: string, value = key, syncCount = 0): Patch => ({ op: "replace", key, value, syncCount });
const applied = (store: MemoryStore, patches: Patch[]) => {
  const out = store.update(ref, patches, "tester", Date.now());
  if (out.kind !== "applied") throw new Error(`update was not applied: ${JSON.stringify(out)}`);
  return out.records;
};

/** Every record a client walking the changes page by page would see. */
function walk(store: MemoryStore, after: number, pageSize: number, between?: (page: number) => void): StoredRecord[] {
  const seen: StoredRecord[] = [];
  let from: Cursor | undefined;
  for (let page = 0; page < 10_000; page++) {
    const out = store.changes(ref, after, from, pageSize);
    seen.push(...out.records);
    if (!out.next) return seen;
    from = out.next;
    between?.(page);
  }
  throw new Error("walk did not end");
}

describe("memory store", () => {
  it("orders changes by sync count, then key", () => {
    const store = new MemoryStore();
    applied(store, [put("b"), put("a")]);
    applied(store, [put("c"), put("a", "a2", 1)]);
    expect(walk(store, 0, 10).map((r) => `${r.syncCount}:${r.key}`)).to.deep.equal(["1:b", "2:a", "2:c"]);
  });

  it("hands out every record exactly once across pages of every size", () => {
    const store = new MemoryStore();
    for (let n = 0; n < 10; n++)
      applied(
        store,
        Array.from({ length: 7 }, (_, i) => put(`k${n}-${i}`)),
      );
    for (const size of [1, 2, 3, 7, 10, 69, 70, 71, 1000]) {
      const keys = walk(store, 0, size).map((r) => r.key);
      expect(keys, `page size ${size}`).to.have.length(70);
      expect(new Set(keys).size, `page size ${size}`).to.equal(70);
    }
  });

  it("misses nothing when records change in the middle of a walk", () => {
    const store = new MemoryStore();
    applied(
      store,
      Array.from({ length: 20 }, (_, i) => put(`k${String(i).padStart(2, "0")}`)),
    );
    let count = 1;
    const seen = walk(store, 0, 3, (page) => {
      // Rewrite a record not reached yet and one already handed out.
      applied(store, [put(`k${String(19 - page).padStart(2, "0")}`, `v${page}`, count), put(`new-${page}`)]);
      count++;
    });
    const latest = new Map(seen.map((r) => [r.key, r]));
    const current = walk(store, 0, 1000);
    for (const r of current) expect(latest.get(r.key), r.key).to.deep.equal(r);
  });

  it("stays correct after many rewrites of the same keys compact the change log", () => {
    const store = new MemoryStore();
    applied(store, [put("x"), put("y")]);
    for (let n = 1; n <= 3000; n++) applied(store, [put(n % 2 ? "x" : "y", `v${n}`, n)]);
    const all = walk(store, 0, 1);
    expect(all.map((r) => [r.key, r.syncCount])).to.deep.equal([
      ["x", 3000],
      ["y", 3001],
    ]);
    expect(walk(store, 3000, 1).map((r) => r.key)).to.deep.equal(["y"]);
  });

  it("applies nothing when one patch of a call is stale", () => {
    const store = new MemoryStore();
    applied(store, [put("a")]);
    applied(store, [put("a", "a2", 1)]);
    const out = store.update(ref, [put("b"), put("a", "a3", 1)], "tester", Date.now());
    expect(out).to.deep.equal({ kind: "conflict", key: "a", current: 2, given: 1 });
    expect(store.describe(ref)?.syncCount).to.equal(2);
    expect(walk(store, 0, 10).map((r) => r.key)).to.deep.equal(["a"]);
  });

  it("continues a deleted dataset's sync counts when it is written again", () => {
    const store = new MemoryStore();
    applied(store, [put("a")]);
    applied(store, [put("b")]);
    expect(store.delete(ref)?.syncCount).to.equal(2);
    expect(store.describe(ref)).to.equal(undefined);
    expect(store.deletedAtSyncCount(ref)).to.equal(2);
    expect(applied(store, [put("c")])[0]!.syncCount).to.equal(3);
    expect(walk(store, 0, 10).map((r) => r.key)).to.deep.equal(["c"]);
  });

  it("refuses writes past the dataset size and dataset count limits, creating nothing", () => {
    const store = new MemoryStore({ datasetBytes: 10, datasetsPerIdentity: 1 });
    expect(store.update(ref, [put("key", "0123456789")], "t", 0).kind).to.equal("limit");
    expect(store.describe(ref)).to.equal(undefined);
    applied(store, [put("k", "v")]);
    const other = store.update({ ...ref, datasetName: "other" }, [put("k")], "t", 0);
    expect(other.kind).to.equal("limit");
  });

  it("keeps tombstones out of the record count and data size", () => {
    const store = new MemoryStore();
    applied(store, [put("a", "12345"), put("b", "1")]);
    applied(store, [{ op: "remove", key: "a", syncCount: 1 }]);
    expect(store.describe(ref)).to.include({ numRecords: 1, dataStorage: 2 });
    const tombstone = walk(store, 1, 10)[0]!;
    expect(tombstone).to.include({ key: "a", syncCount: 2 });
    expect(tombstone).to.not.have.property("value");
  });
});
