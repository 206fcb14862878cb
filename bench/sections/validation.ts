/**
 * The cost of checking every answer against its JSON Schema: Ajv's rate on full 1024-record
 * pages, and the share of a full run's test phase spent validating (from that run's report).
 */
import { validateAgainst } from "../../src/schema/validators.js";
import { get, numberedRecords, recordsUrl, round, startReference } from "../helpers.js";
import type { Bench } from "../table.js";

export async function validation({ row }: Bench, fullRunValidationMs: number, fullRunTestsMs: number) {
  const ref = await startReference();
  let page: unknown;
  try {
    await numberedRecords(ref.stateUrl, "validate", 1024);
    page = await (await get(recordsUrl(ref.url, "validate", { maxResults: "1024" }))).json();
  } finally {
    await ref.stop();
  }
  const n = 300;
  for (let i = 0; i < 20; i++) validateAgainst("list-records-response", page);
  const t = performance.now();
  for (let i = 0; i < n; i++) if (validateAgainst("list-records-response", page).length > 0) throw new Error("the page should be valid");
  const ms = performance.now() - t;
  const recordsPerSecond = (n * 1024) / (ms / 1000);
  const share = fullRunValidationMs / fullRunTestsMs;
  row("Ajv validation of 1024-record pages", `${Math.round(recordsPerSecond).toLocaleString("en")} records/s`);
  row("  share of a full run's test phase", `${round(share * 100, 1)} %`);
  return { pageRecords: 1024, pages: n, recordsPerSecond: Math.round(recordsPerSecond), fullRunValidationMs, shareOfFullRunTests: round(share, 3) };
}
