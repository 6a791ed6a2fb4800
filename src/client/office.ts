import type * as z from 'zod/mini';
import {
  ak1AuditSchema,
  ak1DailyReportSchema,
  ak1IpkReportSchema,
  ak1LoginReplySchema,
  ak1OfficeSummarySchema,
  ak1OpeningBalanceReplySchema,
  ak1OfficeActionReplySchema,
  ak1OfficeRecordSchema,
  ak1OfficeSettingsSchema,
  ak1RegistrationListSchema,
  isCalendarDate,
  REPORT_MONTH_PATTERN,
  type Ak1Audit,
  type Ak1DailyReport,
  type Ak1IpkReport,
  type Ak1OfficeSummary,
  type Ak1OpeningBalance,
  type Ak1LoginReply,
  type Ak1Officer,
  type Ak1OfficeActionReply,
  type Ak1OfficeActionRequest,
  type Ak1OfficeRecord,
  type Ak1OfficeSettings,
  type Ak1RegistrationSummary,
} from '../schema/index.js';
import { safeParse } from 'zod/mini';
import { anySignal, defaultSleep, timeoutSignal, type Ak1RetryEvent } from './client.js';
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
  type Ak1AuthErrorType,
} from './errors.js';
import { IDEMPOTENCY_KEY_PATTERN, newIdempotencyKey } from './keys.js';
import { MAX_REPLY_BYTES, parseRetryAfter, readCappedText, readJson, readLooseProblem, trustedIssues } from './reply.js';
import { backoffDelay, defaultRetryOptions, isRetryableCall, type Ak1RetryOptions } from './retry.js';

/*
 * The office's client (design.md, "The office"): an officer's session and the routes under `{endpoint}/office/`.
 * The same errors and the one retry policy as `createAk1Client`: reads are retried; an action is retried only with
 * its own Idempotency-Key, so a retry whose first attempt was taken is answered with that outcome, never taken twice;
 * a refusal (401, 403, 409, 422) is never retried. The token lives in this object only, never in storage: a reload
 * asks the officer to log in again.
 */

export interface Ak1OfficeClientOptions extends Partial<Ak1RetryOptions> {
  /** The backend's endpoint, e.g. `https://disnaker.example.go.id/api/ak1` (the office routes are under `/office`). */
  endpoint: string;
  /** Default: the global `fetch`, looked up at each call. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Each attempt's limit, reading the reply included. Default 30 000 (a record with its scans on a slow office line). */
  timeoutMs?: number;
  /** Aborts every call of this client (a component that is removed from the page). */
  signal?: AbortSignal;
  /** Called before each retry of any call. */
  onRetry?: (event: Ak1RetryEvent) => void;
  /** A number in [0, 1) for the backoff's jitter. Default `Math.random`. */
  random?: () => number;
  /** Waits between attempts; rejects when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** The clock for `Retry-After` dates, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

export interface Ak1OfficeCallOptions {
  signal?: AbortSignal;
  onRetry?: (event: Ak1RetryEvent) => void;
}

export interface Ak1OfficeActOptions extends Ak1OfficeCallOptions {
  /**
   * The key of this action. Default: a new one per call, reused by its retries. Pass the same key again only to
   * resend the very same action (its first outcome is the answer).
   */
  idempotencyKey?: string;
}

export interface Ak1LoginCredentials {
  username: string;
  password: string;
  /** The TOTP code, when the backend answered `second-factor-required`. */
  code?: string;
}

/**
 * Which registrations the office CSV holds: those visiting on `date`, those registered on `registeredOn`, or those
 * registered from `from` to `to` (both counted, at most 366 days: the office's own analysis of a period).
 */
export type Ak1OfficeExportFilter = { date: string } | { registeredOn: string } | { from: string; to: string };

