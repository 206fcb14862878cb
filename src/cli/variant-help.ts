/** The reference's variants as the --help of every command that takes one lists them: broken ones (those only a history shows marked), then conforming ones with their interpretations. */
import { conformingVariants, variants } from "../reference/variants.js";

export function variantHelp(indent: string): string {
  const broken = Object.entries(variants).map(([name, v]) => `${indent}  ${name}${v.needsHistory ? " (only a history shows it)" : ""}: ${v.description}`);
  const correct = Object.entries(conformingVariants).map(([name, v]) => {
    const chosen = Object.entries(v.interpretations).map(([k, c]) => `${k}=${c}`);
    return `${indent}  ${name}: ${v.description}${chosen.length ? ` [${chosen.join(" ")}]` : ""}`;
  });
  return [
    `${indent}Deliberately broken ones, to see the suite fail:`,
    ...broken,
    `${indent}Correct ones that read open points differently (with the interpretations that describe each):`,
    ...correct,
  ].join("\n");
}
