/**
 * The child-process side of verifyInChild: takes the target over IPC, verifies the contract
 * with its own state hook, sends the verdicts back and exits.
 */
import { StateHook } from "../harness/states.js";
import type { ChildTarget } from "./verify-in-child.js";
import { verifyPact } from "./verify.js";

process.once("message", (target: ChildTarget) => {
  const states = target.stateUrl === undefined ? undefined : new StateHook(target.stateUrl, target.timeoutMs);
  void verifyPact({ ...target, ...(states ? { states } : {}) }).then((verdicts) => process.send!(verdicts, () => process.exit(0)));
});
