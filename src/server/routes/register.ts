import { LIMITS, calendarDate, cardDates, canonicalJson, validateApplication, type Ak1Registration } from '../../schema/index.js';
import { addressKey } from '../abuse/index.js';
import { checkAttachments } from '../attachments.js';
import { appointmentSlots } from '../calendar.js';
import type { RequestContext } from '../context.js';
import { readBody } from '../bodies.js';
import { RETRY_AFTER_SECONDS, isIdempotencyKey, isJsonContentType, json, problem, sha256Hex } from '../http.js';
import type { Ak1RegisterOutcome, Ak1StoredRegistration } from '../store.js';
import { newAccessCode } from '../office/lifecycle.js';
import { timestampIn } from '../time.js';
import { newRegistrationId } from '../tokens.js';

/**
 * Submissions validated and stored at once; more get `503`. Taken only once the body is in (`readBody`), so a
 * client that sends its body slowly or not at all never holds one.
 */
const MAX_CONCURRENT_SUBMISSIONS = 64;

/** `POST {endpoint}`: register an application, idempotent by `Idempotency-Key`. */
export async function register(context: RequestContext): Promise<Response> {
  const { request, submissions } = context;
  if (!isJsonContentType(request.headers.get('content-type'))) return problem('unsupported-media-type');
  const key = request.headers.get('idempotency-key');
  if (!isIdempotencyKey(key)) return problem('idempotency-key-missing');
  const busy = () => submissions.active >= MAX_CONCURRENT_SUBMISSIONS;
  // Only bodies already in hold slots, so while all are busy with real work a new body is not worth reading.
  if (busy()) return problem('unavailable', { retryAfterSeconds: RETRY_AFTER_SECONDS });
  const body = await readBody(context.bodyReads, request, context.clientAddress, LIMITS.bodyBytes);
  if ('reply' in body) return body.reply;
  if (busy()) return problem('unavailable', { retryAfterSeconds: RETRY_AFTER_SECONDS });
  submissions.active++;
  try {
    return await registerWithin(context, key, body.text);
  } finally {
    submissions.active--;
  }
}

async function registerWithin(context: RequestContext, key: string, text: string): Promise<Response> {
  const { district, store, submissions, options } = context;
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return problem('malformed-json');
  }

  const at = context.now();
  const registrationDate = calendarDate(at, district.timeZone);
  await loadRegionsFor(context, input);
  const result = validateApplication(input, {
    today: registrationDate,
    minAge: district.minAge,
    requiredDocuments: district.requiredDocuments,
    ...(options.regions ? { regions: options.regions } : {}),
  });
  if (!result.ok) return problem('invalid-application', { errors: result.issues });
  const broken = checkAttachments(result.value);
  if (broken.length) return problem('invalid-application', { errors: broken });

  // The store makes concurrent duplicates safe across processes; this spares the work inside one.
  if (submissions.keys.has(key)) return problem('request-in-progress', { retryAfterSeconds: RETRY_AFTER_SECONDS });
  submissions.keys.add(key);
  try {
    const application = result.value;
    const id = newRegistrationId();
    const fingerprint = await sha256Hex(canonicalJson(application));
    const proof = await checkProof(context, key, fingerprint);
    if (proof instanceof Response) return proof;
    let spent = false;
    try {
      const token = await (await context.signer).sign({ sub: id, iat: Math.floor(at.getTime() / 1000) });
      const seatCap = context.clientAddress !== undefined && context.abuse.seatsPerAddress !== undefined;
      // Kept only as its hash: the `201` is the one reply that can show it (a lost one is reissued at the counter).
      const accessCode = newAccessCode();
      const outcome = await store.register({
        id,
        idempotencyKey: key,
        fingerprint,
        application,
        registeredAt: timestampIn(at, district.timeZone),
        registrationDate,
        ...cardDates(registrationDate),
        token,
        serialScope: `${district.code}/${registrationDate.slice(0, 4)}`,
        formatNumber: (serial) => district.formatNumber({ regencyCode: district.code, serial, date: registrationDate }),
        slots: appointmentSlots(district, registrationDate, application.preferredVisitDate),
        ...(seatCap ? { clientKey: addressKey(context.clientAddress!), maxSeatsPerClient: context.abuse.seatsPerAddress } : {}),
        ...(result.warnings.length ? { warnings: result.warnings } : {}),
        accessCodeHash: await sha256Hex(accessCode),
      });
      spent = outcome.outcome === 'created';
      return outcomeReply(context, outcome, accessCode);
    } finally {
      proof?.release(spent);
    }
  } finally {
    submissions.keys.delete(key);
  }
}

