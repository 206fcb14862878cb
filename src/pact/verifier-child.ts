/**
 * The child-process side of verifyInChild: takes the target over IPC, verifies the contract
 * with its own state hook, and sends back the verdicts, or one line on why there are none
 * (Pact's proxy throws, uncaught, when the endpoint resets a connection); then waits to be killed.
 */
import { RequestGate } from "../http/request-gate.js";
import { StateHook } from "../harness/states.js";
import type { ChildReply, ChildTarget } from "./verify-in-child.js";
import { verifyPact } from "./verify.js";

// The parent kills this process once it has the reply (exiting here could beat the reply to it);
// if the parent is gone, there is no one left to reply to.
const reply = (message: ChildReply) => process.send!(message);
process.once("disconnect", () => process.exit(0));
process.once("uncaughtException", (e: NodeJS.ErrnoException) => reply({ error: `Pact's verifier failed: ${e.code ?? e.name}: ${e.message}` }));
process.once("message", (target: ChildTarget) => {
  // A gate of its own, so a state URL that stopped answering costs one timeout, not one per interaction.
  const states = target.stateUrl === undefined ? undefined : new StateHook(target.stateUrl, target.timeoutMs, new RequestGate());
  void verifyPact({ ...target, ...(states ? { states } : {}) }).then((verdicts) => reply({ verdicts }));
});
