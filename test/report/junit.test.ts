/**
 * The JUnit report of real runs (--report-junit), as a CI publisher reads it: valid against
 * schemas/junit.xsd (checked by xmllint), counts that match its elements, failures, errors and
 * skips that agree with the exit code, names that do not change from seed to seed, and no
 * terminal colour codes.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { XMLParser } from "fast-xml-parser";
import { runCli, type Finished } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const SCHEMA = fileURLToPath(new URL("../../schemas/junit.xsd", import.meta.url));

type Attrs = Record<string, string>;
interface Case {
  attrs: Attrs;
  failures: Attrs[];
  errors: Attrs[];
  skipped: Attrs[];
  out: string[];
}
interface Report {
  xml: string;
  attrs: Attrs;
  suites: Array<{ attrs: Attrs; cases: Case[] }>;
}
type Node = Record<string, unknown>;

const LISTS = ["testsuite", "testcase", "failure", "error", "skipped", "system-out", "system-err", "property"];
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseAttributeValue: false, parseTagValue: false, isArray: (name) => LISTS.includes(name) });

const attrsOf = (n: unknown): Attrs =>
  typeof n === "object" && n !== null ? Object.fromEntries(Object.entries(n).flatMap(([k, v]) => (k.startsWith("@") ? [[k.slice(1), String(v)]] : []))) : {};
const textOf = (n: unknown): string => (typeof n === "object" && n !== null ? String((n as Node)["#text"] ?? "") : String(n ?? ""));
const children = (n: Node, name: string) => (n[name] ?? []) as unknown[];

function parse(xml: string): Report {
  const root = (parser.parse(xml) as { testsuites?: Node }).testsuites;
  expect(root, "a <testsuites> root").to.be.an("object");
  const suites = children(root!, "testsuite").map((s) => ({
    attrs: attrsOf(s),
    cases: children(s as Node, "testcase").map((c) => ({
      attrs: attrsOf(c),
      failures: children(c as Node, "failure").map(attrsOf),
      errors: children(c as Node, "error").map(attrsOf),
      skipped: children(c as Node, "skipped").map(attrsOf),
      out: children(c as Node, "system-out").map(textOf),
    })),
  }));
  return { xml, attrs: attrsOf(root), suites };
}

/** Fails (never skips) when xmllint is not installed: the schema check is the point of these tests. */
function expectValid(file: string): void {
  const r = spawnSync("xmllint", ["--noout", "--schema", SCHEMA, file], { encoding: "utf8" });
  if (r.error)
    expect.fail(`cannot run xmllint (${r.error.message}): install libxml2-utils (e.g. apt-get install libxml2-utils) to check the JUnit report against schemas/junit.xsd`);
  expect(r.status, `xmllint --schema schemas/junit.xsd ${file}:\n${r.stderr}`).to.equal(0);
}

const allCases = (r: Report) => r.suites.flatMap((s) => s.cases);
const total = (cases: Case[], kind: "failures" | "errors" | "skipped") => cases.reduce((n, c) => n + c[kind].length, 0);

/** The counts on every testsuite and on testsuites equal the numbers of elements they count. */
function expectCountsMatch(r: Report): void {
  const counted = (attrs: Attrs, cases: Case[], where: string) => {
    expect(Number(attrs.tests), `${where} tests`).to.equal(cases.length);
    expect(Number(attrs.failures), `${where} failures`).to.equal(total(cases, "failures"));
    expect(Number(attrs.errors), `${where} errors`).to.equal(total(cases, "errors"));
    if (attrs.skipped !== undefined) expect(Number(attrs.skipped), `${where} skipped`).to.equal(total(cases, "skipped"));
  };
  for (const s of r.suites) counted(s.attrs, s.cases, `testsuite ${s.attrs.name}`);
  counted(r.attrs, allCases(r), "testsuites");
}

const SEEDED = ["--histories", "0", "--seed", "1"];
const SKIPPING = ["--interpretation", "count=any", "--grep", "LR-PAGE-COUNT|LR-PAGE-MAX"];

/** The runs whose reports the tests read, and the exit code each must end with. */
const RUNS = {
  passing: { args: SEEDED, exit: 0 },
  "passing, another seed": { args: ["--histories", "0", "--seed", "2"], exit: 0 },
  failing: { args: [...SEEDED, "--variant", "page-drops-last-record"], exit: 1 },
  "SHOULD miss": { args: [...SEEDED, "--variant", "token-only-on-last-page"], exit: 0 },
  "SHOULD miss, --strict": { args: [...SEEDED, "--variant", "token-only-on-last-page", "--strict"], exit: 1 },
  aborted: { args: [...SEEDED, "--endpoint", "http://127.0.0.1:1"], exit: 2 },
  "with skips": { args: [...SEEDED, ...SKIPPING], exit: 0 },
} as const;
type RunName = keyof typeof RUNS;

