/**
 * docs/requirements.md, generated from specs/requirements.json so the two never disagree: every
 * requirement with its level, statement and source, and for each the clients that break
 * without it. `npm run docs` writes it; a project test checks the committed file is current.
 */
import { requirements, type Requirement } from "../harness/catalogue.js";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function entry(r: Requirement): string {
  const breaks = (r.breaks ?? []).map((b) => `- **${b.client}**: ${b.effect} (${b.source})`);
  return [
    `### ${r.id} (${r.level})`,
    "",
    r.statement,
    "",
    `Source (${r.source.kind}): ${r.source.ref}${r.interpretation ? `. Choice switchable with \`--interpretation ${r.interpretation}=CHOICE\`.` : ""}`,
    "",
    ...(r.variantGap ? [`No broken variant of the reference is built to break it: ${r.variantGap}.`, ""] : []),
    ...(breaks.length > 0
      ? ["Without it:", "", ...breaks, ""]
      : r.level === "MUST"
        ? ["No official client is known to break without it: the documentation or the service model demands it.", ""]
        : []),
  ].join("\n");
}

export function requirementsMarkdown(): string {
  const all = [...requirements.values()];
  const rows = all.map(
    (r) =>
      `| [${r.id}](#${r.id.toLowerCase()}-${r.level.toLowerCase()}) | ${r.level} | ${cell([...new Set((r.breaks ?? []).map((b) => b.client))].join(", ") || (r.level === "MUST" ? "(documented; none known)" : "-"))} |`,
  );
  return [
    "# Requirements",
    "",
    "Generated from `specs/requirements.json` by `npm run docs`; do not edit by hand.",
    "",
    "A requirement is **MUST** when the documentation or the service model demands it, or when one of AWS's",
    "own clients crashes, loops, loses, resurrects or leaks data without it (each such client is named below,",
    "with the repository, file and function the effect follows from). Where the sources are silent and no",
    "client breaks either way, the suite's interpretation is a **SHOULD**.",
    "",
    `${all.filter((r) => r.level === "MUST").length} MUST and ${all.filter((r) => r.level === "SHOULD").length} SHOULD requirements.`,
    "",
    "| requirement | level | clients that break without it |",
    "|---|---|---|",
    ...rows,
    "",
    ...all.map(entry),
  ].join("\n");
}
