/**
 * The race scenarios end to end, run as a user runs them: each broken reference variant fails
 * the requirement it breaks, with the racing calls and their timings in every report; the
 * reference passes them with few and with many devices; --concurrency-devices is checked and
 * read from the environment and the config file; and throttled calls are never taken for a
 * broken requirement.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { XMLParser } from "fast-xml-parser";
import type { TestResult } from "../../src/report/results.js";
import { forward, startHostile, type Hostile } from "../support/hostile-servers.js";
import { isolatedEnv, runCli, type Finished } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

interface JsonReport {
  summary: Record<string, number>;
  tests: TestResult[];
}

/** Every race scenario, the parallel histories included. */
const ALL_RACES = "same moment|walk while|parallel history";
const ONE_KEY = "one key from one SyncCount at the same moment";
/** The sequential random histories are left out: they are not what is under test here, and they are slow. */
const run = (args: string[], env = isolatedEnv()) => runCli(["--histories", "0", ...args], 60_000, env);

const shown = (r: Finished) => `exit ${r.code}\nstderr:\n${r.stderr}\nstdout (end):\n${r.stdout.slice(-3000)}`;
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as JsonReport;
const races = (report: JsonReport) => report.tests.filter((t) => t.id.startsWith("races/"));
const outcomes = (report: JsonReport) => report.tests.map((t) => `${t.id}: ${t.status} ${t.failure ?? ""} ${t.failedRequirement ?? ""} ${t.reason ?? ""}`).join("\n");
/** How many requests the one-key race sent: it grows with the number of devices, so it shows which number a run used. */
const oneKeyRequests = (report: JsonReport) => report.tests.find((t) => t.id === "races/one-key")?.requests;

/** A call's line in the timings block: `* [start -> end] device N: ...`, with `*` for the calls no order explains. */
const TIMED = /^\s*([* ]) \[(\d+(?:\.\d+)?) -> (\d+(?:\.\d+)?)\] device \d+: /gm;
const HEADER = "calls (* marks those no order explains; the others overlapped them), in ms from the race's first call:";

/** The unexplained calls of the timings block that follows the header in `text`. */
function unexplainedTimings(text: string): Array<{ start: number; end: number }> {
  const at = text.indexOf(HEADER);
  expect(at, `the timings block in:\n${text.slice(0, 3000)}`).to.be.at.least(0);
  return [...text.slice(at).matchAll(TIMED)].filter((m) => m[1] === "*").map((m) => ({ start: Number(m[2]), end: Number(m[3]) }));
}

/** At least two calls, each taking time, and some moment at which all of them were in flight. */
function expectOverlapping(calls: Array<{ start: number; end: number }>, where: string): void {
  expect(calls.length, where).to.be.at.least(2);
  for (const c of calls) expect(c.start, where).to.be.below(c.end);
  expect(Math.max(...calls.map((c) => c.start)), where).to.be.below(Math.min(...calls.map((c) => c.end)));
}

/** The text of every <failure> of a JUnit file: its message and its body. */
function junitFailures(xml: string): string[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false, isArray: (name) => ["testsuite", "testcase", "failure"].includes(name) });
  type Node = Record<string, unknown>;
  const doc = parser.parse(xml) as Node;
  const suites = ((doc["testsuites"] as Node)["testsuite"] ?? []) as Node[];
  return suites.flatMap((s) =>
    ((s["testcase"] ?? []) as Node[]).flatMap((c) => ((c["failure"] ?? []) as Node[]).map((f) => `${String(f["@message"] ?? "")}\n${String(f["#text"] ?? "")}`)),
  );
}

