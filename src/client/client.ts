import {
  ak1AvailabilitySchema,
  ak1RegistrationSchema,
  ak1SelfActionReplySchema,
  ak1SelfLookupReplySchema,
  ak1SelfReportRequestSchema,
  ak1VerificationSchema,
  BODY_GRACE_MS,
  bodyDeadlineMs,
  canonicalJson,
  isCalendarDate,
  MAX_AVAILABILITY_DAYS,
  validateApplication,
  VERIFICATION_TOKEN_PATTERN as TOKEN_PATTERN,
  type Ak1Availability,
  type Ak1Registration,
  type Ak1SelfActionReply,
  type Ak1SelfLookupReply,
  type Ak1Verification,
  type ValidationOptions,
} from '../schema/index.js';
import * as z from 'zod/mini';
import {
  Ak1AbortError,
  Ak1AuthError,
  Ak1ConflictError,
  Ak1Error,
  Ak1HttpError,
  Ak1NetworkError,
  Ak1ResponseError,
  Ak1TimeoutError,
  Ak1ValidationError,
} from './errors.js';
import { IDEMPOTENCY_KEY_PATTERN, newIdempotencyKey } from './keys.js';
import { parseChallenge, solveProof } from './proof.js';
import { MAX_REPLY_BYTES, parseRetryAfter, readJson, readLooseProblem, readProblem, trustedIssues } from './reply.js';
import { backoffDelay, defaultRetryOptions, isRefusedForGood, isRetryable, isRetryableCall, type Ak1RetryOptions } from './retry.js';

/** Reported before each retry, so a form can say "mencoba lagi dalam N detik". */
export interface Ak1RetryEvent {
  /** The attempt that failed, from 1. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** Why the attempt failed. */
  error: Ak1Error;
}

/** Retries default to `defaultRetryOptions`; which failures are retried is `isRetryable` (./retry.ts). */
export interface Ak1ClientOptions
  extends Pick<ValidationOptions, 'minAge' | 'requiredDocuments' | 'today' | 'regions'>,
    Partial<Ak1RetryOptions> {
  /** The backend's endpoint, e.g. `https://disnaker.example.go.id/api/ak1`. */
  endpoint: string;
  /** Default: the global `fetch`, looked up at each call (so test interceptors installed later apply). */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /**
   * Extra request headers, e.g. a district's API key. The contract's own headers win. (Typed by `Headers`'
   * constructor, not the DOM lib's `HeadersInit`, so the SDK's types compile in Node-only TypeScript too.)
   */
  headers?: ConstructorParameters<typeof Headers>[0];
  /**
   * Each attempt's limit, reading the reply included. Default 30 000 (a photo upload on weak 4G). A body over
   * 120 kB adds the time the server allows it beyond its 15 s grace period (at 8 kB/s: 1 s per 8 kB).
   */
  timeoutMs?: number;
  /** Called before each retry of any call. */
  onRetry?: (event: Ak1RetryEvent) => void;
  /** A number in [0, 1) for the backoff's jitter. Default `Math.random`. */
  random?: () => number;
  /** Waits between attempts; rejects when `signal` aborts. Injectable so tests need not wait. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The clock for `Retry-After` dates, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

export interface Ak1RequestOptions {
  signal?: AbortSignal;
  /** Called before each retry of this call. */
  onRetry?: (event: Ak1RetryEvent) => void;
}

export interface Ak1SubmitOptions extends Ak1RequestOptions {
  /**
   * The key of this logical submission, for a caller that keeps it across page loads (the form's outbox).
   * Without it the client makes one and reuses it for the same application.
   */
  idempotencyKey?: string;
}

/** What opens the applicant's own registration: the number, the NIK (spaces allowed) and the access code of the `201`. */
export interface Ak1LookupRequest {
  registrationNumber: string;
  nik: string;
  accessCode: string;
}

export interface Ak1SelfActOptions extends Ak1RequestOptions {
  /**
   * The key of this action. Default: a new one per call, reused by its retries. Pass the same key again only to
   * resend the very same action (the backend answers it with the registration as it now is, never taking it twice).
   */
  idempotencyKey?: string;
}

