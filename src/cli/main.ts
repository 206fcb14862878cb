/** Entry point of the `cognito-sync-conformance` command: picks the subcommand, maps failures to exit codes. */
import { serve } from "./serve.js";
import { UsageError } from "./usage-error.js";

const help = `Usage: cognito-sync-conformance <command> [options]

Commands:
  serve     start the embedded reference endpoint (see: serve --help)

Options:
  -h, --help  show this text
`;

const commands: Record<string, (args: string[]) => Promise<void>> = { serve };

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h") {
      process.stdout.write(help);
      return command === undefined ? 2 : 0;
    }
    const run = commands[command];
    if (!run) throw new UsageError(`unknown command '${command}'; see --help`);
    await run(rest);
    return 0;
  } catch (e) {
    // parseArgs reports bad flags with a code; both kinds are the caller's to fix.
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`cognito-sync-conformance: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

