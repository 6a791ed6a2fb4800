import * as z from 'zod/mini';
import {
  addDays,
  AK1_PROBLEM_PREFIX,
  ak1AvailabilitySchema,
  ak1ProblemSchema,
  ak1RegistrationSchema,
  calendarDate,
  isCalendarDate,
  type Ak1ProblemType,
  type Ak1Registration,
} from '../schema/index.js';
import { newIdempotencyKey } from '../client/keys.js';
import { parseChallenge, solveProof } from '../client/proof.js';
import { conformanceApplication, conformanceNik, type ConformanceApplicant } from './fixtures.js';

/*
 * What the checks share: how to reach the backend, fresh test applicants, and the few facts about the backend
 * that several checks need (its day, one registration). Each fact is found once, by whichever check asks
 * first, and never changes afterwards; a check never writes anything another check reads.
 */

/** A reply as the checks see it: status, headers and up to `MAX_BODY` of text. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

const MAX_BODY = 1024 * 1024;

/** Why a check failed: what was sent and what came back. */
export class CheckFailure extends Error {}

export function fail(detail: string, cause?: unknown): never {
  throw new CheckFailure(detail, { cause });
}

export type Application = ReturnType<typeof conformanceApplication>;

/** The registration that several checks look at, with what made it. */
export interface Registered {
  applicant: ConformanceApplicant;
  application: Application;
  key: string;
  registration: Ak1Registration;
  /** The `201` reply, for the CORS check. */
  reply: Reply;
}

export interface CheckContext {
  readonly endpoint: string;
  readonly origin: string;
  readonly timeZone: string;
  request(method: string, path: string, init?: { headers?: Record<string, string>; body?: string }): Promise<Reply>;
  /**
   * A request to an office route as a counter's script would send it: without an `Origin` (the office's CORS is for
   * its own pages), with the bearer `token` when given and JSON `body` when given.
   */
  officeRequest(method: string, path: string, init?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Reply>;
  post(body: string, headers: Record<string, string>): Promise<Reply>;
  /** POSTs an application as JSON, with `key` as its Idempotency-Key (none when `undefined`). */
  postApplication(application: unknown, key: string | undefined): Promise<Reply>;
  /** A test applicant no other check of this run has used. */
  newApplicant(): ConformanceApplicant;
  /** The application of a test applicant, accepted as the backend's clock allows. */
  applicationOf(applicant: ConformanceApplicant): Promise<Application>;
  /**
   * The backend's calendar day as far as it can be told (never later than it): from its availability, from
   * its `Date` header, else this machine's clock. Applications are dated by it, never by this machine's
   * clock, so a backend whose clock differs (a test server fixed on another day) is judged fairly.
   */
  backendDay(): Promise<string>;
  /** One registration made for this run, for the checks that need one; rejects with why it could not be made. */
  registered(): Promise<Registered>;
  /**
   * A POST under `/self` as the form sends it: JSON `body`, a new Idempotency-Key, and the lookup's bearer `token`
   * when given.
   */
  selfRequest(path: string, body: unknown, token?: string): Promise<Reply>;
  /** Every registration this run made (a `201` with an access code), for the cancelling at the end. */
  made(): readonly MadeRegistration[];
}

/** A registration the run made, with what opens it under `/self`. */
export interface MadeRegistration {
  registrationNumber: string;
  nik: string;
  accessCode: string | undefined;
}

export interface ContextOptions {
  endpoint: string;
  origin: string;
  timeZone: string;
  timeoutMs: number;
  random: () => number;
  fetch?: ((input: string, init: RequestInit) => Promise<Response>) | undefined;
}

export function createCheckContext(options: ContextOptions): CheckContext {
  const { endpoint, origin, timeZone, timeoutMs, random } = options;
  const customFetch = options.fetch;

  async function request(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}, withOrigin = true): Promise<Reply> {
    const url = `${endpoint}${path}`;
    const headers = withOrigin ? { origin, ...init.headers } : { ...init.headers };
    const requestInit: RequestInit = { method, headers, body: init.body, signal: AbortSignal.timeout(timeoutMs) };
    let response: Response;
    try {
      response = customFetch ? await customFetch(url, requestInit) : await fetch(url, requestInit);
    } catch (error) {
      fail(`${method} ${path || '/'}: no reply (${describeError(error)})`, error);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_BODY) fail(`${method} ${path || '/'}: a reply of ${bytes.byteLength} bytes; the contract's replies are small`);
    return { status: response.status, headers: response.headers, text: new TextDecoder().decode(bytes) };
  }

