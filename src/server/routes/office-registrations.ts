import * as z from 'zod/mini';
import { LIMITS, REGISTRATION_STATUSES, isCalendarDate, type RegistrationStatus } from '../../schema/index.js';
import type { Ak1OfficerRole } from '../../schema/lifecycle.js';
import {
  ak1OfficeActionRequestSchema,
  ak1SearchRequestSchema,
  type Ak1OfficeActionReply,
  type Ak1OfficeRecord,
  type Ak1OfficeRegistration,
  type Ak1RegistrationSummary,
} from '../../schema/office.js';
import { readBody } from '../bodies.js';
import type { RequestContext } from '../context.js';
import { isIdempotencyKey, isJsonContentType, json, problem, sha256Hex } from '../http.js';
import { authenticate } from '../office/auth.js';
import { expireIfDue, isDue, sweepOncePerDay } from '../office/expiry.js';
import {
  applyChanges,
  decideAction,
  decideView,
  newAccessCode,
  officeHistory,
  type ActionContext,
  type ActionRefusal,
} from '../office/lifecycle.js';
import { isActive, type Ak1ExportedRegistration, type Ak1StoredHistoryEntry, type Ak1StoredRecord, type Ak1StoredRegistration, type Ak1UpdateDecision } from '../store.js';
import { timestampIn } from '../time.js';
import { loadRegionsFor, registrationReply } from './register.js';

/*
 * The counter's routes over registrations (design.md, "The office"): the day's queue, the search, the full record
 * (its opening recorded) and the actions. Every one needs an officer's session; the queue, the search and the record
 * are for the counter's roles, and an action's own roles are the lifecycle's (`OFFICE_ACTION_RULES`), so an admin
 * without a counter role reads the audit, not applicants' records. Each runs the day's expiry sweep first (once per
 * district day), so no list shows an expired card as valid.
 */

/** Who works the counter: a Pengantar Kerja may do all a petugas may. */
export const COUNTER_ROLES: readonly Ak1OfficerRole[] = ['petugas', 'pengantar-kerja'];
/** A search's body is a few words. */
const SEARCH_BODY_BYTES = 4096;

/** `GET {endpoint}/office/registrations?visitDate=` (default today) or `?status=`: summaries, NIK masked. */
export async function listOfficeRegistrations(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context, { roles: COUNTER_ROLES });
  if ('response' in auth) return auth.response;
  const query = context.url.searchParams;
  // NIKs and names stay out of URLs (and so out of proxies' logs): a search is a POST.
  if (query.has('q')) return problem('invalid-request', { detail: 'Search with POST {endpoint}/office/registrations/search { q }' });
  const visitDate = query.get('visitDate');
  const status = query.get('status');
  if (visitDate !== null && status !== null) return problem('invalid-request', { detail: 'Give visitDate or status, not both' });
  if (visitDate !== null && !isCalendarDate(visitDate)) return problem('invalid-request', { detail: 'visitDate is YYYY-MM-DD' });
  if (status !== null && !(REGISTRATION_STATUSES as readonly string[]).includes(status)) {
    return problem('invalid-request', { detail: `status is one of ${REGISTRATION_STATUSES.join(', ')}` });
  }
  await sweep(context);
  const rows = await context.store.listRegistrations(
    status !== null ? { status: status as RegistrationStatus } : { visitDate: visitDate ?? context.today() },
  );
  return json({ registrations: rows.map((row) => summaryOf(context, row)) });
}

/** `POST {endpoint}/office/registrations/search` `{ q }`: a registration number, a NIK, or part of a name. */
export async function searchOfficeRegistrations(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context, { roles: COUNTER_ROLES });
  if ('response' in auth) return auth.response;
  const body = await jsonBody(context, SEARCH_BODY_BYTES);
  if (body instanceof Response) return body;
  const parsed = z.safeParse(ak1SearchRequestSchema, body);
  if (!parsed.success) return problem('invalid-body', { detail: 'The body is { "q": "…" } with 2 to 120 characters' });
  const q = parsed.data.q.trim();
  // A NIK or a number typed with spaces (as a KTP prints it, 3604 0552 …) is found all the same.
  const query = /^[\d ]+$/.test(q) ? q.replace(/ /g, '') : q;
  if (query.length < 2) return problem('invalid-body', { detail: 'The body is { "q": "…" } with 2 to 120 characters' });
  await sweep(context);
  const rows = await context.store.listRegistrations({ query });
  return json({ registrations: rows.map((row) => summaryOf(context, row)) });
}

