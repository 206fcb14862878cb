/** `npm run docs`: regenerates docs/requirements.md from the requirements catalogue. */
import { writeFileSync } from "node:fs";
import { requirementsMarkdown } from "../src/report/requirements-doc.js";

writeFileSync(new URL("../docs/requirements.md", import.meta.url), requirementsMarkdown());
