/**
 * `diff BASE.json HEAD.json --html FILE` on real runs, its page as headless Chromium shows it:
 * the head run's report with a #diff section that lists the same changes as the terminal, each
 * linked to its test's row in the report below, and fetches nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import type { Browser } from "puppeteer-core";
import { launchChromium, openFile, visibility, type Opened } from "../support/chromium.js";
import { quickReport } from "../support/quick-reports.js";
import { runCli, shown, type Finished } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const KIND_OF_HEADING: Record<string, string> = { regressions: "regression", fixes: "fix", "new tests": "new", "removed tests": "removed", "otherwise changed": "changed" };

/** The changes the terminal lists: each test id under its heading, as a kind. */
function terminalChanges(stdout: string): Array<{ id: string; change: string }> {
  let change = "";
  return stdout.split("\n").flatMap((line) => {
    const heading = /^(.+) \(\d+\):$/.exec(line);
    if (heading) change = KIND_OF_HEADING[heading[1]!]!;
    const test = /^ {2}(\S+): /.exec(line);
    return test ? [{ id: test[1]!, change }] : [];
  });
}

describe("report: the diff's HTML page, rendered in headless Chromium", function () {
  this.timeout(300_000);
  const dir = tempDir("csc-diff-html");
  const html = join(dir, "diff.html");
  let browser: Browser | undefined;
  let base: string;
  let head: string;
  let diff: Finished;
  let o: Opened;

  before(async () => {
    browser = await launchChromium();
    [base, head] = await Promise.all([quickReport("reference"), quickReport("page-drops-last-record")]);
    diff = await runCli(["diff", base, head, "--html", html]);
    expect(diff.code, shown(diff)).to.equal(1);
    o = await openFile(browser, html);
  });
  after(async () => browser?.close());

  it("lists in #diff, below the head run's verdict, the same changes as the terminal, with its counts line", async () => {
    const rows = await o.page.$$eval("#diff tr[data-test]", (trs) => trs.map((tr) => ({ id: tr.dataset.test!, change: tr.dataset.change! })));
    const printed = terminalChanges(diff.stdout);
    expect(printed.filter((c) => c.change === "regression")).to.not.be.empty;
    expect(rows).to.deep.equal(printed);
    expect(await o.page.$eval("#diff .counts", (e) => e.textContent)).to.equal(diff.stdout.trimEnd().split("\n").at(-1));
    expect(await o.page.$eval("#verdict + #diff h2", (e) => e.textContent)).to.equal(`Changes since ${base}`);
  });

  it("links each changed test to its row in the report below, which shows the head run's outcome", async () => {
    const links = await o.page.$$eval("#diff tr[data-test]", (trs) =>
      trs.map((tr) => {
        const href = tr.querySelector("a.test")?.getAttribute("href");
        const target = href ? document.getElementById(href.slice(1)) : null;
        return {
          id: tr.dataset.test!,
          head: tr.querySelector("td.outcome")!.textContent,
          target: target && { table: target.closest("table")!.id, test: target.dataset.test, outcome: target.querySelector("td.outcome")!.textContent },
        };
      }),
    );
    expect(links).to.not.be.empty;
    for (const l of links) {
      expect(l.target, l.id).to.include({ table: "tests", test: l.id });
      // The report adds "(not counted without --strict)" to a SHOULD failure.
      expect(l.target!.outcome, l.id).to.satisfy((o: string) => o.startsWith(l.head!));
    }
    await o.page.click("#diff a.test");
    expect(await (await o.page.$(`#tests tr[data-test="${links[0]!.id}"]`))!.isIntersectingViewport()).to.equal(true);
  });

  it("keeps the head run's report whole below, makes no request beyond the file and has no script errors", async () => {
    expect(await visibility(o.page, "#verdict, #matrix, #tests")).to.deep.equal([true, true, true]);
    expect(await o.page.$$(".failure")).to.have.length(JSON.parse(readFileSync(head, "utf8")).summary.failed);
    expect(o.requests).to.deep.equal([o.url]);
    expect(o.problems).to.deep.equal([]);
  });

  it("says no test changed when the runs agree, and exits 0", async () => {
    const same = join(dir, "same.html");
    const r = await runCli(["diff", base, base, "--html", same]);
    expect(r.code, shown(r)).to.equal(0);
    expect(readFileSync(same, "utf8")).to.match(/<section id="diff">[\s\S]*<p>No test changed\.<\/p><\/section>/);
  });
});
