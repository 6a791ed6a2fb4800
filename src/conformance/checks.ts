import type * as z from 'zod/mini';
import {
  addDays,
  addMonths,
  AK1_MESSAGE_KEYS,
  AK1_REQUEST_HEADERS,
  ak1AvailabilitySchema,
  ak1ProblemSchema,
  ak1VerificationSchema,
  calendarDate,
  canonicalJson,
  LIMITS,
  validateApplication,
  type Ak1ApplicationInput,
} from '../schema/index.js';
import { newIdempotencyKey } from '../client/keys.js';
import { parseChallenge } from '../client/proof.js';
import {
  CheckFailure,
  corsProblemsOf,
  expectProblem,
  expectRegistration,
  fail,
  listIncludes,
  parseJson,
  summary,
  type CheckContext,
  type Registered,
  type Reply,
} from './context.js';
import { ak1KeySetSchema } from './fixtures.js';
import { SELF_CHECKS } from './self-checks.js';

/**
 * One check of the contract: a stable id, what it asks of the backend, and how to find out. `run` returns
 * why it passed and throws a `CheckFailure` (through `fail`) saying why not. A check makes what it needs or
 * takes it from the context; none depends on another check having run, passed or failed.
 */
export interface ConformanceCheckDefinition {
  id: string;
  title(context: CheckContext): string;
  run(context: CheckContext): Promise<string>;
}

/** The registration several checks look at; a check that needs it is not run when it cannot be made. */
async function needsRegistration(context: CheckContext): Promise<Registered> {
  try {
    return await context.registered();
  } catch (error) {
    const why = error instanceof CheckFailure ? error.message : String(error);
    fail(`not run: it needs the registration of the check "register", which could not be made (${why})`);
  }
}

const PREFLIGHT_HEADERS = AK1_REQUEST_HEADERS.join(', ').toLowerCase();

