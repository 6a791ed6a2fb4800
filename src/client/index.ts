export { createAk1Client } from './client.js';
export type {
  Ak1Client,
  Ak1ClientOptions,
  Ak1RequestOptions,
  Ak1SubmitOptions,
  Ak1RetryEvent,
  Ak1LookupRequest,
  Ak1SelfActOptions,
  Ak1SelfReport,
} from './client.js';
export { createAk1OfficeClient } from './office.js';
export type {
  Ak1OfficeClient,
  Ak1OfficeClientOptions,
  Ak1OfficeCallOptions,
  Ak1OfficeActOptions,
  Ak1LoginCredentials,
  Ak1OfficeExportFilter,
} from './office.js';
export {
  Ak1Error,
  Ak1ValidationError,
  Ak1ConflictError,
  Ak1HttpError,
  Ak1NetworkError,
  Ak1TimeoutError,
  Ak1AbortError,
  Ak1ResponseError,
  Ak1AuthError,
  AK1_PROBLEM_TYPES,
  AK1_PROBLEM_PREFIX,
} from './errors.js';
export type { Ak1ErrorOptions, Ak1ConflictType, Ak1AuthErrorType, Ak1ProblemType, Ak1ResponseProblem } from './errors.js';
export { newIdempotencyKey } from './keys.js';
export { defaultRetryOptions, isRetryable, isRetryableCall, isOutcomeUnknown, isRefusedForGood, backoffDelay } from './retry.js';
export type { Ak1RetryOptions, Ak1BackoffOptions } from './retry.js';