describe("races: devices calling at the same moment, end to end", function () {
  this.timeout(60_000);
  const dir = tempDir("csc-races");

  describe("broken variants of the reference endpoint", () => {
    // Each run keeps to one scenario that finds its variant every time (the parallel histories
    // find them only some of the time), which also keeps the runs short.
    const variants = [
      { variant: "conflict-check-then-write", requirement: "LR-RACE-ONE-WINNER", grep: ONE_KEY },
      { variant: "dataset-count-read-then-written", requirement: "LR-RACE-COUNTS", grep: "different keys at the same moment" },
      { variant: "next-token-is-an-offset", requirement: "LR-RACE-WALK", grep: "a page walk while other devices write" },
    ];
    const runs = new Map<string, Finished>();
    const file = (variant: string, ext: string) => join(dir, `${variant}.${ext}`);

    before(async function () {
      this.timeout(90_000);
      await Promise.all(
        variants.map(async ({ variant, grep }) => {
          const reports = ["--report-json", file(variant, "json"), "--report-junit", file(variant, "xml"), "--report-html", file(variant, "html")];
          runs.set(variant, await run(["--reference-variant", variant, "--grep", grep, ...reports]));
        }),
      );
    });

    for (const { variant, requirement } of variants) {
      it(`${variant}: exits 1, and a race scenario fails ${requirement} in the JSON report`, () => {
        const r = runs.get(variant)!;
        expect(r.code, shown(r)).to.equal(1);
        const report = readJson(file(variant, "json"));
        expect(report.tests, "only race scenarios ran").to.not.be.empty;
        expect(races(report), "only race scenarios ran").to.have.length(report.tests.length);
        const failed = races(report).filter((t) => t.status === "failed" && t.failure === "check" && t.failedRequirement === requirement);
        expect(failed, outcomes(report)).to.not.be.empty;
        for (const t of failed) expect(t.level, t.id).to.equal("MUST");
      });
    }

    describe("conflict-check-then-write: the racing calls and their timings in every report", () => {
      const variant = "conflict-check-then-write";

      it("on the terminal: the timings block, with at least two calls marked * that overlap", () => {
        const r = runs.get(variant)!;
        expectOverlapping(unexplainedTimings(r.stdout), shown(r));
      });

      it("in the JSON report: `race`, with at least two unexplained calls that overlap, each with its curl line", () => {
        const report = readJson(file(variant, "json"));
        const t = report.tests.find((x) => x.id === "races/one-key");
        expect(t?.failedRequirement, outcomes(report)).to.equal("LR-RACE-ONE-WINNER");
        const unexplained = (t!.race ?? []).filter((c) => c.unexplained === true);
        const where = JSON.stringify(t!.race, null, 1);
        expectOverlapping(
          unexplained.map((c) => ({ start: c.startMs, end: c.endMs })),
          where,
        );
        for (const c of unexplained) {
          expect(c.call, where).to.match(/^device \d+: UpdateRecords /);
          expect(c.curl, where).to.match(/^curl /);
        }
      });

      it("in the JUnit report: the failure's text holds the timings block", () => {
        const failures = junitFailures(readFileSync(file(variant, "xml"), "utf8"));
        expect(failures).to.have.length(1);
        expectOverlapping(unexplainedTimings(failures[0]!), failures[0]!);
      });

      it('in the HTML report: a <table class="race"> with at least two unexplained rows', () => {
        const html = readFileSync(file(variant, "html"), "utf8");
        const at = html.indexOf('<table class="race">');
        expect(at, "a race table").to.be.at.least(0);
        const table = html.slice(at, html.indexOf("</table>", at));
        expect(table.match(/<tr class="unexplained">/g) ?? [], table).to.have.length.at.least(2);
      });
    });
  });

  describe("the reference endpoint", () => {
    const runs = new Map<number, Finished>();
    const file = (devices: number) => join(dir, `reference-${devices}.json`);

    before(async function () {
      this.timeout(90_000);
      await Promise.all([2, 8].map(async (n) => runs.set(n, await run(["--grep", ALL_RACES, "--concurrency-devices", String(n), "--report-json", file(n)]))));
    });

    for (const devices of [2, 8]) {
      it(`passes every race scenario with --concurrency-devices ${devices}`, () => {
        const r = runs.get(devices)!;
        expect(r.code, shown(r)).to.equal(0);
        const report = readJson(file(devices));
        const raced = races(report);
        // The four named scenarios and the four parallel histories of the default.
        expect(raced, outcomes(report)).to.have.length(8);
        expect(
          raced.filter((t) => t.status !== "passed").map((t) => t.id),
          outcomes(report),
        ).to.deep.equal([]);
        expect(report.summary["skipped"]).to.equal(0);
      });
    }

    it("sends more calls in the one-key race with 8 devices than with 2", () => {
      // Otherwise the flag changed nothing, and the two runs above tested the same thing.
      expect(oneKeyRequests(readJson(file(8)))).to.be.above(oneKeyRequests(readJson(file(2)))!);
    });
  });

  describe("--concurrency-devices and where else it is set", () => {
    /** stderr holds exactly one line and no stack trace. */
    const oneLine = (r: Finished) => {
      const lines = r.stderr.split("\n").filter((l) => l !== "");
      expect(lines, shown(r)).to.have.length(1);
      expect(r.stderr).to.not.match(/^\s+at /m);
      return lines[0]!;
    };

    for (const n of ["1", "17"]) {
      it(`--concurrency-devices ${n} is a usage error: exit 2, one line on stderr naming the flag`, async () => {
        const r = await run(["--concurrency-devices", n, "--grep", ONE_KEY]);
        expect(r.code, shown(r)).to.equal(2);
        expect(oneLine(r)).to.include("--concurrency-devices");
      });
    }

    describe("3 devices, from the flag, the environment and the config file", () => {
      const json = (name: string) => join(dir, `devices-${name}.json`);
      const runs = new Map<string, Finished>();

      before(async function () {
        this.timeout(60_000);
        const config = join(dir, "devices.json");
        writeFileSync(config, JSON.stringify({ concurrencyDevices: 3 }));
        const args = (name: string) => ["--grep", ONE_KEY, "--report-json", json(name)];
        const all: Array<[string, Promise<Finished>]> = [
          ["default", run(args("default"))],
          ["flag", run([...args("flag"), "--concurrency-devices", "3"])],
          ["env", run(args("env"), isolatedEnv({ COGNITO_SYNC_CONCURRENCY_DEVICES: "3" }))],
          ["config", run([...args("config"), "--config", config])],
        ];
        for (const [name, finished] of all) runs.set(name, await finished);
      });

      for (const source of ["env", "config"]) {
        const how = source === "env" ? "COGNITO_SYNC_CONCURRENCY_DEVICES=3" : 'a config file {"concurrencyDevices": 3}';
        it(`${how} is accepted and races 3 devices, as --concurrency-devices 3 does`, () => {
          const r = runs.get(source)!;
          expect(r.code, shown(r)).to.equal(0);
          expect(r.stderr).to.equal("");
          const requests = oneKeyRequests(readJson(json(source)));
          expect(requests, "requests of the one-key race").to.be.a("number");
          // The same calls as with the flag, and not those of the default 4 devices.
          expect(requests).to.equal(oneKeyRequests(readJson(json("flag"))));
          expect(requests).to.not.equal(oneKeyRequests(readJson(json("default"))));
        });
      }
    });
  });

  describe("an endpoint that throttles every second UpdateRecords", () => {
    let server: Hostile;
    let r: Finished;
    let throttled = 0;
    const json = join(dir, "throttled.json");

    before(async function () {
      this.timeout(90_000);
      let posts = 0;
      server = await startHostile(async (b) => {
        const target = await b.reference();
        return (req, res) => {
          // ListRecords (GET, the probe among them) and DeleteDataset pass untouched.
          if (req.method !== "POST" || ++posts % 2 === 1) return forward(target, req, res);
          throttled++;
          req.resume();
          res.writeHead(429, { "x-amzn-ErrorType": "TooManyRequestsException", "content-type": "application/json" }).end('{"message":"Rate exceeded"}');
        };
      });
      r = await run(["--endpoint", server.url, "--grep", ALL_RACES, "--report-json", json]);
    });

    after(() => server?.close());

    it("gets no MUST failure of a race scenario from a throttled call: each passes or is not judged", () => {
      expect(throttled, "UpdateRecords calls answered 429").to.be.above(0);
      expect(r.code, shown(r)).to.be.oneOf([0, 1]);
      const report = readJson(json);
      const raced = races(report);
      expect(raced, outcomes(report)).to.not.be.empty;
      // A throttle says nothing about the call: it may decide only that a scenario is not judged.
      const judged = raced.filter((t) => t.status === "failed" && (t.failure !== "setup" || t.failedRequirement !== undefined));
      expect(judged.map((t) => `${t.id}: ${t.failure} ${t.level} ${t.failedRequirement}`)).to.deep.equal([]);
    });
  });
});
