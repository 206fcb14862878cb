/** The reference's variants as the --help of every command that takes one lists them: broken ones by kind (those only a history shows marked), then conforming ones with their choices. */
import { UsageError } from "../config/usage-error.js";
import { BROKEN_KINDS, conformingVariants, variantNamed, variantNames } from "../reference/variants.js";

export function variantHelp(indent: string): string {
  const broken = BROKEN_KINDS.flatMap((k) => [
    `${indent}  ${k.kind}:`,
    ...Object.entries(k.variants).map(([name, v]) => `${indent}    ${name}${v.needsHistory ? " (only a history shows it)" : ""}: ${v.description}`),
  ]);
  const conforming = Object.entries(conformingVariants).map(([name, v]) => {
    const chosen = Object.entries(v.interpretations).map(([k, c]) => `${k}=${c}`);
    return `${indent}  ${name}: ${v.description}${chosen.length ? ` [${chosen.join(" ")}]` : ""}`;
  });
  return [
    `${indent}Broken ones, to see the suite fail, by kind:`,
    ...broken,
    `${indent}Conforming ones, which take another choice where the sources leave room (with the choices that describe each):`,
    ...conforming,
  ].join("\n");
}

/** Refuses a name no variant has, as the usage error every command that takes --variant gives. */
export function checkVariantName(name: string): void {
  if (!variantNamed(name)) throw new UsageError(`unknown --variant '${name}' (known: ${variantNames().join(", ")})`);
}
