/**
 * The JUnit XML of a run that ended before its tests: one test case, in error, saying why,
 * so a CI publisher reading the file shows the reason instead of choking on a missing file.
 */
const escape = (s: string) =>
  // XML 1.0 allows no control characters but tab and newlines.
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function abortedJunit(reason: string, timestamp = new Date()): string {
  const message = escape(reason.split("\n")[0]!);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuite name="cognito-sync-conformance" tests="1" failures="0" errors="1" skipped="0" timestamp="${timestamp.toISOString()}" time="0">`,
    `  <testcase classname="cognito-sync-conformance" name="the run reaches its tests" time="0">`,
    `    <error message="${message}" type="aborted">${escape(reason)}</error>`,
    `  </testcase>`,
    `</testsuite>`,
    "",
  ].join("\n");
}
