/**
 * The suite against endpoints that misbehave, from the first request or mid-run: each run
 * must end on its own in time, exit as expected, say what is wrong, write valid JSON and
 * JUnit reports, never print an unhandled exception or stack trace, and stay under 256 MB.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { XMLValidator } from "fast-xml-parser";
import type { TestResult } from "../../src/report/results.js";
import { hostile, startHostile } from "../support/hostile-servers.js";
import { BIN, isolatedEnv } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

interface Outcome {
  code: number | null;
  output: string;
  seconds: number;
  peakMb: number;
}

/**
 * Runs the suite with `args`, watching the child's peak memory (VmHWM) while it runs. The
 * child's heap is capped at 128 MB: what a run keeps must fit there (a run that keeps too much
 * dies of it, and fails here). Without the cap, V8 lets garbage (the 400 kB answers of the deep
 * endpoint) pile up in a lazily collected heap, and the peak wandered from 200 to 266 MB
 * between identical runs.
 */
function runSuite(args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--max-old-space-size=128", BIN, ...args], { env: isolatedEnv() });
    let output = "";
    let peakKb = 0;
    child.stdout.on("data", (d: Buffer) => (output += d));
    child.stderr.on("data", (d: Buffer) => (output += d));
    const watch = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {
        // the process has just ended
      }
    }, 20);
    const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(watch);
      clearTimeout(killer);
      resolve({ code, output, seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024 });
    });
  });
}

interface Expectation {
  says: RegExp;
  /** Seconds the whole run may take. */
  within: number;
  exits: number[];
  args?: string[];
  /** Every failed test must be "not judged" (a time-out is never a requirement failure, SDK checks included). */
  notJudgedOnly?: true;
}

/**
 * An unhandled exception (its name at the start of a line), the suite's own internal error, a
 * stack frame, or a warning of Node's. A client's TypeError quoted inside a failure is a finding.
 */
