/**
 * Test ids in the docs are copied into expectations files and --grep lines, so every one the
 * README and docs/ name must be a test a run has (or, ending in `*`, name some); and every id
 * stays short enough to read in a terminal, as --list shows them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const root = new URL("../../", import.meta.url);
// The CHANGELOG is left out: it tells of ids as they were when each version came out.
const DOCS = [
  "README.md",
  ...readdirSync(new URL("docs/", root))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** Every id a run of each command lists (the default run's 24 histories and 4 parallel ones included). */
async function listedIds(): Promise<string[]> {
  const dir = tempDir("csc-ids");
  const ids: string[] = [];
  for (const command of [[], ["pact"]]) {
    const file = join(dir, `${command.join("") || "suite"}.json`);
    const r = await runCli([...command, "--list", "--report-json", file], 60_000);
    expect(r.code, r.stderr).to.equal(0);
    ids.push(...(JSON.parse(readFileSync(file, "utf8")) as { tests: Array<{ id: string }> }).tests.map((t) => t.id));
  }
  return ids;
}

describe("test ids in the docs", () => {
  let ids: string[];
  before(async function () {
    this.timeout(120_000);
    ids = await listedIds();
  });

  it("are all short", () => {
    expect(ids.filter((id) => id.length > 40)).to.deep.equal([]);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it("name tests that exist", () => {
    const areas = [...new Set(ids.map((id) => id.split("/")[0]!))];
    const mention = new RegExp(`(?<![\\w/.-])(?:${areas.join("|")})/[a-z0-9*-]+`, "g");
    const unknown: string[] = [];
    let seen = 0;
    for (const doc of DOCS) {
      const text = readFileSync(new URL(doc, root), "utf8");
      for (const [id] of text.matchAll(mention)) {
        seen++;
        const known = id.endsWith("*") || id.endsWith("-") ? ids.some((x) => x.startsWith(id.replace(/\*$/, ""))) : ids.includes(id);
        if (!known) unknown.push(`${doc}: ${id}`);
      }
    }
    expect(seen, "the README shows ids").to.be.greaterThan(3);
    expect(unknown).to.deep.equal([]);
  });
});
