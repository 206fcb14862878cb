/**
 * Fault injection for the suite's own use: arm an operation so that its next N calls
 * fail with throttling or an internal error, which no correct request can provoke.
 */
import { serviceError, type ServiceError } from "./errors.js";

export type FaultStatus = 429 | 500;

export class Faults {
  private readonly armed = new Map<string, { status: FaultStatus; remaining: number }>();

  arm(operation: string, status: FaultStatus, times = 1): void {
    this.armed.set(operation, { status, remaining: times });
  }

  disarm(operation: string): void {
    this.armed.delete(operation);
  }

  /** The injected error for this call, if one is armed; each call uses one up. */
  take(operation: string): ServiceError | undefined {
    const fault = this.armed.get(operation);
    if (!fault) return undefined;
    if (--fault.remaining <= 0) this.armed.delete(operation);
    return fault.status === 429
      ? serviceError("TooManyRequestsException", "Rate exceeded (injected by the reference endpoint)")
      : serviceError("InternalErrorException", "Internal failure (injected by the reference endpoint)");
  }
}
