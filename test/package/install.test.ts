/**
 * The package as a user gets it: `npm pack`, installed into an empty project, then used from
 * there with npx: --version, --list, a full run against the embedded reference, and a run
 * against `serve` started from the installed package. The tarball holds what the command reads
 * at run time and nothing of the project's own tests or TypeScript sources.
 */
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { isolatedEnv, runCli, startCli } from "../support/run-cli.js";
import { tempDir } from "../support/temp-dir.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

describe("the package, installed as a user installs it", function () {
  this.timeout(300_000);
  const dir = tempDir("csc-install");
  const project = join(dir, "project");
  let files: string[] = [];
  let bin = "";

  before(() => {
    // npm pack runs prepack, which builds dist/ from the sources as they are.
    const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    files = packed[0]!.files.map((f) => f.path);
    execFileSync("mkdir", ["-p", project]);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "user-project", version: "1.0.0", private: true }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", join(dir, packed[0]!.filename)], { cwd: project, stdio: "ignore" });
    bin = join(project, "node_modules", ".bin", "cognito-sync-conformance");
  });

  it("holds the compiled command, its data files and docs, and none of the project's tests, fixtures or TypeScript sources", () => {
    for (const needed of [
      "bin/cognito-sync-conformance.js",
      "dist/src/cli/main.js",
      "dist/src/index.d.ts",
      "dist/specs/pagination.spec.js",
      "schemas/report.schema.json",
      "specs/requirements.json",
      "contracts/cognito-sync-client-cognito-sync.json",
      "docs/ci.md",
      "README.md",
      "CHANGELOG.md",
    ]) {
      expect(files, needed).to.include(needed);
    }
    const unwanted = files.filter((f) => /^(test|fixtures|bench|scripts|\.ci)\//.test(f) || (f.endsWith(".ts") && !f.endsWith(".d.ts")) || /(^|\/)tsconfig/.test(f));
    expect(unwanted).to.deep.equal([]);
  });

  it("installs no TypeScript runner: the command runs with plain node", () => {
    expect(existsSync(join(project, "node_modules", "tsx"))).to.equal(false);
    expect(readdirSync(join(project, "node_modules", "cognito-sync-conformance"))).to.not.include("src");
  });

  it("npx cognito-sync-conformance --version and --list work from the user's project", () => {
    const run = (args: string[]) => execFileSync("npx", ["cognito-sync-conformance", ...args], { cwd: project, encoding: "utf8", env: isolatedEnv() });
    expect(run(["--version"])).to.equal(`cognito-sync-conformance ${VERSION}\n`);
    expect(run(["--list"])).to.match(/^\d+ would run, 0 would be skipped$/m);
  });

  it("a full run against the embedded reference passes, its reports written where the user asks", async () => {
    const report = join(project, "reports", "run.json");
    const r = await runCli(["--report-json", report, "--report-junit", join(project, "reports", "run.xml")], 120_000, isolatedEnv(), bin);
    expect(r.code, r.stdout.slice(-1500) + r.stderr).to.equal(0);
    expect((JSON.parse(readFileSync(report, "utf8")) as { tool: { version: string } }).tool.version).to.equal(VERSION);
  });

  it("a run against `serve` started from the installed package passes, provider states included", async () => {
    const server = await startCli(["serve"], 30_000, isolatedEnv(), bin);
    try {
      const [url, states] = await server.lines(2);
      const stateUrl = /^provider states: (\S+)$/.exec(states!)![1]!;
      const r = await runCli(["--endpoint", url!, "--state-url", stateUrl, "--histories", "4"], 120_000, isolatedEnv(), bin);
      expect(r.code, r.stdout.slice(-1500) + r.stderr).to.equal(0);
      expect(r.stdout).to.match(/^\d+ passed, 0 failed, 0 skipped$/m);
    } finally {
      server.child.kill("SIGTERM");
      await once(server.child, "exit");
    }
  });
});
