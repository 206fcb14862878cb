/**
 * Errors as the rest-json protocol puts them on the wire: an HTTP status from the
 * service model, the error's shape name in `x-amzn-ErrorType`, and a JSON body whose
 * one member is `message`.
 */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

// Statuses come from the service model; the last three are not modelled shapes
// but what an AWS front door answers for requests that never reach an operation.
const statusOf = {
  InvalidParameterException: 400,
  LimitExceededException: 400,
  SerializationException: 400,
  NotAuthorizedException: 403,
  InvalidSignatureException: 403,
  ResourceNotFoundException: 404,
  ResourceConflictException: 409,
  TooManyRequestsException: 429,
  InternalErrorException: 500,
  UnknownOperationException: 404,
  RequestEntityTooLargeException: 413,
} as const;

export type ErrorType = keyof typeof statusOf;

export function serviceError(type: ErrorType, message: string): ServiceError {
  return new ServiceError(statusOf[type], type, message);
}

export const invalidParameter = (message: string) => serviceError("InvalidParameterException", message);
