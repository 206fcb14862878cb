/** The suite command's --help: generated from the settings table and the interpretations catalogue. */
import { settings } from "../config/settings.js";
import { interpretations } from "../harness/catalogue.js";

export function suiteHelp(): string {
  const rows = settings.map((s) => {
    const where = [
      s.flag ? `--${s.flag}${s.kind === "boolean" ? "" : s.kind === "pairs" ? " NAME=CHOICE" : " VALUE"}` : undefined,
      ...(s.env ?? []).map((e) => `$${e}`),
      s.file ? `config: ${s.file}` : undefined,
    ].filter(Boolean);
    return `  ${where.join(" | ")}\n      ${s.help}${s.defaultText ? ` (default: ${s.defaultText})` : ""}`;
  });
  const open = interpretations.map((i) => `  ${i.name}: ${Object.keys(i.choices).join(" | ")} (default ${i.default}) - ${i.question}`);
  return [
    "Usage: cognito-sync-conformance [options]          run the suite",
    "       cognito-sync-conformance histories [options] [--runs N]",
    "                                                   only the random histories (200, or N), e.g. nightly",
    "       cognito-sync-conformance serve [options]    start the reference endpoint (serve --help)",
    "",
    "Runs the Cognito Sync ListRecords conformance suite against an endpoint; with no endpoint,",
    "against the embedded reference endpoint. A flag beats an environment variable, which beats",
    "the config file. Exit codes: 0 no MUST requirement failed, 1 one did (or a SHOULD one with",
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
    "Interpretations of points the sources leave open (--interpretation NAME=CHOICE):",
    ...open,
    "",
  ].join("\n");
}
