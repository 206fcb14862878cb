/**
 * What the end-to-end race tests (test/races/races-*.test.ts) share: runs of the command without
 * the sequential histories, the race scenarios' names and reports, and readers of the timings
 * block of the racing calls in the terminal, JSON and JUnit output.
 */
import { expect } from "chai";
import { XMLParser } from "fast-xml-parser";
import type { TestResult } from "../../src/report/results.js";
import { isolatedEnv, readJsonFile, runCli, shown } from "./run-cli.js";

export { shown };

interface JsonReport {
  summary: Record<string, number>;
  tests: TestResult[];
}

/** Every race scenario, the parallel histories included. */
export const ALL_RACES = "same moment|walk while|parallel history";
export const ONE_KEY = "one key from one SyncCount at the same moment";
/** The sequential random histories are left out: they are not what is under test here, and they are slow. */
export const run = (args: string[], env = isolatedEnv()) => runCli(["--histories", "0", ...args], 60_000, env);

export const readJson = (path: string) => readJsonFile<JsonReport>(path);
export const races = (report: JsonReport) => report.tests.filter((t) => t.id.startsWith("races/"));
export const outcomes = (report: JsonReport) => report.tests.map((t) => `${t.id}: ${t.status} ${t.failure ?? ""} ${t.failedRequirement ?? ""} ${t.reason ?? ""}`).join("\n");
/** How many requests the one-key race sent: it grows with the number of devices, so it shows which number a run used. */
export const oneKeyRequests = (report: JsonReport) => report.tests.find((t) => t.id === "races/one-key")?.requests;

/** A call's line in the timings block: `* [start -> end] device N: ...`, with `*` for the calls no order explains. */
const TIMED = /^\s*([* ]) \[(\d+(?:\.\d+)?) -> (\d+(?:\.\d+)?)\] device \d+: /gm;
const HEADER = "calls (* marks those no order explains; the others overlapped them), in ms from the race's first call:";

/** The unexplained calls of the timings block that follows the header in `text`. */
export function unexplainedTimings(text: string): Array<{ start: number; end: number }> {
  const at = text.indexOf(HEADER);
  expect(at, `the timings block in:\n${text.slice(0, 3000)}`).to.be.at.least(0);
  return [...text.slice(at).matchAll(TIMED)].filter((m) => m[1] === "*").map((m) => ({ start: Number(m[2]), end: Number(m[3]) }));
}

/** At least two calls, each taking time, and some moment at which all of them were in flight. */
export function expectOverlapping(calls: Array<{ start: number; end: number }>, where: string): void {
  expect(calls.length, where).to.be.at.least(2);
  for (const c of calls) expect(c.start, where).to.be.below(c.end);
  expect(Math.max(...calls.map((c) => c.start)), where).to.be.below(Math.min(...calls.map((c) => c.end)));
}

/** The text of every <failure> of a JUnit file: its message and its body. */
export function junitFailures(xml: string): string[] {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false, isArray: (name) => ["testsuite", "testcase", "failure"].includes(name) });
  type Node = Record<string, unknown>;
  const doc = parser.parse(xml) as Node;
  const suites = ((doc["testsuites"] as Node)["testsuite"] ?? []) as Node[];
  return suites.flatMap((s) =>
    ((s["testcase"] ?? []) as Node[]).flatMap((c) => ((c["failure"] ?? []) as Node[]).map((f) => `${String(f["@message"] ?? "")}\n${String(f["#text"] ?? "")}`)),
  );
}
