/**
 * The failures at the end of a terminal run, fit for a CI log: grouped by what broke (a
 * requirement, or why a test could not be judged), the first failure of each group in full and
 * the others named on one line, each with its number and id, and prose folded at a readable
 * width; and the run's counts. Request and curl lines
 * are never folded, so they stay copyable.
 */
import type { JudgedResult } from "./outcome.js";
import type { Summary } from "./summary.js";

export const WIDTH = 120;

/** `text` with each long prose line folded at `width`, continuation lines keeping its indent. */
export function fold(text: string, width = WIDTH): string {
  return text
    .split("\n")
    .flatMap((line) => {
      if (line.length <= width || /curl |^\s*replay: npx |^\s*(GET|POST|DELETE|PUT) \S+:\/\//.test(line)) return [line];
      const indent = /^\s*/.exec(line)![0];
      const out: string[] = [];
      let rest = line.trimStart();
      while (indent.length + rest.length > width) {
        const room = width - indent.length;
        const cut = rest.lastIndexOf(" ", room) > room / 2 ? rest.lastIndexOf(" ", room) : room;
        out.push(indent + rest.slice(0, cut));
        rest = rest.slice(cut).trimStart();
      }
      return [...out, indent + rest];
    })
    .join("\n");
}

const groupOf = (r: JudgedResult) =>
  r.failedRequirement
    ? `${r.failedRequirement} (${r.failedLevel})`
    : r.outcome.kind === "suite error"
      ? "failed inside the suite"
      : `not judged: ${(r.error ?? "").split("\n")[1]?.trim() ?? ""}`;

/**
 * The failure section: one block per group, each failure under the number mocha's running list
 * gave it. Mocha numbers every test it saw fail, in order; a failure the expectations file lists
 * reached it as pending, so it has no number and no place here.
 */
export function failureSection(results: readonly JudgedResult[]): string {
  const groups = new Map<string, Array<{ r: JudgedResult; n: number }>>();
  let n = 0;
  for (const r of results) {
    if (r.status !== "failed" || r.outcome.kind === "expected failure") continue;
    groups.set(groupOf(r), [...(groups.get(groupOf(r)) ?? []), { r, n: ++n }]);
  }
  const named = ({ r, n }: { r: JudgedResult; n: number }) => `${n}) ${r.title} (${r.id})`;
  return [...groups]
    .map(([group, [first, ...others]]) =>
      [
        `  ${group}: ${others.length + 1} ${others.length === 0 ? "test" : "tests"}`,
        `  ${named(first!)}`,
        fold((first!.r.error ?? "").replace(/^/gm, "       ")),
        ...(others.length > 0 ? [fold(`     also failed it: ${others.map(named).join("; ")}`)] : []),
        "",
      ].join("\n"),
    )
    .join("\n");
}

/** The run's counts, every test in exactly one of them. */
export const countsLine = (s: Summary): string =>
  `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped${s.expectedFailures ? `, ${s.expectedFailures} expected failures` : ""}`;
