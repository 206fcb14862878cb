/**
 * Reproductions that reproduce: after a run with --keep-data against a server in another
 * process, the curl line of a failure, run as printed (placeholder credentials spelled out,
 * nothing to export), gets the answer the failure shows; without --keep-data the data is gone.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import type { TestResult } from "../../src/report/results.js";
import { runCli, startCli, type Started } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const ONE_TEST = ["--histories", "0", "--parallel-histories", "0", "--grep", "maxResults 7 walks"];

/** The failure's exchange as its text shows it: the status, the answer's body (cut), and the curl line. */
function shownExchange(error: string): { status: number; body: string; curl: string } {
  const lines = error.split("\n").map((l) => l.trim());
  const at = lines.findIndex((l) => l.startsWith("reproduce: curl "));
  expect(at, error).to.be.at.least(0);
  const body = [...lines.slice(0, at)]
    .reverse()
    .find((l) => l.startsWith("< {"))!
    .slice(2);
  const status = Number(/^< HTTP (\d+)/.exec([...lines.slice(0, at)].reverse().find((l) => l.startsWith("< HTTP "))!)![1]);
  return { status, body: body.replace(/\.\.\. \(\d+ characters in all\)$/, ""), curl: lines[at]!.slice("reproduce: ".length) };
}

/** Runs a printed curl line in a shell; its status and body. */
function runCurl(curl: string): { status: number; body: string } {
  const out = execFileSync("sh", ["-c", curl], { encoding: "utf8", env: { PATH: process.env.PATH } });
  const [head, ...rest] = out.split(/\r\n\r\n/);
  return { status: Number(/^HTTP\/[\d.]+ (\d+)/.exec(head!)![1]), body: rest.join("\r\n\r\n") };
}

/** The answers agree up to the session token, which is new on every call. */
const upToToken = (body: string) => body.split('"SyncSessionToken"')[0]!;

describe("--keep-data and the curl lines of failures", function () {
  this.timeout(120_000);
  const dir = tempDir("csc-keep-data");
  let server: Started;
  let url: string;
  let states: string;

  before(async () => {
    server = await startCli(["serve", "--variant", "page-drops-last-record"]);
    const [first, second] = await server.lines(2);
    url = first!;
    states = second!.replace(/^provider states: /, "");
  });
  after(() => void server.child.kill("SIGTERM"));

  const failed = (file: string) => (JSON.parse(readFileSync(file, "utf8")) as { tests: TestResult[] }).tests.find((t) => t.status === "failed")!;

  it("with --keep-data, a failure's curl line run afterwards gets the answer the failure shows", async () => {
    const report = join(dir, "kept.json");
    const r = await runCli(["--endpoint", url, "--state-url", states, "--keep-data", "--report-json", report, ...ONE_TEST], 60_000);
    expect(r.code, r.stdout.slice(-2000)).to.equal(1);
    expect(r.stdout).to.match(/^kept: the run's datasets are left in place \(--keep-data\), all named csc-[0-9a-f]+-\*$/m);
    const shown = shownExchange(failed(report).error!);
    expect(shown.curl).to.include("--user 'AKIDCONFORMANCE:conformance-placeholder-secret'");
    const again = runCurl(shown.curl);
    expect(again.status).to.equal(shown.status);
    const prefix = upToToken(shown.body);
    expect(prefix.length, shown.body).to.be.greaterThan(40);
    expect(again.body.startsWith(prefix), `${again.body.slice(0, 300)}\n  vs\n${prefix.slice(0, 300)}`).to.equal(true);
  });

  it("without it, the run deletes its datasets and the same curl line finds none", async () => {
    const report = join(dir, "deleted.json");
    const r = await runCli(["--endpoint", url, "--state-url", states, "--report-json", report, ...ONE_TEST], 60_000);
    expect(r.code, r.stdout.slice(-2000)).to.equal(1);
    expect(r.stdout).to.not.match(/^kept:/m);
    const again = runCurl(shownExchange(failed(report).error!).curl);
    expect(again.body).to.match(/"DatasetExists":false/);
  });
});
