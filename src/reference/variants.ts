/**
 * The catalogue of variants of the reference endpoint, chosen by name (`serve --variant NAME`,
 * `--variant NAME`), never by editing code. Each broken variant carries a small,
 * realistic bug an implementer could make: the suite must fail every one, which proves its
 * scenarios can fail. Each conforming variant reads an open point another way: the suite must
 * pass every one. The variants themselves live in one module per kind; this one combines them.
 */
import { UsageError } from "../config/usage-error.js";
import { conformingVariants } from "./conforming-variants.js";
import { contentVariants } from "./content-variants.js";
import { datasetStateVariants } from "./dataset-state-variants.js";
import { errorVariants } from "./error-variants.js";
import { historyVariants } from "./history-variants.js";
import { pagingVariants } from "./paging-variants.js";
import { raceVariants } from "./race-variants.js";
import { shapeVariants } from "./shape-variants.js";
import type { BrokenVariant, VariantHooks } from "./variant-hooks.js";

export { conformingVariants };

const rewriting = { ...pagingVariants, ...shapeVariants, ...errorVariants, ...datasetStateVariants };

/** Every name of a list, or `never` when one is left out: a variant missing from the list would be missing from the catalogue. */
type Complete<List extends readonly string[], Name extends string> = Exclude<Name, List[number]> extends never ? List : never;

/** The broken variants that rewrite requests and answers, grouped by kind in their modules, in the order --help and the known names have always listed them. */
const LISTED = [
  "page-drops-last-record",
  "ignores-last-sync-count",
  "missing-dataset-404",
  "invalid-parameter-as-500",
  "no-session-token",
  "sync-count-as-string",
  "sync-filter-off-by-one",
  "page-exceeds-max-results",
  "ignores-max-results",
  "page-repeats-first-record",
  "no-next-token",
  "count-off-by-one",
  "count-as-string",
  "missing-dataset-exists-true",
  "timestamps-as-strings",
  "timestamps-in-milliseconds",
  "merged-names-as-string",
  "pool-id-pattern-unchecked",
  "dataset-name-length-unchecked",
  "max-results-unchecked",
  "next-token-unchecked",
  "throttle-as-500",
  "internal-error-html-body",
  "no-identity-isolation",
  "tombstones-dropped",
  "tombstones-empty-value",
  "dataset-sync-count-stale",
  "deleted-flag-never-set",
  "conflicts-ignored",
  "json-as-text-plain",
  "error-type-unresolvable",
  "merged-names-dropped",
  "conflict-as-400",
  "conflict-type-in-body",
  "deleted-flag-when-missing",
  "update-answers-without-records",
  "counts-with-fractions",
  "merged-names-always-set",
  "inclusive-sync-filter",
  "default-page-of-50",
  "defaults-omitted",
  "records-null-when-empty",
  "foreign-token-followed",
  "deleted-dataset-404",
] as const satisfies ReadonlyArray<keyof typeof rewriting>;
const listed: Complete<typeof LISTED, keyof typeof rewriting> = LISTED;

export const variants: Record<string, BrokenVariant> = {
  ...Object.fromEntries(listed.map((name) => [name, rewriting[name]])),
  ...contentVariants,
  ...raceVariants,
  ...Object.fromEntries(Object.entries(historyVariants).map(([name, v]) => [name, { ...v, needsHistory: true as const }])),
};

/** The variant called `name`, broken or conforming; a UsageError naming `--flag` and every known name when there is none. */
export function variantNamed(name: string, flag: string): VariantHooks {
  const v = Object.hasOwn(variants, name) ? variants[name] : Object.hasOwn(conformingVariants, name) ? conformingVariants[name] : undefined;
  if (!v) throw new UsageError(`unknown --${flag} '${name}' (known: ${[...Object.keys(variants), ...Object.keys(conformingVariants)].join(", ")})`);
  return v;
}
