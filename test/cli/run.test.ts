/** The suite command end to end, run in child processes the way a user runs it. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { expect } from "chai";
import { tempDir } from "../support/temp-dir.js";
import { settings } from "../../src/config/settings.js";
import { validateAgainst } from "../../src/schema/validators.js";
import { isolatedEnv, runCli, startCli, type Finished, type Started } from "../support/run-cli.js";

/** No AWS_* or COGNITO_SYNC_* variable of the developer's reaches these runs. */
const ENV = isolatedEnv();
const run = (args: string[], timeoutMs = 60_000, env = ENV) => runCli(args, timeoutMs, env);

const SUMMARY = /^(\d+) passed, (\d+) failed, (\d+) skipped(, \d+ expected failures)?$/m;
/** The tests that need provider states: by id in reports, by title in listings. */
const STATE_TESTS = /^errors\/(429|500)-/;
const STATE_TITLES = /^(429|500) \w+Exception when the provider state /;

interface JsonTest {
  id: string;
  title: string;
  requirements: string[];
  level: string;
  status: string;
  planned?: string;
  reason?: string;
  durationMs: number;
  unchecked?: string[];
}
interface JsonReport {
  listing?: true;
  summary: Record<string, number>;
  run: Record<string, unknown>;
  tests: JsonTest[];
}

/** What a test needs to see when a run went wrong. */
const shown = (r: Finished) => `exit ${r.code}\nstderr:\n${r.stderr}\nstdout (end):\n${r.stdout.slice(-3000)}`;
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as JsonReport;
const summaryOf = (r: Finished) => {
  const m = SUMMARY.exec(r.stdout);
  expect(m, `a summary line\n${shown(r)}`).to.not.equal(null);
  return { passed: Number(m![1]), failed: Number(m![2]), skipped: Number(m![3]) };
};
/** stderr holds exactly one line and no stack trace. */
function expectOneLine(r: Finished): string {
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  expect(lines, shown(r)).to.have.length(1);
  expect(r.stderr).to.not.match(/^\s+at /m);
  return lines[0]!;
}

let dir: string;

