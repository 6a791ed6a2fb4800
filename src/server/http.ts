import { AK1_PROBLEM_PREFIX, AK1_PROBLEM_STATUS, type Ak1Issue, type Ak1ProblemType } from '../schema/index.js';

/*
 * Replies of the reference backend. Problems are RFC 9457 `application/problem+json` with the contract's
 * `urn:ak1:problem:<name>` types; titles and details are fixed texts for developers and never repeat any part
 * of the request, so nothing a client sends can come back as markup or into a log.
 */

/** How long a client should wait before retrying a request that is still in progress, or a busy store. */
export const RETRY_AFTER_SECONDS = 1;

/** Problem names and their statuses: the contract's, then the few the reference backend adds (docs/server.md). */
const C = AK1_PROBLEM_STATUS;
export const PROBLEMS = {
  'invalid-application': [C['invalid-application'], 'The application is not valid'],
  'idempotency-key-reused': [C['idempotency-key-reused'], 'This Idempotency-Key was used for another application'],
  'idempotency-key-missing': [C['idempotency-key-missing'], 'An Idempotency-Key header of 1 to 255 visible ASCII characters is required'],
  'malformed-json': [C['malformed-json'], 'The body is not well-formed UTF-8 JSON'],
  'request-in-progress': [C['request-in-progress'], 'A request with this Idempotency-Key is still being processed; retry after a moment'],
  'already-registered': [C['already-registered'], 'This NIK already has an active registration; please contact the office'],
  'payload-too-large': [C['payload-too-large'], 'The body is larger than 4 MB'],
  'unsupported-media-type': [C['unsupported-media-type'], 'The body must be application/json'],
  'rate-limited': [C['rate-limited'], 'Too many requests; retry later'],
  'request-timeout': [C['request-timeout'], 'The body did not arrive in time: it came slower than the server waits for'],
  'proof-required': [C['proof-required'], 'A fresh proof of work from GET {endpoint}/challenge is required in the Ak1-Proof header'],
  unavailable: [C.unavailable, 'The service is unavailable for a moment; retry later'],
  'invalid-token': [C['invalid-token'], 'This verification token is not known'],
  'not-found': [C['not-found'], 'There is nothing here'],
  'invalid-credentials': [C['invalid-credentials'], 'The username or the password is not right'],
  'second-factor-required': [C['second-factor-required'], 'A current six-digit code from the authenticator app is required'],
  unauthenticated: [C.unauthenticated, 'Log in first: no session, or the session has ended'],
  'password-change-required': [C['password-change-required'], 'The one-time password must be changed first: POST {endpoint}/office/password'],
  forbidden: [C.forbidden, 'This officer\'s roles do not allow this'],
  'transition-not-allowed': [C['transition-not-allowed'], 'This action is not allowed in the registration\'s current status'],
  'version-conflict': [C['version-conflict'], 'The registration changed since it was read; read it again'],
  'report-window-closed': [C['report-window-closed'], 'No six-monthly report is open today'],
  'visit-unavailable': [C['visit-unavailable'], 'No visit day has room'],
  // In the contract's list since the office routes (schema/problems.ts) and, after them, the reference backend's own.
  'invalid-request': [400, 'The query parameters are not valid'],
  // An office action whose body lacks what the action needs (reasons, changes, a placement): `errors` says what.
  'invalid-action': [422, 'The action request is not complete or not valid for this action'],
  'malformed-request': [400, 'The request line or its URL is malformed'],
  // A login or password-change body that is JSON but not of the route's shape (docs/office-accounts.md).
  'invalid-body': [400, 'The request body does not have the shape this route takes'],
  // A new officer password that breaks a rule: `errors` says which (too-short, username, unchanged).
  'password-not-allowed': [422, 'The new password must have at least 10 characters and be neither the username nor the current password'],
  unauthorized: [401, 'A valid bearer token is required'],
  'origin-not-allowed': [403, 'This origin may not call the API'],
  'method-not-allowed': [405, 'This method is not allowed here'],
  'internal-error': [500, 'Something went wrong on the server'],
} as const satisfies Record<string, readonly [number, string]> & Record<Ak1ProblemType, readonly [number, string]>;

export type ProblemName = keyof typeof PROBLEMS;