/** `GET {endpoint}/office/registrations/{number}`: the whole record, attachments included; the opening is recorded. */
export async function officeRecord(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context, { roles: COUNTER_ROLES });
  if ('response' in auth) return auth.response;
  const number = registrationNumberOf(context);
  if (number === undefined) return problem('not-found');
  const { store, district } = context;
  const today = context.today();
  const at = timestampIn(context.now(), district.timeZone);
  // Expiry first, on its own entry, so the view is recorded on the record as it now stands.
  for (let attempt = 0; attempt < 2; attempt++) {
    let seen: { application: Ak1OfficeRecord['application']; history: Ak1StoredHistoryEntry[] } | undefined;
    const view = decideView(auth.officer, at);
    const outcome = await store.update(number, (record) => {
      if (isDue(record.registration, today)) return { refuse: 'expire-first' };
      // The history is copied now: a store may append the new entry to the array it handed over.
      seen = { application: record.application as unknown as Ak1OfficeRecord['application'], history: [...record.history] };
      return view;
    });
    if (outcome.outcome === 'not-found') return problem('not-found');
    if (outcome.outcome === 'refused') {
      await expireIfDue(store, number, today, district.timeZone);
      continue;
    }
    const reply: Ak1OfficeRecord = {
      registration: officeRegistration(context, outcome.registration),
      application: seen!.application,
      history: officeHistory([...seen!.history, view.write.history]),
      version: outcome.registration.version,
    };
    return json(reply);
  }
  throw new Error('The record kept expiring while it was being opened');
}

/** `POST {endpoint}/office/registrations/{number}/actions`: one action at the version the officer saw. */
export async function officeAction(context: RequestContext): Promise<Response> {
  const auth = await authenticate(context);
  if ('response' in auth) return auth.response;
  const { request, store, district, options } = context;
  const key = request.headers.get('idempotency-key');
  if (!isIdempotencyKey(key)) return problem('idempotency-key-missing');
  const number = registrationNumberOf(context);
  if (number === undefined) return problem('not-found');
  const body = await jsonBody(context, LIMITS.bodyBytes);
  if (body instanceof Response) return body;
  const parsed = z.safeParse(ak1OfficeActionRequestSchema, body);
  if (!parsed.success) {
    // Not an action request at all (as a login body that is not one): what an action lacks is `invalid-action`.
    return problem('invalid-body', {
      errors: parsed.error.issues.slice(0, 50).map((issue) => ({ path: issue.path.filter(isPathKey), code: `request.${issue.code}` })),
    });
  }
  const action = parsed.data;
  const now = context.now();
  const today = context.today();

  const accessCode = action.action === 'reissue-code' ? newAccessCode() : undefined;
  if (action.action === 'edit' && action.changes) {
    const before = await store.getRecord(number);
    if (!before) return problem('not-found');
    const applied = applyChanges(before.application, action.changes);
    if ('application' in applied) {
      // Region lists load asynchronously; the decision inside the transaction must not wait, so they load first.
      await loadRegionsFor(context, applied.application);
      // A NIK corrected to one that another active registration holds would make two (the rule of registering).
      const nik = typeof applied.application.nik === 'string' ? applied.application.nik.replace(/ /g, '') : undefined;
      if (nik && nik !== before.registration.nik && /^\d{16}$/.test(nik)) {
        const holders = await store.listRegistrations({ query: nik });
        if (holders.some((other) => other.registrationNumber !== number && other.nik === nik && isActive(other, today))) {
          return problem('already-registered', { detail: 'Another active registration holds this NIK: open that one first' });
        }
      }
    }
  }
  const decisionContext: ActionContext = {
    officer: auth.officer,
    at: timestampIn(now, district.timeZone),
    today,
    idempotencyKey: key,
    ...(district.card.signerTitle ? { signerTitle: district.card.signerTitle } : {}),
    ...(accessCode ? { accessCodeHash: await sha256Hex(accessCode) } : {}),
    validation: {
      minAge: district.minAge,
      requiredDocuments: district.requiredDocuments,
      ...(options.regions ? { regions: options.regions } : {}),
    },
  };
  let refusal: ActionRefusal | undefined;
  const decide = (record: Ak1StoredRecord): Ak1UpdateDecision => {
    // A record past its validity expires first, on its own entry; the action then meets the new version.
    if (isDue(record.registration, today)) return { refuse: 'expire-first' };
    const decision = decideAction(record, action, decisionContext);
    if ('refuse' in decision) refusal = decision;
    return decision;
  };
  let outcome = await store.update(number, decide);
  if (outcome.outcome === 'refused' && outcome.reason === 'expire-first') {
    await expireIfDue(store, number, today, district.timeZone);
    outcome = await store.update(number, decide);
  }
  if (outcome.outcome === 'not-found') return problem('not-found');
  if (outcome.outcome === 'updated') {
    const reply: Ak1OfficeActionReply = {
      registration: officeRegistration(context, outcome.registration),
      version: outcome.registration.version,
      ...(accessCode ? { accessCode } : {}),
    };
    return json(reply);
  }
  return refusalReply(context, number, refusal);
}

