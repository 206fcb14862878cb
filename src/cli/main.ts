/** Entry point of the `cognito-sync-conformance` command: picks the subcommand, maps failures to exit codes. */
import { mutants } from "./mutants.js";
import { exitWhenFlushed, guardOutput } from "./output.js";
import { runSuite } from "./run-suite.js";
import { stability } from "./stability.js";
import { serve } from "./serve.js";
import { EarlyExit, UsageError } from "../config/usage-error.js";

const commands: Record<string, (args: string[]) => Promise<number>> = {
  serve: async (args) => (await serve(args), 0),
  pact: (args) => runSuite(args, "pact"),
  histories: (args) => runSuite(args, "histories"),
  mutants,
  stability,
};

/**
 * Runs the command and exits once its output is flushed; `serve` lives on through its
 * listening socket instead. Everything else exits even if a misbehaving endpoint left a
 * socket open or Pact's verifier still holds the event loop.
 */
export async function runCommand(argv: string[]): Promise<void> {
  guardOutput();
  const code = await main(argv);
  if (argv[0] !== "serve" || code !== 0) await exitWhenFlushed(code);
}

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first !== undefined && !first.startsWith("-")) {
      const command = commands[first];
      if (!command) throw new UsageError(`unknown command '${first}'; see --help`);
      return await command(rest);
    }
    return await runSuite(argv);
  } catch (e) {
    if (e instanceof EarlyExit) {
      process.stderr.write(`cognito-sync-conformance: ${e.message}\n`);
      return e.code;
    }
    // A bug of the suite itself: one line, the stack only on request.
    process.stderr.write(`cognito-sync-conformance: internal error: ${(e as Error)?.message ?? String(e)} (set COGNITO_SYNC_DEBUG=1 for the stack)\n`);
    if (process.env.COGNITO_SYNC_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
    return 3;
  }
}
