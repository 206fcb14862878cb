/**
 * Judges one ListRecords listing (a single page, or a walk of pages) against the service
 * model: which records must, may and must not be in it, and its flags and counts. Each
 * difference is tied to the requirement that forbids it, as specific as the model can tell
 * (a refused write that shows up breaks LR-WRITE-CONFLICT, a deleted record LR-DELETED-VISIBLE,
 * ...). Checks only what the catalogue states; interpretations follow the run's choices.
 */
import type { RequirementId } from "../requirement-ids.js";
import { twinsOf } from "./keys.js";
import { syncCountOf, type DatasetState, type ModelRecord } from "./service-model.js";

/** Every requirement a listing can be judged to break; the compiler holds the judge to this list. */
export const LISTING_REQUIREMENTS = [
  "LR-MISSING-FIELDS",
  "LR-MISSING-AFTER-DELETE",
  "LR-DELETED-FLAG",
  "LR-DELETED-VISIBLE",
  "LR-WRITE-CONFLICT",
  "LR-SYNC-ALL",
  "LR-SYNC-AFTER",
  "LR-SYNC-NOT-BEFORE",
  "LR-SYNC-BOUNDARY",
  "LR-SYNC-DATASET-COUNT",
  "LR-PAGE-MAX",
  "LR-PAGE-COUNT",
  "LR-PAGE-WALK",
  "LR-TOMBSTONE",
  "LR-TOMBSTONE-FULL-SYNC",
  "LR-CONTENT-EMPTY",
  "LR-CONTENT-KEY-CASE",
  "LR-CONTENT-VALUE",
] as const satisfies readonly RequirementId[];
export type ListingRequirement = (typeof LISTING_REQUIREMENTS)[number];

export interface SeenRecord {
  Key: string;
  Value?: string | null;
  SyncCount: number;
}

export interface SeenPage {
  /** Absent members read as their defaults (Count 0, flags false), as the SDKs read them; LR-SHAPE-MEMBERS judges absence. */
  body: { Count?: number; DatasetExists?: boolean; DatasetDeletedAfterRequestedSyncCount?: boolean; DatasetSyncCount?: number; NextToken?: string | null };
  records: readonly SeenRecord[];
}

export interface Listing {
  lastSyncCount: number;
  /** Where lastSyncCount came from: none (0), a count of the live dataset, or one of a deleted life. */
  origin: "zero" | "current" | "gone";
  pages: readonly SeenPage[];
  /** Whether the pages hold the whole listing (a walk, or one page without NextToken). */
  complete: boolean;
  maxResults?: number;
}

/** The run's choice for each interpretation a listing depends on (specs/interpretations.json). */
export interface Choices {
  count: string;
  tombstones: string;
}

export interface Violation {
  requirement: ListingRequirement;
  expected: string;
  got: string;
  /** Index of the page that shows it. */
  page: number;
  /** For a value that came back changed: the value written and the one returned, to show where they differ. */
  texts?: { stored: string | undefined; returned: string | undefined };
}

/** Text in a report line: whole when short, else its start and length (values run to a megabyte). */
const brief = (s: string) => (s.length > 60 ? `${JSON.stringify([...s].slice(0, 40).join(""))}... (${[...s].length} characters)` : JSON.stringify(s));
const show = (r: SeenRecord) => `${brief(r.Key)}=${r.Value === undefined || r.Value === null ? "(tombstone)" : brief(r.Value)}@${r.SyncCount}`;
const valueOf = (r: SeenRecord) => r.Value ?? undefined;

