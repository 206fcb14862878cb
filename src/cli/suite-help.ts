/** The suite command's --help: generated from the settings table and the interpretations catalogue. */
import { settings, type Setting } from "../config/settings.js";
import { interpretations } from "../harness/catalogue.js";
import { variantHelp } from "./variant-help.js";

/** What each flag's value is, named in --help. */
const PLACEHOLDERS: Record<string, string> = {
  region: "REGION",
  identityPoolId: "ID",
  identityId: "ID",
  otherIdentityId: "ID",
  timeoutMs: "MS",
  runTimeout: "SECONDS",
  grep: "REGEX",
  replay: "PATH",
  variant: "NAME",
};
const placeholder = (s: Setting) =>
  s.kind === "boolean" ? "" : s.kind === "pairs" ? " NAME=CHOICE" : ` ${PLACEHOLDERS[s.key] ?? (s.kind === "integer" ? "N" : s.kind === "string" ? "FILE" : "URL")}`;

/** What each command runs, above the options they share. */
const HEADERS: Record<SuiteKind, string[]> = {
  scenarios: ["Runs the Cognito Sync ListRecords conformance suite (fixed scenarios and random histories) against an endpoint;"],
  histories: [
    "Runs only the random histories (200, or --runs N), e.g. for a long nightly search; a failure is shrunk and printed with",
    "the --seed and --replay PATH that repeat it.",
  ],
  pact: ["Verifies the endpoint against the consumer contract of AWS's sync clients (contracts/), with Pact's verifier;", "options about scenarios and histories do not apply."],
};

export type SuiteKind = "scenarios" | "histories" | "pact";

export function suiteHelp(kind: SuiteKind = "scenarios"): string {
  const rows = settings
    .filter((s) => kind !== "pact" || !s.scenariosOnly)
    .map((s) => {
      const where = [s.flag ? `--${s.flag}${placeholder(s)}` : undefined, ...(s.env ?? []).map((e) => `$${e}`), s.file ? `config: ${s.file}` : undefined].filter(Boolean);
      const row = `  ${where.join(" | ")}\n      ${s.help}${s.defaultText ? ` (default: ${s.defaultText})` : ""}`;
      return s.key === "variant" ? `${row}\n${variantHelp("      ")}` : row;
    });
  const open = interpretations.map((i) => `  ${i.name}: ${Object.keys(i.choices).join(" | ")} (default ${i.default}) - ${i.question}`);
  return [
    "Usage: cognito-sync-conformance [options]          run the suite",
    "       cognito-sync-conformance histories [options] [--runs N]",
    "                                                   only the random histories (200, or N), e.g. nightly",
    "       cognito-sync-conformance pact [options]     verify the consumer contract",
    "       cognito-sync-conformance serve [options]    start the reference endpoint (serve --help)",
    "       cognito-sync-conformance record --snapshots DIR [options]",
    "                                                   run the scenarios and write a snapshot of each",
    "       cognito-sync-conformance compare --snapshots DIR [--allow FILE] [options]",
    "                                                   replay them against the endpoint: exit 1 on a difference",
    "       cognito-sync-conformance diff BASE.json HEAD.json [--html FILE]",
    "                                                   compare two JSON reports: exit 1 on a regression",
    "       cognito-sync-conformance matrix A.json [B.json ...] --html FILE",
    "                                                   several runs' reports side by side in one page",
    "       cognito-sync-conformance mutants | stability [--help]",
    "       cognito-sync-conformance --version",
    "",
    ...HEADERS[kind],
    "with no endpoint, against the embedded reference endpoint. A flag beats an environment variable, which",
    "beats the config file. Exit codes: 0 no MUST requirement failed, 1 one did (or a SHOULD one with",
    "--strict) or a scenario could not be judged (no answer, or the run stopped early: the",
    "endpoint stopped answering or --run-timeout passed), 2 bad usage or configuration, or an",
    "endpoint that cannot be reached, 3 a bug of the suite.",
    "",
    "  --config FILE",
    "      JSON config file with the keys shown as 'config:' below",
    ...rows,
    "  -h, --help",
    "      show this text",
    "",
    ...(kind === "pact" ? [] : ["Interpretations of points the sources leave open (--interpretation NAME=CHOICE):", ...open, ""]),
  ].join("\n");
}
