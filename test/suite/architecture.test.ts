/**
 * The checklists of ARCHITECTURE.md, where a machine can check them: what a newcomer adds in one
 * place is complete in the others. Each test here is named in the checklist step it guards.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { expect } from "chai";
import { interpretations } from "../../src/harness/catalogue.js";
import { reportFormats } from "../../src/report/formats/index.js";
import { isRequirementId } from "../../src/requirement-ids.js";
import { BROKEN_KINDS, conformingVariants, variants } from "../../src/reference/variants.js";
import { android } from "../../src/client-models/traits.js";

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");

describe("the checklists of ARCHITECTURE.md", () => {
  it("names a requirement of the catalogue for every broken variant", () => {
    const wrong = Object.entries(variants).filter(([, v]) => !isRequirementId(v.breaks));
    expect(
      wrong.map(([name, v]) => `${name}: ${v.breaks}`),
      "a variant's breaks must be an id of specs/requirements.json (after adding one, run npm run docs)",
    ).to.deep.equal([]);
  });

  it("names only interpretations and choices that exist for every conforming variant", () => {
    for (const [name, v] of Object.entries(conformingVariants)) {
      for (const [point, choice] of Object.entries(v.interpretations)) {
        const i = interpretations.find((x) => x.name === point);
        expect(i, `${name}: interpretation ${point}`).to.not.equal(undefined);
        expect(Object.keys(i!.choices), `${name}: ${point}=${choice}`).to.include(choice);
      }
    }
  });

  it("gives every variant a name of its own, in a module that exists", () => {
    const names = [...BROKEN_KINDS.flatMap((k) => Object.keys(k.variants)), ...Object.keys(conformingVariants)];
    expect(names.filter((n, i) => names.indexOf(n) !== i)).to.deep.equal([]);
    for (const k of BROKEN_KINDS) expect(existsSync(new URL(`src/reference/${k.module}`, root)), k.module).to.equal(true);
  });

  it("reads every client trait in the sync engine", () => {
    const engine = read("src/client-models/sync-engine.ts") + read("src/client-models/device.ts");
    const unread = Object.keys(android).filter((k) => k !== "name" && k !== "sources" && !new RegExp(`\\.${k}\\b`).test(engine));
    expect(unread, "traits of ClientTraits that neither src/client-models/sync-engine.ts nor device.ts reads").to.deep.equal([]);
  });

  it("has a test file for every report format", () => {
    for (const { setting } of reportFormats) {
      const file = `test/report/${setting.slice("report".length).toLowerCase()}.test.ts`;
      expect(existsSync(new URL(file, root)), `${setting}: ${file}`).to.equal(true);
      expect(read("test/report/agreement.test.ts"), `${setting} in the agreement test`).to.include(setting.slice("report".length).toLowerCase());
    }
  });

  it("opens every spec with a comment saying what it checks (the README's scenario areas are made from it)", () => {
    for (const f of readdirSync(new URL("specs/", root)).filter((x) => x.endsWith(".spec.ts"))) {
      expect(read(`specs/${f}`), `${f} must open with a /** ... */ comment saying what it checks`).to.match(/^\/\*\*[\s\S]{40,}?\*\//);
    }
  });

  it("names only files and tests that exist", () => {
    const doc = read("ARCHITECTURE.md");
    const paths = [...doc.matchAll(/`((?:src|test|specs|scripts|schemas|contracts)\/[\w./-]+?)`/g)].map((m) => m[1]!);
    expect(paths.length).to.be.above(20);
    expect(paths.filter((p) => !p.includes("*") && !p.includes("<") && !existsSync(new URL(p, root)))).to.deep.equal([]);
    // Each quoted test title beside a test file is a title of that file.
    for (const [, file, titles] of doc.matchAll(/`(test\/[\w./-]+\.test\.ts)` \(([^)]*(?:\([^)]*\)[^)]*)*)\)/g)) {
      const source = read(file!).replace(/\s+/g, " ");
      for (const [, title] of titles!.matchAll(/"([^"]+)"/g)) {
        const start = title!.replace(/\s+/g, " ").replace(/ \.\.\. .*$/, "");
        expect(source, `${file} has a test "${start}"`).to.include(start);
      }
    }
  });
});
