import { MAX_RETRY_AFTER_MS } from './reply.js';
import { Ak1AbortError, Ak1ConflictError, Ak1Error, Ak1HttpError, Ak1NetworkError, Ak1ResponseError, Ak1TimeoutError, Ak1ValidationError } from './errors.js';

/*
 * The one retry policy, for the client and for the form. Every failure answers three questions:
 * - is it retried now, by the client, with the same key (`isRetryable`)?
 * - may the backend have registered the application (`isOutcomeUnknown`)?
 * - has the backend certainly not registered it, and never will as it is (`isRefusedForGood`)?
 * Whatever is not refused for good keeps its idempotency key (and the form its outbox), so the next press,
 * reconnect or visit resends with the same key and gets the same registration instead of `already-registered`.
 * The table of every status and error kind is in docs/backend.md and test/node/retry.test.ts.
 */

/** How the client retries. The names are the client's options, so `{ ...defaultRetryOptions, ...options }` works. */
export interface Ak1RetryOptions {
  /** Retries after the first attempt. */
  retries: number;
  /** The backoff's base: the first retry waits up to this, the n-th up to base × 2^(n-1). */
  retryBaseDelayMs: number;
  /** The backoff's ceiling (`Retry-After` may ask for longer, up to its own cap of 60 s, `MAX_RETRY_AFTER_MS`). */
  retryMaxDelayMs: number;
}

/** Six attempts over about 15 seconds at most: enough for a mobile network to come back, short enough to wait for. */
export const defaultRetryOptions: Readonly<Ak1RetryOptions> = Object.freeze({
  retries: 5,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 8_000,
});

/** Statuses that say "not now, later" about a request the backend did not act on. */
const LATER_STATUSES: ReadonlySet<number> = new Set([408, 425, 429]);

/**
 * Whether the client tries again, with the same key: no answer (network, timeout), `403` of type
 * `proof-required` (with a fresh proof of work), `408`, `409` of type `request-in-progress` (the same key is
 * being processed), `425`, `429` and every `5xx`. Nothing else: a
 * refusal is the same on every attempt, an abort is the caller's wish, and a `2xx` the schema refuses
 * (`Ak1ResponseError`) comes from a backend that does not keep the contract, which seconds will not cure.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof Ak1NetworkError || error instanceof Ak1TimeoutError) return true;
  if (!(error instanceof Ak1HttpError)) return false;
  const { status } = error;
  if (status === 409) return error.type === 'request-in-progress';
  // The proof of work expired (an applicant offline for a while) or could not be had: a fresh one cures it.
  if (status === 403) return error.type === 'proof-required';
  return LATER_STATUSES.has(status) || status >= 500;
}

/**
 * The office client's calls and the applicant's return visit: a `read` (GET, or the search's POST), an `action` (a
 * POST that changes something, resent only with its own Idempotency-Key, so the backend answers a retry with the
 * first attempt's outcome), the officer's `login` and the applicant's `lookup`. All follow `isRetryable` (a `401` or
 * `403` never is), except that a login's or a lookup's `429` is not retried: it is the lockout after failed
 * passwords or access codes (for up to an hour), which the person must be told about rather than made to wait for.
 */
export function isRetryableCall(error: unknown, kind: 'read' | 'action' | 'login' | 'lookup'): boolean {
  if ((kind === 'login' || kind === 'lookup') && error instanceof Ak1HttpError && error.status === 429) return false;
  return isRetryable(error);
}

/**
 * Whether the backend may have registered the application without the caller knowing: the request may
 * have arrived though no answer did (network, timeout, abort), the backend failed midway (`5xx`), another
 * request with the same key is still being processed (`409 request-in-progress`), or it answered `2xx`
 * with a body the schema refuses. An unknown `status` in a valid reply is not this: it is a registration.
 * Anything that is not an `Ak1Error` is counted as unknown too, since nothing says it was not sent.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  if (!(error instanceof Ak1Error)) return true;
  if (error instanceof Ak1NetworkError || error instanceof Ak1TimeoutError || error instanceof Ak1AbortError) return true;
  if (error instanceof Ak1ResponseError) return true;
  if (error instanceof Ak1HttpError) return error.status >= 500 || (error.status === 409 && error.type === 'request-in-progress');
  return false;
}

/**
 * Whether the backend has certainly not registered the application and will not on another attempt with
 * the same key: local or server validation (`Ak1ValidationError`), `already-registered` and
 * `idempotency-key-reused` (`Ak1ConflictError`), and every other `4xx` the client does not retry.
 * Only then may a caller forget the key and the form drop its outbox; everything else keeps them.
 */
export function isRefusedForGood(error: unknown): boolean {
  if (error instanceof Ak1ValidationError || error instanceof Ak1ConflictError) return true;
  return error instanceof Ak1HttpError && error.status < 500 && !isRetryable(error) && !isOutcomeUnknown(error);
}

export interface Ak1BackoffOptions extends Pick<Ak1RetryOptions, 'retryBaseDelayMs' | 'retryMaxDelayMs'> {
  /** A number in [0, 1). */
  random: () => number;
}

/**
 * How long to wait before retrying after failed attempt `attempt` (from 1): full jitter, a random delay in
 * [0, min(max, base × 2^(attempt-1))), so that many phones cut off at once do not come back at once, with the
 * backend's `Retry-After` (`Ak1HttpError.retryAfterMs`) as the floor, up to `MAX_RETRY_AFTER_MS`: the error reports
 * the backend's whole value, the client itself waits at most a minute.
 */
export function backoffDelay(attempt: number, error: unknown, options: Ak1BackoffOptions): number {
  const ceiling = Math.min(options.retryMaxDelayMs, options.retryBaseDelayMs * 2 ** (attempt - 1));
  const retryAfterMs = error instanceof Ak1HttpError ? Math.min(error.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS) : 0;
  return Math.round(Math.max(options.random() * ceiling, retryAfterMs));
}