export function judgeListing(state: DatasetState, listing: Listing, choices: Choices): Violation[] {
  const out: Violation[] = [];
  const v = (requirement: ListingRequirement, expected: string, got: string, page = listing.pages.length - 1) => void out.push({ requirement, expected, got, page });
  const { pages, lastSyncCount: L } = listing;
  const last = pages.at(-1)!.body;
  const live = state.current;

  if (!live && listing.origin !== "gone") {
    const requirement = state.gone.length === 0 ? "LR-MISSING-FIELDS" : "LR-MISSING-AFTER-DELETE";
    const why = state.gone.length === 0 ? "a dataset never written" : "a deleted dataset, asked for by a new client";
    pages.forEach((p, i) => {
      if (p.body.DatasetExists === true) v(requirement, `DatasetExists false for ${why}`, `DatasetExists ${p.body.DatasetExists}`, i);
      if (p.body.DatasetDeletedAfterRequestedSyncCount === true)
        v(requirement, `DatasetDeletedAfterRequestedSyncCount false for ${why}`, `${p.body.DatasetDeletedAfterRequestedSyncCount}`, i);
      if (p.records.length > 0) v(requirement, `no records for ${why}`, p.records.map(show).join(", "), i);
      if (state.gone.length === 0 && (p.body.DatasetSyncCount ?? 0) !== 0) v(requirement, "DatasetSyncCount 0", `DatasetSyncCount ${p.body.DatasetSyncCount}`, i);
      if (state.gone.length === 0 && (p.body.Count ?? 0) !== 0) v(requirement, "Count 0", `Count ${p.body.Count}`, i);
    });
    return out;
  }

  // A record shown as live data must be the live dataset's latest value of its key.
  const liveValue = (r: SeenRecord) => valueOf(r) === undefined || valueOf(r) === live?.records.get(r.Key)?.value;
  const fromDeletedLife = (r: SeenRecord) => valueOf(r) !== undefined && !liveValue(r) && state.gone.some((g) => g.life.records.get(r.Key)?.value === valueOf(r));
  const refused = (r: SeenRecord) => state.refused.some((x) => x.key === r.Key && x.value === valueOf(r));

  if (listing.origin === "gone") {
    // A restarted numbering can reach the same count again: then the count may be the new life's.
    const ambiguous = live !== undefined && (live.base === undefined || (L > live.base && L <= syncCountOf(live)!));
    if (!ambiguous && last.DatasetDeletedAfterRequestedSyncCount !== true) {
      v("LR-DELETED-FLAG", `DatasetDeletedAfterRequestedSyncCount true: lastSyncCount ${L} predates a DeleteDataset`, `${last.DatasetDeletedAfterRequestedSyncCount}`);
    }
    pages.forEach((p, i) => {
      const shown = p.records.filter((r) => !liveValue(r));
      if (shown.length > 0) v(refused(shown[0]!) ? "LR-WRITE-CONFLICT" : "LR-DELETED-VISIBLE", "no deleted record shown as live data", shown.map(show).join(", "), i);
    });
    return out;
  }

  const life = live!;
  const main = L === 0 ? "LR-SYNC-ALL" : "LR-SYNC-AFTER";
  // Tombstones in a full sync are an open point; after a lastSyncCount they are required.
  const tombstonesWanted = L > 0 || choices.tombstones === "include";
  const tombstonesAllowed = L > 0 || choices.tombstones !== "omit";
  const expected = new Map([...life.records].filter(([, r]) => r.syncCount > L && (r.value !== undefined || tombstonesWanted)));

  const seen = new Map<string, number>();
  pages.forEach((p, i) => {
    if (listing.maxResults !== undefined && p.records.length > listing.maxResults) v("LR-PAGE-MAX", `at most ${listing.maxResults} records`, `${p.records.length}`, i);
    if (choices.count === "page" && (p.body.Count ?? 0) !== p.records.length) v("LR-PAGE-COUNT", `Count ${p.records.length} (this page's records)`, `Count ${p.body.Count}`, i);
    for (const r of p.records) {
      seen.set(r.Key, (seen.get(r.Key) ?? 0) + 1);
      const wrong = judgeRecord(r, expected.get(r.Key), life.records.get(r.Key), { L, main, tombstonesAllowed, refused, fromDeletedLife, written: state.written });
      if (wrong) out.push({ requirement: wrong.requirement, expected: wrong.expected, got: show(r), page: i, ...(wrong.texts ? { texts: wrong.texts } : {}) });
    }
  });
  for (const [key, n] of seen) if (n > 1) v("LR-PAGE-WALK", `${key} once in the walk`, `${n} times`);
  if (listing.complete) {
    for (const [key, r] of expected) {
      if (seen.has(key)) continue;
      // A key gone while its case twin came back: a store that cannot tell the two apart.
      const requirement = twinsOf(key, seen.keys()).length > 0 ? "LR-CONTENT-KEY-CASE" : r.value !== undefined ? main : L > 0 ? "LR-TOMBSTONE" : "LR-TOMBSTONE-FULL-SYNC";
      v(requirement, `${brief(key)}=${r.value === undefined ? "(tombstone)" : brief(r.value)}@${r.syncCount}, written after sync count ${L}`, "absent");
    }
    if (life.base !== undefined && last.DatasetSyncCount !== syncCountOf(life))
      v("LR-SYNC-DATASET-COUNT", `DatasetSyncCount ${syncCountOf(life)}`, `DatasetSyncCount ${last.DatasetSyncCount}`);
    const total = pages.reduce((n, p) => n + p.records.length, 0);
    if (choices.count === "filtered" && pages.some((p) => (p.body.Count ?? 0) !== total))
      v("LR-PAGE-COUNT", `Count ${total} on every page (the changes after ${L})`, pages.map((p) => p.body.Count).join(", "));
  }
  return out;
}

