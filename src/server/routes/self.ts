import * as z from 'zod/mini';
import { LIMITS, validateApplication, type Ak1Application } from '../../schema/index.js';
import type { Ak1HistoryEntry } from '../../schema/lifecycle.js';
import {
  ak1SelfCancelRequestSchema,
  ak1SelfCorrectionRequestSchema,
  ak1SelfLookupRequestSchema,
  ak1SelfReportRequestSchema,
  ak1SelfRescheduleRequestSchema,
  type Ak1SelfActionReply,
  type Ak1SelfLookupReply,
  type Ak1SelfRegistration,
  SELF_CORRECTION_FIXED_FIELDS,
} from '../../schema/self.js';
import { checkAttachments } from '../attachments.js';
import { readBody } from '../bodies.js';
import { appointmentSlots } from '../calendar.js';
import type { RequestContext } from '../context.js';
import { isIdempotencyKey, isJsonContentType, json, problem, secretsEqual, sha256Hex } from '../http.js';
import { expireIfDue, isDue } from '../office/expiry.js';
import { bearerTokenOf } from '../office/sessions.js';
import {
  decideCancel,
  decideCorrection,
  decideReport,
  decideReschedule,
  selfPreconditions,
  type SelfContext,
  type SelfDecision,
  type SelfRefusal,
} from '../self/decisions.js';
import type { Ak1StoredHistoryEntry, Ak1StoredRecord, Ak1StoredRegistration, Ak1UpdateDecision, Ak1UpdateOutcome } from '../store.js';
import { timestampIn } from '../time.js';
import { officeRegistration } from './office-registrations.js';
import { loadRegionsFor } from './register.js';

/*
 * The applicant comes back (design.md, "The applicant comes back"): `POST {endpoint}/self/lookup` with the
 * registration number, the NIK and the access code from the `201` reply gives a bearer token for 30 minutes and the
 * record as the applicant may see it; with that token, `correction`, `reschedule`, `cancel` and `report` act on that
 * registration only. Every POST takes an `Idempotency-Key` (a retry is answered with the record as it is, never
 * taken twice). The token is signed, not stored: an Ed25519 JWS of type `ak1-self` over the registration's id, the
 * expiry and the start of the access code's hash, so a code reissued at the counter ends the tokens of the old one.
 */

/** How long a lookup's token is good for. */
export const SELF_TOKEN_SECONDS = 30 * 60;
/** A lookup's or a small action's body is a few fields. */
const SMALL_BODY_BYTES = 4096;
/** Compared against when no registration has the number, so a miss costs what a wrong code costs. */
const NO_HASH = '0'.repeat(64);

/** `POST {endpoint}/self/lookup` `{ registrationNumber, nik, accessCode }`. */
export async function selfLookup(context: RequestContext): Promise<Response> {
  const { store, district } = context;
  const key = context.request.headers.get('idempotency-key');
  if (!isIdempotencyKey(key)) return problem('idempotency-key-missing');
  const body = await jsonBody(context, SMALL_BODY_BYTES);
  if (body instanceof Response) return body;
  const parsed = z.safeParse(ak1SelfLookupRequestSchema, body);
  if (!parsed.success) return problem('invalid-body', { detail: 'The body is { "registrationNumber", "nik", "accessCode" }' });
  const number = parsed.data.registrationNumber.trim();
  // As people copy them: the NIK with the KTP's spaces, the code in any case with a space or dash in the middle.
  const nik = parsed.data.nik.replace(/\s+/g, '');
  const code = parsed.data.accessCode.replace(/[\s-]+/g, '').toUpperCase();

  const nowMs = context.now().getTime();
  const wait = await context.lookups.check(number, context.clientAddress, nowMs);
  if (wait !== undefined) return problem('rate-limited', { retryAfterSeconds: wait });

  let record = /^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/.test(number) ? await store.getRecord(number) : undefined;
  const stored = record?.registration;
  // Both compared whatever the other gave, in constant time: which part was wrong is never told, not even by the clock.
  const [codeMatches, nikMatches] = await Promise.all([
    secretsEqual(await sha256Hex(code), stored?.accessCodeHash ?? NO_HASH),
    secretsEqual(nik, stored?.nik ?? ''),
  ]);
  if (!record || !stored?.accessCodeHash || !codeMatches || !nikMatches) {
    await context.lookups.failed(number, context.clientAddress, nowMs);
    return problem('not-found');
  }

  const today = context.today();
  if (isDue(record.registration, today)) {
    await expireIfDue(store, number, today, district.timeZone);
    record = (await store.getRecord(number)) ?? record;
  }
  const registration = record.registration;
  const expiresAtMs = nowMs + SELF_TOKEN_SECONDS * 1000;
  const token = await (await context.signer).signSelf({
    sub: registration.id,
    exp: Math.floor(expiresAtMs / 1000),
    ach: stored.accessCodeHash.slice(0, 16),
  });
  const reply: Ak1SelfLookupReply = {
    token,
    expiresAt: timestampIn(new Date(Math.floor(expiresAtMs / 1000) * 1000), district.timeZone),
    registration: selfRegistration(context, registration),
    application: selfApplication(record.application),
    history: selfHistory(record.history),
    version: registration.version,
  };
  return json(reply);
}

