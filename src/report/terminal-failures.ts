/**
 * The failures at the end of a terminal run, fit for a CI log: grouped by what broke (a
 * requirement, or why a test could not be judged), the first failure of each group in full and
 * the others named on one line, and prose folded at a readable width. Request and curl lines
 * are never folded, so they stay copyable.
 */
import type { TestResult } from "./results.js";

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

const groupOf = (r: TestResult) =>
  r.failedRequirement
    ? `${r.failedRequirement} (${r.level})`
    : r.failure === "internal"
      ? "failed inside the suite"
      : `not judged: ${(r.error ?? "").split("\n")[1]?.trim() ?? ""}`;

/** The failure section: one block per group, numbered. */
export function failureSection(results: readonly TestResult[]): string {
  const groups = new Map<string, TestResult[]>();
  for (const r of results) if (r.status === "failed" && r.expectation?.outcome !== "expected failure") groups.set(groupOf(r), [...(groups.get(groupOf(r)) ?? []), r]);
  return [...groups]
    .map(([group, [first, ...others]], i) =>
      [
        `  ${i + 1}) ${group}: ${others.length + 1} ${others.length === 0 ? "test" : "tests"}`,
        `     ${first!.title}`,
        fold((first!.error ?? "").replace(/^/gm, "       ")),
        ...(others.length > 0 ? [fold(`     also failed it: ${others.map((o) => o.title).join("; ")}`)] : []),
        "",
      ].join("\n"),
    )
    .join("\n");
}
