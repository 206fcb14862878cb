/**
 * The HTML report of real runs (--report-html) as a browser shows it: the command writes the
 * file, Debian's headless Chromium (driven by puppeteer-core) opens it, and every check is on
 * the rendered page: the verdict, the requirement matrix, failures with the clients they break
 * and a visible curl line, outcome filters that hide and show rows, and no request beyond the
 * file itself. With UPDATE_SCREENSHOT=1 it also saves docs/report-screenshot.png.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import type { Browser } from "puppeteer-core";
import { requirement, requirements } from "../../src/harness/catalogue.js";
import { launchChromium, openFile, visibility, type Opened } from "../support/chromium.js";
import { runCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const SCREENSHOT = fileURLToPath(new URL("../../docs/report-screenshot.png", import.meta.url));
const SEEDED = ["--histories", "0", "--seed", "1"];

describe("report: HTML, rendered in headless Chromium", function () {
  this.timeout(120_000);
  const dir = tempDir("csc-html");
  let browser: Browser | undefined;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  /** Runs the command with these arguments and an HTML report, and opens the report. */
  async function runAndOpen(name: string, args: string[], exit: number): Promise<Opened> {
    const file = join(dir, `${name}.html`);
    const run = await runCli([...args, "--report-html", file], 60_000);
    expect(run.code, run.stderr || run.stdout.slice(-2000)).to.equal(exit);
    return openFile(browser!, file);
  }

  describe("a failing run (variant page-drops-last-record)", () => {
    let o: Opened;
    before(async () => {
      o = await runAndOpen("failing", [...SEEDED, "--variant", "page-drops-last-record"], 1);
      if (process.env.UPDATE_SCREENSHOT === "1") await o.page.screenshot({ path: SCREENSHOT });
    });

    it("shows the verdict 'does not conform' and exit code 1, in red", async () => {
      const verdict = await o.page.$eval("#verdict", (e) => ({ text: e.textContent ?? "", background: getComputedStyle(e).backgroundColor }));
      expect(verdict.text).to.include("does not conform").and.include("exit code 1");
      expect(verdict.background).to.equal("rgb(207, 34, 46)");
      expect(await visibility(o.page, "#verdict")).to.deep.equal([true]);
    });

    it("has a matrix row for every requirement of the catalogue, LR-PAGE-WALK's saying failed", async () => {
      const rows = await o.page.$$eval("#matrix tr[data-requirement]", (els) => els.map((e) => e.getAttribute("data-requirement")));
      expect(rows).to.deep.equal([...requirements.keys()]);
      const walk = await o.page.$eval('#matrix tr[data-requirement="LR-PAGE-WALK"]', (e) => ({
        outcome: e.querySelector(".outcome")!.textContent,
        tests: e.querySelector(".tests")!.textContent,
      }));
      expect(walk.outcome).to.equal("failed");
      expect(walk.tests).to.match(/\b4 failed\b/);
    });

    it("shows LR-PAGE-WALK's failure with the clients it breaks and a visible curl line", async () => {
      const block = '.failure[data-requirement="LR-PAGE-WALK"]';
      expect(await visibility(o.page, block))
        .to.have.length(4)
        .and.not.include(false);
      expect(await visibility(o.page, `${block} .curl`))
        .to.have.length.above(0)
        .and.not.include(false);
      const curl = await o.page.$eval(`${block} .curl`, (e) => e.textContent ?? "");
      expect(curl).to.include("curl -sS").and.not.include("\u001b");
      const breaks = await o.page.$eval(`${block} .breaks`, (e) => (e as HTMLElement).innerText);
      for (const b of requirement("LR-PAGE-WALK").breaks!) expect(breaks).to.include(`${b.client}: ${b.effect}`);
    });

    it("hides the passed rows when 'passed' is unchecked and shows them again when it is checked", async () => {
      const passed = "[data-outcome=passed]";
      expect(await visibility(o.page, passed))
        .to.have.length.above(50)
        .and.not.include(false);
      await o.page.click("input[name=filter][value=passed]");
      expect(await visibility(o.page, passed)).not.to.include(true);
      expect(await visibility(o.page, "[data-outcome=failed]")).not.to.include(false);
      await o.page.click("input[name=filter][value=passed]");
      expect(await visibility(o.page, passed)).not.to.include(false);
    });

    it("makes no request beyond the file itself, and has no script or policy errors", () => {
      expect(o.requests).to.deep.equal([o.url]);
      expect(o.problems).to.deep.equal([]);
    });
  });

  describe("a passing run", () => {
    it("shows the verdict 'conforms' and exit code 0, in green, with no failures", async () => {
      const o = await runAndOpen("passing", SEEDED, 0);
      const verdict = await o.page.$eval("#verdict", (e) => ({ text: e.textContent ?? "", background: getComputedStyle(e).backgroundColor }));
      expect(verdict.text)
        .to.match(/\bconforms\b/)
        .and.include("exit code 0")
        .and.not.include("does not conform");
      expect(verdict.background).to.equal("rgb(26, 127, 55)");
      expect(await o.page.$$(".failure")).to.have.length(0);
      expect(await o.page.$$("#matrix tr[data-outcome=failed]")).to.have.length(0);
      expect(o.requests).to.deep.equal([o.url]);
    });
  });
});
