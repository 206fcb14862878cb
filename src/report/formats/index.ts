/**
 * The report formats a run can write, each with the setting that names its file. A new format
 * is a file in this folder, a row here, and a row in config/settings.ts.
 */
import type { ReportFormat } from "../format.js";
import { htmlFormat } from "./html.js";
import { jsonFormat } from "./json.js";
import { junitFormat } from "./junit.js";

export const reportFormats: ReadonlyArray<{ setting: "reportJson" | "reportJunit" | "reportHtml"; format: ReportFormat }> = [
  { setting: "reportJson", format: jsonFormat },
  { setting: "reportJunit", format: junitFormat },
  { setting: "reportHtml", format: htmlFormat },
];