/** The six-monthly report: still seeking work, or placed (with the employer, the position and the start date). */
export interface Ak1SelfReport {
  kind: 'seeking' | 'placed';
  employer?: string;
  position?: string;
  /** `YYYY-MM-DD`. */
  startDate?: string;
  /** The version the applicant saw; when given, a registration changed since answers `version-conflict`. */
  version?: number;
}

export interface Ak1Client {
  /**
   * Validates the application, then registers it, retrying what may be retried with one idempotency key.
   * The same application (the same canonical JSON once validated, however it was typed) is the same
   * logical submission:
   * - while it is being sent, another `submit` of it joins that request (one request on the wire); the
   *   request is aborted only when every caller that passed a `signal` has aborted;
   * - after a failure, it is sent again with the same key, so a request the backend committed before the
   *   reply was lost is answered with that registration (`200`), not registered twice;
   * - after a success, it is also sent with the same key, so the backend answers `200` with the same
   *   registration rather than `409 already-registered`.
   * The client remembers the keys of its 32 latest submissions whose outcome is unknown and of its 8 latest
   * finished ones; `idempotencyKey` (the form's outbox) overrides the remembered key.
   */
  submit(application: unknown, options?: Ak1SubmitOptions): Promise<Ak1Registration>;
  /** Open days between two dates (`YYYY-MM-DD`, inclusive). */
  availability(from: string, to: string, options?: Ak1RequestOptions): Promise<Ak1Availability>;
  /** What a card's token stands for; `{ valid: false }` for a token the backend does not know. */
  verify(token: string, options?: Ak1RequestOptions): Promise<Ak1Verification>;
  /**
   * The applicant comes back (`POST {endpoint}/self/lookup`): the registration, the application (with the photo,
   * documents by kind only), the history and the version. Keeps the reply's 30-minute token in this object only
   * (never in storage) for the actions below; a new lookup forgets the previous one's first. Any mismatch (number,
   * NIK or code) rejects with `Ak1HttpError` `404` `not-found`, and too many failures with `429` `rate-limited`
   * (`retryAfterMs`); neither is retried.
   */
  lookup(request: Ak1LookupRequest, options?: Ak1RequestOptions): Promise<Ak1SelfLookupReply>;
  /**
   * Sends the corrected application at the `version` the lookup gave (while `NEEDS_CORRECTION`); the status goes
   * back to `RECEIVED`. Documents sent without bytes (as the lookup gives them) or left out, and a photo without
   * bytes, stay as the office has them; `nik` and `birthDate` cannot change here. Validated on the device first
   * (`Ak1ValidationError`, nothing sent), except for the attachments the backend keeps.
   */
  correct(request: { application: unknown; version: number }, options?: Ak1SelfActOptions): Promise<Ak1SelfActionReply>;
  /** Another visit day: the day asked for when it is open and has room, else the first such day after it. */
  reschedule(request: { preferredVisitDate: string; version?: number }, options?: Ak1SelfActOptions): Promise<Ak1SelfActionReply>;
  /** Cancels the registration: the visit is released and the NIK may register again. */
  cancel(request?: { version?: number }, options?: Ak1SelfActOptions): Promise<Ak1SelfActionReply>;
  /**
   * The six-monthly report; `placed` moves a signed registration to `PLACED`. Outside every report's window:
   * `Ak1HttpError` `422` `report-window-closed`, with `opensOn` (the date the next one opens) when one is left.
   */
  report(report: Ak1SelfReport, options?: Ak1SelfActOptions): Promise<Ak1SelfActionReply>;
  /** Forgets the lookup's token (the status view closes; the applicant is done). */
  forgetLookup(): void;
  /** When the lookup's token ends (RFC 3339), while this client holds one. */
  readonly lookupExpiresAt: string | undefined;
}

/**
 * A lookup's reply carries the photo (300 kB, 400 kB as base64) and the history; the limit leaves room for a long
 * history and a backend that sends a little more.
 */
const MAX_LOOKUP_BYTES = 2 * 1024 * 1024;

/**
 * How many settled submissions keep their key, by what is known of them. An unknown outcome (no reply, a
 * timeout, a 5xx) may have been committed, so forgetting its key could register the applicant twice: those
 * are kept longest. Finished ones (registered, or refused for good) are kept so that submitting the same
 * application again gets the same registration. Submissions in flight are never forgotten.
 */
