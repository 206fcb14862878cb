/**
 * The embedded reference endpoint in a worker thread of its own: the suite and the endpoint
 * then run on two cores instead of taking turns on one, and the run is bounded by the longer of
 * the two rather than their sum. Only its URL crosses over; everything else goes over HTTP, as
 * with any endpoint.
 */
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ReferenceOptions } from "../reference/server.js";

export interface EmbeddedEndpoint {
  url: string;
  close(): Promise<void>;
}

export async function startEmbeddedReference(options: ReferenceOptions): Promise<EmbeddedEndpoint> {
  // From a checkout the worker runs TypeScript too: it loads tsx first, as bin/ does for the command.
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = new URL(`./reference-worker.${fromSource ? "ts" : "js"}`, import.meta.url).href;
  // Module hooks do not reach a worker on Node 20, so from a checkout it registers tsx's require hook and loads the source through it.
  const worker = fromSource
    ? new Worker(`require(${JSON.stringify(fileURLToPath(import.meta.resolve("tsx/cjs/api")))}).register(); require(${JSON.stringify(fileURLToPath(entry))});`, {
        eval: true,
        workerData: options,
      })
    : new Worker(new URL(entry), { workerData: options });
  // Settled whenever the thread ends, so closing an endpoint whose thread already died does not wait forever.
  const ended = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    worker.once("message", (m: { url: string }) => resolve(m.url));
    worker.once("error", reject);
    void ended.then(() => reject(new Error("the embedded reference endpoint's thread ended before it listened")));
  });
  // A crash later leaves the run's requests unanswered (not judged, as with any endpoint that dies); it is said once.
  worker.on("error", (e: Error) => process.stderr.write(`the embedded reference endpoint failed: ${e.message}\n`));
  return {
    url,
    close: async () => {
      worker.postMessage("close");
      await ended;
    },
  };
}