/** The checks, in the order the report lists them. A new check is one entry here. */
export const CONFORMANCE_CHECKS: readonly ConformanceCheckDefinition[] = [
  {
    id: 'cors-preflight',
    title: ({ origin }) => `OPTIONS allows ${origin} to POST with Content-Type and Idempotency-Key`,
    async run({ request, origin }) {
      const reply = await request('OPTIONS', '', {
        headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': PREFLIGHT_HEADERS },
      });
      if (reply.status < 200 || reply.status >= 300) fail(`expected 204 (or 200), got ${reply.status}`);
      const allowOrigin = reply.headers.get('access-control-allow-origin');
      if (allowOrigin !== origin && allowOrigin !== '*') fail(`Access-Control-Allow-Origin is ${allowOrigin === null ? 'missing' : `"${allowOrigin}"`}, expected ${origin}`);
      const methods = reply.headers.get('access-control-allow-methods');
      if (!listIncludes(methods, 'post')) fail(`Access-Control-Allow-Methods "${methods ?? ''}" does not allow POST`);
      const allowHeaders = reply.headers.get('access-control-allow-headers');
      for (const header of AK1_REQUEST_HEADERS) {
        if (!listIncludes(allowHeaders, header.toLowerCase())) fail(`Access-Control-Allow-Headers "${allowHeaders ?? ''}" does not allow ${header.toLowerCase()}`);
      }
      return `${reply.status}; allows ${allowOrigin}, POST, ${allowHeaders}`;
    },
  },
  {
    id: 'cors-foreign-origin',
    title: () => "OPTIONS does not allow an origin that is not the district's",
    async run({ request }) {
      const foreign = 'https://not-the-district.example';
      const reply = await request('OPTIONS', '', {
        headers: { origin: foreign, 'access-control-request-method': 'POST', 'access-control-request-headers': PREFLIGHT_HEADERS },
      });
      const allowOrigin = reply.headers.get('access-control-allow-origin');
      if (allowOrigin === foreign || allowOrigin === '*') fail(`${foreign} is allowed (Access-Control-Allow-Origin "${allowOrigin}")`);
      return `${reply.status}; ${foreign} is not allowed`;
    },
  },
  {
    id: 'register',
    title: () => 'POST a valid application with a new Idempotency-Key: 201 and an Ak1Registration',
    async run(context) {
      // The registration's own failure is this check's detail, as it is; the others say they were not run.
      const { registration } = await context.registered();
      return `201 ${registration.registrationNumber}, status ${registration.status}${registration.appointment ? `, visit ${registration.appointment.date} ${registration.appointment.start}` : ', no visit booked'}`;
    },
  },
  {
    id: 'register-dates',
    title: ({ timeZone }) => `Validity and report dates: the registration day (${timeZone}) + 24 and 6/12/18 months, clamped`,
    async run(context) {
      const { registeredAt, validUntil, reportDueDates, status } = (await needsRegistration(context)).registration;
      const day = calendarDate(new Date(registeredAt), context.timeZone);
      const expected = { validUntil: addMonths(day, 24), reportDueDates: [addMonths(day, 6), addMonths(day, 12), addMonths(day, 18)] };
      if (status !== 'RECEIVED') fail(`a new registration has status ${status}, expected RECEIVED`);
      if (validUntil !== expected.validUntil) fail(`registered ${day}: validUntil ${validUntil}, expected ${expected.validUntil}`);
      if (reportDueDates.join() !== expected.reportDueDates.join()) {
        fail(`registered ${day}: reportDueDates ${reportDueDates.join(', ')}, expected ${expected.reportDueDates.join(', ')}`);
      }
      return `registered ${day}; valid until ${validUntil}; reports due ${reportDueDates.join(', ')}`;
    },
  },
  {
    id: 'replay',
    title: () => 'The same key with the same application: 200 and the same registration',
    async run(context) {
      const { application, key, registration: original } = await needsRegistration(context);
      const replayed = expectRegistration(await context.postApplication(application, key), 200, 'replay');
      if (!sameRegistration(replayed, original)) {
        fail(`200 but another registration: ${replayed.registrationNumber} instead of ${original.registrationNumber}${diff(original, replayed)}`);
      }
      return `200 ${replayed.registrationNumber}, identical`;
    },
  },
  {
    id: 'replay-normalised',
    title: () => 'The same application typed differently (NIK with spaces, phone as 0800-…, padded name, RT as 1) is the same application',
    async run(context) {
      const { application, key, registration: original } = await needsRegistration(context);
      const typed: Ak1ApplicationInput = {
        ...application,
        nik: application.nik.replace(/(\d{4})(?=\d)/g, '$1 '),
        phone: `0${application.phone.slice(3, 6)}-${application.phone.slice(6, 10)}-${application.phone.slice(10)}`,
        fullName: `  ${application.fullName} `,
        address: { ...application.address, rt: '1' },
      };
      const replayed = expectRegistration(await context.postApplication(typed, key), 200, 'replay');
      if (!sameRegistration(replayed, original)) fail(`200 but another registration: ${replayed.registrationNumber}`);
      return `200 ${replayed.registrationNumber}: the backend compares the validated application`;
    },
  },
  {
    id: 'key-reused',
    title: () => 'The same key with another application: 422 idempotency-key-reused',
    async run(context) {
      const { key } = await needsRegistration(context);
      const reply = await context.postApplication(await context.applicationOf(context.newApplicant()), key);
      return expectProblem(reply, 422, 'idempotency-key-reused', 'reused key');
    },
  },
  {
    id: 'key-missing',
    title: () => 'No Idempotency-Key: 400 idempotency-key-missing',
    async run(context) {
      const reply = await context.postApplication(await context.applicationOf(context.newApplicant()), undefined);
      return expectProblem(reply, 400, 'idempotency-key-missing', 'no key');
    },
  },
  {
    id: 'concurrent',
    title: () => 'Two identical requests at once (a double click): one registration; the other 200 or 409 request-in-progress',
    async run(context) {
      const application = await context.applicationOf(context.newApplicant());
      const key = newIdempotencyKey();
      const replies = await Promise.all([context.postApplication(application, key), context.postApplication(application, key)]);
      const created = replies.filter((reply) => reply.status === 201);
      if (created.length !== 1) fail(`expected one 201, got ${replies.map(summary).join(' and ')}`);
      const made = expectRegistration(created[0]!, 201, 'first');
      const other = replies.find((reply) => reply !== created[0])!;
      if (other.status === 409) {
        expectProblem(other, 409, 'request-in-progress', 'second', true);
        const later = expectRegistration(await context.postApplication(application, key), 200, 'retry after 409');
        if (later.registrationNumber !== made.registrationNumber) fail(`the retry got another registration: ${later.registrationNumber}`);
        return `201 ${made.registrationNumber}; 409 request-in-progress with Retry-After; the retry got 200 and the same registration`;
      }
      const second = expectRegistration(other, 200, 'second');
      if (!sameRegistration(second, made)) fail(`two registrations: ${made.registrationNumber} and ${second.registrationNumber}`);
      return `201 and 200, both ${made.registrationNumber}`;
    },
  },
  {
    id: 'invalid-application',
    title: () => 'An invalid application: 422 invalid-application listing every problem by path and message key',
    async run(context) {
      const applicant = context.newApplicant();
      const invalid = {
        ...(await context.applicationOf(applicant)),
        nik: '3604',
        phone: 'bukan nomor',
        education: [{ level: 'SMA', institution: 'Sekolah Uji Kesesuaian', graduationYear: Number(applicant.birthDate.slice(0, 4)) + 2 }],
        hobby: 'Catur',
      };
      const reply = await context.postApplication(invalid, newIdempotencyKey());
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
      const got = new Set(errors.map((error) => canonicalJson(error)));
      const missing = expected.filter((issue) => !got.has(canonicalJson(issue)));
      if (missing.length) {
        fail(`errors lack ${missing.map((issue) => `${issue.code} at ${JSON.stringify(issue.path)}`).join(', ')}; got ${errors.map((e) => e.code).join(', ')}`);
      }
      // The backend must agree with the client's validation, which found these too (on the backend's day).
      const local = validateApplication(invalid, { today: await context.backendDay() });
      const localCodes = local.ok ? [] : local.issues.map((issue) => issue.code);
      return `422 with ${errors.length} errors (${errors.map((e) => e.code).join(', ')}); the client finds ${localCodes.length}`;
    },
  },
  {
    id: 'malformed-json',
    title: () => 'A body that is not JSON: 400 malformed-json',
    async run({ post }) {
      const reply = await post('{"schemaVersion": 1, "nik": ', { 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() });
      return expectProblem(reply, 400, 'malformed-json', 'broken JSON');
    },
  },
  {
    id: 'unsupported-media-type',
    title: () => 'A body that is not application/json: 415 unsupported-media-type',
    async run(context) {
      const body = JSON.stringify(await context.applicationOf(context.newApplicant()));
      const reply = await context.post(body, { 'content-type': 'text/plain', 'idempotency-key': newIdempotencyKey() });
      return expectProblem(reply, 415, 'unsupported-media-type', 'text/plain body');
    },
  },
  {
    id: 'payload-too-large',
    title: () => `A body over ${LIMITS.bodyBytes} bytes: 413 payload-too-large`,
    async run({ post }) {
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
    },
  },
  {
    id: 'nik-rule',
    title: () => 'The same NIK under another key while its registration is active: 409 already-registered, revealing nothing of it',
    async run(context) {
      const { applicant, registration: original } = await needsRegistration(context);
      const application = await context.applicationOf(applicant);
      const again = { ...application, address: { ...application.address, street: 'Jl. Uji Kesesuaian No. 2' } };
      const reply = await context.postApplication(again, newIdempotencyKey());
      expectProblem(reply, 409, 'already-registered', 'same NIK');
      const leaks = [original.registrationNumber, original.verification.token, original.appointment?.queueNumber].filter(
        (value): value is string => !!value && reply.text.includes(value),
      );
      if (leaks.length) fail(`409 already-registered, but the reply gives away the other registration (${leaks.join(', ')})`);
      return "409 already-registered, without the other registration's details";
    },
  },
  {
    id: 'challenge',
    title: () => 'GET /challenge: 404 (no proof of work), or an ALTCHA v1 challenge, and then POST without Ak1-Proof is 403 proof-required',
    async run(context) {
      const reply = await context.request('GET', '/challenge');
      if (reply.status === 404) return '404: the backend requires no proof of work';
      if (reply.status !== 200) fail(`expected 404 or 200 with a challenge, got ${summary(reply)}`);
      let challenge;
      try {
        challenge = parseChallenge(JSON.parse(reply.text));
      } catch {
        // Not JSON: said below.
      }
      if (!challenge) {
        fail('200 but not an ALTCHA v1 challenge: algorithm SHA-256, challenge of 64 hex digits, maxnumber a whole number up to 10,000,000, salt, signature');
      }
      const application = await context.applicationOf(context.newApplicant());
      const without = await context.post(JSON.stringify(application), { 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() });
      expectProblem(without, 403, 'proof-required', 'POST without Ak1-Proof');
      return `200, maxnumber ${challenge.maxnumber}; a registration without Ak1-Proof: 403 proof-required`;
    },
  },
  {
    id: 'availability',
    title: () => 'GET availability for the next 14 days: 200, an Ak1Availability inside the range, in order',
    async run(context) {
      const from = addDays(await context.backendDay(), 1);
      const to = addDays(from, 13);
      const reply = await context.request('GET', `/availability?from=${from}&to=${to}`);
      if (reply.status !== 200) fail(`expected 200, got ${summary(reply)}`);
      const parsed = parseJson(reply.text, ak1AvailabilitySchema);
      if (!parsed.ok) fail(`200 but not an Ak1Availability (${parsed.why})`);
      const dates = parsed.value.days.map((day) => day.date);
      const outside = dates.filter((date) => date < from || date > to);
      if (outside.length) fail(`days outside ${from}…${to}: ${outside.join(', ')}`);
      if (dates.some((date, i) => i > 0 && date <= dates[i - 1]!)) fail(`days out of order or repeated: ${dates.join(', ')}`);
      const open = parsed.value.days.filter((day) => day.open);
      return `${dates.length} days from ${from} to ${to}, ${open.length} open, ${open.reduce((sum, day) => sum + day.remaining, 0)} visits free`;
    },
  },
  {
    id: 'verify',
    title: () => 'GET verify/{token} of the new registration: 200 valid, without the NIK, name or phone',
    async run(context) {
      const { application, registration } = await needsRegistration(context);
      const reply = await context.request('GET', `/verify/${registration.verification.token}`);
      if (reply.status !== 200) fail(`expected 200, got ${summary(reply)}`);
      const parsed = parseJson(reply.text, ak1VerificationSchema);
      if (!parsed.ok) fail(`200 but not an Ak1Verification (${parsed.why})`);
      if (!parsed.value.valid) fail('200 but valid is false for the token just issued');
      const leaked = [application.nik, application.fullName, application.phone, application.phone.slice(3)].filter((value) => reply.text.includes(value));
      if (leaked.length) fail(`the reply shows personal data: ${leaked.length} of NIK, name and phone`);
      return `200 valid, status ${parsed.value.status ?? '(none)'}, initials ${parsed.value.initials ?? '(none)'}`;
    },
  },
  {
    id: 'verify-tampered',
    title: () => 'GET verify/{token} with a changed signature or payload: 404 invalid-token',
    async run(context) {
      const { token } = (await needsRegistration(context)).registration.verification;
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const variants: Array<[string, string]> = [
        ['signature', `${header}.${payload}.${flipChar(signature, Math.floor(signature.length / 2))}`],
        ['payload', `${header}.${flipChar(payload, Math.floor(payload.length / 2))}.${signature}`],
        ['unknown', 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.AAAA'],
      ];
      const results: string[] = [];
      for (const [what, tampered] of variants) {
        results.push(`${what}: ${expectProblem(await context.request('GET', `/verify/${tampered}`), 404, 'invalid-token', `${what} changed`)}`);
      }
      return results.join('; ');
    },
  },
  {
    id: 'keys',
    title: () => 'GET keys: the Ed25519 JWK set, with the key that signed the token',
    async run(context) {
      const reply = await context.request('GET', '/keys');
      if (reply.status !== 200) fail(`expected 200, got ${summary(reply)}`);
      const parsed = parseJson(reply.text, ak1KeySetSchema);
      if (!parsed.ok) fail(`200 but not a JWK set of Ed25519 keys (${parsed.why})`);
      const { token } = (await needsRegistration(context)).registration.verification;
      const [header, payload, signature] = token.split('.') as [string, string, string];
      let protectedHeader: { alg?: unknown; kid?: unknown };
      try {
        protectedHeader = JSON.parse(new TextDecoder().decode(fromBase64Url(header)));
      } catch {
        fail("the token's header is not base64url JSON");
      }
      if (protectedHeader.alg !== 'EdDSA') fail(`the token's alg is ${JSON.stringify(protectedHeader.alg)}, expected "EdDSA"`);
      const key = parsed.value.keys.find((candidate) => candidate.kid === protectedHeader.kid);
      if (!key) fail(`no key with the token's kid ${JSON.stringify(protectedHeader.kid)}`);
      const verified = await verifyEd25519(key.x, `${header}.${payload}`, fromBase64Url(signature));
      if (verified === false) fail(`the token's signature does not verify with key ${key.kid}`);
      return `${parsed.value.keys.length} key(s); the token's key ${key.kid} ${verified ? 'verifies its signature' : 'was found (this runtime cannot check Ed25519 signatures)'}`;
    },
  },
  {
    id: 'cors-replies',
    title: ({ origin }) => `Every reply allows ${origin} and problems expose Retry-After`,
    async run(context) {
      // One reply of each kind a browser reads: a registration (201 and its replay), a problem, each GET.
      const replies: Array<[string, Reply]> = [];
      const registered = await context.registered().catch(() => undefined);
      if (registered) {
        replies.push(['POST', registered.reply]);
        replies.push(['replay', await context.postApplication(registered.application, registered.key)]);
        replies.push(['verify', await context.request('GET', `/verify/${registered.registration.verification.token}`)]);
      }
      replies.push(['no key', await context.post('{}', { 'content-type': 'application/json' })]);
      replies.push(['availability', await context.request('GET', '/availability')]);
      replies.push(['keys', await context.request('GET', '/keys')]);
      replies.push(['unknown token', await context.request('GET', '/verify/eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.AAAA')]);
      const problems = replies.flatMap(([what, reply]) => corsProblemsOf(reply, context.origin, what));
      if (problems.length) fail(problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : ''));
      return `${replies.length} replies (${replies.map(([what, reply]) => `${what} ${reply.status}`).join(', ')}) carry Access-Control-Allow-Origin; every problem exposes Retry-After`;
    },
  },
  ...SELF_CHECKS,
];

/**
 * Whether two replies are the same registration. `accessCode` is left out: design.md gives it in the `201` reply
 * only (a replay cannot show a code the backend keeps only as a hash).
 */
function sameRegistration(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const { accessCode: _a, ...first } = a;
  const { accessCode: _b, ...second } = b;
  return canonicalJson(first) === canonicalJson(second);
}

function diff(a: Record<string, unknown>, b: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((key) => key !== 'accessCode')
    .filter((key) => canonicalJson(a[key]) !== canonicalJson(b[key]));
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
