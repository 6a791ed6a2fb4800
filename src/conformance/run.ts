import * as z from 'zod/mini';
import {
  addDays,
  addMonths,
  AK1_MESSAGE_KEYS,
  ak1AvailabilitySchema,
  ak1ProblemSchema,
  ak1RegistrationSchema,
  ak1VerificationSchema,
  calendarDate,
  DEFAULT_TIME_ZONE,
  LIMITS,
  validateApplication,
  type Ak1ApplicationInput,
  type Ak1Registration,
} from '../schema/index.js';
import { AK1_PROBLEM_PREFIX, type Ak1ProblemType } from '../client/errors.js';
import { newIdempotencyKey } from '../client/keys.js';
import { ak1KeySetSchema, conformanceApplication, conformanceNik, type ConformanceApplicant } from './fixtures.js';

/*
 * Checks a backend against the contract of docs/openapi.yaml, over plain HTTP, and says for every check
 * what was expected and what came back. It registers a few test applicants (see fixtures.ts: their NIKs
 * cannot be anyone's); run it against a staging backend, or remove the test registrations afterwards.
 */

export interface ConformanceOptions {
  /** The backend's endpoint, e.g. `https://disnaker.example.go.id/api/ak1`. */
  endpoint: string;
  /** Default: the global `fetch`, looked up at each request. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** The site origin the backend must allow by CORS. Default: the endpoint's origin. */
  origin?: string;
  /** The district's time zone, for the month rules. Default Asia/Jakarta. */
  timeZone?: string;
  /** Each request's limit. Default 15 000. */
  timeoutMs?: number;
  /** A number in [0, 1) to pick the test applicants. Default `Math.random`. */
  random?: () => number;
}

export interface ConformanceCheck {
  /** Stable id, e.g. `replay`. */
  id: string;
  /** What the check asks of the backend. */
  title: string;
  passed: boolean;
  /** Why it passed or failed: what was sent and what came back. */
  detail: string;
}

export interface ConformanceReport {
  endpoint: string;
  origin: string;
  checks: ConformanceCheck[];
  /** True only when every check passed. */
  passed: boolean;
}

/** A reply as the checks see it: status, headers and up to `MAX_BODY` of text. */
interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

const MAX_BODY = 1024 * 1024;

class CheckFailure extends Error {}

function fail(detail: string, cause?: unknown): never {
  throw new CheckFailure(detail, { cause });
}