  const post = (body: string, headers: Record<string, string>) => request('POST', '', { body, headers });

  const officeRequest: CheckContext['officeRequest'] = (method, path, init = {}) => {
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    return request(method, path, { headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }, false);
  };

  // A backend that offers a proof-of-work challenge gets a freshly solved one with every application, as the
  // SDK client would send it; the check "challenge" judges the challenge itself.
  const proofRequired = once(async () => (await request('GET', '/challenge')).status === 200);
  async function proofHeaders(): Promise<Record<string, string>> {
    if (!(await proofRequired().catch(() => false))) return {};
    const reply = await request('GET', '/challenge');
    let challenge;
    try {
      challenge = parseChallenge(JSON.parse(reply.text));
    } catch {
      return {};
    }
    const proof = challenge && (await solveProof(challenge));
    return proof ? { 'ak1-proof': proof } : {};
  }
  const made: MadeRegistration[] = [];
  const postApplication = async (application: unknown, key: string | undefined) => {
    const reply = await post(JSON.stringify(application), {
      'content-type': 'application/json',
      ...(key === undefined ? {} : { 'idempotency-key': key }),
      ...(await proofHeaders()),
    });
    if (reply.status === 201) noteMade(made, application, reply);
    return reply;
  };

  const selfRequest: CheckContext['selfRequest'] = (path, body, token) =>
    request('POST', path, {
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'idempotency-key': newIdempotencyKey(),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });

  // Fresh test applicants for this run: a second run against the same backend must not meet the first's.
  const usedNiks = new Set<string>();
  function newApplicant(): ConformanceApplicant {
    for (;;) {
      const birthDate = addDays('1970-01-01', Math.floor(random() * 365 * 25));
      const applicant = { birthDate, serial: 1 + Math.floor(random() * 9999) };
      const nik = conformanceNik(applicant);
      if (!usedNiks.has(nik)) {
        usedNiks.add(nik);
        return applicant;
      }
    }
  }

  const backendDay = once(() => findBackendDay(request, timeZone));
  // Noon (WIB) of the day before the backend's: in the past for the backend in any time zone.
  const applicationOf = async (applicant: ConformanceApplicant) =>
    conformanceApplication(applicant, `${addDays(await backendDay(), -1)}T05:00:00.000Z`);

  const registered = once(async (): Promise<Registered> => {
    const applicant = newApplicant();
    const application = await applicationOf(applicant);
    const key = newIdempotencyKey();
    const reply = await postApplication(application, key);
    return { applicant, application, key, registration: expectRegistration(reply, 201, 'POST'), reply };
  });

  return {
    endpoint,
    origin,
    timeZone,
    request,
    officeRequest,
    post,
    postApplication,
    newApplicant,
    applicationOf,
    backendDay,
    registered,
    selfRequest,
    made: () => made,
  };
}

/**
 * The backend's day: the day before the first day its availability lists (the contract's default range starts
 * tomorrow; a backend that starts it today only makes this a day early, which is safe), and no later than the
 * day of its `Date` header. This machine's clock only when the backend says neither.
 */
async function findBackendDay(request: CheckContext['request'], timeZone: string): Promise<string> {
  const candidates: string[] = [];
  let reply: Reply | undefined;
  try {
    reply = await request('GET', '/availability');
  } catch {
    // No reply: the availability check says so; the day falls back below.
  }
  if (reply?.status === 200) {
    const parsed = parseJson(reply.text, ak1AvailabilitySchema);
    const first = parsed.ok ? parsed.value.days[0]?.date : undefined;
    if (first && isCalendarDate(first)) candidates.push(addDays(first, -1));
  }
  const date = Date.parse(reply?.headers.get('date') ?? '');
  if (Number.isFinite(date)) candidates.push(calendarDate(new Date(date), timeZone));
  if (!candidates.length) candidates.push(calendarDate(new Date(), timeZone));
  return candidates.sort()[0]!;
}

/** Notes a `201`'s registration (its number, the NIK it was made for, its access code) for the cancelling at the end. */
function noteMade(made: MadeRegistration[], application: unknown, reply: Reply): void {
  try {
    const { registrationNumber, accessCode } = JSON.parse(reply.text) as { registrationNumber?: unknown; accessCode?: unknown };
    const nik = (application as { nik?: unknown }).nik;
    if (typeof registrationNumber !== 'string' || typeof nik !== 'string') return;
    if (made.some((entry) => entry.registrationNumber === registrationNumber)) return;
    made.push({ registrationNumber, nik: nik.replace(/\s+/g, ''), accessCode: typeof accessCode === 'string' ? accessCode : undefined });
  } catch {
    // Not JSON: the checks say so; nothing to cancel.
  }
}

