/**
 * Record content: whatever an app stores comes back exactly. Values and keys of every kind
 * (any Unicode, JSON-like text, whitespace, the widths where databases cut, the empty string),
 * keys that differ only in case, accents or normalisation, and the JavaScript client's removal,
 * each read back through every path a client reads (see content-checks). Dataset names,
 * generated content and the limits have spec files of their own.
 */
import { updateRecordsRequest, type PatchBody } from "../src/http/cognito-sync.js";
import { KEY_TWINS, KEYS, VALUES, WIDTHS, textOfLength, type Sample } from "../src/content/samples.js";
import { showText } from "../src/content/show-text.js";
import { checkAnswer, readBack, store } from "../src/harness/content-checks.js";
import { conformance } from "../src/harness/conformance.js";
import type { RequirementId } from "../src/requirement-ids.js";
import type { TestContext, Update } from "../src/harness/test-context.js";

const AREA = "record-content";
/** Writes `samples` over two UpdateRecords calls in a seeded order, keyed by `key`, valued by `value`, and reads them back every way. */
async function roundTrip(t: TestContext, requirement: RequirementId, samples: readonly Sample[], key: (s: Sample) => string, value: (s: Sample) => string, pageSize = 2) {
  const order = t.shuffle(samples);
  const half = Math.ceil(order.length / 2);
  const updates = [order.slice(0, half), order.slice(half)].map((xs) => Object.fromEntries(xs.map((s) => [key(s), value(s)])));
  await storeAndReadBack(t, requirement, "samples", updates, pageSize);
}

/** Writes `updates` to a fresh dataset, one call each, and reads it back every way. */
async function storeAndReadBack(t: TestContext, requirement: RequirementId, label: string, updates: readonly Update[], pageSize = 2) {
  const { ds, answers } = await store(t, label, updates, requirement);
  await readBack(t, requirement, ds, updates, answers, pageSize);
}

const kind = (s: Sample) => s.kind;
const text = (s: Sample) => s.text;

describe("record content", () => {
  conformance(
    AREA,
    "values of every kind come back exactly, in UpdateRecords' answer, a full listing, a walk of 2 per page and an incremental listing",
    ["LR-CONTENT-VALUE"],
    async (t) => {
      await roundTrip(t, "LR-CONTENT-VALUE", VALUES, kind, text);
    },
    { id: "values" },
  );

  conformance(
    AREA,
    "values at the widths where databases cut (255/256, 4,000/4,001, 65,535/65,536 characters; 2-, 3- and 4-byte UTF-8) and one of 900,000 characters come back whole",
    ["LR-CONTENT-VALUE"],
    async (t) => {
      const wide: Sample[] = [
        ...WIDTHS.map((n) => ({ kind: `${n} ASCII characters`, text: textOfLength(n) })),
        { kind: "65,536 two-byte characters", text: textOfLength(65536, "é") },
        { kind: "4,001 three-byte characters", text: textOfLength(4001, "€") },
        { kind: "16,384 four-byte characters", text: textOfLength(16384, "😀") },
      ];
      await roundTrip(t, "LR-CONTENT-VALUE", wide, kind, text, 4);
      // Alone in its dataset: 900,000 bytes are inside the 1 MB quota however a server counts it.
      const longest = [{ long: textOfLength(900_000) }];
      const big = await store(t, "long", longest, "LR-CONTENT-VALUE");
      checkAnswer(t, "LR-CONTENT-VALUE", longest[0]!, big.answers[0]!);
      const listed = await t.list(big.ds, { lastSyncCount: 0 }, "LR-CONTENT-VALUE");
      t.expectExactly("LR-CONTENT-VALUE", listed.records, big.ds.records, listed.exchange);
    },
    { id: "value-widths" },
  );

  conformance(
    AREA,
    'the empty string is a value: written new or over a value, it comes back as Value "", never as a tombstone',
    ["LR-CONTENT-EMPTY"],
    async (t) => {
      const updates = [
        t
          .shuffle([
            ["empty", ""],
            ["kept", "x"],
            ["emptied", "was set"],
          ] as const)
          .reduce<Update>((u, [k, v]) => ({ ...u, [k]: v }), {}),
        { emptied: "" },
      ];
      await storeAndReadBack(t, "LR-CONTENT-EMPTY", "empty", updates, 1);
    },
    { id: "empty-value" },
  );

  conformance(
    AREA,
    'a removal sent as the JavaScript client sends it (Op remove with Value "") leaves a tombstone, not the value ""',
    ["LR-CONTENT-REMOVE"],
    async (t) => {
      const { ds } = await store(t, "js-remove", [{ gone: "here", kept: "k" }], "LR-CONTENT-REMOVE");
      const patch: PatchBody = { Op: "remove", Key: "gone", Value: "", SyncCount: 1 };
      const ex = await t.send(updateRecordsRequest(ds, await t.sessionToken(ds), [patch]));
      t.check("LR-CONTENT-REMOVE", ex.response.status === 200, 'UpdateRecords accepts {Op: "remove", Value: ""} at the record\'s count', () => `HTTP ${ex.response.status}`, ex);
      const { records, exchange } = await t.list(ds, { lastSyncCount: 1 }, "LR-CONTENT-REMOVE");
      const gone = records.find((r) => r.Key === "gone");
      t.check(
        "LR-CONTENT-REMOVE",
        gone !== undefined,
        "the removed key 'gone' listed after the write before it",
        () => `records: ${records.map((r) => r.Key).join(", ") || "none"}`,
        exchange,
      );
      t.check("LR-CONTENT-REMOVE", gone!.Value === undefined || gone!.Value === null, "'gone' as a tombstone, without a Value", () => `Value ${showText(gone!.Value)}`, exchange);
    },
    { id: "js-removal" },
  );

  conformance(
    AREA,
    "keys that differ only in case, accents or Unicode normalisation are separate records, each written and rewritten on its own",
    ["LR-CONTENT-KEY-CASE"],
    async (t) => {
      const all = Object.fromEntries(t.shuffle(KEY_TWINS).map((s) => [s.text, `${s.kind} (${[...s.text].length} characters)`]));
      // One call with all of them, then one twin rewritten at its own count, then a new twin at count 0: none may touch another.
      const updates: Update[] = [all, { score: "score, rewritten" }, { sCORE: "a twin written later" }];
      await storeAndReadBack(t, "LR-CONTENT-KEY-CASE", "key-twins", updates, 3);
    },
    { id: "key-twins" },
  );

  conformance(
    AREA,
    "keys of every kind (1 to 1,024 characters, any Unicode, spaces, __proto__ and other JavaScript property names) come back exactly",
    ["LR-CONTENT-KEY"],
    async (t) => {
      await roundTrip(t, "LR-CONTENT-KEY", KEYS, text, kind, 3);
    },
    { id: "keys" },
  );
});