/** `POST {endpoint}/self/correction` `{ application, version }` while `NEEDS_CORRECTION`. */
export async function selfCorrection(context: RequestContext): Promise<Response> {
  const start = await begin(context, LIMITS.bodyBytes);
  if ('response' in start) return start.response;
  const { registration, key, body } = start;
  const parsed = z.safeParse(ak1SelfCorrectionRequestSchema, body);
  if (!parsed.success) return problem('invalid-body', { detail: 'The body is { "application": { … }, "version": n }' });
  const { version } = parsed.data;
  const number = registration.registrationNumber;
  const at = selfContext(context, key);

  // Checked on the record as it is now, before the work of validating; the transaction checks again.
  const before = await context.store.getRecord(number);
  if (!before) return problem('not-found');
  const early = selfPreconditions(before, 'correction', version, at);
  if (early) return refusalReply(context, number, early);

  const input = keptAttachments(parsed.data.application, before.application);
  const fixed = SELF_CORRECTION_FIXED_FIELDS.filter((field) => normalised(input[field]) !== normalised(before.application[field]));
  if (fixed.length) {
    return problem('invalid-application', {
      detail: 'The NIK and the birth date cannot be changed here: the office changes them, with the KTP in hand',
      errors: fixed.map((field) => ({ path: [field], code: `${field}.notChangeable` })),
    });
  }
  // Ignored here: the visit is moved with /self/reschedule; the record keeps the day it was asked for.
  delete input.preferredVisitDate;
  await loadRegionsFor(context, input);
  const { district, options } = context;
  const result = validateApplication(input, {
    today: at.today,
    minAge: district.minAge,
    requiredDocuments: district.requiredDocuments,
    ...(options.regions ? { regions: options.regions } : {}),
  });
  if (!result.ok) return problem('invalid-application', { errors: result.issues });
  const broken = checkAttachments(result.value);
  if (broken.length) return problem('invalid-application', { errors: broken });
  const application: Ak1Application = {
    ...result.value,
    ...(before.application.preferredVisitDate ? { preferredVisitDate: before.application.preferredVisitDate } : {}),
  };
  return act(context, number, (record) => decideCorrection(record, version, application, at));
}

/** `POST {endpoint}/self/reschedule` `{ preferredVisitDate, version? }`. */
export async function selfReschedule(context: RequestContext): Promise<Response> {
  const start = await begin(context, SMALL_BODY_BYTES);
  if ('response' in start) return start.response;
  const { registration, key, body } = start;
  const parsed = z.safeParse(ak1SelfRescheduleRequestSchema, body);
  if (!parsed.success) return problem('invalid-body', { detail: 'The body is { "preferredVisitDate": "YYYY-MM-DD", "version"?: n }' });
  const at = selfContext(context, key);
  // The slots a registration made today would try: the day asked for when it is open, then the first day with room.
  const slots = appointmentSlots(context.district, at.today, parsed.data.preferredVisitDate);
  return act(context, registration.registrationNumber, (record) => decideReschedule(record, parsed.data.version, slots, at));
}

