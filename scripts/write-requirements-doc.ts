/** `npm run docs`: regenerates docs/requirements.md and src/harness/requirement-ids.ts from the requirements catalogue. */
import { writeFileSync } from "node:fs";
import { requirementsMarkdown } from "../src/report/requirements-doc.js";
import { requirementIdsModule } from "./requirement-ids.js";

writeFileSync(new URL("../docs/requirements.md", import.meta.url), requirementsMarkdown());
writeFileSync(new URL("../src/harness/requirement-ids.ts", import.meta.url), requirementIdsModule());