describe("cli: the suite command", () => {
  dir = tempDir("csc-run");

  describe("against the embedded reference endpoint", () => {
    let plain: Finished;
    let seeded: Finished;
    let seededAgain: Finished;
    let jsonFile: string;
    let junitFile: string;

    before(async function () {
      this.timeout(120_000);
      jsonFile = join(dir, "embedded", "report.json");
      junitFile = join(dir, "embedded", "report.xml");
      [plain, seeded, seededAgain] = await Promise.all([run([]), run(["--seed", "12345", "--report-json", jsonFile, "--report-junit", junitFile]), run(["--seed", "12345"])]);
    });

    it("with no flags runs the whole suite, prints the seed and the summary, and exits 0, with nothing on stderr (no warnings)", () => {
      expect(plain.code, shown(plain)).to.equal(0);
      expect(plain.stderr).to.equal("");
      expect(plain.stdout).to.match(/^\s*seed (\d+) \(repeat with --seed \1\)/m);
      const summary = summaryOf(plain);
      expect(summary.failed).to.equal(0);
      expect(summary.passed).to.be.above(0);
    });

    it("prints the seed given with --seed", () => {
      for (const r of [seeded, seededAgain]) {
        expect(r.code, shown(r)).to.equal(0);
        expect(r.stdout).to.match(/^\s*seed 12345 \(repeat with --seed 12345\)/m);
      }
    });

    it("gives the same generated test titles for the same --seed", () => {
      // Without the duration mocha adds to slow tests.
      const generated = (r: Finished) =>
        r.stdout
          .split("\n")
          .filter((l) => l.includes("is refused with 400"))
          .map((l) => l.replace(/ \(\d+ms\)$/, ""));
      expect(generated(seeded)).to.not.be.empty;
      expect(generated(seededAgain)).to.deep.equal(generated(seeded));
    });

    it("--report-json writes the summary and every test with its requirements, level, status and duration", () => {
      const report = readJson(jsonFile);
      expect(report.summary).to.include.all.keys("passed", "failed", "skipped");
      expect(report.tests).to.be.an("array").that.is.not.empty;
      for (const t of report.tests) {
        const where = JSON.stringify(t);
        expect(t.id, where).to.be.a("string").that.is.not.empty;
        expect(t.title, where).to.be.a("string").that.is.not.empty;
        expect(t.requirements, where).to.be.an("array").that.is.not.empty;
        for (const id of t.requirements) expect(id, where).to.match(/^LR-[A-Z0-9-]+$/);
        expect(t.level, where).to.be.oneOf(["MUST", "SHOULD"]);
        expect(t.status, where).to.be.oneOf(["passed", "failed", "skipped"]);
        expect(t.durationMs, where).to.be.a("number").and.at.least(0);
      }
      const count = (status: string) => report.tests.filter((t) => t.status === status).length;
      expect(count("passed")).to.equal(report.summary.passed).and.to.be.above(0);
      expect(count("failed")).to.equal(report.summary.failed);
      expect(count("skipped")).to.equal(report.summary.skipped);
      expect(summaryOf(seeded)).to.deep.equal({ passed: report.summary.passed, failed: report.summary.failed, skipped: report.summary.skipped });
    });

    it("--report-junit writes a JUnit XML file with one testcase per test", () => {
      expect(existsSync(junitFile), junitFile).to.equal(true);
      const xml = readFileSync(junitFile, "utf8");
      expect(xml).to.include("<testsuite");
      expect(xml).to.include("<testcase");
      expect(xml.match(/<testcase /g) ?? []).to.have.length(readJson(jsonFile).tests.length);
      expect(xml.trimEnd()).to.match(/<\/testsuites>$/);
    });
  });

  describe("--list", () => {
    let noEndpoint: Finished;
    let closedEndpoint: Finished;
    let withReport: Finished;
    let listingFile: string;
    let watched: Finished;
    let connections = 0;

    before(async function () {
      this.timeout(120_000);
      listingFile = join(dir, "listing", "list.json");
      // Counts every connection: --list must contact neither the endpoint nor the state URL.
      const spy = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => spy.listen(0, "127.0.0.1", resolve));
      const spyUrl = `http://127.0.0.1:${(spy.address() as { port: number }).port}`;
      try {
        [noEndpoint, closedEndpoint, withReport, watched] = await Promise.all([
          run(["--list", "--seed", "7"]),
          run(["--list", "--seed", "7", "--endpoint", "http://127.0.0.1:9"]),
          run(["--list", "--endpoint", "http://127.0.0.1:9", "--report-json", listingFile]),
          run(["--list", "--endpoint", spyUrl, "--state-url", `${spyUrl}/states`]),
        ]);
      } finally {
        spy.close();
      }
    });

    /** The listing's entries: status, level, id, title, requirement ids and, for skips, the reason on the next line. */
    const entries = (r: Finished) => {
      const lines = r.stdout.split("\n");
      return lines.flatMap((line, i) => {
        const m = /^(run |skip)\s+(MUST|SHOULD)\s+(\S+)\s+(.+?)\s+\[([^\]]*)\]$/.exec(line);
        return m
          ? [{ status: m[1]!.trim(), level: m[2]!, id: m[3]!, title: m[4]!, requirements: m[5]!.split(" "), reason: m[1] === "skip" ? lines[i + 1]!.trim() : undefined }]
          : [];
      });
    };
    const stateEntries = (r: Finished) => entries(r).filter((e) => STATE_TITLES.test(e.title));

    it("works without an endpoint: every test with its requirement ids, the state-dependent ones included", () => {
      expect(noEndpoint.code, shown(noEndpoint)).to.equal(0);
      const listed = entries(noEndpoint);
      expect(listed).to.not.be.empty;
      for (const e of listed)
        expect(
          e.requirements.every((id) => /^LR-[A-Z0-9-]+$/.test(id)),
          e.title,
        ).to.equal(true);
      expect(stateEntries(noEndpoint).map((e) => e.status)).to.deep.equal(["run", "run"]);
      expect(noEndpoint.stdout).to.match(new RegExp(`^${listed.filter((e) => e.status === "run").length} would run, \\d+ would be skipped$`, "m"));
    });

    it("does not contact the endpoint or the state URL", () => {
      expect(watched.code, shown(watched)).to.equal(0);
      expect(entries(watched)).to.not.be.empty;
      expect(connections).to.equal(0);
    });

    it("with an endpoint and no --state-url, lists the tests that need provider states as skipped, saying why", () => {
      expect(closedEndpoint.code, shown(closedEndpoint)).to.equal(0);
      const listed = entries(closedEndpoint);
      expect(listed.length).to.equal(entries(noEndpoint).length);
      const stateTests = stateEntries(closedEndpoint);
      expect(stateTests).to.have.length(2);
      for (const e of stateTests) {
        expect(e.status, e.title).to.equal("skip");
        expect(e.reason, e.title).to.include("--state-url");
      }
      const skipped = listed.filter((e) => e.status === "skip").length;
      expect(closedEndpoint.stdout).to.match(new RegExp(`^${listed.length - skipped} would run, ${skipped} would be skipped$`, "m"));
    });

    it("--list --report-json writes the listing, valid against the report schema", () => {
      expect(withReport.code, shown(withReport)).to.equal(0);
      const report = readJson(listingFile);
      expect(validateAgainst("report", report)).to.deep.equal([]);
      expect(report.listing).to.equal(true);
      const listed = entries(withReport);
      expect(report.tests.map((t) => [t.id, t.title])).to.deep.equal(listed.map((e) => [e.id, e.title]));
      for (const t of report.tests) {
        expect(t.requirements, t.id).to.be.an("array").that.is.not.empty;
        if (t.planned === "skip") expect(t.reason, t.id).to.be.a("string").that.is.not.empty;
      }
      const skipped = report.tests.filter((t) => t.planned === "skip");
      expect(report.summary).to.deep.equal({ planned: report.tests.length - skipped.length, skipped: skipped.length });
      for (const t of report.tests.filter((x) => STATE_TESTS.test(x.id))) {
        expect(t.planned, t.id).to.equal("skip");
        expect(t.reason, t.id).to.include("--state-url");
      }
    });

    it("reads the endpoint from AWS_ENDPOINT_URL when the environment sets it", async () => {
      const r = await run(["--list"], 60_000, isolatedEnv({ AWS_ENDPOINT_URL: "http://127.0.0.1:9" }));
      expect(r.code, shown(r)).to.equal(0);
      expect(stateEntries(r).map((e) => e.status)).to.deep.equal(["skip", "skip"]);
    });
  });

  it("--interpretation NAME=any leaves that check out and lists it under 'unchecked' in the report", async () => {
    const report = join(dir, "any", "report.json");
    const r = await run(["--interpretation", "bad-next-token=any", "--grep", "NextToken that is", "--report-json", report]);
    expect(r.code, shown(r)).to.equal(0);
    const { tests } = readJson(report);
    const unchecked = tests.filter((t) => t.unchecked?.includes("bad-next-token"));
    expect(unchecked.length, "tests that left the bad-next-token check out").to.be.at.least(2);
    for (const t of unchecked) expect(t.status, t.id).to.equal("passed");
  });

  it("--grep runs only the tests whose title or requirement ids match", async () => {
    const report = join(dir, "grep", "report.json");
    const r = await run(["--grep", "LR-MISSING", "--report-json", report]);
    expect(r.code, shown(r)).to.equal(0);
    const passedLines = r.stdout
      .replace(/\x1b\[[0-9;]*m/g, "")
      .split("\n")
      .filter((l) => /^\s+[✔✓√] /.test(l));
    expect(passedLines).to.not.be.empty;
    for (const line of passedLines) expect(line).to.include("LR-MISSING");
    const { tests } = readJson(report);
    expect(tests).to.have.length(passedLines.length);
    for (const t of tests)
      expect(
        t.requirements.some((id) => id.startsWith("LR-MISSING")),
        t.id,
      ).to.equal(true);
    expect(summaryOf(r)).to.deep.equal({ passed: passedLines.length, failed: 0, skipped: 0 });
  });

  describe("against a separately started `serve`", () => {
    let server: Started;
    let url: string;
    let stateUrl: string;

    before(async () => {
      server = await startCli(["serve"], 20_000, ENV);
      url = server.firstLine;
      const [, second] = await server.lines(2);
      const m = /^provider states: (\S+)$/.exec(second!);
      expect(m, second).to.not.equal(null);
      stateUrl = m![1]!;
    });
    after(async () => {
      if (server.child.exitCode !== null) return;
      server.child.kill("SIGTERM");
      await once(server.child, "exit");
    });

    it("prints its URL, then its provider-state URL", () => {
      expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(stateUrl).to.equal(`${url}/_conformance/provider-states`);
    });

    // One run at a time: a provider state applies to the whole endpoint.
    it("--endpoint with --state-url runs every test, the provider-state ones included, and exits 0", async () => {
      const report = join(dir, "serve", "with-states.json");
      const r = await run(["--endpoint", url, "--state-url", stateUrl, "--report-json", report]);
      expect(r.code, shown(r)).to.equal(0);
      expect(summaryOf(r).failed).to.equal(0);
      const stateTests = readJson(report).tests.filter((t) => STATE_TESTS.test(t.id));
      expect(stateTests.map((t) => t.status)).to.deep.equal(["passed", "passed"]);
    });

    it("--endpoint without a state URL exits 0 and reports the 429 and 500 tests skipped, with the reason", async () => {
      const report = join(dir, "serve", "without-states.json");
      const r = await run(["--endpoint", url, "--report-json", report]);
      expect(r.code, shown(r)).to.equal(0);
      const summary = summaryOf(r);
      expect(summary.failed).to.equal(0);
      expect(summary.skipped).to.be.at.least(2);
      const stateTests = readJson(report).tests.filter((t) => STATE_TESTS.test(t.id));
      expect(stateTests).to.have.length(2);
      for (const t of stateTests) {
        expect(t.status, t.id).to.equal("skipped");
        expect(t.reason, t.id).to.include("--state-url");
      }
      // "conforms" is not the whole story: the verdict line says how many MUST tests did not run, and why.
      expect(r.stdout).to.match(/^verdict: conforms \(.*\), but \d+ MUST tests did not run \(.*--state-url.*\); --require-all makes that a failure$/m);
    });

    it("--require-all turns MUST tests that did not run into a failure (exit 1)", async () => {
      const r = await run(["--endpoint", url, "--require-all", "--histories", "0"]);
      expect(r.code, shown(r)).to.equal(1);
      expect(r.stdout).to.match(/^verdict: does not conform .* MUST tests did not run .* and --require-all counts that as a failure$/m);
    });
  });

  describe("bad usage: exit 2 with one line on stderr and no stack trace", () => {
    const cases: Array<{ name: string; args: () => string[]; says: RegExp }> = [
      { name: "an unknown flag", args: () => ["--bogus"], says: /Unknown option '--bogus'/ },
      { name: "--endpoint ftp://x", args: () => ["--endpoint", "ftp://x"], says: /--endpoint must be an http:\/\/ or https:\/\/ URL/ },
      { name: "--timeout 0", args: () => ["--timeout", "0"], says: /--timeout must be a whole number above 0/ },
      { name: "--seed -1", args: () => ["--seed", "-1"], says: /--seed/ },
      { name: "--config /nonexistent.json", args: () => ["--config", "/nonexistent.json"], says: /cannot read config file \/nonexistent\.json/ },
      { name: "a config file with invalid JSON", args: () => ["--config", join(dir, "invalid.json")], says: /is not valid JSON/ },
      { name: "a config file with an unknown key", args: () => ["--config", join(dir, "unknown-key.json")], says: /unknown setting 'bogus'/ },
      { name: "--interpretation count=bogus", args: () => ["--interpretation", "count=bogus"], says: /interpretation count has no choice 'bogus'/ },
      { name: "--interpretation nosuch=x", args: () => ["--interpretation", "nosuch=x"], says: /unknown interpretation 'nosuch'/ },
      { name: "--grep '('", args: () => ["--grep", "("], says: /--grep is not a valid regular expression/ },
    ];
    const results = new Map<string, Finished>();

    before(async function () {
      this.timeout(120_000);
      writeFileSync(join(dir, "invalid.json"), '{"endpoint": ');
      writeFileSync(join(dir, "unknown-key.json"), JSON.stringify({ endpoint: "http://127.0.0.1:9", bogus: true }));
      const finished = await Promise.all(cases.map((c) => run(c.args())));
      cases.forEach((c, i) => results.set(c.name, finished[i]!));
    });

    for (const c of cases) {
      it(c.name, () => {
        const r = results.get(c.name)!;
        expect(r.code, shown(r)).to.equal(2);
        expect(expectOneLine(r)).to.match(c.says);
        expect(r.stdout).to.not.match(SUMMARY);
      });
    }
  });

  describe("an endpoint that cannot answer: exit 2 with one line", () => {
    it("a closed port, within a few seconds, naming the endpoint", async () => {
      const started = Date.now();
      const r = await run(["--endpoint", "http://127.0.0.1:9"], 15_000);
      expect(Date.now() - started).to.be.below(5_000);
      expect(r.code, shown(r)).to.equal(2);
      expect(expectOneLine(r)).to.include("http://127.0.0.1:9");
    });

    it("a server that accepts connections and never answers, within about 10 s, naming the timeout", async function () {
      this.timeout(30_000);
      const sockets = new Set<Socket>();
      const blackHole: Server = createServer((socket) => {
        sockets.add(socket);
        socket.on("error", () => undefined);
      });
      await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
      try {
        const port = (blackHole.address() as { port: number }).port;
        const started = Date.now();
        const r = await run(["--endpoint", `http://127.0.0.1:${port}`, "--timeout", "1000"], 20_000);
        expect(Date.now() - started).to.be.below(10_000);
        expect(r.code, shown(r)).to.equal(2);
        expect(expectOneLine(r)).to.match(/1000 ms|timeout/);
        expect(sockets.size, "the run did connect").to.be.above(0);
      } finally {
        for (const s of sockets) s.destroy();
        blackHole.close();
      }
    });
  });

  it("--help exits 0 and names every flag and environment variable", async () => {
    const r = await run(["--help"]);
    expect(r.code, shown(r)).to.equal(0);
    expect(r.stdout).to.include("--config");
    for (const s of settings) {
      if (s.flag) expect(r.stdout, s.key).to.include(`--${s.flag}`);
      for (const name of s.env ?? []) expect(r.stdout, s.key).to.include(name);
    }
    expect(r.stdout).to.not.match(SUMMARY);
  });
});
