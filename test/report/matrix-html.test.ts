/**
 * The matrix command over real runs, its page as headless Chromium shows it: the reference and
 * three broken variants (a MUST failure, a SHOULD one, and one that leaves most tests not
 * judged) side by side. Every cell must say what that run's own JSON report says, every
 * failure's link must lead to that run's failure of that test, the filters must hide rows, and
 * the page must fetch nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import type { Browser } from "puppeteer-core";
import { requirements } from "../../src/harness/catalogue.js";
import type { RunRecord } from "../../src/report/run-record.js";
import { launchChromium, openFile, visibility, type Opened } from "../support/chromium.js";
import { quickReport } from "../support/quick-reports.js";
import { runCli, shown, type Finished } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const RUNS = ["reference", "page-drops-last-record", "count-off-by-one", "no-session-token"];

/** What a report says of a row, as the page must show it: the outcome, a failure's level added. */
const said = (outcome: string, level: string | undefined) => (outcome === "failed" ? `failed (${level})` : outcome);

interface ShownCell {
  row: string;
  run: string;
  outcome: string;
  text: string;
}

describe("report: the matrix of runs, rendered in headless Chromium", function () {
  this.timeout(300_000);
  const html = join(tempDir("csc-matrix"), "pages", "matrix.html");
  let browser: Browser | undefined;
  let records: RunRecord[];
  let made: Finished;
  let o: Opened;

  before(async () => {
    browser = await launchChromium();
    const files = await Promise.all(RUNS.map(quickReport));
    records = files.map((f) => JSON.parse(readFileSync(f, "utf8")) as RunRecord);
    made = await runCli(["matrix", ...files, "--html", html]);
    expect(made.code, shown(made)).to.equal(0);
    o = await openFile(browser, html);
  });
  after(async () => browser?.close());

  /** Every cell of a table as the page shows it. */
  const cells = (table: string, key: string): Promise<ShownCell[]> =>
    o.page.$$eval(
      `#${table} td[data-implementation]`,
      (tds, key) => tds.map((td) => ({ row: td.parentElement!.getAttribute(key)!, run: td.dataset.implementation!, outcome: td.dataset.outcome!, text: td.textContent! })),
      key,
    );

  it("prints each run's exit code and counts, and how many rows the runs differ on", async () => {
    const lines = made.stdout.trimEnd().split("\n");
    expect(lines[0]).to.equal(`matrix: 4 runs -> ${html}`);
    for (const [i, r] of records.entries()) {
      const counts = new Map<string, number>();
      for (const t of r.tests) counts.set(said(t.outcome.kind, t.failedLevel), (counts.get(said(t.outcome.kind, t.failedLevel)) ?? 0) + 1);
      const line = lines[i + 1]!;
      expect(line).to.match(new RegExp(`^  ${RUNS[i]} \\(exit ${r.verdict.exitCode}\\): requirements .*; tests `));
      for (const [text, n] of counts) expect(line, text).to.match(new RegExp(`[ ,]${n} ${text.replace(/[()]/g, "\\$&")}(,|$)`));
    }
    const differ = await o.page.$$eval("tr[data-requirement][data-differ=true]", (els) => els.length);
    expect(differ).to.be.above(0);
    expect(lines.at(-1)).to.match(new RegExp(`^the runs differ on ${differ} of ${requirements.size} requirements and \\d+ of \\d+ tests$`));
  });

  it("has a row for every requirement of the catalogue, in its order, and one for every test", async () => {
    expect(await o.page.$$eval("#matrix-requirements tr[data-requirement]", (els) => els.map((e) => e.getAttribute("data-requirement")))).to.deep.equal([...requirements.keys()]);
    expect(await o.page.$$eval("#matrix-tests tr[data-test]", (els) => els.map((e) => e.getAttribute("data-test")))).to.deep.equal(records[0]!.tests.map((t) => t.id));
  });

  it("shows in every cell what that run's own report says of the requirement or the test", async () => {
    const requirementCells = records[0]!.requirements.flatMap((q) =>
      records.map((r, i) => {
        const own = r.requirements.find((x) => x.id === q.id)!;
        return { row: q.id, run: RUNS[i]!, outcome: own.outcome, text: said(own.outcome, own.level) };
      }),
    );
    const testCells = records[0]!.tests.flatMap((q) =>
      records.map((r, i) => {
        const own = r.tests.find((t) => t.id === q.id)!;
        return { row: q.id, run: RUNS[i]!, outcome: own.outcome.kind, text: said(own.outcome.kind, own.failedLevel) };
      }),
    );
    expect(await cells("matrix-requirements", "data-requirement")).to.deep.equal(requirementCells);
    expect(await cells("matrix-tests", "data-test")).to.deep.equal(testCells);
    // The runs were chosen to show these; without them the check above would prove little.
    expect(new Set(testCells.map((c) => c.text))).to.include.members(["passed", "failed (MUST)", "failed (SHOULD)", "not judged"]);
  });

  it("links every failure's cell to that run's failure of that test, which shows its error and curl line", async () => {
    const links = await o.page.$$eval("td[data-implementation] a.to-failure", (as) =>
      as.map((a) => {
        const td = a.closest("td")!;
        const tr = td.parentElement!;
        const target = document.getElementById(a.getAttribute("href")!.slice(1));
        return {
          run: td.dataset.implementation!,
          requirement: tr.dataset.requirement,
          test: tr.dataset.test,
          target: target && {
            className: target.className,
            run: target.dataset.implementation,
            test: target.dataset.test!,
            requirement: target.dataset.requirement,
            error: target.querySelector("pre.error")?.textContent ?? "",
            curl: target.querySelector("pre.error .curl")?.textContent,
          },
        };
      }),
    );
    for (const [i, r] of records.entries()) {
      const failed = r.tests.filter((t) => t.status === "failed").map((t) => t.id);
      expect(
        links.filter((l) => l.run === RUNS[i] && l.test).map((l) => l.test),
        RUNS[i],
      ).to.deep.equal(failed);
    }
    expect(links.filter((l) => l.requirement)).to.not.be.empty;
    for (const l of links) {
      expect(l.target, `${l.run}: ${l.test ?? l.requirement}`).to.include({ className: "failure", run: l.run });
      if (l.test) expect(l.target!.test).to.equal(l.test);
      else expect(l.target!.requirement).to.equal(l.requirement);
      const t = records[RUNS.indexOf(l.run)]!.tests.find((x) => x.id === l.target!.test)!;
      expect(l.target!.error).to.include(t.error!.split("\n")[0]);
      if (t.check) expect(l.target!.error).to.include(t.check.expected).and.include(t.check.actual);
      if (t.check?.exchange) expect(l.target!.curl).to.match(/^\s*reproduce: curl -sS /);
    }
    const link = 'tr[data-test="pagination/pages-come-out-even"] td[data-implementation="page-drops-last-record"] a';
    const href = await o.page.$eval(link, (a) => a.getAttribute("href")!);
    await o.page.click(link);
    expect(await o.page.evaluate(() => location.hash)).to.equal(href);
    expect(await (await o.page.$(href))!.isIntersectingViewport()).to.equal(true);
  });

  /** Each row of both tables: whether it is shown, its id, whether the runs differ, and its cells' outcomes. */
  const rows = () =>
    o.page.$$eval("tr[data-differ]", (trs) =>
      trs.map((tr) => ({
        shown: tr.checkVisibility(),
        id: (tr.dataset.requirement ?? tr.dataset.test)!,
        differ: tr.dataset.differ === "true",
        outcomes: [...tr.querySelectorAll("td[data-outcome]")].map((td) => td.getAttribute("data-outcome")),
      })),
    );

  it("hides the rows where every run passed when 'passed' is unchecked, and shows them again", async () => {
    await o.page.click("input[name=outcome][value=passed]");
    const unchecked = await rows();
    expect(unchecked.filter((r) => !r.shown)).to.not.be.empty;
    for (const r of unchecked) expect(r.shown, r.id).to.equal(r.outcomes.some((x) => x !== "passed"));
    await o.page.click("input[name=outcome][value=passed]");
    expect((await rows()).map((r) => r.shown)).to.not.include(false);
  });

  it("shows only the rows where the runs differ, and only ids holding the text typed", async () => {
    await o.page.click("input[name=differ]");
    const differing = await rows();
    expect(differing.filter((r) => r.shown)).to.not.be.empty.and.not.have.length(differing.length);
    for (const r of differing) expect(r.shown, r.id).to.equal(r.differ);
    await o.page.click("input[name=differ]");
    await o.page.type("input[name=find]", "Pagination/");
    const found = await rows();
    expect(found.filter((r) => r.shown)).to.not.be.empty;
    for (const r of found) expect(r.shown, r.id).to.equal(r.id.includes("pagination/"));
    await o.page.$eval("input[name=find]", (e) => (((e as HTMLInputElement).value = ""), e.dispatchEvent(new Event("input"))));
    expect(await visibility(o.page, "tr[data-differ]")).to.not.include(false);
  });

  it("makes no request beyond the file itself, and has no script or policy errors", () => {
    expect(o.requests).to.deep.equal([o.url]);
    expect(o.problems).to.deep.equal([]);
  });
});