const CRASH = /Unhandled|internal error:|^(TypeError|RangeError)|\n\s+at .+\(.+:\d+:\d+\)|\(node:\d+\) \w*Warning/m;
const probeRefused = (requirement: string) => new RegExp(`does not answer ListRecords as the API and its clients need \\(${requirement}\\)`);
const expectations: Record<string, Expectation> = {
  "never answers": { says: /cannot reach the endpoint .*no complete answer within 10000 ms/, within: 30, exits: [2] },
  "drips its body": { says: /cannot reach the endpoint .*no complete answer within 10000 ms/, within: 30, exits: [2] },
  "truncated JSON": { says: /does not answer ListRecords as the API and its clients need \(LR-SHAPE-200\): expected a JSON body/, within: 30, exits: [1] },
  "HTML 500": { says: probeRefused("LR-SHAPE-ERROR"), within: 30, exits: [1] },
  "NextToken that cycles": { says: /^failed: .*(LR-PAGE-WALK|the listing never ends)/m, within: 30, exits: [1] },
  "hundreds of megabytes": { says: /cannot reach the endpoint .*response size cap/, within: 30, exits: [2] },
  "connection reset": { says: /cannot reach the endpoint .*ECONNRESET/, within: 30, exits: [2] },
  // JSON that can be judged: every test fails the requirement it breaks, and the run goes on.
  "JSON labelled text/html": { says: /^failed: LR-SHAPE-CONTENT-TYPE x\d+/m, within: 30, exits: [1] },
  "307 to itself": { says: probeRefused("LR-SHAPE-ERROR"), within: 30, exits: [1] },
  "204 without a body": { says: probeRefused("LR-SHAPE-ERROR"), within: 30, exits: [1] },
  "JSON null": { says: /^failed: LR-SHAPE-200 x\d+/m, within: 30, exits: [1] },
  "every member of the wrong type": { says: /^failed: LR-SHAPE-200 x\d+/m, within: 30, exits: [1] },
  "a flood of headers": { says: /cannot reach the endpoint .*HPE_HEADER_OVERFLOW/, within: 30, exits: [2] },
  // The last answer comes early; one request timeout later the gate closes and the run ends.
  "stops answering mid-run": {
    says: /^stopped early: the endpoint (answered nothing for a whole request timeout|stopped answering)/m,
    within: 15,
    exits: [1],
    notJudgedOnly: true,
  },
  "restarts mid-run": { says: /^verdict: does not conform/m, within: 30, exits: [1] },
  "an unknown member 200,000 arrays deep": { says: /^verdict: /m, within: 30, exits: [0, 1] },
  "resets after the first answer": {
    says: /^stopped early: the endpoint stopped answering \(5 requests in a row, the last: ECONNRESET/m,
    within: 30,
    exits: [1],
    notJudgedOnly: true,
  },
  "drips after the first answer": { says: /^stopped early: the run deadline of 5 s passed/m, within: 15, exits: [1], args: ["--run-timeout", "5"], notJudgedOnly: true },
};

describe("the suite against hostile endpoints", function () {
  this.timeout(90_000);
  const dir = tempDir("csc-hostile");

  it("has an expectation for every hostile endpoint", () => {
    expect(Object.keys(expectations).sort()).to.deep.equal(Object.keys(hostile).sort());
  });

  for (const [name, h] of Object.entries(hostile)) {
    const e = expectations[name]!;
    it(`${name} (${h.what}): ends within ${e.within} s, exits ${e.exits.join(" or ")}, says what is wrong, writes its reports, under 256 MB`, async () => {
      const server = await startHostile(h.handler);
      const json = join(dir, `${name}.json`);
      const junit = join(dir, `${name}.xml`);
      try {
        const r = await runSuite(["--endpoint", server.url, "--report-json", json, "--report-junit", junit, ...(e.args ?? [])]);
        const tail = r.output.slice(-1500);
        expect(r.seconds, tail).to.be.below(e.within);
        expect(r.code, tail).to.be.oneOf(e.exits);
        expect(r.output, tail).to.match(e.says);
        expect(r.output, "an unhandled exception or a stack trace").to.not.match(CRASH);
        expect(r.peakMb, "peak memory in MB").to.be.below(256);
        const report = JSON.parse(readFileSync(json, "utf8")) as { summary: object; aborted?: object; tests: TestResult[] };
        expect(report.summary, "the JSON report's summary").to.be.an("object");
        expect(report.aborted !== undefined || report.tests.length > 0, "the JSON report says why it has no tests").to.equal(true);
        if (e.notJudgedOnly) {
          const judged = report.tests.filter((t) => t.status === "failed" && t.failure !== "setup").map((t) => `${t.id}: ${t.failedRequirement ?? t.failure}`);
          expect(judged, "failures judged against a requirement").to.deep.equal([]);
          expect(
            report.tests.some((t) => t.failure === "setup" && /^\s+(abandoned|not sent): /m.test(t.error ?? "")),
            "scenarios stopped by the gate",
          ).to.equal(true);
        }
        expect(XMLValidator.validate(readFileSync(junit, "utf8")), "the JUnit report is well-formed XML").to.equal(true);
      } finally {
        await server.close();
      }
    });
  }

  // Pact's verifier sends its own requests, in a child process; none of its failures to get an answer is a verdict.
  const pactCases: Array<{ server: string; args: string[]; says: RegExp; within: number }> = [
    { server: "drips after the first answer", args: ["--run-timeout", "4"], says: /^stopped early: the run deadline of 4 s passed/m, within: 12 },
    {
      server: "drips after the first answer",
      args: ["--timeout", "1000", "--grep", "name breaks"],
      says: /not judged: the endpoint or its state URL gave the verifier no answer/,
      within: 30,
    },
    { server: "resets after the first answer", args: [], says: /not judged: Pact's verifier failed: ECONNRESET/, within: 30 },
  ];
  for (const c of pactCases) {
    it(`pact against an endpoint that ${c.server} (${c.args.join(" ") || "no flags"}): its interactions not judged, its report written, in time`, async () => {
      const server = await startHostile(hostile[c.server]!.handler);
      const json = join(dir, `pact-${c.server}-${c.args.length}.json`);
      try {
        const r = await runSuite(["pact", "--endpoint", server.url, "--report-json", json, ...c.args]);
        expect(r.seconds, r.output.slice(-800)).to.be.below(c.within);
        expect(r.code).to.equal(1);
        expect(r.output).to.match(c.says);
        expect(r.output, "an unhandled exception or a stack trace").to.not.match(CRASH);
        expect(r.peakMb, "peak memory in MB").to.be.below(256);
        const report = JSON.parse(readFileSync(json, "utf8")) as { tests: TestResult[] };
        expect(report.tests.map((t) => t.failure ?? t.status))
          .to.include("setup")
          .and.not.include("check");
      } finally {
        await server.close();
      }
    });
  }
});
