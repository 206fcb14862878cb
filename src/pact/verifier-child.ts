/**
 * The child-process side of verifyInChild: takes the target over IPC, verifies the contract
 * with its own state hook, and sends back the verdicts, or one line on why there are none
 * (Pact's proxy throws, uncaught, when the endpoint resets a connection).
 */
import { StateHook } from "../harness/states.js";
import type { ChildReply, ChildTarget } from "./verify-in-child.js";
import { verifyPact } from "./verify.js";

const reply = (message: ChildReply) => process.send!(message, () => process.exit(0));
process.once("uncaughtException", (e: NodeJS.ErrnoException) => reply({ error: `Pact's verifier failed: ${e.code ?? e.name}: ${e.message}` }));
process.once("message", (target: ChildTarget) => {
  const states = target.stateUrl === undefined ? undefined : new StateHook(target.stateUrl, target.timeoutMs);
  void verifyPact({ ...target, ...(states ? { states } : {}) }).then((verdicts) => reply({ verdicts }));
});
