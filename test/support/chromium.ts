/**
 * Debian's headless Chromium, driven by puppeteer-core, for the tests of the HTML pages the
 * commands write: a page opened from its file, with every request it makes and every script or
 * console error (a CSP violation is one) recorded.
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer-core";

const CHROMIUM = "/usr/bin/chromium";

export interface Opened {
  page: Page;
  url: string;
  requests: string[];
  problems: string[];
}

/** Fails, never skips, without Chromium: a page check that quietly does not run is worse than none. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium (bash scripts/system-packages.sh) to run the HTML pages' tests`);
  return puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
}

export async function openFile(browser: Browser, file: string): Promise<Opened> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const opened: Opened = { page, url: pathToFileURL(file).href, requests: [], problems: [] };
  page.on("request", (r) => opened.requests.push(r.url()));
  page.on("pageerror", (e) => opened.problems.push(String(e)));
  page.on("console", (m) => m.type() === "error" && opened.problems.push(m.text()));
  await page.goto(opened.url, { waitUntil: "load" });
  return opened;
}

/** Whether each element matching the selector is rendered (not hidden by a filter or otherwise). */
export const visibility = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => e.checkVisibility()));