const REMEMBERED_UNKNOWN = 32;
const REMEMBERED_FINISHED = 8;

interface RememberedKey {
  key: string;
  /** `unknown`: it failed without an answer that says whether the backend registered it. */
  state: 'pending' | 'unknown' | 'finished';
}

interface SharedSubmission {
  /** Joins a caller; the request is aborted only when every caller with a signal has aborted. */
  join(options: Ak1SubmitOptions): Promise<Ak1Registration>;
}

export function createAk1Client(options: Ak1ClientOptions): Ak1Client {
  if (typeof options?.endpoint !== 'string' || options.endpoint === '') {
    throw new TypeError('createAk1Client: `endpoint` is required');
  }
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = Math.max(0, Math.floor(options.retries ?? defaultRetryOptions.retries));
  const backoff = {
    retryBaseDelayMs: options.retryBaseDelayMs ?? defaultRetryOptions.retryBaseDelayMs,
    retryMaxDelayMs: options.retryMaxDelayMs ?? defaultRetryOptions.retryMaxDelayMs,
    random: options.random ?? Math.random,
  };
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const customFetch = options.fetch;
  const send = (url: string, init: RequestInit) => (customFetch ? customFetch(url, init) : fetch(url, init));
  const validation: ValidationOptions = {
    minAge: options.minAge,
    requiredDocuments: options.requiredDocuments,
    today: options.today,
    regions: options.regions,
  };

  /** Canonical JSON of a validated application → its idempotency key and what became of it; oldest first. */
  const keys = new Map<string, RememberedKey>();
  const inFlight = new Map<string, SharedSubmission>();

  function rememberKey(body: string, entry: RememberedKey) {
    keys.delete(body);
    keys.set(body, entry);
    for (const [state, limit] of [['unknown', REMEMBERED_UNKNOWN], ['finished', REMEMBERED_FINISHED]] as const) {
      let excess = [...keys.values()].filter((remembered) => remembered.state === state).length - limit;
      for (const [oldBody, remembered] of keys) {
        if (excess <= 0) break;
        if (remembered.state === state) {
          keys.delete(oldBody);
          excess--;
        }
      }
    }
  }

  function headersWith(own: Record<string, string>): Headers {
    const headers = new Headers(options.headers);
    for (const [name, value] of Object.entries(own)) headers.set(name, value);
    return headers;
  }

  /** One attempt: the request and reading its reply, under the caller's signal and the attempt's timeout. */
  async function attempt<T>(url: string, init: RequestInit, signal: AbortSignal, read: (response: Response) => Promise<T>): Promise<T> {
    if (signal.aborted) throw new Ak1AbortError({ cause: signal.reason });
    const limitMs = timeoutMs + uploadAllowanceMs(init.body);
    const timeout = timeoutSignal(limitMs);
    const combined = anySignal([signal, timeout.signal]);
    try {
      const response = await send(url, { ...init, signal: combined.signal });
      return await read(response);
    } catch (error) {
      if (signal.aborted) throw new Ak1AbortError({ cause: signal.reason ?? error });
      if (timeout.signal.aborted) throw new Ak1TimeoutError(limitMs, { cause: error });
      if (error instanceof Ak1Error) throw error;
      throw new Ak1NetworkError({ cause: error });
    } finally {
      timeout.dispose();
      combined.dispose();
    }
  }

  /** Attempts until one succeeds, a failure may not be retried, or the retries are spent. */
  async function withRetries<T>(
    run: () => Promise<T>,
    signal: AbortSignal,
    notify: (event: Ak1RetryEvent) => void,
    retryable: (error: Ak1Error) => boolean = isRetryable,
  ): Promise<T> {
    for (let attemptNumber = 1; ; attemptNumber++) {
      try {
        return await run();
      } catch (error) {
        const failure = error instanceof Ak1Error ? error : new Ak1NetworkError({ cause: error });
        if (attemptNumber > retries || !retryable(failure)) throw failure;
        const delayMs = backoffDelay(attemptNumber, failure, backoff);
        notify({ attempt: attemptNumber, delayMs, error: failure });
        try {
          await sleep(delayMs, signal);
        } catch (cause) {
          throw new Ak1AbortError({ cause: signal.reason ?? cause });
        }
      }
    }
  }

  function notifier(...listeners: Array<((event: Ak1RetryEvent) => void) | undefined>) {
    return (event: Ak1RetryEvent) => {
      for (const listener of listeners) {
        try {
          listener?.(event);
        } catch {
          // A listener's bug must not stop the submission.
        }
      }
    };
  }

  async function readRegistration(response: Response): Promise<Ak1Registration> {
    const { status } = response;
    if (status === 200 || status === 201) return readJson(response, ak1RegistrationSchema);
    if (status < 300) {
      await response.body?.cancel().catch(() => undefined);
      throw new Ak1ResponseError(status, 'unexpected-status');
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
    const problem = await readProblem(response);
    if (status === 422 && problem.type === 'idempotency-key-reused') throw new Ak1ConflictError(problem.type, status);
    if (status === 409 && problem.type === 'already-registered') throw new Ak1ConflictError(problem.type, status);
    if (status === 422) throw new Ak1ValidationError(trustedIssues(problem.errors), { status });
    throw new Ak1HttpError(status, { type: problem.type, retryAfterMs });
  }

  /** `false` once the backend answered `404` to `/challenge`: it requires no proof of work and is not asked again. */
  let proofRequired: boolean | undefined;

  /**
   * The `Ak1-Proof` for one submission: a challenge asked and solved, or `undefined` when the backend requires
   * none. Asked before the upload (so a photo is not sent twice), on a best-effort basis: if the challenge
   * cannot be had, the registration goes without, and a backend that requires one answers `403
   * proof-required`, after which `mustAsk` asks again and lets its failure through.
   */
  async function proofFor(signal: AbortSignal, mustAsk: boolean): Promise<string | undefined> {
    if (proofRequired === false && !mustAsk) return undefined;
    const init: RequestInit = { method: 'GET', headers: headersWith({ accept: 'application/json' }) };
    let challenge;
    try {
      challenge = await attempt(`${endpoint}/challenge`, init, signal, async (response) => {
        if (response.status === 404) {
          proofRequired = false;
          // Not awaited: a stream some fetch stand-ins (msw) hold open would never let the cancel settle.
          response.body?.cancel().catch(() => undefined);
          return undefined;
        }
        if (response.status !== 200) return httpFailure(response);
        const found = parseChallenge(await response.json().catch(() => undefined));
        if (!found) throw new Ak1ResponseError(200, 'malformed');
        proofRequired = true;
        return found;
      });
    } catch (error) {
      if (mustAsk || error instanceof Ak1AbortError) throw error;
      return undefined;
    }
    if (!challenge) {
      if (mustAsk) throw new Ak1HttpError(403, { type: 'proof-required' });
      return undefined;
    }
    try {
      return await solveProof(challenge, signal);
    } catch (cause) {
      throw new Ak1AbortError({ cause: signal.reason ?? cause });
    }
  }

  async function httpFailure(response: Response): Promise<never> {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
    const problem = await readProblem(response);
    throw new Ak1HttpError(response.status, { type: problem.type, retryAfterMs });
  }

  function startSubmission(body: string, key: string): SharedSubmission {
    const controller = new AbortController();
    const listeners = new Set<(event: Ak1RetryEvent) => void>();
    const init: RequestInit = {
      method: 'POST',
      headers: headersWith({ 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key }),
      body,
    };
    // One proof for every attempt of this submission: the backend spends it only on a new registration. A `403
    // proof-required` (a proof that expired while the applicant was offline, none to be had when it was asked
    // for, or a backend that began to require one) is retried like any "not now", with a fresh proof.
    let proof: Promise<string | undefined> | undefined;
    let mustAsk = false;
    const send = (header: string | undefined) => {
      const headers = new Headers(init.headers);
      if (header) headers.set('ak1-proof', header);
      return attempt(endpoint, { ...init, headers }, controller.signal, readRegistration);
    };
    const done = withRetries(
      async () => {
        const pending = (proof ??= proofFor(controller.signal, mustAsk));
        let header: string | undefined;
        try {
          header = await pending;
        } catch (error) {
          proof = undefined;
          throw error;
        }
        try {
          return await send(header);
        } catch (error) {
          if (error instanceof Ak1HttpError && error.type === 'proof-required') {
            proof = undefined;
            mustAsk = true;
          }
          throw error;
        }
      },
      controller.signal,
      notifier(options.onRetry, (event) => listeners.forEach((listener) => notifier(listener)(event))),
    );
    // Callers that left have their own rejection; this keeps an abandoned request's from going unhandled.
    done.catch(() => undefined);
    let waiting = 0;
    return {
      join({ signal, onRetry }) {
        if (onRetry) listeners.add(onRetry);
        if (!signal) return done;
        waiting++;
        return new Promise<Ak1Registration>((resolve, reject) => {
          const leave = () => {
            signal.removeEventListener('abort', onAbort);
            if (onRetry) listeners.delete(onRetry);
          };
          const onAbort = () => {
            leave();
            if (--waiting === 0) controller.abort(signal.reason);
            reject(new Ak1AbortError({ cause: signal.reason }));
          };
          signal.addEventListener('abort', onAbort);
          done.then(
            (registration) => {
              leave();
              resolve(registration);
            },
            (error: unknown) => {
              leave();
              reject(error);
            },
          );
        });
      },
    };
  }

  /** The lookup's token, in memory only. */
  let lookupSession: { token: string; expiresAt: string } | undefined;

  /** A `/self` reply that is not a success, as the error a caller can tell apart (those of the office's actions). */
  async function selfFailure(response: Response, sentWith: string | undefined): Promise<never> {
    const { status } = response;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
    const problem = await readLooseProblem(response);
    const type = problem.type;
    if (status === 401) {
      // A late 401 for a token that a newer lookup has replaced must not end the newer one.
      if (sentWith !== undefined && lookupSession?.token === sentWith) lookupSession = undefined;
      throw new Ak1AuthError('unauthenticated', 401);
    }
    if (status === 409 && type === 'version-conflict') {
      throw new Ak1ConflictError(type, status, problem.version === undefined ? {} : { currentVersion: problem.version });
    }
    if (status === 422 && (type === 'transition-not-allowed' || type === 'idempotency-key-reused')) throw new Ak1ConflictError(type, status);
    if (status === 422 && type === 'invalid-application') throw new Ak1ValidationError(trustedIssues(problem.errors), { status });
    throw new Ak1HttpError(status, {
      type,
      retryAfterMs,
      ...(problem.errors?.length ? { errors: problem.errors.slice(0, 50) } : {}),
      ...(type === 'report-window-closed' && problem.opensOn ? { opensOn: problem.opensOn } : {}),
    });
  }

  /**
   * One POST under `/self`, retried as the one policy says with the same Idempotency-Key on every attempt. The
   * token is read at each attempt, so a retry after a new lookup sends the new one.
   */
  function selfPost<T>(
    kind: 'lookup' | 'action',
    path: string,
    body: unknown,
    schema: z.ZodMiniType<T, unknown>,
    limit: number,
    callOptions: Ak1SelfActOptions,
  ): Promise<T> {
    if (callOptions.idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(callOptions.idempotencyKey)) {
      throw new TypeError('`idempotencyKey` must be 1–255 visible ASCII characters');
    }
    const key = callOptions.idempotencyKey ?? newIdempotencyKey();
    const text = JSON.stringify(body);
    const signal = callOptions.signal ?? new AbortController().signal;
    return withRetries(
      () => {
        const own: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key };
        const token = kind === 'action' ? lookupSession?.token : undefined;
        if (kind === 'action') {
          // Nothing to send it with: the same answer the backend would give, without asking.
          if (token === undefined) return Promise.reject(new Ak1AuthError('unauthenticated', 401));
          own.authorization = `Bearer ${token}`;
        }
        return attempt(`${endpoint}${path}`, { method: 'POST', headers: headersWith(own), body: text }, signal, async (response) =>
          response.status === 200 ? readJson(response, schema, limit) : selfFailure(response, token),
        );
      },
      signal,
      notifier(options.onRetry, callOptions.onRetry),
      (error) => isRetryableCall(error, kind),
    );
  }

  return {
    get lookupExpiresAt() {
      return lookupSession?.expiresAt;
    },

    forgetLookup() {
      lookupSession = undefined;
    },

    async lookup(request, requestOptions = {}) {
      const { registrationNumber, nik, accessCode } = request ?? ({} as Ak1LookupRequest);
      if (typeof registrationNumber !== 'string' || typeof nik !== 'string' || typeof accessCode !== 'string') {
        throw new TypeError('lookup: `registrationNumber`, `nik` and `accessCode` are required');
      }
      lookupSession = undefined;
      const reply = await selfPost('lookup', '/self/lookup', { registrationNumber, nik, accessCode }, ak1SelfLookupReplySchema, MAX_LOOKUP_BYTES, requestOptions);
      lookupSession = { token: reply.token, expiresAt: reply.expiresAt };
      return reply;
    },

    async correct(request, actOptions = {}) {
      const { application, version } = request ?? ({} as { application: unknown; version: number });
      if (!Number.isSafeInteger(version) || version < 1) throw new TypeError('correct: `version` is the version the lookup gave');
      const issues = correctionIssues(application, validation);
      if (issues.length) throw new Ak1ValidationError(issues);
      return selfPost('action', '/self/correction', { application, version }, ak1SelfActionReplySchema, MAX_REPLY_BYTES, actOptions);
    },

    async reschedule(request, actOptions = {}) {
      const { preferredVisitDate, version } = request ?? ({} as { preferredVisitDate: string });
      if (!isCalendarDate(preferredVisitDate)) throw new RangeError('reschedule: `preferredVisitDate` must be a YYYY-MM-DD date');
      return selfPost('action', '/self/reschedule', withVersion({ preferredVisitDate }, version), ak1SelfActionReplySchema, MAX_REPLY_BYTES, actOptions);
    },

    async cancel(request = {}, actOptions = {}) {
      return selfPost('action', '/self/cancel', withVersion({}, request?.version), ak1SelfActionReplySchema, MAX_REPLY_BYTES, actOptions);
    },

    async report(report, actOptions = {}) {
      const parsed = z.safeParse(ak1SelfReportRequestSchema, report);
      if (!parsed.success) {
        throw new TypeError('report: `kind` is "seeking" or "placed"; `employer` and `position` are short texts; `startDate` is YYYY-MM-DD');
      }
      return selfPost('action', '/self/report', parsed.data, ak1SelfActionReplySchema, MAX_REPLY_BYTES, actOptions);
    },

    async submit(application, submitOptions = {}) {
      const { signal, idempotencyKey } = submitOptions;
      if (signal?.aborted) throw new Ak1AbortError({ cause: signal.reason });
      if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
        throw new TypeError('submit: `idempotencyKey` must be 1–255 visible ASCII characters');
      }
      const result = validateApplication(application, validation);
      if (!result.ok) throw new Ak1ValidationError(result.issues);
      // The same canonical JSON is the same logical submission: it is also the body, byte for byte.
      const body = canonicalJson(result.value);
      let shared = inFlight.get(body);
      if (!shared) {
        const key = idempotencyKey ?? keys.get(body)?.key ?? newIdempotencyKey();
        rememberKey(body, { key, state: 'pending' });
        const submission = startSubmission(body, key);
        shared = submission;
        inFlight.set(body, submission);
        const settled = (state: RememberedKey['state']) => {
          if (inFlight.get(body) === submission) inFlight.delete(body);
          if (keys.get(body)?.key === key) rememberKey(body, { key, state });
        };
        submission.join({}).then(
          () => settled('finished'),
          (error: unknown) => settled(isRefusedForGood(error) ? 'finished' : 'unknown'),
        );
      }
      return shared.join(submitOptions);
    },

    async availability(from, to, requestOptions = {}) {
      if (!isCalendarDate(from) || !isCalendarDate(to) || from > to) {
        throw new RangeError('availability: `from` and `to` must be YYYY-MM-DD dates with from ≤ to');
      }
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
      if (days > MAX_AVAILABILITY_DAYS) throw new RangeError(`availability: at most ${MAX_AVAILABILITY_DAYS} days at a time`);
      const url = `${endpoint}/availability?from=${from}&to=${to}`;
      const init: RequestInit = { method: 'GET', headers: headersWith({ accept: 'application/json' }) };
      const signal = requestOptions.signal ?? new AbortController().signal;
      return withRetries(
        () =>
          attempt(url, init, signal, async (response) =>
            response.status === 200 ? readJson(response, ak1AvailabilitySchema) : httpFailure(response),
          ),
        signal,
        notifier(options.onRetry, requestOptions.onRetry),
      );
    },

    async verify(token, requestOptions = {}) {
      // A string that is not a compact JWS cannot be a card's token; no need to ask.
      if (typeof token !== 'string' || token.length > 2048 || !TOKEN_PATTERN.test(token)) return { valid: false };
      const url = `${endpoint}/verify/${token}`;
      const init: RequestInit = { method: 'GET', headers: headersWith({ accept: 'application/json' }) };
      const signal = requestOptions.signal ?? new AbortController().signal;
      return withRetries(
        () =>
          attempt(url, init, signal, async (response): Promise<Ak1Verification> => {
            if (response.status === 200) return readJson(response, ak1VerificationSchema);
            if (response.status !== 404) return httpFailure(response);
            // A 404 is an unknown token, unless the backend says the endpoint itself is wrong.
            const problem = await readProblem(response);
            if (problem.type === 'not-found') throw new Ak1HttpError(404, { type: problem.type });
            return { valid: false };
          }),
        signal,
        notifier(options.onRetry, requestOptions.onRetry),
      );
    },
  };
}

