/**
 * Where each broken variant's bug shows in a compare with the reference's recording: a pattern
 * of the difference paths (as `mutants --snapshots` lists them, exchange numbers and record
 * keys left out). A variant whose bug no exchange shows says why instead. Every broken variant
 * that the fixed scenarios catch is in one of the two tables (a test checks).
 */
const RECORDS = /\.response\.body\.Records\[Key=\*\]$/;
const STATUS = /\.response\.status$/;
const VALUE = /\.response\.body\.Records\[Key=\*\]\.Value$/;
const member = (name: string) => new RegExp(`\\.response\\.body\\.${name}$`);
const header = (name: string) => new RegExp(`\\.response\\.headers\\.${name}$`);
/** Devices raced: which call wins is the server's choice, so the comparison is of the scenario's outcome. */
const RACED = /^outcome$/;

export const BUG_PATHS: Record<string, RegExp> = {
  "page-drops-last-record": RECORDS,
  "ignores-last-sync-count": RECORDS,
  "sync-filter-off-by-one": RECORDS,
  "page-exceeds-max-results": RECORDS,
  "ignores-max-results": member("NextToken"),
  "page-repeats-first-record": /\.response\.body\.Records\.length$/,
  "no-next-token": member("NextToken"),
  "count-off-by-one": member("Count"),
  "next-token-unchecked": STATUS,
  "inclusive-sync-filter": RECORDS,
  "default-page-of-50": member("NextToken"),
  "foreign-token-followed": STATUS,
  "no-session-token": member("SyncSessionToken"),
  "sync-count-as-string": member("Records\\[Key=\\*\\]\\.SyncCount"),
  "count-as-string": member("Count"),
  "timestamps-as-strings": member("Records\\[Key=\\*\\]\\.LastModifiedDate"),
  "timestamps-in-milliseconds": member("Records\\[Key=\\*\\]\\.LastModifiedDate"),
  "merged-names-as-string": member("MergedDatasetNames"),
  "json-as-text-plain": header("content-type"),
  "defaults-omitted": member("Count"),
  "records-null-when-empty": member("Records"),
  "missing-dataset-404": STATUS,
  "invalid-parameter-as-500": STATUS,
  "pool-id-pattern-unchecked": STATUS,
  "dataset-name-length-unchecked": STATUS,
  "max-results-unchecked": STATUS,
  "throttle-as-500": STATUS,
  "internal-error-html-body": header("content-type"),
  "no-identity-isolation": STATUS,
  "error-type-unresolvable": header("x-amzn-errortype"),
  "conflict-as-400": STATUS,
  "conflict-type-in-body": header("x-amzn-errortype"),
  "deleted-dataset-404": STATUS,
  "missing-dataset-exists-true": member("DatasetExists"),
  "tombstones-dropped": RECORDS,
  "tombstones-empty-value": VALUE,
  "dataset-sync-count-stale": member("DatasetSyncCount"),
  "deleted-flag-never-set": member("DatasetDeletedAfterRequestedSyncCount"),
  "conflicts-ignored": STATUS,
  "deleted-flag-when-missing": member("DatasetDeletedAfterRequestedSyncCount"),
  "update-answers-without-records": member("Records"),
  "merged-names-dropped": member("MergedDatasetNames"),
  "merged-names-always-set": member("MergedDatasetNames"),
  "keys-case-insensitive": RECORDS,
  "dataset-names-case-insensitive": member("DatasetSyncCount"),
  "values-cut-at-4000": VALUE,
  "values-through-latin1": VALUE,
  "values-cut-at-four-byte-character": VALUE,
  "empty-value-as-removal": VALUE,
  "remove-keeps-sent-value": VALUE,
  "next-token-forgets-filter": RECORDS,
  "conflict-check-then-write": RACED,
  "dataset-count-read-then-written": RACED,
  "next-token-is-an-offset": RACED,
};

/** Broken variants whose bug a snapshot cannot show, and why. */
export const INVISIBLE: Record<string, string> = {
  "counts-with-fractions": "3.0 and 3 are the same number once parsed, and a snapshot keeps bodies parsed; only the body's text differs",
};
