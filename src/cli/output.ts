/**
 * The command's stdout and stderr as CI sees them: pipes to a reader that may start late,
 * read slowly or go away. The command exits only once everything it wrote has been handed
 * to the reader (Node drops pending pipe writes at process.exit), and a reader that goes
 * away (EPIPE) ends the command quietly instead of crashing it with a stack trace.
 */

let gone: string | undefined;
let whenGone: ((reason: string) => void) | undefined;

/**
 * Watches both streams. When the reader goes away, `onGone` is told (a run stops and writes
 * its reports), or without one the command exits at once: nobody can read what it says.
 */
export function guardOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (gone !== undefined) return;
      gone = `the command's output was closed (${e.code ?? e.message})`;
      if (whenGone) whenGone(gone);
      else process.exit(process.exitCode ?? 1);
    });
  }
}

/** While a run is going, a closed output stops it (through `stop`) instead of exiting. */
export function onOutputGone(stop: ((reason: string) => void) | undefined): void {
  whenGone = stop;
  if (stop && gone !== undefined) stop(gone);
}

/** A reader may be slow, but one that takes no more at all must not keep the command alive. */
const FLUSH_LIMIT_MS = 30_000;

/** Exits with `code` once stdout and stderr have handed everything written to their readers (or after FLUSH_LIMIT_MS). */
export async function exitWhenFlushed(code: number): Promise<never> {
  process.exitCode = code;
  await Promise.race([Promise.all([process.stdout, process.stderr].map(flushed)), new Promise((r) => setTimeout(r, FLUSH_LIMIT_MS).unref())]);
  process.exit(code);
}

/** Resolves once what was written before has been flushed, or the stream can take no more. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableLength === 0) return resolve();
    stream.once("close", () => resolve());
    // Writes complete in order, so this callback runs after every earlier one (or with an error).
    stream.write("", () => resolve());
  });
}
