/**
 * Rules of the HTTP contract (docs/openapi.yaml) that both sides check: the client before it sends, the
 * reference server when a request arrives, the mocks and the conformance check in between. Written once here,
 * so a request the client lets through is never refused by the server for a rule the two spell differently.
 */

/** What the contract accepts as an `Idempotency-Key`: 1–255 visible ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY_PATTERN.test(value);
}

/**
 * The widest `from`…`to` range of one `GET {endpoint}/availability`, in days. It bounds the server's work
 * and reply per request; two months covers the form's 30 days and the default horizon. A longer horizon is
 * read in several ranges.
 */
export const MAX_AVAILABILITY_DAYS = 62;

/** Days from `from` to `to`, both counted (`YYYY-MM-DD` dates, `from` ≤ `to`). */
export function daysInRange(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}

/**
 * How slowly a request body may arrive at the server: any body may take `BODY_GRACE_MS`; after that, its
 * average rate since it began must stay at `BODY_MIN_BYTES_PER_SECOND` or more, else `408 request-timeout`.
 * The client waits as long for its upload (`bodyDeadlineMs`), so it never gives up on a body the server
 * would still take.
 */
export const BODY_GRACE_MS = 15_000;
export const BODY_MIN_BYTES_PER_SECOND = 8 * 1024;

/** The time the server gives a body of `bytes` to arrive at the default rates, in milliseconds. */
export function bodyDeadlineMs(bytes: number): number {
  return Math.max(BODY_GRACE_MS, (bytes / BODY_MIN_BYTES_PER_SECOND) * 1000);
}

/** A verification token is no longer than this: a compact JWS of a short payload, far below it. */
export const MAX_TOKEN_LENGTH = 2048;

/** A compact JWS: three base64url parts. */
export const VERIFICATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Anything but a compact JWS within `MAX_TOKEN_LENGTH` cannot be a card's token, so nobody needs to ask. */
export function isTokenShaped(token: unknown): token is string {
  return typeof token === 'string' && token.length <= MAX_TOKEN_LENGTH && VERIFICATION_TOKEN_PATTERN.test(token);
}

/** Request headers a browser page may send across origins (the CORS preflight's `Access-Control-Allow-Headers`). */
export const AK1_REQUEST_HEADERS = ['Content-Type', 'Idempotency-Key', 'Ak1-Proof'] as const;

/** Reply headers a cross-origin page must be able to read (`Access-Control-Expose-Headers`). */
export const AK1_EXPOSED_HEADERS = ['Retry-After'] as const;
