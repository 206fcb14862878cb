/**
 * The catalogue of variants of the reference endpoint, chosen by name (`serve --variant NAME`,
 * `--variant NAME`), never by editing code. Each broken variant carries a small,
 * realistic bug an implementer could make: the suite must fail every one, which proves its
 * scenarios can fail. Each conforming variant takes another choice where the sources leave room: the suite must
 * pass every one. The variants themselves live in one module per kind; this one combines them.
 */
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

/** The kinds of broken variant, each in a module of its own, in the order --help lists them. */
export const BROKEN_KINDS: ReadonlyArray<{ kind: string; module: string; variants: Record<string, BrokenVariant> }> = [
  { kind: "paging and filtering", module: "paging-variants.ts", variants: pagingVariants },
  { kind: "how answers are written", module: "shape-variants.ts", variants: shapeVariants },
  { kind: "what is refused, and how", module: "error-variants.ts", variants: errorVariants },
  { kind: "what answers say of a dataset", module: "dataset-state-variants.ts", variants: datasetStateVariants },
  { kind: "record content a store loses", module: "content-variants.ts", variants: contentVariants },
  { kind: "calls at the same moment", module: "race-variants.ts", variants: raceVariants },
  {
    kind: "only a history shows",
    module: "history-variants.ts",
    variants: Object.fromEntries(Object.entries(historyVariants).map(([name, v]) => [name, { ...v, needsHistory: true as const }])),
  },
];

export const variants: Record<string, BrokenVariant> = Object.assign({}, ...BROKEN_KINDS.map((k) => k.variants));

/** The variant called `name`, broken or conforming; undefined when there is none (own names only, not `constructor`). */
export function variantNamed(name: string): VariantHooks | undefined {
  if (Object.hasOwn(variants, name)) return variants[name];
  return Object.hasOwn(conformingVariants, name) ? conformingVariants[name] : undefined;
}

/** Every variant's name, broken ones first. */
export const variantNames = (): string[] => [...Object.keys(variants), ...Object.keys(conformingVariants)];
