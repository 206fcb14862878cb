/** The JSON report: the run record itself (schemas/report.schema.json), for tools. */
import type { ReportFormat } from "../format.js";

export const jsonFormat: ReportFormat = {
  name: "the JSON report",
  render: (record) => `${JSON.stringify(record, null, 2)}\n`,
};
