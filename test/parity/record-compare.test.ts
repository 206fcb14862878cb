/**
 * `record` and `compare` end to end, as a team uses them: record one `serve`, compare another
 * (no difference), and the shipped recording of the reference held to the reference itself
 * (current, and covering every scenario). Bad input is one line with exit 2.
 */
import { once } from "node:events";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import type { Parity } from "../../src/parity/parity.js";
import { readSnapshots } from "../../src/parity/files.js";
import { expectOneLine, runCli, shown, startCli, type Finished, type Started } from "../support/run-cli.js";
import { ENV } from "../support/suite-runs.js";
import { tempDir } from "../support/temp-dir.js";

const SHIPPED = new URL("../../snapshots/reference", import.meta.url).pathname;
const QUICK = ["--quiet", "--histories", "0", "--parallel-histories", "0"];
type Compared = Extract<Parity, { command: "compare" }>;
const parityOf = (file: string) =>
  JSON.parse(readFileSync(file, "utf8")) as { parity: Parity; tests: Array<{ id: string }>; run: { identityPoolId: string; identityId: string; prefix: string } };

async function serve(): Promise<{ server: Started; args: string[] }> {
  const server = await startCli(["serve"], 20_000, ENV);
  const [, states] = await server.lines(2);
  return { server, args: ["--endpoint", server.firstLine, "--state-url", /^provider states: (\S+)$/.exec(states!)![1]!] };
}