export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const origin = options.origin ?? new URL(endpoint).origin;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const random = options.random ?? Math.random;
  const customFetch = options.fetch;
  const checks: ConformanceCheck[] = [];

  async function request(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
    const url = `${endpoint}${path}`;
    const headers = { origin, ...init.headers };
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
  const postApplication = (application: unknown, key: string | undefined) =>
    post(JSON.stringify(application), { 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) });

  async function check(id: string, title: string, run: () => Promise<string>): Promise<void> {
    try {
      checks.push({ id, title, passed: true, detail: await run() });
    } catch (error) {
      const detail = error instanceof CheckFailure ? error.message : `the check itself failed: ${describeError(error)}`;
      checks.push({ id, title, passed: false, detail });
    }
  }

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
  const acceptedAt = new Date(Date.now() - 60 * 60 * 1000).toISOString();
  const applicationOf = (applicant: ConformanceApplicant) => conformanceApplication(applicant, acceptedAt);

  /** Fails unless the reply is the contract's problem `name` with `status` (and `Retry-After` when asked). */
  function expectProblem(reply: Reply, status: number, name: Ak1ProblemType, what: string, retryAfter = false): string {
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
    checkCorsReply(reply, what);
    return `${status} ${name}`;
  }

  /** A registration reply with `status`, parsed; fails with what came back otherwise. */
  function expectRegistration(reply: Reply, status: 200 | 201, what: string): Ak1Registration {
    if (reply.status !== status) fail(`${what}: expected ${status} with a registration, got ${summary(reply)}`);
    const type = reply.headers.get('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) fail(`${what}: ${status} with Content-Type "${type}", expected application/json`);
    const parsed = parseJson(reply.text, ak1RegistrationSchema);
    if (!parsed.ok) fail(`${what}: ${status} but not an Ak1Registration (${parsed.why})`);
    checkCorsReply(reply, what);
    return parsed.value;
  }

  const corsProblems: string[] = [];
  /** A browser reads a cross-origin reply only when it allows the origin; notes every reply that does not. */
  function checkCorsReply(reply: Reply, what: string) {
    const allowed = reply.headers.get('access-control-allow-origin');
    if (allowed !== origin && allowed !== '*') corsProblems.push(`${what} (${reply.status}): Access-Control-Allow-Origin is ${allowed === null ? 'missing' : `"${allowed}"`}`);
    if (reply.status >= 400 && !listIncludes(reply.headers.get('access-control-expose-headers'), 'retry-after')) {
      corsProblems.push(`${what} (${reply.status}): Access-Control-Expose-Headers does not list Retry-After`);
    }
  }

  // 1. CORS preflight.
  await check('cors-preflight', `OPTIONS allows ${origin} to POST with Content-Type and Idempotency-Key`, async () => {
    const reply = await request('OPTIONS', '', {
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, idempotency-key' },
    });
    if (reply.status < 200 || reply.status >= 300) fail(`expected 204 (or 200), got ${reply.status}`);
    const allowOrigin = reply.headers.get('access-control-allow-origin');
    if (allowOrigin !== origin && allowOrigin !== '*') fail(`Access-Control-Allow-Origin is ${allowOrigin === null ? 'missing' : `"${allowOrigin}"`}, expected ${origin}`);
    const methods = reply.headers.get('access-control-allow-methods');
    if (!listIncludes(methods, 'post')) fail(`Access-Control-Allow-Methods "${methods ?? ''}" does not allow POST`);
    const allowHeaders = reply.headers.get('access-control-allow-headers');
    for (const header of ['content-type', 'idempotency-key']) {
      if (!listIncludes(allowHeaders, header)) fail(`Access-Control-Allow-Headers "${allowHeaders ?? ''}" does not allow ${header}`);
    }
    return `${reply.status}; allows ${allowOrigin}, POST, ${allowHeaders}`;
  });

  await check('cors-foreign-origin', 'OPTIONS does not allow an origin that is not the district\'s', async () => {
    const foreign = 'https://not-the-district.example';
    const reply = await request('OPTIONS', '', {
      headers: { origin: foreign, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, idempotency-key' },
    });
    const allowOrigin = reply.headers.get('access-control-allow-origin');
    if (allowOrigin === foreign || allowOrigin === '*') fail(`${foreign} is allowed (Access-Control-Allow-Origin "${allowOrigin}")`);
    return `${reply.status}; ${foreign} is not allowed`;
  });

  // 2. A registration, which later checks build on.
  const first = newApplicant();
  const firstApplication = applicationOf(first);
  const firstKey = newIdempotencyKey();
  let registration: Ak1Registration | undefined;
  const needsRegistration = () => registration ?? fail('not run: it needs the registration of the check "register", which failed');

  await check('register', 'POST a valid application with a new Idempotency-Key: 201 and an Ak1Registration', async () => {
    registration = expectRegistration(await postApplication(firstApplication, firstKey), 201, 'POST');
    return `201 ${registration.registrationNumber}, status ${registration.status}${registration.appointment ? `, visit ${registration.appointment.date} ${registration.appointment.start}` : ', no visit booked'}`;
  });

  await check('register-dates', `Validity and report dates: the registration day (${timeZone}) + 24 and 6/12/18 months, clamped`, async () => {
    const { registeredAt, validUntil, reportDueDates, status } = needsRegistration();
    const day = calendarDate(new Date(registeredAt), timeZone);
    const expected = { validUntil: addMonths(day, 24), reportDueDates: [addMonths(day, 6), addMonths(day, 12), addMonths(day, 18)] };
    if (status !== 'RECEIVED') fail(`a new registration has status ${status}, expected RECEIVED`);
    if (validUntil !== expected.validUntil) fail(`registered ${day}: validUntil ${validUntil}, expected ${expected.validUntil}`);
    if (reportDueDates.join() !== expected.reportDueDates.join()) {
      fail(`registered ${day}: reportDueDates ${reportDueDates.join(', ')}, expected ${expected.reportDueDates.join(', ')}`);
    }
    return `registered ${day}; valid until ${validUntil}; reports due ${reportDueDates.join(', ')}`;
  });

  await check('replay', 'The same key with the same application: 200 and the same registration', async () => {
    const original = needsRegistration();
    const replayed = expectRegistration(await postApplication(firstApplication, firstKey), 200, 'replay');
    if (canonical(replayed) !== canonical(original)) fail(`200 but another registration: ${replayed.registrationNumber} instead of ${original.registrationNumber}${diff(original, replayed)}`);
    return `200 ${replayed.registrationNumber}, identical`;
  });

  await check('replay-normalised', 'The same application typed differently (NIK with spaces, phone as 0800-…, padded name, RT as 1) is the same application', async () => {
    const original = needsRegistration();
    const typed: Ak1ApplicationInput = {
      ...firstApplication,
      nik: firstApplication.nik.replace(/(\d{4})(?=\d)/g, '$1 '),
      phone: `0${firstApplication.phone.slice(3, 6)}-${firstApplication.phone.slice(6, 10)}-${firstApplication.phone.slice(10)}`,
      fullName: `  ${firstApplication.fullName} `,
      address: { ...firstApplication.address, rt: '1' },
    };
    const replayed = expectRegistration(await postApplication(typed, firstKey), 200, 'replay');
    if (canonical(replayed) !== canonical(original)) fail(`200 but another registration: ${replayed.registrationNumber}`);
    return `200 ${replayed.registrationNumber}: the backend compares the validated application`;
  });

  await check('key-reused', 'The same key with another application: 422 idempotency-key-reused', async () => {
    needsRegistration();
    const reply = await postApplication(applicationOf(newApplicant()), firstKey);
    return expectProblem(reply, 422, 'idempotency-key-reused', 'reused key');
  });

  await check('key-missing', 'No Idempotency-Key: 400 idempotency-key-missing', async () => {
    return expectProblem(await postApplication(applicationOf(newApplicant()), undefined), 400, 'idempotency-key-missing', 'no key');
  });

  await check('concurrent', 'Two identical requests at once (a double click): one registration; the other 200 or 409 request-in-progress', async () => {
    const application = applicationOf(newApplicant());
    const key = newIdempotencyKey();
    const replies = await Promise.all([postApplication(application, key), postApplication(application, key)]);
    const created = replies.filter((reply) => reply.status === 201);
    if (created.length !== 1) fail(`expected one 201, got ${replies.map(summary).join(' and ')}`);
    const made = expectRegistration(created[0]!, 201, 'first');
    const other = replies.find((reply) => reply !== created[0])!;
    if (other.status === 409) {
      expectProblem(other, 409, 'request-in-progress', 'second', true);
      const later = expectRegistration(await postApplication(application, key), 200, 'retry after 409');
      if (later.registrationNumber !== made.registrationNumber) fail(`the retry got another registration: ${later.registrationNumber}`);
      return `201 ${made.registrationNumber}; 409 request-in-progress with Retry-After; the retry got 200 and the same registration`;
    }
    const second = expectRegistration(other, 200, 'second');
    if (canonical(second) !== canonical(made)) fail(`two registrations: ${made.registrationNumber} and ${second.registrationNumber}`);
    return `201 and 200, both ${made.registrationNumber}`;
  });

  await check('invalid-application', 'An invalid application: 422 invalid-application listing every problem by path and message key', async () => {
    const applicant = newApplicant();
    const invalid = {
      ...applicationOf(applicant),
      nik: '3604',
      phone: 'bukan nomor',
      education: [{ level: 'SMA', institution: 'Sekolah Uji Kesesuaian', graduationYear: Number(applicant.birthDate.slice(0, 4)) + 2 }],
      hobby: 'Catur',
    };
    const reply = await postApplication(invalid, newIdempotencyKey());
    expectProblem(reply, 422, 'invalid-application', 'invalid application');
    const problem = JSON.parse(reply.text) as z.output<typeof ak1ProblemSchema>;
    const errors = problem.errors ?? fail('422 invalid-application without `errors`');
    const known = new Set<string>(AK1_MESSAGE_KEYS);
    const unknown = errors.filter((error) => !known.has(error.code)).map((error) => error.code);
    if (unknown.length) fail(`codes that are not message keys: ${unknown.join(', ')}`);
    const expected = [
      { path: ['nik'], code: 'nik.length' },
      { path: ['phone'], code: 'phone.format' },
      { path: ['education', 0, 'graduationYear'], code: 'education.graduationYear.beforeBirth' },
      { path: ['hobby'], code: 'application.unknownKey' },
    ];
    const got = new Set(errors.map((error) => canonical(error)));
    const missing = expected.filter((issue) => !got.has(canonical(issue)));
    if (missing.length) fail(`errors lack ${missing.map((issue) => `${issue.code} at ${JSON.stringify(issue.path)}`).join(', ')}; got ${errors.map((e) => e.code).join(', ')}`);
    // The backend must agree with the client's validation, which found these too.
    const local = validateApplication(invalid);
    const localCodes = local.ok ? [] : local.issues.map((issue) => issue.code);
    return `422 with ${errors.length} errors (${errors.map((e) => e.code).join(', ')}); the client finds ${localCodes.length}`;
  });

  await check('malformed-json', 'A body that is not JSON: 400 malformed-json', async () => {
    const reply = await post('{"schemaVersion": 1, "nik": ', { 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() });
    return expectProblem(reply, 400, 'malformed-json', 'broken JSON');
  });

  await check('unsupported-media-type', 'A body that is not application/json: 415 unsupported-media-type', async () => {
    const reply = await post(JSON.stringify(applicationOf(newApplicant())), { 'content-type': 'text/plain', 'idempotency-key': newIdempotencyKey() });
    return expectProblem(reply, 415, 'unsupported-media-type', 'text/plain body');
  });

  await check('payload-too-large', `A body over ${LIMITS.bodyBytes} bytes: 413 payload-too-large`, async () => {
    const body = JSON.stringify({ schemaVersion: 1, padding: 'x'.repeat(LIMITS.bodyBytes) });
    let reply: Reply;
    try {
      reply = await post(body, { 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() });
    } catch (error) {
      // A server may answer 413 from Content-Length and close before the upload ends; the client then sees
      // the connection drop instead of the reply. The body was refused all the same.
      if (error instanceof CheckFailure && isConnectionClosed(error.cause)) {
        return `${body.length} bytes: the connection was closed before the upload ended (refused; the 413 reply, if sent, was not read)`;
      }
      throw error;
    }
    return `${body.length} bytes: ${expectProblem(reply, 413, 'payload-too-large', 'large body')}`;
  });

  await check('nik-rule', 'The same NIK under another key while its registration is active: 409 already-registered, revealing nothing of it', async () => {
    const original = needsRegistration();
    const again = { ...applicationOf(first), address: { ...firstApplication.address, street: 'Jl. Uji Kesesuaian No. 2' } };
    const reply = await postApplication(again, newIdempotencyKey());
    expectProblem(reply, 409, 'already-registered', 'same NIK');
    const leaks = [original.registrationNumber, original.verification.token, original.appointment?.queueNumber]
      .filter((value): value is string => !!value && reply.text.includes(value));
    if (leaks.length) fail(`409 already-registered, but the reply gives away the other registration (${leaks.join(', ')})`);
    return '409 already-registered, without the other registration\'s details';
  });

  await check('availability', 'GET availability for the next 14 days: 200, an Ak1Availability inside the range, in order', async () => {
    const from = addDays(calendarDate(new Date(), timeZone), 1);
    const to = addDays(from, 13);
    const reply = await request('GET', `/availability?from=${from}&to=${to}`);
    if (reply.status !== 200) fail(`expected 200, got ${summary(reply)}`);
    const parsed = parseJson(reply.text, ak1AvailabilitySchema);
    if (!parsed.ok) fail(`200 but not an Ak1Availability (${parsed.why})`);
    checkCorsReply(reply, 'availability');
    const dates = parsed.value.days.map((day) => day.date);
    const outside = dates.filter((date) => date < from || date > to);
    if (outside.length) fail(`days outside ${from}…${to}: ${outside.join(', ')}`);
    if (dates.some((date, i) => i > 0 && date <= dates[i - 1]!)) fail(`days out of order or repeated: ${dates.join(', ')}`);
    const open = parsed.value.days.filter((day) => day.open);
    return `${dates.length} days from ${from} to ${to}, ${open.length} open, ${open.reduce((sum, day) => sum + day.remaining, 0)} visits free`;
  });

  await check('verify', 'GET verify/{token} of the new registration: 200 valid, without the NIK, name or phone', async () => {
    const { verification } = needsRegistration();
    const reply = await request('GET', `/verify/${verification.token}`);
    if (reply.status !== 200) fail(`expected 200, got ${summary(reply)}`);
    const parsed = parseJson(reply.text, ak1VerificationSchema);
    if (!parsed.ok) fail(`200 but not an Ak1Verification (${parsed.why})`);
    checkCorsReply(reply, 'verify');
    if (!parsed.value.valid) fail('200 but valid is false for the token just issued');
    const leaked = [firstApplication.nik, firstApplication.fullName, firstApplication.phone, firstApplication.phone.slice(3)].filter((value) => reply.text.includes(value));
    if (leaked.length) fail(`the reply shows personal data: ${leaked.length} of NIK, name and phone`);
    return `200 valid, status ${parsed.value.status ?? '(none)'}, initials ${parsed.value.initials ?? '(none)'}`;
  });

  await check('verify-tampered', 'GET verify/{token} with a changed signature or payload: 404 invalid-token', async () => {
    const { token } = needsRegistration().verification;
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const variants: Array<[string, string]> = [
      ['signature', `${header}.${payload}.${flipChar(signature, Math.floor(signature.length / 2))}`],
      ['payload', `${header}.${flipChar(payload, Math.floor(payload.length / 2))}.${signature}`],
      ['unknown', 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.AAAA'],
    ];
    const results: string[] = [];
    for (const [what, tampered] of variants) {
      results.push(`${what}: ${expectProblem(await request('GET', `/verify/${tampered}`), 404, 'invalid-token', `${what} changed`)}`);
    }
    return results.join('; ');
  });

  await check('keys', 'GET keys: the Ed25519 JWK set, with the key that signed the token', async () => {
    const reply = await request('GET', '/keys');
    if (reply.status !== 200) fail(`expected 200, got ${summary(reply)}`);
    const parsed = parseJson(reply.text, ak1KeySetSchema);
    if (!parsed.ok) fail(`200 but not a JWK set of Ed25519 keys (${parsed.why})`);
    checkCorsReply(reply, 'keys');
    const { token } = needsRegistration().verification;
    const [header, payload, signature] = token.split('.') as [string, string, string];
    let protectedHeader: { alg?: unknown; kid?: unknown };
    try {
      protectedHeader = JSON.parse(new TextDecoder().decode(fromBase64Url(header)));
    } catch {
      fail('the token\'s header is not base64url JSON');
    }
    if (protectedHeader.alg !== 'EdDSA') fail(`the token's alg is ${JSON.stringify(protectedHeader.alg)}, expected "EdDSA"`);
    const key = parsed.value.keys.find((candidate) => candidate.kid === protectedHeader.kid);
    if (!key) fail(`no key with the token's kid ${JSON.stringify(protectedHeader.kid)}`);
    const verified = await verifyEd25519(key.x, `${header}.${payload}`, fromBase64Url(signature));
    if (verified === false) fail(`the token's signature does not verify with key ${key.kid}`);
    return `${parsed.value.keys.length} key(s); the token's key ${key.kid} ${verified ? 'verifies its signature' : 'was found (this runtime cannot check Ed25519 signatures)'}`;
  });

  await check('cors-replies', `Every reply allows ${origin} and problems expose Retry-After`, async () => {
    if (corsProblems.length) fail(corsProblems.slice(0, 5).join('; ') + (corsProblems.length > 5 ? `; and ${corsProblems.length - 5} more` : ''));
    return 'every reply checked carries Access-Control-Allow-Origin; every problem exposes Retry-After';
  });

  return { endpoint, origin, checks, passed: checks.every((c) => c.passed) };
}

/** The report as text: one line per check, PASS or FAIL and why, then the totals. */
export function formatConformanceReport(report: ConformanceReport): string {
  const width = Math.max(...report.checks.map((c) => c.id.length));
  const lines = [`ak1-form conformance: ${report.endpoint} (origin ${report.origin})`, ''];
  for (const c of report.checks) {
    lines.push(`${c.passed ? 'PASS' : 'FAIL'}  ${c.id.padEnd(width)}  ${c.title}`);
    lines.push(`${' '.repeat(6 + width + 2)}${c.detail}`);
  }
  const failed = report.checks.filter((c) => !c.passed).length;
  lines.push('', `${report.checks.length} checks: ${report.checks.length - failed} passed, ${failed} failed`);
  return lines.join('\n');
}

function parseJson<T>(text: string, schema: z.ZodMiniType<T, unknown>): { ok: true; value: T } | { ok: false; why: string } {
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
function summary(reply: Reply): string {
  try {
    const type = (JSON.parse(reply.text) as { type?: unknown }).type;
    if (typeof type === 'string' && type.length < 80) return `${reply.status} ${type.replace(AK1_PROBLEM_PREFIX, '')}`;
  } catch {
    // Not JSON: the content type says more.
  }
  return `${reply.status} ${reply.headers.get('content-type') ?? 'without Content-Type'}`;
}

/** True when a comma-separated header lists `item` (any case) or `*`. */
function listIncludes(header: string | null, item: string): boolean {
  return (header ?? '').split(',').some((part) => {
    const value = part.trim().toLowerCase();
    return value === item || value === '*';
  });
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

function diff(a: Record<string, unknown>, b: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => canonical(a[key]) !== canonical(b[key]));
  return keys.length ? ` (differs in ${keys.join(', ')})` : '';
}

/** Changes one base64url character into another, keeping the token well-formed. */
function flipChar(text: string, index: number): string {
  const char = text[index]!;
  return text.slice(0, index) + (char === 'A' ? 'B' : 'A') + text.slice(index + 1);
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

/** `true` or `false`, or `undefined` where the runtime's WebCrypto has no Ed25519. */
async function verifyEd25519(x: string, signingInput: string, signature: Uint8Array<ArrayBuffer>): Promise<boolean | undefined> {
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x }, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return undefined;
  }
  return crypto.subtle.verify({ name: 'Ed25519' }, key, signature, new TextEncoder().encode(signingInput));
}

/** A connection the server closed or reset while the request was being written. */
function isConnectionClosed(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === 'EPIPE' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return true;
    if (/EPIPE|ECONNRESET|other side closed/.test(current.message)) return true;
  }
  return false;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}