describe("report: the JUnit XML report of real runs", function () {
  this.timeout(180_000);
  const dir = tempDir("csc-junit");
  const done = {} as Record<RunName, { run: Finished; file: string }>;
  let listed: Finished;
  const report = (name: RunName) => parse(readFileSync(done[name].file, "utf8"));

  // One run at a time: side by side they compete for the CPU, and a request that times out
  // would turn a verdict into "not judged".
  before(async () => {
    for (const [i, [name, { args }]] of Object.entries(RUNS).entries()) {
      const file = join(dir, `run-${i}.xml`);
      done[name as RunName] = { run: await runCli([...args, "--report-junit", file], 60_000), file };
    }
    listed = await runCli(["--list", ...SEEDED, ...SKIPPING]);
  });

  for (const [name, { exit }] of Object.entries(RUNS) as Array<[RunName, { exit: number }]>) {
    it(`${name}: exits ${exit}, writes a file valid against schemas/junit.xsd, with matching counts and no terminal colour codes`, () => {
      const { run, file } = done[name];
      expect(run.code, `exit code; stderr: ${run.stderr}`).to.equal(exit);
      expect(existsSync(file), file).to.equal(true);
      expectValid(file);
      const r = report(name);
      expect(allCases(r), "testcases").to.not.be.empty;
      expectCountsMatch(r);
      expect(r.xml.includes("\u001b"), "an ESC character in the file").to.equal(false);
    });
  }

  it("a passing run has no failure or error elements", () => {
    const cases = allCases(report("passing"));
    expect(total(cases, "failures") + total(cases, "errors")).to.equal(0);
  });

  it("a failing run has a <failure> typed by the broken MUST requirement (LR-PAGE-WALK), with a message", () => {
    const walks = allCases(report("failing"))
      .flatMap((c) => c.failures)
      .filter((f) => f.type?.startsWith("LR-PAGE-WALK"));
    expect(walks, "failures typed LR-PAGE-WALK").to.not.be.empty;
    for (const f of walks) expect(f.message, "message").to.be.a("string").and.not.equal("");
  });

  it("a SHOULD miss fails no testcase, and is in a <system-out>", () => {
    const cases = allCases(report("SHOULD miss"));
    expect(total(cases, "failures") + total(cases, "errors")).to.equal(0);
    expect(cases.flatMap((c) => c.out).some((o) => o.includes("LR-SESSION-EVERY-PAGE (SHOULD)"))).to.equal(true);
  });

  it("with --strict, the SHOULD miss is a <failure> typed LR-SESSION-EVERY-PAGE (SHOULD)", () => {
    const types = allCases(report("SHOULD miss, --strict")).flatMap((c) => c.failures.map((f) => f.type));
    expect(types).to.include("LR-SESSION-EVERY-PAGE (SHOULD)");
  });

  it("a run that ended before its tests is one testcase in <error>, saying why", () => {
    const cases = allCases(report("aborted"));
    expect(cases).to.have.length(1);
    expect(cases[0]!.attrs.name).to.equal("run/aborted: the run reaches its tests");
    expect(cases[0]!.errors).to.have.length(1);
    expect(cases[0]!.errors[0]!.message).to.include("127.0.0.1:1");
  });

  it("tests that did not run are <skipped> with the reason --list gives", () => {
    // --list prints "skip  LEVEL  ID  TITLE  [IDS]" and, on the next line, "skipped: REASON"; a testcase is named "ID: TITLE".
    const lines = listed.stdout.split("\n");
    const expected = lines.flatMap((l, i) => {
      const m = /^skip\s+(?:MUST|SHOULD)\s+(\S+)\s+(.*?)\s+\[[^\]]*\]$/.exec(l);
      return m ? [{ name: `${m[1]!}: ${m[2]!}`, message: lines[i + 1]!.trim().replace(/^skipped: /, "") }] : [];
    });
    expect(expected, `--list output:\n${listed.stdout}`).to.not.be.empty;
    const skipped = allCases(report("with skips")).flatMap((c) => c.skipped.map((s) => ({ name: c.attrs.name, message: s.message })));
    expect(skipped).to.deep.equal(expected);
    for (const s of skipped) expect(s.message).to.be.a("string").and.not.equal("");
  });

  it("testcase classnames and names are the same whatever the seed", () => {
    const pairs = (name: RunName) =>
      allCases(report(name))
        .map((c) => `${c.attrs.classname}\t${c.attrs.name}`)
        .sort();
    expect(pairs("passing")).to.not.be.empty;
    expect(pairs("passing, another seed")).to.deep.equal(pairs("passing"));
  });
});