function withVersion<T extends object>(body: T, version: number | undefined): T & { version?: number } {
  if (version === undefined) return body;
  if (!Number.isSafeInteger(version) || version < 1) throw new TypeError('`version` must be a whole number from 1');
  return { ...body, version };
}

/**
 * A correction's issues found on the device: the whole application validated as a new one, without the issues of
 * the attachments the backend keeps as they are (a photo or documents sent without their bytes, or left out).
 */
function correctionIssues(application: unknown, validation: ValidationOptions): Ak1ValidationError['issues'] {
  if (typeof application !== 'object' || application === null || Array.isArray(application)) return [{ path: [], code: 'application.format' }];
  const result = validateApplication(application, validation);
  if (result.ok) return [];
  const input = application as { photo?: unknown; documents?: unknown };
  const hasBytes = (value: unknown) => typeof (value as { dataBase64?: unknown } | null)?.dataBase64 === 'string';
  const photoKept = !hasBytes(input.photo);
  const documentsKept = !Array.isArray(input.documents) || input.documents.some((document) => !hasBytes(document));
  return result.issues.filter((issue) => {
    const [field] = issue.path;
    if (field === 'photo' || issue.code.startsWith('photo.')) return !photoKept;
    if (field === 'documents' || issue.code.startsWith('documents.')) return !documentsKept;
    return true;
  });
}