interface Context {
  L: number;
  main: ListingRequirement;
  tombstonesAllowed: boolean;
  refused: (r: SeenRecord) => boolean;
  fromDeletedLife: (r: SeenRecord) => boolean;
  written: DatasetState["written"];
}

type Wrong = { requirement: ListingRequirement; expected: string; texts?: Violation["texts"] };

/** What is wrong with one record of the listing, if anything, as the most specific requirement. */
function judgeRecord(r: SeenRecord, want: ModelRecord | undefined, held: ModelRecord | undefined, c: Context): Wrong | undefined {
  const value = valueOf(r);
  if (want && value === want.value)
    return r.SyncCount === want.syncCount ? undefined : { requirement: "LR-SYNC-DATASET-COUNT", expected: `SyncCount ${want.syncCount}, the count of the call that wrote it` };
  if (c.refused(r)) return { requirement: "LR-WRITE-CONFLICT", expected: "no value from an UpdateRecords call that was refused" };
  if (c.fromDeletedLife(r)) return { requirement: "LR-DELETED-VISIBLE", expected: "no record of the deleted dataset" };
  if (!want && held && held.syncCount <= c.L && held.value === value) {
    return { requirement: held.syncCount === c.L ? "LR-SYNC-BOUNDARY" : "LR-SYNC-NOT-BEFORE", expected: `no record written at or before sync count ${c.L}` };
  }
  if (!want && held?.value === undefined && held && value === undefined && c.L === 0) {
    return c.tombstonesAllowed ? undefined : { requirement: "LR-TOMBSTONE-FULL-SYNC", expected: "no tombstones in a full sync (tombstones=omit)" };
  }
  if (held && held.value === undefined && value !== undefined) return { requirement: "LR-TOMBSTONE", expected: `${r.Key} as a tombstone (removed at ${held.syncCount})` };
  const content = judgeContent(r, want, c);
  if (content) return content;
  return {
    requirement: c.main,
    expected: want
      ? `${r.Key}=${want.value === undefined ? "(tombstone)" : JSON.stringify(want.value)}@${want.syncCount}`
      : `no record ${r.Key}: the dataset holds none changed after ${c.L}`,
  };
}

/** A record whose value no call wrote to its key: an empty value lost, a case twin's value, or text changed in storage. */
function judgeContent(r: SeenRecord, want: ModelRecord | undefined, c: Context): Wrong | undefined {
  const value = valueOf(r);
  const mine = c.written.get(r.Key);
  if (mine?.has(value)) return undefined;
  if (want?.value === "" && value === undefined) return { requirement: "LR-CONTENT-EMPTY", expected: `${brief(r.Key)} with Value "": the empty string is a value` };
  if (twinsOf(r.Key, c.written.keys()).some((k) => c.written.get(k)!.has(value))) {
    return { requirement: "LR-CONTENT-KEY-CASE", expected: `${brief(r.Key)} with a value of its own, not one written to a key that differs from it only in case or accents` };
  }
  if (mine && value !== undefined) {
    const stored = want?.value;
    return {
      requirement: "LR-CONTENT-VALUE",
      expected: `${brief(r.Key)} with a value written to it${stored === undefined ? "" : ` (${brief(stored)})`}`,
      texts: { stored, returned: value },
    };
  }
  return undefined;
}
