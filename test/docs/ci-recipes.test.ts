/**
 * The CI recipes in docs/ (github-actions.yml, gitlab-ci.yml) are copied by users as they are, so
 * they must stay valid YAML, keep the structure docs/ci.md describes (reports kept even when the
 * run fails, a nightly histories job), pin the version package.json holds, and pass only flags
 * the command's own --help lists.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect } from "chai";
import { parseDocument } from "yaml";
import { BIN, isolatedEnv } from "../support/run-cli.js";

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");
const { version } = JSON.parse(read("package.json")) as { version: string };
const PINNED = `cognito-sync-conformance@${version}`;

/** Parses a YAML file, failing on any error or warning. */
function parseYaml(path: string): Record<string, unknown> {
  const doc = parseDocument(read(path), { prettyErrors: true });
  expect(doc.errors.map(String), `${path}: errors`).to.deep.equal([]);
  expect(doc.warnings.map(String), `${path}: warnings`).to.deep.equal([]);
  const value: unknown = doc.toJS();
  expect(value, path).to.be.an("object");
  return value as Record<string, unknown>;
}

interface Invocation {
  /** `pact`, `histories`, or "" for the suite itself. */
  command: string;
  flags: string[];
  /** The command line from the package name on, for messages. */
  text: string;
}

/**
 * Every call of the command in a piece of shell: what follows `cognito-sync-conformance@...` up
 * to the end of the (continued) line or a shell operator.
 */
