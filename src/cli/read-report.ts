/**
 * What the commands that read JSON run reports (diff, matrix) take: the report files and an
 * optional `--html FILE`, and each file read as a run's record. A file that is not a valid
 * report of this format, or a --list listing, is a usage error (exit 2, one line): comparing
 * it would only mislead.
 */
import { readFileSync } from "node:fs";
import { UsageError } from "../config/usage-error.js";
import { FORMAT_VERSION, type RunRecord } from "../report/run-record.js";
import { validateAgainst } from "../schema/validators.js";

/** The report files and the --html file named by a command's arguments; `usage` is the command's usage line, for errors. */
export function reportArgs(args: readonly string[], usage: string): { files: string[]; html?: string } {
  const files: string[] = [];
  let html: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--html") {
      if (html !== undefined) throw new UsageError(`--html is given twice; usage: ${usage}`);
      html = args[++i];
      if (html === undefined || html.startsWith("-")) throw new UsageError(`--html needs a FILE; usage: ${usage}`);
    } else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}; usage: ${usage}`);
    else files.push(a);
  }
  return { files, ...(html !== undefined ? { html } : {}) };
}

export function readReport(path: string): RunRecord {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`cannot read ${path} as JSON: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== FORMAT_VERSION)
    throw new UsageError(`${path} is not a report of format ${FORMAT_VERSION} (its formatVersion is ${JSON.stringify(version)}); write it again with this version`);
  if ((json as { listing?: unknown }).listing === true) throw new UsageError(`${path} is a --list listing, not a run's report`);
  const issues = validateAgainst("report", json);
  if (issues.length > 0) throw new UsageError(`${path} is not a valid report: ${issues[0]!.instancePath || "/"} ${issues[0]!.message}`);
  return json as RunRecord;
}