describe("parity: record a server, compare another with it", function () {
  this.timeout(180_000);
  const dir = tempDir("csc-parity");
  const snapshots = join(dir, "recorded");
  const servers: Started[] = [];
  let recorded: Finished;
  let compared: Finished;

  before(async () => {
    const [a, b] = await Promise.all([serve(), serve()]);
    servers.push(a.server, b.server);
    recorded = await runCli(["record", "--snapshots", snapshots, ...a.args, ...QUICK, "--seed", "3", "--report-json", join(dir, "record.json")], 120_000, ENV);
    compared = await runCli(["compare", "--snapshots", snapshots, ...b.args, "--quiet", "--report-json", join(dir, "compare.json")], 120_000, ENV);
  });
  after(async () => {
    for (const s of servers.filter((x) => x.child.exitCode === null)) {
      s.child.kill("SIGTERM");
      await once(s.child, "exit");
    }
  });

  it("writes one valid snapshot per scenario, with the recording's endpoint, seed and tool", () => {
    expect(recorded.code, shown(recorded)).to.equal(0);
    const report = parityOf(join(dir, "record.json"));
    const { snapshots: files, replayed } = readSnapshots(snapshots);
    expect(files.map((s) => s.scenario.id).sort()).to.deep.equal(report.tests.map((t) => t.id).sort());
    expect(report.parity).to.deep.equal({ command: "record", snapshots, written: files.length });
    expect(replayed).to.deep.include({ seed: 3, histories: 0, parallelHistories: 0 });
    expect(files[0]!.recording.endpoint).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(recorded.stdout).to.include(`record: wrote ${files.length} snapshots to ${snapshots}`);
  });

  it("leaves no id, prefix or token of the run in the files, only placeholders", () => {
    const { run } = parityOf(join(dir, "record.json"));
    const text = readSnapshots(snapshots)
      .snapshots.map((s) => JSON.stringify(s))
      .join("\n");
    for (const raw of [run.identityPoolId, run.identityId, run.prefix]) expect(text).to.not.include(raw);
    for (const placeholder of ["<pool 1>", "<identity 1>", "<prefix>", "<next-token 1>", "<session-token 1>", "<epoch seconds>"]) expect(text).to.include(placeholder);
  });

  it("finds no difference in another server of the same implementation, and exits 0", () => {
    expect(compared.code, shown(compared)).to.equal(0);
    const parity = parityOf(join(dir, "compare.json")).parity as Compared;
    expect(parity.counts).to.deep.include({ differences: 0, notCompared: 0 });
    expect(parity.counts.compared).to.equal(parity.scenarios.length);
    expect(compared.stdout).to.match(/^compare: 0 differences from the recording of http:\/\/127\.0\.0\.1:\d+ \(/m);
  });

  it("holds the embedded reference to the shipped recording: current, every scenario in it (else: npm run snapshots)", async () => {
    const report = join(dir, "shipped.json");
    const r = await runCli(["compare", "--snapshots", SHIPPED, "--quiet", "--report-json", report], 120_000, ENV);
    expect(r.code, shown(r)).to.equal(0);
    const { parity, tests } = parityOf(report);
    expect((parity as Compared).counts.differences).to.equal(0);
    expect((parity as Compared).scenarios.map((s) => s.id).sort(), "the shipped recording's scenarios").to.deep.equal(tests.map((t) => t.id).sort());
  });

  it("accepts what the allow-list lists (a conforming variant naming error types in the body), and says so", async () => {
    const allow = join(dir, "allow.json");
    const reason = "errors name their type in the body";
    writeFileSync(
      allow,
      JSON.stringify({
        allow: [
          { path: "*.response.headers.x-amzn-errortype", reason },
          { path: "*.response.body.__type", reason },
        ],
      }),
    );
    const [without, withList] = await Promise.all([
      runCli(
        ["compare", "--snapshots", SHIPPED, "--quiet", "--variant", "error-type-in-body", "--report-json", join(dir, "typed.json"), "--report-html", join(dir, "typed.html")],
        120_000,
        ENV,
      ),
      runCli(["compare", "--snapshots", SHIPPED, "--quiet", "--variant", "error-type-in-body", "--allow", allow], 120_000, ENV),
    ]);
    expect(without.code, shown(without)).to.equal(1);
    expect(without.stdout).to.match(
      /^ {4}exchanges\[\d+\]\.response\.headers\.x-amzn-errortype: recorded "\w+Exception", replayed "\(absent\)" \[reading: validation-error; [A-Z0-9 -]*\bLR-ERR-400-TYPE\b[A-Z0-9 -]*\]$/m,
    );
    // The HTML report shows the same differences as the JSON report, each by scenario and path.
    const parity = parityOf(join(dir, "typed.json")).parity as Compared;
    const html = readFileSync(join(dir, "typed.html"), "utf8");
    const rows = [...html.matchAll(/<tr data-test="([^"]+)" data-path="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]!.replace(/&quot;/g, '"')}`);
    expect(rows).to.deep.equal(parity.scenarios.flatMap((c) => c.differences.map((d) => `${d.scenario} ${d.path}`)));
    expect(html).to.include(`<b class="counts">${parity.counts.differences} differences, 0 allowed;`);
    expect(withList.code, shown(withList)).to.equal(0);
    expect(withList.stdout).to.match(/^compare: 0 differences from .*, [1-9]\d* more allowed;/m);
  });

  describe("bad input: one line, exit 2", () => {
    const empty = join(dir, "empty");
    const broken = join(dir, "broken");
    before(() => {
      mkdirSync(empty, { recursive: true });
      mkdirSync(join(broken, "pagination"), { recursive: true });
      writeFileSync(join(broken, "pagination", "x.snapshot.json"), '{"snapshotVersion": 1}');
      writeFileSync(join(dir, "bad-allow.json"), '{"allow": [{"path": "*"}]}');
    });
    for (const c of [
      { args: ["compare"], says: /compare needs --snapshots DIR/ },
      { args: ["record", "--snapshots"], says: /--snapshots needs a value/ },
      { args: ["record", "--snapshots", join(dir, "bad-allow.json", "in-a-file")], says: /cannot write the snapshots to .*in-a-file: .*bad-allow\.json is not a folder/ },
      { args: ["compare", "--snapshots", empty], says: /no snapshots in .*empty .*record --snapshots/ },
      { args: ["compare", "--snapshots", broken], says: /the snapshot .*x\.snapshot\.json is not valid: \(top\) must have required property 'scenario'/ },
      { args: ["compare", "--snapshots", SHIPPED, "--seed", "4"], says: /compare replays the recording's seed, histories and interpretations: drop --seed/ },
      {
        args: ["compare", "--snapshots", SHIPPED, "--allow", "bad-allow.json"],
        says: /the allow-list .*bad-allow\.json is not valid: \/allow\/0 must have required property 'reason'/,
      },
    ]) {
      it(`${c.args.join(" ").replace(SHIPPED, "SHIPPED").replaceAll(dir, "TMP")}`, async () => {
        const args = c.args.map((a) => (a.endsWith(".json") ? join(dir, a) : a));
        const r = await runCli(args, 30_000, ENV);
        expect(r.code, shown(r)).to.equal(2);
        expect(expectOneLine(r)).to.match(c.says);
      });
    }
  });
});
