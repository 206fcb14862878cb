/**
 * The source's imports run one way: no module imports another in a circle, and nothing
 * outside src/cli/ imports from it (the command sits on top of everything else). The service
 * model and the reference endpoint share nothing, so a bug cannot hide in both.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

/** Each module's relative imports (type-only ones included: they tie modules together too), as paths under src/. */
const graph = new Map(
  sources(SRC).map((file) => {
    const specifiers = [...readFileSync(file, "utf8").matchAll(/^(?:import|export)[^;]*?from "(\.{1,2}\/[^"]+)"/gm)].map((m) => m[1]!);
    return [relative(SRC, file), specifiers.map((s) => relative(SRC, resolve(dirname(file), s)).replace(/\.js$/, ".ts"))] as const;
  }),
);

describe("source imports", () => {
  it("has modules to check", () => expect(graph.size).to.be.above(40));

  it("import no module from src/cli/ outside it", () => {
    // index.ts, the package's entry, sits on top with the command.
    const wrong = [...graph].flatMap(([from, to]) => (from.startsWith("cli/") || from === "index.ts" ? [] : to.filter((t) => t.startsWith("cli/")).map((t) => `${from} -> ${t}`)));
    expect(wrong).to.deep.equal([]);
  });

  it("keep the service model and the reference endpoint apart: the model imports nothing else but the requirement ids, the reference nothing outside itself", () => {
    expect(graph.get("requirement-ids.ts"), "the requirement ids are a leaf").to.deep.equal([]);
    const wrong = [...graph].flatMap(([from, to]) =>
      to
        .filter((t) => (from.startsWith("model/") && !t.startsWith("model/") && t !== "requirement-ids.ts") || (from.startsWith("reference/") && !t.startsWith("reference/")))
        .map((t) => `${from} -> ${t}`),
    );
    expect(wrong).to.deep.equal([]);
  });

  it("form no cycle", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (node: string, path: string[]): void => {
      if (state.get(node) === "done") return;
      if (state.get(node) === "open") return void cycles.push([...path.slice(path.indexOf(node)), node].join(" -> "));
      state.set(node, "open");
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, "done");
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).to.deep.equal([]);
  });
});