export interface Ak1OfficeClient {
  /**
   * Logs in and keeps the token in this client. Rejects with `Ak1AuthError` (`invalid-credentials`,
   * `second-factor-required`) or `Ak1HttpError` `429` `rate-limited` (with `retryAfterMs`; not retried).
   * `passwordChangeRequired` in the reply: only `changePassword` is allowed until it is done.
   */
  login(credentials: Ak1LoginCredentials, options?: Ak1OfficeCallOptions): Promise<Ak1LoginReply>;
  /** Ends the session on the backend and forgets it here (here even when the backend cannot be reached). */
  logout(options?: Ak1OfficeCallOptions): Promise<void>;
  /** Sets a new password (at least 10 characters, not the username); the session stays. */
  changePassword(change: { currentPassword: string; newPassword: string }, options?: Ak1OfficeCallOptions): Promise<void>;
  /** The day's visits (`YYYY-MM-DD`), in window and queue-number order. */
  queue(visitDate: string, options?: Ak1OfficeCallOptions): Promise<Ak1RegistrationSummary[]>;
  /** Registrations in a status, newest first. */
  list(filter: { status: string }, options?: Ak1OfficeCallOptions): Promise<Ak1RegistrationSummary[]>;
  /** A registration number, a NIK or part of a name; sent in a POST body, so it never sits in a URL. */
  search(q: string, options?: Ak1OfficeCallOptions): Promise<Ak1RegistrationSummary[]>;
  /** The full record with attachments and history; the backend records the opening (`view`). */
  open(registrationNumber: string, options?: Ak1OfficeCallOptions): Promise<Ak1OfficeRecord>;
  /**
   * Takes an action on a record at `request.version`. A stale version rejects with `Ak1ConflictError`
   * `version-conflict` (`currentVersion` when the backend says it), a status that does not allow it with
   * `Ak1ConflictError` `transition-not-allowed`, a role that may not with `Ak1AuthError` `forbidden`, an `edit`
   * that makes the application invalid with `Ak1ValidationError`.
   */
  act(registrationNumber: string, request: Ak1OfficeActionRequest, options?: Ak1OfficeActOptions): Promise<Ak1OfficeActionReply>;
  /** History entries of every record, logins included, `at` within `from`…`to` (admins only). */
  audit(range: { from: string; to: string }, options?: Ak1OfficeCallOptions): Promise<Ak1Audit['entries']>;
  /** What the counter needs to print the card as the district does. */
  settings(options?: Ak1OfficeCallOptions): Promise<Ak1OfficeSettings>;
  /**
   * The month's IPK job-seeker tables (`month` as `YYYY-MM`, not after the current month), counted from the
   * registrations' histories: by age band, by education level, and registered by KBJI job group, each by sex.
   */
  ipkReport(query: { month: string }, options?: Ak1OfficeCallOptions): Promise<Ak1IpkReport>;
  /**
   * Every day of the month (`YYYY-MM`, not after the current month): open on the district's calendar or not, its
   * capacity, the registrations submitted, the visits held and those checked in. One call for the month's chart.
   */
  dailyReport(query: { month: string }, options?: Ak1OfficeCallOptions): Promise<Ak1DailyReport>;
  /** The opening balance of paper-era holders in force, or `undefined` when none was entered. */
  openingBalance(options?: Ak1OfficeCallOptions): Promise<Ak1OpeningBalance | undefined>;
  /**
   * Enters the opening balance (admins): the paper-era holders on the books in `month`, per group and sex. The IPK
   * tables add them to that month's start and carry them forward; entering it again replaces it.
   */
  setOpeningBalance(balance: Ak1OpeningBalance, options?: Ak1OfficeCallOptions): Promise<Ak1OpeningBalance>;
  /** The numbers of the office's home screen: `karirhubPending`, the signed cards not yet entered in Karirhub. */
  summary(options?: Ak1OfficeCallOptions): Promise<Ak1OfficeSummary>;
  /**
   * The signed cards not yet entered in Karirhub as CSV, one per row in the order of Karirhub's AK/I data entry
   * (UTF-8 with its BOM). After re-keying one, take the action `karirhub` with `karirhubNumber`.
   */
  karirhubCsv(options?: Ak1OfficeCallOptions & { delimiter?: ',' | ';'; lang?: 'id' | 'en' }): Promise<string>;
  /** The office CSV (UTF-8 with its BOM, as the backend sends it). */
  exportCsv(filter: Ak1OfficeExportFilter, options?: Ak1OfficeCallOptions): Promise<string>;
  /**
   * Takes a session from a login reply made elsewhere (another client of the same backend), validated as a reply
   * is. `undefined` forgets the session without asking the backend.
   */
  setSession(reply: Ak1LoginReply | undefined): void;
  /** The bearer token, while logged in. Cleared by `logout` and by a `401 unauthenticated`. */
  readonly token: string | undefined;
  /** Who is logged in; kept after a `401 unauthenticated`, so a component can ask the same officer to log in again. */
  readonly officer: Ak1Officer | undefined;
  /** Whether the account still has its one-time password. */
  readonly passwordChangeRequired: boolean;
}

