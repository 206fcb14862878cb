/**
 * Broken variants in how ListRecords pages and filters: records lost or repeated across a
 * page walk, page sizes that ignore maxResults, a lastSyncCount read one off, NextTokens
 * dropped, unchecked or followed into another dataset. Each carries one small, realistic bug
 * and names the requirement it breaks.
 */
import { hasTokenShape, scopeOf, unsealedPayload } from "./tokens.js";
import type { BrokenVariant } from "./variant-hooks.js";
import { isWhole, onListRequest, onPage } from "./variant-rewrites.js";

/** ListRecords reads a whole-number query value of at least 1 shifted by `by`. */
const shifted = (name: string, by: number) =>
  onListRequest((call) => {
    const v = call.query.get(name);
    if (isWhole(v, 1)) call.query.set(name, String(Number(v) + by));
  });

export const pagingVariants = {
  "page-drops-last-record": {
    breaks: "LR-PAGE-WALK",
    description: "every page that has a NextToken silently drops its last record (a gap in the walk)",
    response: onPage((p) => (p.NextToken && p.Records && p.Records.length > 1 ? { ...p, Records: p.Records.slice(0, -1), Count: p.Records.length - 1 } : p)),
  },
  "ignores-last-sync-count": {
    breaks: "LR-SYNC-NOT-BEFORE",
    description: "lastSyncCount is ignored: every call returns the whole dataset",
    request: (operation, call) => {
      if (operation === "ListRecords") call.query.delete("lastSyncCount");
    },
  },
  "sync-filter-off-by-one": {
    breaks: "LR-SYNC-AFTER",
    description: "lastSyncCount L is read as L+1, so the first count after the client's is skipped",
    request: shifted("lastSyncCount", 1),
  },
  "page-exceeds-max-results": {
    breaks: "LR-PAGE-MAX",
    description: "each page holds one record more than maxResults",
    request: shifted("maxResults", 1),
  },
  "ignores-max-results": {
    breaks: "LR-PAGE-MAX",
    description: "maxResults is ignored: pages are always as large as the server likes",
    request: onListRequest((call) => call.query.delete("maxResults")),
  },
  "page-repeats-first-record": {
    breaks: "LR-PAGE-WALK",
    description: "a page that has a NextToken ends with its first record once more",
    response: onPage((p) => (p.NextToken && p.Records && p.Records.length > 0 ? { ...p, Records: [...p.Records, p.Records[0]!] } : p)),
  },
  "no-next-token": {
    breaks: "LR-PAGE-WALK",
    description: "pages never carry a NextToken: the listing is silently cut after the first page",
    response: onPage((p) => ({ ...p, NextToken: null })),
  },
  "count-off-by-one": {
    breaks: "LR-PAGE-COUNT",
    description: "Count is one more than it should be",
    response: onPage((p) => ({ ...p, Count: Number(p.Count ?? 0) + 1 })),
  },
  "next-token-unchecked": {
    breaks: "LR-TOKEN-INVALID",
    description: "a NextToken that is not one the server could have made is taken as 'start from the top'",
    request: onListRequest((call) => {
      const t = call.query.get("nextToken");
      if (t !== null && !hasTokenShape(t)) call.query.delete("nextToken");
    }),
  },
  "inclusive-sync-filter": {
    breaks: "LR-SYNC-BOUNDARY",
    description: "lastSyncCount L also returns the records written at L, so the JavaScript client never finishes a sync",
    request: shifted("lastSyncCount", -1),
  },
  "default-page-of-50": {
    breaks: "LR-CLIENT-ONE-CALL",
    description: "a call without maxResults gets at most 50 records, so the iOS client never sees the rest",
    request: onListRequest((call) => {
      if (call.query.get("maxResults") === null) call.query.set("maxResults", "50");
    }),
  },
  "foreign-token-followed": {
    breaks: "LR-TOKEN-NO-LEAK",
    description: "a NextToken issued for another dataset is followed into that dataset, whose records come back",
    request: onListRequest((call) => {
      // The identity and dataset ListRecords bound its NextToken to.
      const bound = scopeOf(unsealedPayload(call.query.get("nextToken") ?? ""));
      if (bound) Object.assign(call.labels, { IdentityPoolId: bound.identityPoolId, IdentityId: bound.identityId, DatasetName: bound.datasetName });
    }),
  },
} satisfies Record<string, BrokenVariant>;