function outcomeReply(context: RequestContext, outcome: Ak1RegisterOutcome, accessCode: string): Response {
  const { district } = context;
  switch (outcome.outcome) {
    case 'created':
      return json({ ...registrationReply(context, outcome.registration), accessCode }, 201);
    case 'replayed':
      return json(registrationReply(context, outcome.registration), 200);
    case 'key-reused':
      return problem('idempotency-key-reused');
    case 'already-registered':
      return problem('already-registered', { detail: `Please contact ${district.officeName}, ${district.officeAddress}.` });
  }
}

/**
 * The request's proof of work when the district requires one, held until the store has answered (and spent
 * only on a new registration); or the reply for a request without a proof that counts. A retry of a
 * registration already made needs none: it is answered as the store would answer it.
 */
async function checkProof(context: RequestContext, key: string, fingerprint: string): Promise<{ release(spent: boolean): void } | Response | undefined> {
  const { abuse, request, store } = context;
  if (!abuse.proofOfWork) return undefined;
  const check = await abuse.proofOfWork.check(request.headers.get('ak1-proof'), context.now());
  if (check.result === 'valid') return check;
  const known = await store.findByKey(key);
  if (!known) return problem('proof-required');
  return known.fingerprint === fingerprint ? json(registrationReply(context, known.registration), 200) : problem('idempotency-key-reused');
}

/** Loads the region lists the application's address needs, so the synchronous validation can check its codes. */
export async function loadRegionsFor({ options }: RequestContext, input: unknown): Promise<void> {
  const regions = options.regions;
  const address = (input as { address?: Record<string, unknown> } | null)?.address;
  if (!regions || typeof address !== 'object' || address === null) return;
  const code = (key: string, pattern: RegExp) => {
    const value = address[key];
    return typeof value === 'string' && pattern.test(value.trim()) ? value.trim() : undefined;
  };
  // The NIK's regency and district are checked against the same lists (an unknown one is a warning).
  const nik = (input as { nik?: unknown }).nik;
  const nikDigits = typeof nik === 'string' && /^\d{16}$/.test(nik.replace(/ /g, '')) ? nik.replace(/ /g, '') : undefined;
  const province = code('provinceCode', /^\d{2}$/);
  const regency = code('regencyCode', /^\d{2}\.\d{2}$/);
  const districtCode = code('districtCode', /^\d{2}\.\d{2}\.\d{2}$/);
  // A list that cannot be loaded leaves its codes unchecked (`has` answers undefined), as in the browser.
  await Promise.allSettled([
    province && regions.regencies?.(province),
    regency && regions.districts?.(regency),
    districtCode && regions.villages?.(districtCode),
    nikDigits && regions.regencies?.(nikDigits.slice(0, 2)),
    nikDigits && regions.districts?.(`${nikDigits.slice(0, 2)}.${nikDigits.slice(2, 4)}`),
  ]);
}

/** The registration as the contract's `Ak1Registration` (the office's reply builds on it). */
export function registrationReply({ district, publicBase }: Pick<RequestContext, 'district' | 'publicBase'>, r: Ak1StoredRegistration): Ak1Registration {
  return {
    registrationNumber: r.registrationNumber,
    registeredAt: r.registeredAt,
    validUntil: r.validUntil,
    reportDueDates: [...r.reportDueDates] as [string, string, string],
    status: r.status,
    verification: { url: `${publicBase}/verify/${r.token}`, token: r.token },
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
  };
}
