/**
 * Pact verification in a process of its own. Pact's verifier is native code that cannot be
 * cancelled and that holds up its process's exit until it has finished, which against an
 * endpoint that drips its answers takes minutes. In a child, a run that must stop (the
 * gate closed: deadline, dead endpoint, output gone) kills it and ends on time. The
 * verifier's own report, which it prints, stays in the child: the verdicts say it all.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Credentials } from "../http/sign.js";
import type { InteractionVerdict } from "./verify.js";

export interface ChildTarget {
  endpoint: string;
  region: string;
  credentials: Credentials;
  stateUrl?: string;
  timeoutMs: number;
}

export type ChildReply = { verdicts: InteractionVerdict[]; error?: undefined } | { verdicts?: undefined; error: string };

// The child is TypeScript while the command runs through tsx, and needs tsx too, resolved from
// here (not from the current directory, which may be any project's); compiled, it needs nothing.
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const CHILD = new URL(`./verifier-child${FROM_SOURCE ? ".ts" : ".js"}`, import.meta.url);
const CHILD_ARGS = FROM_SOURCE ? ["--import", import.meta.resolve("tsx")] : [];

/** Resolves with the verdicts; rejects with why there are none (`stop` settled first, or the child died). */
export function verifyInChild(target: ChildTarget, stop: Promise<string>): Promise<InteractionVerdict[]> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(CHILD), [], { execArgv: CHILD_ARGS, stdio: ["ignore", "ignore", "pipe", "ipc"] });
    // However it ends, the child goes too: its native verifier would otherwise outlive the run.
    const end = (outcome: () => void) => (child.kill("SIGKILL"), outcome());
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    child.once("message", (m: ChildReply) => end(() => (m.verdicts ? resolve(m.verdicts) : reject(new Error(m.error)))));
    child.once("error", (e) => end(() => reject(new Error(`the Pact verifier could not start: ${e.message}`))));
    // Its first error line says why, without the stack trace around it.
    const why = () => stderr.split("\n").find((l) => /^\w*Error\b/.test(l)) ?? stderr.trim().split("\n").pop();
    child.once("exit", (code, signal) => reject(new Error(`the Pact verifier ended (${signal ?? `exit ${code}`}) without verdicts${stderr ? `: ${why()}` : ""}`)));
    void stop.then((reason) => end(() => reject(new Error(`stopped: ${reason}`))));
    child.send(target);
  });
}
