/**
 * What the races write: every kind of key and value an app stores (case and accent twins, any
 * Unicode, a key of 1,024 characters, JavaScript property names, the empty value), drawn in the
 * scenario's seeded order from the content samples, never tidy ASCII. All distinct, so each
 * write can be told from every other by its key or its value.
 */
import { KEY_TWINS, KEYS, VALUES } from "../content/samples.js";
import type { TestContext } from "../harness/test-context.js";

/** 18 keys and 17 values: enough for the most devices a race takes (16) and the writes before it. */
export function raceContent(t: TestContext): { keys: string[]; values: string[] } {
  return { keys: t.shuffle([...KEYS, ...KEY_TWINS].map((s) => s.text)), values: t.shuffle(["", ...VALUES.map((s) => s.text)]) };
}
