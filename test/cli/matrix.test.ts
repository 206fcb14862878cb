/** `matrix` refuses what it cannot put side by side: exit 2 and one line, before writing anything. */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "chai";
import { expectOneLine, runCli, shown } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

describe("cli: matrix refuses bad input", () => {
  const dir = tempDir("csc-matrix-usage");
  const html = join(dir, "matrix.html");
  const file = (name: string, text: string) => (mkdirSync(dirname(join(dir, name)), { recursive: true }), writeFileSync(join(dir, name), text), join(dir, name));

  it("prints its usage with --help, exit 0", async () => {
    const r = await runCli(["matrix", "--help"]);
    expect(r.code, shown(r)).to.equal(0);
    expect(r.stdout).to.match(/^Usage: cognito-sync-conformance matrix A\.json \[B\.json \.\.\.\] --html FILE$/m);
  });

  for (const c of [
    { name: "no report", args: () => ["matrix", "--html", html], says: /matrix takes one JSON report or more/ },
    { name: "no --html", args: () => ["matrix", file("a.json", "{}")], says: /matrix writes its page to --html FILE/ },
    { name: "--html without a file", args: () => ["matrix", file("a.json", "{}"), "--html"], says: /--html needs a FILE/ },
    { name: "--html twice", args: () => ["matrix", file("a.json", "{}"), "--html", html, "--html", html], says: /--html is given twice/ },
    { name: "an unknown option", args: () => ["matrix", file("a.json", "{}"), "--html", html, "--label", "x"], says: /unknown option --label/ },
    { name: "a file that does not exist", args: () => ["matrix", join(dir, "none.json"), "--html", html], says: /cannot read .*none\.json as JSON: ENOENT/ },
    { name: "a file that is not JSON", args: () => ["matrix", file("text.json", "text"), "--html", html], says: /cannot read .*text\.json as JSON/ },
    { name: "a report of another format", args: () => ["matrix", file("old.json", '{"formatVersion":2}'), "--html", html], says: /old\.json is not a report of format 3/ },
    {
      name: "JSON that is not a report",
      args: () => ["matrix", file("bare.json", '{"formatVersion":3}'), "--html", html],
      says: /bare\.json is not a valid report: \/ must have required property/,
    },
    {
      name: "a --list listing",
      args: () => ["matrix", file("listed.json", '{"formatVersion":3,"listing":true}'), "--html", html],
      says: /listed\.json is a --list listing, not a run's report/,
    },
    {
      name: "two reports of the same name",
      args: () => ["matrix", file("main/run.json", "{}"), file("pr/run.json", "{}"), "--html", html],
      says: /two reports are both labelled run \(a run's label is its file's name without \.json\): rename one/,
    },
  ]) {
    it(`refuses ${c.name}: exit 2, one line, no page`, async () => {
      const r = await runCli(c.args());
      expect(r.code, shown(r)).to.equal(2);
      expect(expectOneLine(r)).to.match(c.says);
      expect(existsSync(html)).to.equal(false);
    });
  }
});
