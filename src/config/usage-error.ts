/** A run that ends before its tests, with an exit code and one line (or two) saying why; never a stack trace. */
import type { RequirementId } from "../requirement-ids.js";
export class EarlyExit extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** The requirement the endpoint broke, when that is why the run ended. */
    readonly requirement?: RequirementId,
  ) {
    super(message);
  }
}

/** A mistake in how the program was called, or an endpoint it cannot reach: exit code 2. */
export class UsageError extends EarlyExit {
  constructor(message: string) {
    super(2, message);
  }
}
