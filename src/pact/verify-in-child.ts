/**
 * Pact verification in a process of its own. Pact's verifier is native code that cannot be
 * cancelled and that holds up its process's exit until it has finished, which against an
 * endpoint that drips its answers takes minutes. In a child, a run that must stop (the
 * gate closed: deadline, dead endpoint, output gone) kills it and ends on time. The
 * verifier's own report, which it prints, stays in the child: the verdicts say it all.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Credentials } from "../client/signed-client.js";
import type { InteractionVerdict } from "./verify.js";

export interface ChildTarget {
  endpoint: string;
  region: string;
  credentials: Credentials;
  stateUrl?: string;
  timeoutMs: number;
}

// The child is TypeScript while the command runs through tsx, and needs tsx too.
const CHILD = new URL(`./verifier-child${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);

/** Resolves with the verdicts; rejects with why there are none (`stop` settled first, or the child died). */
export function verifyInChild(target: ChildTarget, stop: Promise<string>): Promise<InteractionVerdict[]> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(CHILD), [], { execArgv: CHILD.pathname.endsWith(".ts") ? ["--import", "tsx"] : [], stdio: ["ignore", "ignore", "pipe", "ipc"] });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    child.once("message", (verdicts) => resolve(verdicts as InteractionVerdict[]));
    child.once("error", (e) => reject(new Error(`the Pact verifier could not start: ${e.message}`)));
    child.once("exit", (code, signal) => reject(new Error(`the Pact verifier ended (${signal ?? `exit ${code}`}) without verdicts${stderr ? `: ${stderr.trim()}` : ""}`)));
    void stop.then((reason) => {
      child.kill("SIGKILL");
      reject(new Error(`stopped: ${reason}`));
    });
    child.send(target);
  });
}
