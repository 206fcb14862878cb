/**
 * The suite can fail, for every bug in the catalogue: `cognito-sync-conformance mutants`
 * runs it against every broken variant of the reference endpoint, and each must be killed
 * by the requirement the bug was meant to break. Each fixed run is a compare with the reference's
 * shipped recording (snapshots/reference), so every bug an answer shows is found where it is.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { tempDir } from "../support/temp-dir.js";
import type { ConformingResult, VariantResult } from "../../src/cli/mutants.js";
import { conformingVariants, variants } from "../../src/reference/variants.js";
import { runCli } from "../support/run-cli.js";
import { requirements } from "../../src/harness/catalogue.js";
import { BUG_PATHS, INVISIBLE } from "../support/variant-paths.js";

const SHIPPED = new URL("../../snapshots/reference", import.meta.url).pathname;

describe("mutants: the suite against every broken variant of the reference endpoint", function () {
  this.timeout(600_000);
  const dir = tempDir("csc-mutants-test");
  let stdout = "";
  let code: number | null = null;
  let results: VariantResult[] = [];
  let conforming: ConformingResult[] = [];

  before(async () => {
    const report = join(dir, "mutants.json");
    // With the reference's shipped recording, each fixed run is also a compare: where each bug shows in the answers.
    ({ code, stdout } = await runCli(["mutants", "--snapshots", SHIPPED, "--report-json", report], 600_000));
    ({ variants: results, conforming } = JSON.parse(readFileSync(report, "utf8")) as { variants: VariantResult[]; conforming: ConformingResult[] });
  });

  it("has at least 30 variants, each with a description and the requirement it breaks", () => {
    expect(Object.keys(variants).length).to.be.at.least(30);
    for (const [name, v] of Object.entries(variants)) {
      expect(v.description.length, name).to.be.above(15);
      expect(v.breaks, name).to.match(/^LR-/);
    }
  });

  it("exits 0 and prints the closing count when every variant is killed", () => {
    expect(code, stdout.slice(-3000)).to.equal(0);
    expect(stdout).to.match(new RegExp(`^${results.length + conforming.length} passed, 0 failed$`, "m"));
  });

  it("every requirement is caught by a broken variant built to break it, or says why none is (its variantGap)", () => {
    // Caught as intended, through a failed check: every run asserts that (above), so this holds with any seed; a
    // requirement other variants' runs fail only incidentally may miss a seed, and a failed set-up judged nothing.
    const caught = new Set(results.flatMap((r) => (r.killed && r.failedChecks.includes(r.breaks) ? [r.breaks] : [])));
    // A variant meant to break it but caught only through others (killed*) is named: an earlier MUST check may mask it.
    const meant = (id: string) =>
      results
        .filter((r) => r.breaks === id)
        .map((r) => `${r.variant} caught by ${r.caughtBy.join(" ") || "nothing"}`)
        .join("; ");
    const uncaught = [...requirements.values()].filter((r) => !caught.has(r.id) && r.variantGap === undefined).map((r) => `${r.id}${meant(r.id) ? ` (${meant(r.id)})` : ""}`);
    expect(uncaught, "add a variant that breaks each, or give it a variantGap in specs/requirements.json").to.deep.equal([]);
    const stale = [...requirements.values()].filter((r) => caught.has(r.id) && r.variantGap !== undefined).map((r) => r.id);
    expect(stale, "caught now: remove their variantGap").to.deep.equal([]);
  });

  for (const [name, v] of Object.entries(conformingVariants)) {
    it(`passes the conforming variant '${name}' (suite and contract), under ${JSON.stringify(v.interpretations)}`, () => {
      const r = conforming.find((x) => x.variant === name);
      expect(r, "in the report").to.not.equal(undefined);
      expect(r!.passed, `falsely failed: ${r!.description}; failed ${r!.failedRequirements.join(" ")}`).to.equal(true);
      expect(stdout).to.match(new RegExp(`^${name}\\s+passes`, "m"));
    });
  }

  for (const name of Object.keys(variants)) {
    it(`kills '${name}' through ${variants[name]!.breaks}`, () => {
      const r = results.find((x) => x.variant === name);
      expect(r, "in the report").to.not.equal(undefined);
      expect(r!.killed, `survived: ${r!.description}`).to.equal(true);
      expect(r!.caughtBy, "the requirements that caught it").to.include(variants[name]!.breaks);
      expect(stdout).to.match(new RegExp(`^${name}\\s+killed\\s`, "m"));
    });
  }

  it("says, for every broken variant the fixed scenarios catch, where a compare shows its bug or why none can", () => {
    const fixedOnly = Object.keys(variants).filter((n) => !variants[n]!.needsHistory);
    expect(
      fixedOnly.filter((n) => n in BUG_PATHS === n in INVISIBLE),
      "in test/support/variant-paths.ts: exactly one of BUG_PATHS and INVISIBLE",
    ).to.deep.equal([]);
  });

  for (const [name, path] of Object.entries(BUG_PATHS)) {
    it(`shows '${name}' as a difference from the reference's recording at ${path}`, () => {
      const r = results.find((x) => x.variant === name);
      expect(r?.differences, "a compare ran").to.not.equal(undefined);
      expect(
        r!.differences!.paths.filter((p) => path.test(p)),
        `differences at ${r!.differences!.paths.join(", ")}`,
      ).to.not.deep.equal([]);
    });
  }
});
