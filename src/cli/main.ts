/** Entry point of the `cognito-sync-conformance` command: picks the subcommand, maps failures to exit codes. */
import { exitWhenFlushed, guardOutput } from "./output.js";
import { EarlyExit, UsageError } from "../config/usage-error.js";

// Each command loads only its own modules: start-up is most of a short command's time.
const suite = (kind?: "pact" | "histories") => async (args: string[]) => (await import("./run-suite.js")).runSuite(args, kind);
const commands: Record<string, (args: string[]) => Promise<number>> = {
  serve: async (args) => (await (await import("./serve.js")).serve(args), 0),
  pact: suite("pact"),
  histories: suite("histories"),
  mutants: async (args) => (await import("./mutants.js")).mutants(args),
  stability: async (args) => (await import("./stability.js")).stability(args),
  diff: async (args) => (await import("./diff.js")).diff(args),
  matrix: async (args) => (await import("./matrix.js")).matrix(args),
  record: async (args) => (await import("./snapshot-commands.js")).record(args),
  compare: async (args) => (await import("./snapshot-commands.js")).compare(args),
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
    return await suite()(argv);
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
