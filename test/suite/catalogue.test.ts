/**
 * The requirements catalogue and the specs agree: every requirement is well formed and
 * tested, every test names only known requirements, and no MUST rests on an interpretation.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { tempDir } from "../support/temp-dir.js";
import { runCli } from "../support/run-cli.js";

interface Requirement {
  id: string;
  level: string;
  statement: string;
  source: { kind: string; ref: string };
  interpretation?: string;
  breaks?: Array<{ client: string; effect: string; source: string }>;
  variantGap?: string;
}
interface Interpretation {
  name: string;
  question: string;
  default: string;
  choices: Record<string, string>;
}
interface Listed {
  id: string;
  requirements: string[];
  status: string;
}

const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(`../../specs/${file}`, import.meta.url), "utf8")) as T;
const requirements = read<{ requirements: Requirement[] }>("requirements.json").requirements;
const interpretations = read<{ interpretations: Interpretation[] }>("interpretations.json").interpretations;

describe("requirements catalogue", () => {
  it("has unique ids of the form LR-...", () => {
    const ids = requirements.map((r) => r.id);
    expect(new Set(ids).size, "duplicate ids").to.equal(ids.length);
    for (const id of ids) expect(id).to.match(/^LR-[A-Z0-9]+(-[A-Z0-9]+)*$/);
  });

  it("gives every requirement a level, a statement and a source", () => {
    for (const r of requirements) {
      expect(["MUST", "SHOULD"], `${r.id}: level must be MUST or SHOULD`).to.include(r.level);
      expect(r.statement.length, `${r.id}: a statement of more than 20 characters, in your own words`).to.be.above(20);
      expect(["doc", "model", "protocol", "client", "observed", "interpretation"], `${r.id}: source.kind`).to.include(r.source.kind);
      expect(r.source.ref.length, `${r.id}: source.ref saying where it comes from, in more than 10 characters`).to.be.above(10);
      if (r.variantGap !== undefined) expect(r.variantGap.length, `${r.id}: variantGap saying why no variant breaks it`).to.be.above(20);
    }
  });

  it("has no member a requirement cannot have (a misspelt optional one would be ignored)", () => {
    const known = ["id", "level", "statement", "source", "interpretation", "breaks", "command", "variantGap"];
    for (const r of requirements)
      expect(
        Object.keys(r).filter((k) => !known.includes(k)),
        r.id,
      ).to.deep.equal([]);
  });

  it("names, for every MUST that comes from a client, the clients that break without it: what happens, and the repository, file and function", () => {
    for (const r of requirements) {
      if (r.level === "MUST" && r.source.kind === "client") expect(r.breaks ?? [], `${r.id} names no client it breaks`).to.not.be.empty;
      for (const b of r.breaks ?? []) {
        expect(b.client, r.id).to.match(/^(Android|iOS|JavaScript|AWS SDK for JavaScript v3)$/);
        expect(b.effect.length, `${r.id} ${b.client}: effect`).to.be.above(20);
        expect(b.source, `${r.id} ${b.client}: source names a repository and a file`).to.match(/^[\w.-]+\/[\w.-]+, \S+/);
      }
    }
  });

  it("every file made from the data files (docs/requirements.md, src/requirement-ids.ts, ...) is what `npm run docs` makes now", async () => {
    const { GENERATED_FILES } = await import("../../scripts/generated-files.js");
    for (const f of GENERATED_FILES) {
      const committed = readFileSync(new URL(`../../${f.path}`, import.meta.url), "utf8");
      expect(committed === (await f.make()), `${f.path} is out of date: run npm run docs`).to.equal(true);
    }
  });

  it("never puts a MUST on an interpretation", () => {
    for (const r of requirements) {
      if (r.source.kind === "interpretation" || r.interpretation !== undefined) expect(r.level, `${r.id} rests on an interpretation`).to.equal("SHOULD");
    }
  });

  it("links only to interpretations that exist, each with its default among its choices", () => {
    const names = new Set(interpretations.map((i) => i.name));
    for (const r of requirements) if (r.interpretation) expect(names, r.id).to.include(r.interpretation);
    for (const i of interpretations) {
      expect(Object.keys(i.choices), i.name).to.include(i.default);
      expect(Object.keys(i.choices), i.name).to.include("any");
    }
  });

  describe("against the specs and the contract verification, as --list sees them", () => {
    let listed: Listed[];
    const dir = tempDir("csc-catalogue");
    before(async () => {
      listed = [];
      for (const command of [[], ["pact"]]) {
        const file = join(dir, `list-${command.length}.json`);
        const { code, stderr } = await runCli([...command, "--list", "--report-json", file]);
        expect(code, stderr).to.equal(0);
        listed.push(...(JSON.parse(readFileSync(file, "utf8")) as { tests: Listed[] }).tests);
      }
    });

    it("lists tests", () => expect(listed.length).to.be.above(30));

    it("names only known requirement ids in every test, and at least one", () => {
      const known = new Set(requirements.map((r) => r.id));
      for (const t of listed) {
        expect(t.requirements.length, t.id).to.be.above(0);
        for (const id of t.requirements) expect(known.has(id), `${t.id} names unknown requirement ${id}`).to.equal(true);
      }
    });

    it("has a test for every requirement (every MUST, and every SHOULD too)", () => {
      const tested = new Set(listed.flatMap((t) => t.requirements));
      const untested = requirements.filter((r) => !tested.has(r.id)).map((r) => `${r.id} (${r.level})`);
      expect(untested, "requirements without a test").to.deep.equal([]);
    });

    it("gives every test a unique id", () => {
      const ids = listed.map((t) => t.id);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).to.deep.equal([]);
    });
  });
});
