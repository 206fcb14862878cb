/**
 * Multi-device sync: for each official client (its algorithm modelled in src/client-models), two
 * devices of one identity synchronize through the endpoint in the situations a real app
 * meets. Each checks what the devices hold and what the client told the app, and a failure
 * names the client and what happens to it.
 */
import type { DatasetAddress } from "../src/http/cognito-sync.js";
import type { Exchange } from "../src/http/exchange.js";
import { deleteLocally, newDevice, put, visible, type Device, type SyncReport } from "../src/client-models/device.js";
import { synchronize } from "../src/client-models/sync-engine.js";
import { clients, type ClientTraits } from "../src/client-models/traits.js";
import { KEY_TWINS, KEYS, VALUES, textOfLength } from "../src/content/samples.js";
import { differences, same, shown } from "../src/content/data-difference.js";
import { conformance } from "../src/harness/conformance.js";
import { currentPlan } from "../src/harness/run.js";
import { syncTransport } from "../src/harness/sync-transport.js";
import type { RequirementId } from "../src/requirement-ids.js";
import type { TestContext } from "../src/harness/test-context.js";

/**
 * What an app can store through client `c`: every kind of value (the empty one too, but for the
 * JavaScript client, which sends "" as a removal) and every kind of key the client accepts (the
 * JavaScript client only keys of the dataset-name alphabet; the others up to 128 UTF-8 bytes, not
 * blank once trimmed, which the Android client refuses).
 */
function storable(c: ClientTraits): Record<string, string> {
  const accepts = (key: string) => (c.name === "JavaScript" ? /^[a-zA-Z0-9_.:-]{1,128}$/.test(key) : Buffer.byteLength(key) <= 128 && key.trim() !== "");
  return Object.fromEntries([
    ...VALUES.map((v, i) => [`value-${i}`, v.text]),
    ["long", textOfLength(4001, "é")],
    ...(c.name === "JavaScript" ? [] : [["empty", ""]]),
    ...[...KEYS, ...KEY_TWINS].filter((k) => accepts(k.text)).map((k) => [k.text, k.kind]),
  ]);
}

const AREA = "sync-clients";
const plan = currentPlan();

/** Two devices of the scenario's identity on one dataset, synced as client `c` syncs. */
function twoDevices(t: TestContext, c: ClientTraits, requirement: RequirementId, at: DatasetAddress = t.dataset(c.name.toLowerCase())) {
  const endpoint = syncTransport(t, at);
  const a = newDevice("device A");
  const b = newDevice("device B");
  /** Each device's last exchange with the endpoint, and every ListRecords page it pulled, for the failure report of what it holds. */
  const lastExchange = new Map<Device, Exchange>();
  const pulls = new Map<Device, Exchange[]>();
  /**
   * The exchange to show when `d` holds the wrong data: its last pull whose answer names a key it
   * holds wrongly (where that key's value came from), else its last pull that carried records,
   * else its last exchange. The last exchange alone is often an empty incremental page.
   */
  const whereWrong = (d: Device, want: Record<string, string>): Exchange | undefined => {
    const diff = differences(held(d), want);
    const keys = [...diff.missing, ...diff.extra, ...diff.changed].map((k) => `"Key":${JSON.stringify(k)}`);
    const mine = [...(pulls.get(d) ?? [])].reverse();
    const carried = (ex: Exchange) =>
      Array.isArray((ex.response?.json as { Records?: unknown[] } | undefined)?.Records) && (ex.response!.json as { Records: unknown[] }).Records.length > 0;
    return mine.find((ex) => keys.some((k) => ex.response?.text.includes(k))) ?? mine.find(carried) ?? lastExchange.get(d);
  };
  // The JavaScript client stores a removal as an empty value (a client bug): for it, empty means removed.
  const held = (d: Device) => Object.fromEntries(Object.entries(visible(d)).filter(([, v]) => c.name !== "JavaScript" || v !== ""));
  return {
    at,
    a,
    b,
    /** One sync of `d`, which must succeed; `beforePush` runs between its first pull and its first push (a race). */
    async sync(d: Device, beforePush?: () => Promise<unknown>): Promise<SyncReport> {
      let raced = false;
      const recording: typeof endpoint = {
        ...endpoint,
        listRecords: async (...args) => {
          const ex = await endpoint.listRecords(...args);
          (pulls.get(d) ?? pulls.set(d, []).get(d)!).push(ex);
          return ex;
        },
      };
      const racing = {
        ...recording,
        updateRecords: async (...args: Parameters<typeof endpoint.updateRecords>) => (raced || ((raced = true), await beforePush?.()), recording.updateRecords(...args)),
      };
      const report = await synchronize(c, d, beforePush ? racing : recording);
      if (report.exchange) lastExchange.set(d, report.exchange);
      t.check(
        requirement,
        report.outcome === "synced",
        `${c.name} client: ${d.name}'s sync succeeds`,
        () => `${c.name} client, ${d.name}: the sync ${report.outcome === "gave-up" ? "gave up" : "failed"}: ${report.why}`,
        report.exchange,
      );
      return report;
    },
    /** Device A writes `values` and syncs, then device B syncs: both start from them. */
    async start(values: Record<string, string>): Promise<void> {
      for (const [k, v] of Object.entries(values)) put(a, k, v);
      await this.sync(a);
      await this.sync(b);
    },
    /** Every device in `ds` shows the app exactly `want`. */
    holds(want: Record<string, string>, ...ds: Device[]): void {
      for (const d of ds)
        t.check(
          requirement,
          same(held(d), want),
          `${c.name} client, ${d.name} holds ${shown(want)}`,
          () => `${c.name} client, ${d.name} holds ${shown(held(d), want)}`,
          whereWrong(d, want),
        );
    },
    told(what: string, ok: boolean, report: SyncReport): void {
      t.check(
        requirement,
        ok,
        `${c.name} client tells the app: ${what}`,
        () =>
          `${c.name} client told the app nothing of it (${JSON.stringify({ deleted: report.deletedRemotely ?? false, merged: report.merged ?? [], conflicts: report.conflicts })})`,
        report.exchange,
      );
    },
  };
}