async function refusalReply(context: RequestContext, number: string, refusal: ActionRefusal | undefined): Promise<Response> {
  switch (refusal?.refuse) {
    case 'replayed': {
      // Taken before under this key: the record as it is now (a reissued code is shown once, never again).
      const record = await context.store.getRecord(number);
      if (!record) return problem('not-found');
      const reply: Ak1OfficeActionReply = { registration: officeRegistration(context, record.registration), version: record.registration.version };
      return json(reply);
    }
    case 'forbidden':
      return problem('forbidden');
    case 'transition-not-allowed':
      return problem('transition-not-allowed');
    case 'version-conflict':
      return problem('version-conflict', {
        detail: `The registration is at version ${refusal.version} now: open it again to see the change`,
        extensions: { version: refusal.version },
      });
    case 'invalid-action':
      return problem('invalid-action', { errors: refusal.errors });
    case 'invalid-application':
      return problem('invalid-application', { errors: refusal.errors });
    case undefined:
      throw new Error('The store refused an office action without the decision saying why');
  }
}

/** The registration as the office sees it: the applicant's reply and the lifecycle's fields (no NIK, no hashes). */
export function officeRegistration(context: Pick<RequestContext, 'district' | 'publicBase'>, r: Ak1StoredRegistration): Ak1OfficeRegistration {
  return {
    ...registrationReply(context, r),
    ...(r.issuedAt ? { issuedAt: r.issuedAt } : {}),
    ...(r.signedBy
      ? {
          signedBy: {
            name: r.signedBy.name,
            ...(r.signedBy.nip ? { nip: r.signedBy.nip } : {}),
            ...(r.signedBy.title ? { title: r.signedBy.title } : {}),
          },
        }
      : {}),
    ...(r.reports ? { reports: r.reports.map((report) => ({ ...report })) } : {}),
    ...(r.checkedInAt ? { checkedInAt: r.checkedInAt } : {}),
    ...(r.warnings?.length ? { warnings: r.warnings.map(({ path, code }) => ({ path: [...path], code })) } : {}),
    ...(r.karirhubNumber ? { karirhubNumber: r.karirhubNumber } : {}),
  };
}

/** One line of the queue or of a search: the NIK's last four digits only. */
export function summaryOf(context: Pick<RequestContext, 'district'>, r: Ak1ExportedRegistration): Ak1RegistrationSummary {
  const { district } = context;
  return {
    registrationNumber: r.registrationNumber,
    status: r.status,
    fullName: r.application.fullName,
    nikMasked: maskNik(r.nik ?? r.application.nik),
    ...(r.appointment
      ? {
          appointment: {
            date: r.appointment.date,
            start: r.appointment.start,
            end: r.appointment.end,
            place: `${district.officeName}, ${district.officeAddress}`,
            queueNumber: r.appointment.queueNumber,
          },
        }
      : {}),
    ...(r.checkedInAt ? { checkedInAt: r.checkedInAt } : {}),
    registeredAt: r.registeredAt,
  };
}

/** `••••••••••••1234`. */
export function maskNik(nik: string): string {
  return `${'•'.repeat(12)}${nik.slice(-4)}`;
}

/** Runs the day's expiry sweep once per district day (design.md, "Decisions"). */
export function sweep(context: RequestContext): Promise<void> {
  return sweepOncePerDay(context.store, context.today(), context.district.timeZone);
}

/** The path's registration number (percent-decoded: a number may hold `/`), or `undefined` if it cannot be one. */
function registrationNumberOf({ params }: RequestContext): string | undefined {
  try {
    const number = decodeURIComponent(params.number ?? '');
    return /^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/.test(number) ? number : undefined;
  } catch {
    return undefined;
  }
}

/** The request's JSON body, or the problem to answer with. */
export async function jsonBody(context: RequestContext, limit: number): Promise<unknown | Response> {
  if (!isJsonContentType(context.request.headers.get('content-type'))) return problem('unsupported-media-type');
  const body = await readBody(context.bodyReads, context.request, context.clientAddress, limit);
  if ('reply' in body) return body.reply;
  try {
    return JSON.parse(body.text) as unknown;
  } catch {
    return problem('malformed-json');
  }
}

function isPathKey(key: PropertyKey): key is string | number {
  return typeof key === 'string' || typeof key === 'number';
}
