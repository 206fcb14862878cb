/**
 * Where the package's data files are (schemas/, specs/*.json, contracts/, package.json): its
 * root, found from this module upwards, so they are found alike when the command runs from its
 * TypeScript source (src/) and from the compiled package (dist/src/), whatever the current
 * directory.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "cognito-sync-conformance") return dir;
    if (dirname(dir) === dir) throw new Error(`cognito-sync-conformance: no package root above ${from}`);
  }
}

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A file of the package, by its path from the package root. */
export const packageFile = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