/** The requirement each client's sync scenarios check. */
const SYNC_REQUIREMENT: Record<ClientTraits["name"], RequirementId> = { Android: "LR-CLIENT-SYNC-ANDROID", iOS: "LR-CLIENT-SYNC-IOS", JavaScript: "LR-CLIENT-SYNC-JS" };

for (const c of clients) {
  const req = SYNC_REQUIREMENT[c.name];
  const scenario = (id: string, title: string, body: (t: TestContext) => Promise<void>, needs: { needs?: ["provider-states"] } = {}) =>
    conformance(AREA, `${c.name}: ${title}`, [req], body, { id: `${c.name.toLowerCase()}-${id}`, ...needs });

  describe(`${c.name} client: two devices of one identity`, () => {
    scenario("first-push", "a first sync of an empty dataset pushes one device's data, and the other device gets it", async (t) => {
      const s = twoDevices(t, c, req);
      await s.start({ colour: "blue", level: "3" });
      s.holds({ colour: "blue", level: "3" }, s.a, s.b);
    });

    scenario("first-pull", "a first sync of a dataset written elsewhere gets its live records on both devices", async (t) => {
      const ds = await t.seed("written", [{ k1: "one", k2: "two", k3: "three" }, { k2: null }]);
      const s = twoDevices(t, c, req, ds);
      await s.sync(s.a);
      await s.sync(s.b);
      s.holds({ k1: "one", k3: "three" }, s.a, s.b);
    });

    scenario("app-content", "what an app stores on one device (every kind of value and key the client accepts) reaches the other unchanged", async (t) => {
      const s = twoDevices(t, c, req);
      const data = storable(c);
      await s.start(data);
      s.holds(data, s.a, s.b);
    });

    scenario("change-removal", "a change and a removal on one device reach the other", async (t) => {
      const s = twoDevices(t, c, req);
      await s.start({ x: "1", y: "2" });
      put(s.b, "x", "10");
      put(s.b, "y", null);
      await s.sync(s.b);
      await s.sync(s.a);
      s.holds({ x: "10" }, s.a, s.b);
    });

    // Both devices change one key, then B syncs after A's sync, or during it (between B's pull and push: a stale push, refused 409 and retried).
    for (const race of [false, true]) {
      const title = race
        ? "two devices change one key and sync at once: the second push is refused as a conflict, retried, and both converge"
        : "both devices change one key: the second to sync is told of the conflict, and both converge";
      scenario(race ? "conflict-at-once" : "conflict", title, async (t) => {
        const s = twoDevices(t, c, req);
        await s.start({ score: "1" });
        put(s.a, "score", "from A");
        put(s.b, "score", "from B");
        const second = race ? await s.sync(s.b, () => s.sync(s.a)) : (await s.sync(s.a), await s.sync(s.b));
        s.told("a conflict on 'score'", second.conflicts.includes("score"), second);
        await s.sync(s.a);
        s.holds({ score: "from A" }, s.a, s.b);
      });
    }

    scenario("deleted", "a dataset deleted on one device is removed from the other, which is told", async (t) => {
      const s = twoDevices(t, c, req);
      await s.start({ x: "1" });
      deleteLocally(s.a);
      await s.sync(s.a);
      const told = await s.sync(s.b);
      s.told("the dataset was deleted", told.deletedRemotely === true, told);
      s.holds({}, s.a, s.b);
    });

    scenario("rewritten", "a dataset written again after its deletion reaches a device that synced before the delete, without the old data", async (t) => {
      const s = twoDevices(t, c, req);
      await s.start({ old: "1" });
      deleteLocally(s.a);
      await s.sync(s.a);
      put(s.a, "new", "2");
      await s.sync(s.a);
      const told = await s.sync(s.b);
      s.told("the dataset was deleted", told.deletedRemotely === true, told);
      await s.sync(s.b);
      s.holds({ new: "2" }, s.a, s.b);
    });

    scenario(
      "merged",
      "merged datasets are reported to the app on both devices",
      async (t) => {
        const at = t.dataset("merged");
        const names = [`${at.datasetName.slice(0, 80)}.${plan.otherIdentityId}`];
        await t.state("a dataset has been merged", { ...at, mergedDatasetNames: names });
        const s = twoDevices(t, c, req, at);
        for (const d of [s.a, s.b]) {
          const report = await s.sync(d);
          s.told(`datasets merged: ${names.join(", ")}`, JSON.stringify(report.merged ?? []) === JSON.stringify(names), report);
        }
      },
      { needs: ["provider-states"] },
    );

    // The iOS client reads one answer; AWS allows 1024 records per dataset, which one answer holds.
    if (c.paging === "all-pages") {
      scenario("large-pull", "a dataset of 1,100 records reaches a new device whole, over pages", async (t) => {
        const ds = await t.seed("large", t.spread("r", [550, 550]));
        const s = twoDevices(t, c, req, ds);
        await s.sync(s.b);
        s.holds(Object.fromEntries([...ds.records].map(([k, r]) => [k, r.value!]).sort(([x], [y]) => x.localeCompare(y))), s.b);
      });
    }
  });
}
