/** The package's name and version, read from its package.json, wherever the package is installed. */
import { readFileSync } from "node:fs";
import { packageFile } from "./package-root.js";

const pkg = JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as { name: string; version: string };

export const TOOL = { name: pkg.name, version: pkg.version } as const;