function invocations(shell: string): Invocation[] {
  const found: Invocation[] = [];
  for (const line of shell.replace(/\\\r?\n/g, " ").split("\n")) {
    for (const match of line.matchAll(/cognito-sync-conformance@\S+((?:(?!\|\||&&|[;|#]).)*)/g)) {
      const words = match[1]!.trim().split(/\s+/).filter(Boolean);
      found.push({
        command: /^(pact|histories)$/.test(words[0] ?? "") ? words[0]! : "",
        flags: words.filter((w) => /^--[a-z-]+$/.test(w)),
        text: match[0].replace(/\s+/g, " ").trim(),
      });
    }
  }
  return found;
}

/** The versions `cognito-sync-conformance@VERSION` names in a text. */
const pinnedVersions = (texts: string[]) => texts.flatMap((text) => [...text.matchAll(/cognito-sync-conformance@([^\s"'`]+)/g)].map((m) => m[1]!));

/** Pins one at least, and only the version in package.json. */
function expectPinnedToPackageVersion(texts: string[], where: string) {
  const versions = pinnedVersions(texts);
  expect(versions, `${where}: pinned versions`).to.not.be.empty;
  expect(
    versions.filter((v) => v !== version),
    `${where}: versions other than package.json's ${version}`,
  ).to.deep.equal([]);
}

type Step = { uses?: string; run?: string; if?: string; with?: Record<string, unknown> };
type GitHubJob = { if?: string; steps?: Step[] };
type GitLabJob = { script?: string[]; rules?: Array<{ if?: string }>; artifacts?: { when?: string; paths?: string[]; reports?: { junit?: string | string[] } } };

describe("CI recipes in docs/", function () {
  this.timeout(60_000);
  const help: Record<string, string> = {};

  before(() => {
    for (const command of ["", "pact", "histories"]) {
      help[command] = execFileSync(process.execPath, [BIN, ...(command ? [command] : []), "--help"], { encoding: "utf8", env: isolatedEnv() });
    }
  });

  /** Each flag of each invocation appears, as a whole flag, in that command's --help. */
  function expectKnownFlags(calls: Invocation[]) {
    for (const call of calls) {
      for (const flag of call.flags) {
        const known = new RegExp(`(?<![a-z-])${flag}(?![a-z-])`).test(help[call.command]!);
        expect(known, `${flag} in '${call.text}' is not in 'cognito-sync-conformance ${call.command} --help'`).to.equal(true);
      }
    }
  }

  describe("docs/github-actions.yml", () => {
    const path = "docs/github-actions.yml";
    let workflow: Record<string, unknown>;
    let jobs: Array<[string, GitHubJob]>;
    const callsOf = (job: GitHubJob) => (job.steps ?? []).flatMap((s) => invocations(s.run ?? ""));

    before(() => {
      workflow = parseYaml(path);
      jobs = Object.entries((workflow.jobs ?? {}) as Record<string, GitHubJob>);
    });

    it("runs on push, pull_request and a schedule", () => {
      const on = workflow.on as Record<string, unknown>;
      expect(on, "on").to.be.an("object");
      expect(on).to.have.property("push");
      expect(on).to.have.property("pull_request");
      const schedule = on.schedule as Array<{ cron?: string }>;
      expect(schedule, "on.schedule").to.be.an("array").that.is.not.empty;
      expect(schedule.every((s) => typeof s.cron === "string" && s.cron.trim().split(/\s+/).length === 5)).to.equal(true);
    });

    it(`every job that runs the suite checks out, sets up Node, and uploads its reports with if: always()`, () => {
      const running = jobs.filter(([, job]) => callsOf(job).length > 0);
      expect(running.map(([name]) => name)).to.not.be.empty;
      for (const [name, job] of running) {
        const uses = (job.steps ?? []).map((s) => s.uses ?? "");
        expect(uses, name).to.include("actions/checkout@v4");
        expect(uses, name).to.include("actions/setup-node@v4");
        const upload = (job.steps ?? []).find((s) => s.uses === "actions/upload-artifact@v4");
        expect(upload, `${name}: upload-artifact step`).to.not.equal(undefined);
        expect(upload!.if, `${name}: upload-artifact condition`).to.match(/^\s*(\$\{\{\s*)?always\(\)(\s*\}\})?\s*$/);
        expect(upload!.with?.path, `${name}: uploaded path`).to.be.a("string").that.is.not.empty;
      }
    });

    it(`every call pins ${PINNED} (the version in package.json) and writes a JUnit report; histories run only on the schedule`, () => {
      const calls = jobs.flatMap(([, job]) => callsOf(job));
      expect(calls.map((c) => c.command)).to.include.members(["", "pact", "histories"]);
      for (const call of calls) expect(call.flags, call.text).to.include("--report-junit");
      const runSteps = jobs.flatMap(([, job]) => (job.steps ?? []).map((s) => s.run ?? ""));
      expectPinnedToPackageVersion(runSteps, path);
      expect(
        runSteps.some((r) => /\bnpx (--yes )?cognito-sync-conformance(?!@)/.test(r)),
        "an unpinned npx call",
      ).to.equal(false);
      for (const [name, job] of jobs.filter(([, job]) => callsOf(job).some((c) => c.command === "histories"))) {
        expect(job.if, `${name}: if`).to.match(/github\.event_name == 'schedule'/);
      }
    });

    it("passes only flags the command knows", () => expectKnownFlags(jobs.flatMap(([, job]) => callsOf(job))));
  });

  describe("docs/gitlab-ci.yml", () => {
    const path = "docs/gitlab-ci.yml";
    const reserved = new Set(["default", "include", "stages", "variables", "workflow", "image", "services", "cache", "before_script", "after_script"]);
    let jobs: Array<[string, GitLabJob]>;
    const callsOf = (job: GitLabJob) => (job.script ?? []).flatMap((line) => invocations(line));

    before(() => {
      const config = parseYaml(path);
      jobs = Object.entries(config).filter(([name]) => !name.startsWith(".") && !reserved.has(name)) as Array<[string, GitLabJob]>;
    });

    it(`every job whose script calls ${PINNED} keeps its artifacts when: always, with a JUnit report`, () => {
      const running = jobs.filter(([, job]) => callsOf(job).length > 0);
      expect(running.map(([name]) => name)).to.not.be.empty;
      for (const [name, job] of running) {
        expect(job.artifacts?.when, `${name}: artifacts.when`).to.equal("always");
        const junit = [job.artifacts?.reports?.junit ?? []].flat();
        expect(junit, `${name}: artifacts.reports.junit`).to.not.be.empty;
        for (const call of callsOf(job)) expect(call.flags, call.text).to.include("--report-junit");
        expect(job.artifacts?.paths, `${name}: artifacts.paths`).to.be.an("array").that.is.not.empty;
      }
    });

    it("pins the version in package.json, and plays histories only in a scheduled job", () => {
      const scripts = jobs.flatMap(([, job]) => job.script ?? []);
      expectPinnedToPackageVersion(scripts, path);
      const histories = jobs.filter(([, job]) => callsOf(job).some((c) => c.command === "histories"));
      expect(histories.map(([name]) => name)).to.not.be.empty;
      for (const [name, job] of histories) {
        expect(
          (job.rules ?? []).map((r) => r.if),
          `${name}: rules`,
        ).to.deep.equal(['$CI_PIPELINE_SOURCE == "schedule"']);
      }
    });

    it("passes only flags the command knows", () => expectKnownFlags(jobs.flatMap(([, job]) => callsOf(job))));
  });

  describe("docs/ci.md and the README", () => {
    it("docs/ci.md links both recipes", () => {
      const links = [...read("docs/ci.md").matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
      expect(links).to.include.members(["github-actions.yml", "gitlab-ci.yml"]);
    });

    it(`every pinned version they show is ${version}, and every flag they show is known`, () => {
      for (const path of ["docs/ci.md", "README.md"]) {
        const text = read(path);
        expectPinnedToPackageVersion([text], path);
        const shellBlocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).join("\n");
        expectKnownFlags(invocations(shellBlocks));
      }
    });
  });
});