/** `POST {endpoint}/self/cancel` `{ version? }` (or no body). */
export async function selfCancel(context: RequestContext): Promise<Response> {
  const start = await begin(context, SMALL_BODY_BYTES, { emptyBody: true });
  if ('response' in start) return start.response;
  const { registration, key, body } = start;
  const parsed = z.safeParse(ak1SelfCancelRequestSchema, body);
  if (!parsed.success) return problem('invalid-body', { detail: 'The body is empty or { "version": n }' });
  const at = selfContext(context, key);
  return act(context, registration.registrationNumber, (record) => decideCancel(record, parsed.data.version, at));
}

/** `POST {endpoint}/self/report` `{ kind, employer?, position?, startDate?, version? }`. */
export async function selfReport(context: RequestContext): Promise<Response> {
  const start = await begin(context, SMALL_BODY_BYTES);
  if ('response' in start) return start.response;
  const { registration, key, body } = start;
  const parsed = z.safeParse(ak1SelfReportRequestSchema, body);
  if (!parsed.success) {
    return problem('invalid-body', { detail: 'The body is { "kind": "seeking" | "placed", "employer"?, "position"?, "startDate"?, "version"? }' });
  }
  const { version, ...report } = parsed.data;
  const at = selfContext(context, key);
  const windowDays = context.district.reportWindowDays;
  return act(context, registration.registrationNumber, (record) => decideReport(record, version, report, windowDays, at));
}

/** The registration as the applicant sees it: what the card needs (signer, dates, reports), not the office's own. */
export function selfRegistration(context: Pick<RequestContext, 'district' | 'publicBase'>, r: Ak1StoredRegistration): Ak1SelfRegistration {
  const { warnings: _warnings, checkedInAt: _checkedIn, karirhubNumber: _karirhub, ...registration } = officeRegistration(context, r);
  return registration;
}

/** The application with its photo, and of each document only its kind and type (the bytes stay at the office). */
export function selfApplication(application: Ak1Application): Record<string, unknown> {
  return {
    ...application,
    ...(application.documents ? { documents: application.documents.map(({ kind, mediaType }) => ({ kind, mediaType })) } : {}),
  };
}

/** The history without who at the office did what (`actor` is `{ kind }` only) and without the requests' keys. */
export function selfHistory(history: readonly Ak1StoredHistoryEntry[]): Ak1HistoryEntry[] {
  return history.map(({ idempotencyKey: _key, actor, ...entry }) => ({ ...entry, actor: { kind: actor.kind } }));
}

/**
 * The application as sent, with what it leaves out kept from the record: the photo when it has none (or one
 * without bytes), and each stored document whose kind it does not carry with bytes.
 */
function keptAttachments(sent: Record<string, unknown>, stored: Ak1Application): Record<string, unknown> {
  const input: Record<string, unknown> = structuredClone(sent);
  const hasBytes = (value: unknown) => typeof value === 'object' && value !== null && typeof (value as { dataBase64?: unknown }).dataBase64 === 'string';
  if (!hasBytes(input.photo)) input.photo = stored.photo;
  const sentDocuments = Array.isArray(input.documents) ? input.documents.filter(hasBytes) : [];
  const sentKinds = new Set(sentDocuments.map((document) => (document as { kind?: unknown }).kind));
  const kept = (stored.documents ?? []).filter((document) => !sentKinds.has(document.kind));
  const documents = [...sentDocuments, ...kept];
  if (documents.length) input.documents = documents;
  else delete input.documents;
  return input;
}

function normalised(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/\s+/g, '') : value;
}

function selfContext(context: RequestContext, idempotencyKey: string): SelfContext {
  const now = context.now();
  return { at: timestampIn(now, context.district.timeZone), today: context.today(), idempotencyKey };
}

/**
 * What every action route checks first: the token (`401 unauthenticated`), the `Idempotency-Key`, then the body.
 * The token before the key, so a request without either learns first that it needs a lookup.
 */
async function begin(
  context: RequestContext,
  limit: number,
  options: { emptyBody?: boolean } = {},
): Promise<{ registration: Ak1StoredRegistration; key: string; body: unknown } | { response: Response }> {
  const registration = await authenticateApplicant(context);
  if (!registration) return { response: unauthenticated() };
  const key = context.request.headers.get('idempotency-key');
  if (!isIdempotencyKey(key)) return { response: problem('idempotency-key-missing') };
  const body = await jsonBody(context, limit, options.emptyBody);
  if (body instanceof Response) return { response: body };
  return { registration, key, body };
}