/** A record carries the photo and up to six scans (2.5 MB decoded, so about 3.4 MB of base64) and its history. */
const MAX_RECORD_BYTES = 8 * 1024 * 1024;
/** An audit of a busy month and a year's CSV stay well below these. */
const MAX_AUDIT_BYTES = 64 * 1024 * 1024;
const MAX_CSV_BYTES = 64 * 1024 * 1024;
/** Queues and searches: up to 5 000 summaries. */
const MAX_LIST_BYTES = 4 * 1024 * 1024;

const AUTH_TYPES: ReadonlySet<string> = new Set<Ak1AuthErrorType>([
  'unauthenticated',
  'invalid-credentials',
  'second-factor-required',
  'password-change-required',
  'forbidden',
]);

type CallKind = 'read' | 'action' | 'login';

interface Call<T> {
  kind: CallKind;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Sent with the token (every route but login). */
  auth: boolean;
  /** A POST's key; every attempt of this call sends the same. */
  idempotencyKey?: string;
  read: (response: Response) => Promise<T>;
  options: Ak1OfficeCallOptions;
  accept?: string;
}

export function createAk1OfficeClient(options: Ak1OfficeClientOptions): Ak1OfficeClient {
  if (typeof options?.endpoint !== 'string' || options.endpoint === '') {
    throw new TypeError('createAk1OfficeClient: `endpoint` is required');
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

  let session: Ak1LoginReply | undefined;
  let officer: Ak1Officer | undefined;

  function notify(event: Ak1RetryEvent, callOptions: Ak1OfficeCallOptions) {
    for (const listener of [options.onRetry, callOptions.onRetry]) {
      try {
        listener?.(event);
      } catch {
        // A listener's bug must not stop the call.
      }
    }
  }

  async function attempt<T>(call: Call<T>, signal: AbortSignal): Promise<T> {
    if (signal.aborted) throw new Ak1AbortError({ cause: signal.reason });
    const headers = new Headers({ accept: call.accept ?? 'application/json' });
    if (call.body !== undefined) headers.set('content-type', 'application/json');
    if (call.idempotencyKey) headers.set('idempotency-key', call.idempotencyKey);
    // Read at each attempt: a session taken over with `setSession` while a call waits applies to its retries.
    if (call.auth && session) headers.set('authorization', `Bearer ${session.token}`);
    const init: RequestInit = { method: call.method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) };
    const timeout = timeoutSignal(timeoutMs);
    const combined = anySignal([signal, timeout.signal]);
    try {
      const response = await send(`${endpoint}${call.path}`, { ...init, signal: combined.signal });
      return await call.read(response);
    } catch (error) {
      if (signal.aborted) throw new Ak1AbortError({ cause: signal.reason ?? error });
      if (timeout.signal.aborted) throw new Ak1TimeoutError(timeoutMs, { cause: error });
      if (error instanceof Ak1Error) throw error;
      throw new Ak1NetworkError({ cause: error });
    } finally {
      timeout.dispose();
      combined.dispose();
    }
  }

  async function run<T>(call: Call<T>): Promise<T> {
    const signals = [options.signal, call.options.signal].filter((signal): signal is AbortSignal => !!signal);
    const combined = signals.length ? anySignal(signals) : { signal: new AbortController().signal, dispose: () => undefined };
    const { signal } = combined;
    try {
      for (let attemptNumber = 1; ; attemptNumber++) {
        // The session this attempt sends (read before its first await): a late 401 for a session that has since
        // been replaced by a new login must not end the new one.
        const used = session;
        try {
          return await attempt(call, signal);
        } catch (error) {
          const failure = error instanceof Ak1Error ? error : new Ak1NetworkError({ cause: error });
          if (failure instanceof Ak1AuthError && failure.type === 'unauthenticated' && call.auth && session === used) session = undefined;
          if (attemptNumber > retries || !isRetryableCall(failure, call.kind)) throw failure;
          const delayMs = backoffDelay(attemptNumber, failure, backoff);
          notify({ attempt: attemptNumber, delayMs, error: failure }, call.options);
          try {
            await sleep(delayMs, signal);
          } catch (cause) {
            throw new Ak1AbortError({ cause: signal.reason ?? cause });
          }
        }
      }
    } finally {
      combined.dispose();
    }
  }

  /** A failed reply as the error a caller can tell apart. */
  async function failure(response: Response): Promise<never> {
    const { status } = response;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
    const problem = await readLooseProblem(response);
    const type = problem.type;
    if ((status === 401 || status === 403) && type && AUTH_TYPES.has(type)) throw new Ak1AuthError(type as Ak1AuthErrorType, status);
    // A 401 is always about the session, whatever a foreign backend put in its body.
    if (status === 401) throw new Ak1AuthError('unauthenticated', 401);
    if (status === 409 && type === 'version-conflict') {
      throw new Ak1ConflictError(type, status, problem.version === undefined ? {} : { currentVersion: problem.version });
    }
    if (status === 422 && (type === 'transition-not-allowed' || type === 'idempotency-key-reused')) throw new Ak1ConflictError(type, status);
    if (status === 422 && type === 'invalid-application') throw new Ak1ValidationError(trustedIssues(problem.errors), { status });
    throw new Ak1HttpError(status, { type, retryAfterMs, ...(problem.errors?.length ? { errors: problem.errors.slice(0, 50) } : {}) });
  }

  function reader<T>(schema: z.ZodMiniType<T, unknown>, limit: number) {
    return async (response: Response): Promise<T> => {
      if (response.status === 200) return readJson(response, schema, limit);
      if (response.status >= 200 && response.status < 300) {
        response.body?.cancel().catch(() => undefined);
        throw new Ak1ResponseError(response.status, 'unexpected-status');
      }
      return failure(response);
    };
  }

  /** `204` (a backend that answers `200` with a body is believed too: nothing is read from it). */
  async function noContent(response: Response): Promise<void> {
    if (response.status === 204 || response.status === 200) {
      // Not awaited: a stream some fetch stand-ins (msw) hold open would never let the cancel settle.
      response.body?.cancel().catch(() => undefined);
      return;
    }
    if (response.status >= 200 && response.status < 300) throw new Ak1ResponseError(response.status, 'unexpected-status');
    return failure(response);
  }

  function post<T>(kind: CallKind, path: string, body: unknown, read: (response: Response) => Promise<T>, callOptions: Ak1OfficeActOptions, auth = true) {
    const key = callOptions.idempotencyKey ?? newIdempotencyKey();
    return run({ kind, method: 'POST', path, body, auth, idempotencyKey: key, read, options: callOptions });
  }

  function get<T>(path: string, read: (response: Response) => Promise<T>, callOptions: Ak1OfficeCallOptions) {
    return run({ kind: 'read', method: 'GET', path, auth: true, read, options: callOptions });
  }

  const summaries = reader(ak1RegistrationListSchema, MAX_LIST_BYTES);

  function keep(reply: Ak1LoginReply) {
    session = reply;
    officer = reply.officer;
  }

  return {
    get token() {
      return session?.token;
    },
    get officer() {
      return officer;
    },
    get passwordChangeRequired() {
      return session?.passwordChangeRequired === true;
    },

    setSession(reply) {
      if (reply === undefined) {
        session = undefined;
        officer = undefined;
        return;
      }
      const parsed = safeParse(ak1LoginReplySchema, reply);
      if (!parsed.success) throw new TypeError('setSession: not a login reply');
      keep(parsed.data);
    },

    async login(credentials, callOptions = {}) {
      const { username, password, code } = credentials ?? ({} as Ak1LoginCredentials);
      if (typeof username !== 'string' || typeof password !== 'string') throw new TypeError('login: `username` and `password` are required');
      const body = code === undefined ? { username, password } : { username, password, code };
      const reply = await post('login', '/office/login', body, reader(ak1LoginReplySchema, MAX_REPLY_BYTES), callOptions, false);
      keep(reply);
      return reply;
    },

    async logout(callOptions = {}) {
      if (!session) return;
      try {
        await post('action', '/office/logout', undefined, noContent, callOptions);
      } catch (error) {
        // An ended session is logged out already; anything else is worth knowing, but the token goes either way.
        if (!(error instanceof Ak1AuthError && error.type === 'unauthenticated')) throw error;
      } finally {
        session = undefined;
        officer = undefined;
      }
    },

    async changePassword(change, callOptions = {}) {
      const body = { currentPassword: change?.currentPassword, newPassword: change?.newPassword };
      await post('action', '/office/password', body, noContent, callOptions);
      if (session) session = { ...session, passwordChangeRequired: false };
    },

    async queue(visitDate, callOptions = {}) {
      if (!isCalendarDate(visitDate)) throw new RangeError('queue: `visitDate` must be a YYYY-MM-DD date');
      return (await get(`/office/registrations?visitDate=${visitDate}`, summaries, callOptions)).registrations;
    },

    async list(filter, callOptions = {}) {
      const status = filter?.status;
      if (typeof status !== 'string' || !/^[A-Z][A-Z0-9_]{0,63}$/.test(status)) throw new RangeError('list: `status` must be a status code');
      return (await get(`/office/registrations?status=${status}`, summaries, callOptions)).registrations;
    },

    async search(q, callOptions = {}) {
      // Read-only, so retried like a read; the key only satisfies "every POST under /office takes one".
      return (await post('read', '/office/registrations/search', { q }, summaries, callOptions)).registrations;
    },

    async open(registrationNumber, callOptions = {}) {
      return get(`/office/registrations/${pathSegment(registrationNumber)}`, reader(ak1OfficeRecordSchema, MAX_RECORD_BYTES), callOptions);
    },

    async act(registrationNumber, request, callOptions = {}) {
      if (callOptions.idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(callOptions.idempotencyKey)) {
        throw new TypeError('act: `idempotencyKey` must be 1–255 visible ASCII characters');
      }
      const path = `/office/registrations/${pathSegment(registrationNumber)}/actions`;
      return post('action', path, request, reader(ak1OfficeActionReplySchema, MAX_REPLY_BYTES), callOptions);
    },

    async audit(range, callOptions = {}) {
      const query = `from=${encodeURIComponent(range?.from ?? '')}&to=${encodeURIComponent(range?.to ?? '')}`;
      return (await get(`/office/audit?${query}`, reader(ak1AuditSchema, MAX_AUDIT_BYTES), callOptions)).entries;
    },

    async settings(callOptions = {}) {
      return get('/office/settings', reader(ak1OfficeSettingsSchema, MAX_REPLY_BYTES), callOptions);
    },

    async ipkReport(query, callOptions = {}) {
      const month = query?.month;
      if (typeof month !== 'string' || !REPORT_MONTH_PATTERN.test(month)) throw new RangeError('ipkReport: `month` must be YYYY-MM');
      return get(`/office/reports/ipk?month=${month}`, reader(ak1IpkReportSchema, MAX_REPLY_BYTES), callOptions);
    },

    async dailyReport(query, callOptions = {}) {
      const month = query?.month;
      if (typeof month !== 'string' || !REPORT_MONTH_PATTERN.test(month)) throw new RangeError('dailyReport: `month` must be YYYY-MM');
      return get(`/office/reports/daily?month=${month}`, reader(ak1DailyReportSchema, MAX_REPLY_BYTES), callOptions);
    },

    async openingBalance(callOptions = {}) {
      return (await get('/office/reports/opening-balance', reader(ak1OpeningBalanceReplySchema, MAX_REPLY_BYTES), callOptions)).openingBalance;
    },

    async setOpeningBalance(balance, callOptions = {}) {
      // The same balance twice leaves the same tables: retried like a read.
      const reply = await post('read', '/office/reports/opening-balance', balance, reader(ak1OpeningBalanceReplySchema, MAX_REPLY_BYTES), callOptions);
      if (!reply.openingBalance) throw new Ak1ResponseError(200, 'unexpected-status');
      return reply.openingBalance;
    },

    async summary(callOptions = {}) {
      return get('/office/reports/summary', reader(ak1OfficeSummarySchema, MAX_REPLY_BYTES), callOptions);
    },

    async karirhubCsv(callOptions = {}) {
      const { delimiter = ',', lang = 'id' } = callOptions;
      if (delimiter !== ',' && delimiter !== ';') throw new RangeError('karirhubCsv: `delimiter` is , or ;');
      if (lang !== 'id' && lang !== 'en') throw new RangeError('karirhubCsv: `lang` is id or en');
      const path = `/office/reports/karirhub.csv?delimiter=${encodeURIComponent(delimiter)}&lang=${lang}`;
      return run({ kind: 'read', method: 'GET', path, auth: true, read: readCsv, options: callOptions, accept: 'text/csv' });
    },

    async exportCsv(filter, callOptions = {}) {
      const query = exportQuery(filter);
      return run({ kind: 'read', method: 'GET', path: `/office/export.csv?${query}`, auth: true, read: readCsv, options: callOptions, accept: 'text/csv' });
    },
  };

  async function readCsv(response: Response): Promise<string> {
    if (response.status !== 200) return failure(response);
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'text/csv') {
      response.body?.cancel().catch(() => undefined);
      throw new Ak1ResponseError(200, 'unexpected-status');
    }
    return readCappedText(response, MAX_CSV_BYTES);
  }
}

/** A registration number as one path segment: numbers may hold `/` or `.` in a district's pattern. */
function pathSegment(registrationNumber: string): string {
  if (typeof registrationNumber !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/.test(registrationNumber)) {
    throw new RangeError('not a registration number');
  }
  return encodeURIComponent(registrationNumber);
}

/** The export's query, checked before anything is sent. */
function exportQuery(filter: Ak1OfficeExportFilter): string {
  const given = (filter ?? {}) as Partial<Record<'date' | 'registeredOn' | 'from' | 'to', unknown>>;
  const date = (value: unknown): value is string => typeof value === 'string' && isCalendarDate(value);
  if ('date' in given || 'registeredOn' in given) {
    const [name, value] = 'date' in given ? ['date', given.date] : ['registeredOn', given.registeredOn];
    if (!date(value)) throw new RangeError('exportCsv: `date` or `registeredOn` must be a YYYY-MM-DD date');
    return `${name}=${value}`;
  }
  if (!date(given.from) || !date(given.to)) throw new RangeError('exportCsv: give `date`, `registeredOn`, or `from` and `to`, as YYYY-MM-DD dates');
  if (given.from > given.to) throw new RangeError('exportCsv: `from` is after `to`');
  return `from=${given.from}&to=${given.to}`;
}