export interface ProblemOptions {
  detail?: string;
  /** Each with a path and a code: the application's issues, or what an office action lacks. */
  errors?: ReadonlyArray<Pick<Ak1Issue, 'path'> & { code: string }>;
  retryAfterSeconds?: number;
  headers?: Record<string, string>;
  /** RFC 9457 extension members (the current `version` of a `version-conflict`). Never request content. */
  extensions?: Record<string, unknown>;
}

/** Headers every API reply carries: nothing is cached on the way, sniffed, framed or run as a page. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

/** The problem name of each problem reply, for the access log (replies are immutable, so it cannot ride on them). */
const problemNames = new WeakMap<Response, ProblemName>();

export function problemNameOf(response: Response): ProblemName | undefined {
  return problemNames.get(response);
}

export function problem(name: ProblemName, options: ProblemOptions = {}): Response {
  const [status, title] = PROBLEMS[name];
  const body: Record<string, unknown> = { ...options.extensions, type: `${AK1_PROBLEM_PREFIX}${name}`, title, status };
  if (options.detail) body.detail = options.detail;
  if (options.errors) body.errors = options.errors.map(({ path, code }) => ({ path, code }));
  const headers: Record<string, string> = { ...API_HEADERS, 'content-type': 'application/problem+json', ...options.headers };
  if (options.retryAfterSeconds !== undefined) headers['retry-after'] = String(options.retryAfterSeconds);
  const response = new Response(JSON.stringify(body), { status, headers });
  problemNames.set(response, name);
  return response;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...API_HEADERS, 'content-type': 'application/json', ...headers },
  });
}

/** Why a body could not be read. */
export type BodyFailure = 'too-large' | 'too-slow' | 'not-utf8' | 'unreadable';

/** How slowly a body may arrive: any body may take `graceMs`; after that it must average `minBytesPerSecond`. */
export interface BodyDeadline {
  graceMs: number;
  minBytesPerSecond: number;
}

/**
 * Reads a request body as UTF-8 text, stopping as soon as it passes `limit` bytes: a client announcing or
 * sending 5 MB costs the server 4 MB of memory at most, never an unbounded buffer. With a `deadline`, a body
 * that falls below its rate is given up (`too-slow`), measured from the first read.
 */
export async function readText(
  request: Request,
  limit: number,
  deadline?: BodyDeadline,
): Promise<{ text: string } | { failure: BodyFailure }> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) return { failure: 'too-large' };
  if (!request.body) return { text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const started = performance.now();
  try {
    for (;;) {
      // The moment the bytes so far stop being enough: the grace period, or later for a body well under way.
      const due = deadline ? started + Math.max(deadline.graceMs, (size / deadline.minBytesPerSecond) * 1000) : undefined;
      const next = due === undefined ? await reader.read() : await readBefore(reader, due);
      if (next === 'late') {
        void reader.cancel().catch(() => {});
        return { failure: 'too-slow' };
      }
      const { done, value } = next;
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        void reader.cancel().catch(() => {});
        return { failure: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    return { failure: 'unreadable' };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { failure: 'not-utf8' };
  }
}

/** The reader's next chunk, or `late` when it has not come by `due` (a `performance.now()` time). */
function readBefore(reader: ReadableStreamDefaultReader<Uint8Array>, due: number): Promise<ReadableStreamReadResult<Uint8Array> | 'late'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), Math.max(0, due - performance.now()));
  });
  return Promise.race([reader.read(), late]).finally(() => clearTimeout(timer));
}

/** `application/json`, optionally with `charset=utf-8`; `+json` types and other charsets are refused. */
export function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const [type, ...params] = value.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => !param.startsWith('charset=') || /^charset="?utf-8"?$/.test(param));
}

// The contract's rule, shared with the client: a key the client sends is never refused here.
export { isIdempotencyKey } from '../schema/index.js';

/** Node's crypto module when the handler runs in Node 20.16+ (`process.getBuiltinModule`), else undefined. */
const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?(id: string): unknown } }
).process?.getBuiltinModule?.('node:crypto') as
  | { createHash(algorithm: string): { update(text: string, encoding: 'utf8'): { digest(encoding: 'hex'): string } } }
  | undefined;

/** Constant-time comparison of two secrets (by their SHA-256, so the length does not leak either). */
export async function secretsEqual(given: string, expected: string): Promise<boolean> {
  const digest = async (text: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

export async function sha256Hex(text: string): Promise<string> {
  // Node hashes at once; WebCrypto's digest is a job on the thread pool whose round trip cost the server more
  // than hashing a 70 kB application (docs/performance.md). Same bytes (UTF-8), same hex.
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