/** A fact found on first use and kept: the same promise for every later caller, resolved or rejected. */
function once<T>(find: () => Promise<T>): () => Promise<T> {
  let found: Promise<T> | undefined;
  return () => (found ??= find());
}

/** Fails unless the reply is the contract's problem `name` with `status` (and `Retry-After` when asked). */
export function expectProblem(reply: Reply, status: number, name: Ak1ProblemType, what: string, retryAfter = false): string {
  const got = summary(reply);
  if (reply.status !== status) fail(`${what}: expected ${status} ${name}, got ${got}`);
  const type = reply.headers.get('content-type') ?? '';
  if (!/^application\/problem\+json\b/i.test(type)) fail(`${what}: ${status} with Content-Type "${type}", expected application/problem+json`);
  const parsed = parseJson(reply.text, ak1ProblemSchema);
  if (!parsed.ok) fail(`${what}: the problem is not an RFC 9457 problem of the contract (${parsed.why})`);
  if (parsed.value.type !== `${AK1_PROBLEM_PREFIX}${name}`) fail(`${what}: expected type ${AK1_PROBLEM_PREFIX}${name}, got ${parsed.value.type}`);
  if (parsed.value.status !== status) fail(`${what}: the problem's status is ${parsed.value.status ?? 'missing'}, expected ${status}`);
  if (retryAfter && !/^\s*\d+\s*$/.test(reply.headers.get('retry-after') ?? '')) {
    fail(`${what}: ${status} ${name} without a Retry-After of whole seconds`);
  }
  return `${status} ${name}`;
}

/** A registration reply with `status`, parsed; fails with what came back otherwise. */
export function expectRegistration(reply: Reply, status: 200 | 201, what: string): Ak1Registration {
  if (reply.status !== status) fail(`${what}: expected ${status} with a registration, got ${summary(reply)}`);
  const type = reply.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) fail(`${what}: ${status} with Content-Type "${type}", expected application/json`);
  const parsed = parseJson(reply.text, ak1RegistrationSchema);
  if (!parsed.ok) fail(`${what}: ${status} but not an Ak1Registration (${parsed.why})`);
  return parsed.value;
}

/** Problems with the CORS headers of one reply, as a browser on `origin` would meet them. */
export function corsProblemsOf(reply: Reply, origin: string, what: string): string[] {
  const problems: string[] = [];
  const allowed = reply.headers.get('access-control-allow-origin');
  if (allowed !== origin && allowed !== '*') problems.push(`${what} (${reply.status}): Access-Control-Allow-Origin is ${allowed === null ? 'missing' : `"${allowed}"`}`);
  if (reply.status >= 400 && !listIncludes(reply.headers.get('access-control-expose-headers'), 'retry-after')) {
    problems.push(`${what} (${reply.status}): Access-Control-Expose-Headers does not list Retry-After`);
  }
  return problems;
}

export function parseJson<T>(text: string, schema: z.ZodMiniType<T, unknown>): { ok: true; value: T } | { ok: false; why: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, why: 'not JSON' };
  }
  const result = z.safeParse(schema, data);
  if (result.success) return { ok: true, value: result.data };
  const first = result.error.issues[0]!;
  return { ok: false, why: `${first.path.length ? first.path.join('.') : 'the body'}: ${first.message}` };
}

/** `201 application/json`, or `409 urn:ak1:problem:already-registered`: enough to see what came back. */
export function summary(reply: Reply): string {
  try {
    const type = (JSON.parse(reply.text) as { type?: unknown }).type;
    if (typeof type === 'string' && type.length < 80) return `${reply.status} ${type.replace(AK1_PROBLEM_PREFIX, '')}`;
  } catch {
    // Not JSON: the content type says more.
  }
  return `${reply.status} ${reply.headers.get('content-type') ?? 'without Content-Type'}`;
}

/** True when a comma-separated header lists `item` (any case) or `*`. */
export function listIncludes(header: string | null, item: string): boolean {
  return (header ?? '').split(',').some((part) => {
    const value = part.trim().toLowerCase();
    return value === item || value === '*';
  });
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}
