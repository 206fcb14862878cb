/** `npm run docs`: rewrites every file made from the data files (see generated-files.ts). */
import { writeFileSync } from "node:fs";
import { GENERATED_FILES } from "./generated-files.js";

for (const f of GENERATED_FILES) writeFileSync(new URL(`../${f.path}`, import.meta.url), await f.make());