export function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface DisposableSignal {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * What an attempt's limit adds to `timeoutMs` for its body. The server takes any body within its grace period,
 * which `timeoutMs` covers, and a bigger one for as long as it keeps the minimum rate: on a weak link the upload
 * alone may take that long, and giving up earlier would only send it again.
 */
export function uploadAllowanceMs(body: RequestInit['body']): number {
  if (typeof body !== 'string') return 0;
  return bodyDeadlineMs(new TextEncoder().encode(body).byteLength) - BODY_GRACE_MS;
}

/** An attempt's deadline. A timer of our own rather than `AbortSignal.timeout`, so it can be cleared. */
export function timeoutSignal(ms: number): DisposableSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`No answer within ${ms} ms`, 'TimeoutError')), ms);
  return { signal: controller.signal, dispose: () => clearTimeout(timer) };
}

/** `AbortSignal.any`, with a fallback for browsers before 2024 (Android WebViews that are never updated). */
export function anySignal(signals: AbortSignal[]): DisposableSignal {
  if (typeof AbortSignal.any === 'function') return { signal: AbortSignal.any(signals), dispose: () => undefined };
  const controller = new AbortController();
  const onAbort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', onAbort);
  }
  return {
    signal: controller.signal,
    dispose: () => signals.forEach((signal) => signal.removeEventListener('abort', onAbort)),
  };
}