/** The registration the request's bearer token names, while the token is unexpired and its access code current. */
async function authenticateApplicant(context: RequestContext): Promise<Ak1StoredRegistration | undefined> {
  const token = bearerTokenOf(context.request);
  if (!token) return undefined;
  const claims = await (await context.signer).verifySelf(token);
  if (!claims || claims.exp * 1000 <= context.now().getTime()) return undefined;
  const registration = await context.store.findById(claims.sub);
  if (!registration?.accessCodeHash?.startsWith(claims.ach)) return undefined;
  return registration;
}

function unauthenticated(): Response {
  return problem('unauthenticated', {
    detail: 'Look the registration up first: POST {endpoint}/self/lookup gives the bearer token',
    headers: { 'www-authenticate': 'Bearer realm="ak1-self"' },
  });
}

/** Runs the decision in the store's transaction (a record past its validity expires first) and answers. */
async function act(context: RequestContext, number: string, decide: (record: Ak1StoredRecord) => SelfDecision): Promise<Response> {
  const { store, district } = context;
  const today = context.today();
  let refusal: SelfRefusal | undefined;
  const inTransaction = (record: Ak1StoredRecord): Ak1UpdateDecision => {
    refusal = undefined;
    if (isDue(record.registration, today)) return { refuse: 'expire-first' };
    const decision = decide(record);
    if ('refuse' in decision) refusal = decision;
    return decision;
  };
  let outcome: Ak1UpdateOutcome = await store.update(number, inTransaction);
  if (outcome.outcome === 'refused' && outcome.reason === 'expire-first') {
    await expireIfDue(store, number, today, district.timeZone);
    outcome = await store.update(number, inTransaction);
  }
  if (outcome.outcome === 'not-found') return problem('not-found');
  if (outcome.outcome === 'updated') return actionReply(context, outcome.registration);
  if (outcome.reason === 'no-room') {
    return problem('visit-unavailable', { detail: 'No open day within the booking horizon has room: the visit stays as it was' });
  }
  return refusalReply(context, number, refusal);
}

function actionReply(context: RequestContext, registration: Ak1StoredRegistration): Response {
  const reply: Ak1SelfActionReply = { registration: selfRegistration(context, registration), version: registration.version };
  return json(reply);
}

async function refusalReply(context: RequestContext, number: string, refusal: SelfRefusal | undefined): Promise<Response> {
  switch (refusal?.refuse) {
    case 'replayed': {
      // Taken before under this key: the record as it is now.
      const record = await context.store.getRecord(number);
      return record ? actionReply(context, record.registration) : problem('not-found');
    }
    case 'version-conflict':
      return problem('version-conflict', {
        detail: `The registration is at version ${refusal.version} now: look it up again to see the change`,
        extensions: { version: refusal.version },
      });
    case 'transition-not-allowed':
      return problem('transition-not-allowed');
    case 'report-window-closed':
      return problem('report-window-closed', {
        detail: `A report opens ${context.district.reportWindowDays} days before its due date and closes ${context.district.reportWindowDays} days after it; one made is not made again`,
        ...(refusal.opensOn ? { extensions: { opensOn: refusal.opensOn } } : {}),
      });
    case undefined:
      throw new Error('The store refused an applicant\'s action without the decision saying why');
  }
}

/** The request's JSON body (an empty one as `{}` when allowed), or the problem to answer with. */
async function jsonBody(context: RequestContext, limit: number, emptyAllowed = false): Promise<unknown | Response> {
  const { request } = context;
  const type = request.headers.get('content-type');
  if (emptyAllowed && !type && (request.headers.get('content-length') ?? '0') === '0') return {};
  if (!isJsonContentType(type)) return problem('unsupported-media-type');
  const body = await readBody(context.bodyReads, request, context.clientAddress, limit);
  if ('reply' in body) return body.reply;
  if (emptyAllowed && body.text.trim() === '') return {};
  try {
    return JSON.parse(body.text) as unknown;
  } catch {
    return problem('malformed-json');
  }
}
