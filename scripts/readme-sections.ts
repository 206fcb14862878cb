/**
 * The README's tables that restate data files, made from those files: the interpretations
 * (specs/interpretations.json, with the requirements that name each), the scenario areas (each
 * spec's opening comment) and the variants of the reference by kind (its registry). Each sits between
 * two markers; everything else in the README is left as written.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as prettier from "prettier";
import { interpretations, requirements } from "../src/harness/catalogue.js";
import { BROKEN_KINDS, conformingVariants } from "../src/reference/variants.js";

const root = new URL("../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");
const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
const table = (head: readonly string[], rows: ReadonlyArray<readonly string[]>) => [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");
const code = (s: string) => `\`${s}\``;

function interpretationTable(): string {
  return table(
    ["interpretation", "question", "default", "other choices", "requirements it sets"],
    interpretations.map((i) => [
      code(i.name),
      i.question,
      `${code(i.default)}: ${i.choices[i.default]}`,
      Object.keys(i.choices)
        .filter((c) => c !== i.default && c !== "any")
        .map(code)
        .join(", "),
      [...requirements.values()]
        .filter((r) => r.interpretation === i.name)
        .map((r) => r.id)
        .join(", "),
    ]),
  );
}

/** A spec's opening comment, as one line. */
const opening = (source: string) =>
  (/^\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? "")
    .split("\n")
    .map((l) => l.replace(/^\s*\*\s?/, "").trim())
    .filter((l) => l !== "")
    .join(" ");

function areas(): string {
  const specs = readdirSync(new URL("specs/", root))
    .filter((f) => f.endsWith(".spec.ts"))
    .sort();
  return table(
    ["spec", "what it checks"],
    specs.map((f) => [code(`specs/${f}`), opening(read(`specs/${f}`)).replaceAll("|", "\\|")]),
  );
}

function variantKinds(): string {
  const rows = BROKEN_KINDS.map((k) => [
    `broken: ${k.kind}`,
    code(`src/reference/${k.module}`),
    String(Object.keys(k.variants).length),
    Object.keys(k.variants).map(code).join(", "),
  ]);
  const conforming = [
    "conforming",
    code("src/reference/conforming-variants.ts"),
    String(Object.keys(conformingVariants).length),
    Object.keys(conformingVariants).map(code).join(", "),
  ];
  return table(["kind", "module", "how many", "variants"], [...rows, conforming]);
}

const SECTIONS: Record<string, () => string> = { interpretations: interpretationTable, areas, variants: variantKinds };

/** `readme` with every marked section made afresh, formatted as the project's formatter would. */
export async function readmeWithSections(readme: string): Promise<string> {
  const made = readme.replace(/(<!-- made by npm run docs: ([\w-]+) -->\n)(?:[\s\S]*?\n)?(<!-- end of \2 -->)/g, (_, open: string, name: string, close: string) => {
    const make = SECTIONS[name];
    if (!make) throw new Error(`README.md marks an unknown section '${name}' (known: ${Object.keys(SECTIONS).join(", ")})`);
    return `${open}${make()}\n${close}`;
  });
  const path = new URL("README.md", root).pathname;
  return prettier.format(made, { ...(await prettier.resolveConfig(path)), filepath: path });
}

export const readme = () => readmeWithSections(read("README.md"));
