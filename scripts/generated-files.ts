/**
 * Every committed file made from the data files, with the function that makes it. `npm run docs`
 * writes them all; a project test checks each committed copy is what its function makes now.
 */
import { requirementsMarkdown } from "../src/report/requirements-doc.js";
import { readme } from "./readme-sections.js";
import { requirementIdsModule } from "./requirement-ids.js";

export interface GeneratedFile {
  /** From the repository's root. */
  path: string;
  make: () => string | Promise<string>;
}

export const GENERATED_FILES: readonly GeneratedFile[] = [
  { path: "docs/requirements.md", make: requirementsMarkdown },
  { path: "src/requirement-ids.ts", make: requirementIdsModule },
  { path: "README.md", make: readme },
];
