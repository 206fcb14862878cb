/**
 * The embedded reference endpoint's side of its worker thread: starts the endpoint with the
 * options it was given, tells the run its URL, and closes it when asked.
 */
import { parentPort, workerData } from "node:worker_threads";
import { startReferenceEndpoint, type ReferenceOptions } from "../reference/server.js";

// No top-level await: from a checkout this module is loaded through tsx's require hook.
void startReferenceEndpoint(workerData as ReferenceOptions).then((endpoint) => {
  parentPort!.on("message", (m: unknown) => {
    if (m === "close") void endpoint.close().then(() => parentPort!.close());
  });
  parentPort!.postMessage({ url: endpoint.url });
});
