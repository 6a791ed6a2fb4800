import * as z from 'zod/mini';
import { stringify } from 'yaml';
import {
  AK1_MESSAGE_KEYS,
  AK1_REQUEST_HEADERS,
  ak1ApplicationSchema,
  ak1AvailabilitySchema,
  ak1ProblemSchema,
  ak1RegistrationSchema,
  ak1VerificationSchema,
  ak1AuditSchema,
  ak1DailyReportSchema,
  ak1IpkReportSchema,
  ak1OfficeSummarySchema,
  ak1OpeningBalanceSchema,
  ak1OpeningBalanceReplySchema,
  ak1LoginReplySchema,
  ak1LoginRequestSchema,
  ak1OfficeActionReplySchema,
  ak1OfficeActionRequestSchema,
  ak1OfficeRecordSchema,
  ak1OfficeSettingsSchema,
  ak1PasswordChangeSchema,
  ak1RegistrationListSchema,
  ak1SearchRequestSchema,
  ak1SelfActionReplySchema,
  ak1SelfCancelRequestSchema,
  ak1SelfCorrectionRequestSchema,
  ak1SelfLookupReplySchema,
  ak1SelfLookupRequestSchema,
  ak1SelfReportRequestSchema,
  ak1SelfRescheduleRequestSchema,
  IDEMPOTENCY_KEY_PATTERN,
  IPK_AGE_GROUPS,
  IPK_JOB_GROUPS,
  REPORT_MONTH_PATTERN,
  SEXES,
  EDUCATION_LEVELS,
  LIMITS,
  MIN_PASSWORD_LENGTH,
  MAX_TOKEN_LENGTH,
  validateApplication,
  VERIFICATION_TOKEN_PATTERN,
} from '../schema/index.js';
import { NAME_PUNCTUATION, TEXT_PUNCTUATION } from '../schema/characters.js';
import { AK1_PROBLEM_PREFIX, AK1_PROBLEM_TYPES } from '../schema/index.js';
import { ak1ReportWindowClosedExtensionSchema } from '../schema/self.js';
import { ak1KeySetSchema, conformanceApplication, conformanceNik, EXAMPLE_APPLICANT, EXAMPLE_DAY, exampleRegistration } from './fixtures.js';

/*
 * docs/openapi.yaml, made from the zod schemas so the contract is never written twice: requests from the
 * schemas' input side (what a client may send), replies from their output side (what a client accepts).
 * JSON Schema cannot say everything zod checks (normalising text, comparing fields, the day's date), so
 * those rules are written into `description`s here, next to the generated schema they refine.
 */

/** The version of the contract itself, not of the npm package: it changes only when the contract does. */
export const CONTRACT_VERSION = '1.0.0';

type JsonSchema = { [key: string]: unknown };

/** Extra words (appended to a generated description) or keywords for one node, by its path in the schema. */
type Notes = Record<string, JsonSchema>;

const NAME_CHARACTERS = `letters (Basic Latin, Latin-1 Supplement, Latin Extended-A, Latin Extended Additional) and the characters "${NAME_PUNCTUATION}"`;
const TEXT_CHARACTERS = `the characters of names, digits and "${TEXT_PUNCTUATION}"`;
const trimmedText = (what: 'A name' | 'Free text', max: number) =>
  `${what}: NFC-normalised and trimmed, then 1 to ${max} characters: ${what === 'A name' ? NAME_CHARACTERS : TEXT_CHARACTERS}. Control and bidi-override characters are refused.`;
const year = (rule: string): JsonSchema => ({ type: 'integer', minimum: 1900, maximum: 2100, description: `A year. ${rule}` });

const APPLICATION_NOTES: Notes = {
  '': {
    description:
      'An AK/I application. Unknown keys are refused at every level. Besides each field\'s own rules, the backend checks, with the ' +
      "district's time zone for \"today\": the applicant is at least the district's minimum age (default 18) and at most 100; " +
      'years are not in the future; every document kind the district requires is present; the photo and documents together ' +
      `decode to at most ${LIMITS.attachmentsBytes} bytes; the whole body is at most ${LIMITS.bodyBytes} bytes.`,
  },
  nik: {
    description:
      'Its province is one of the 38; DDMMYY is a real date (the day plus 40 for women; YY is 20YY unless that is after this year); ' +
      'the serial is not 0000. A NIK whose date or sex disagrees with the form is accepted (a warning for the applicant, not an error).',
  },
  kkNumber: { description: 'Its first two digits are a province code.' },
  fullName: { description: trimmedText('A name', LIMITS.nameLength) },
  birthPlace: { description: trimmedText('A name', LIMITS.placeLength) },
  birthDate: { format: 'date', description: 'Not in the future.' },
  heightCm: { description: 'Centimetres.' },
  weightKg: { description: 'Kilograms.' },
  disability: { description: 'Kinds of disability of UU No. 8 Tahun 2016; duplicates are dropped.' },
  'disability.note': { description: trimmedText('Free text', LIMITS.noteLength) },
  phone: { description: 'Spaces, dashes, dots and parentheses are ignored; a leading 0, 62 or +62 becomes +62.' },
  email: { description: `At most ${LIMITS.emailLength} characters.` },
  address: { description: 'Each region code sits inside the one before it (village in district in regency in province).' },
  'address.street': { description: trimmedText('Free text', LIMITS.textLength) },
  'education[].institution': { description: trimmedText('Free text', LIMITS.textLength) },
  'education[].major': { description: trimmedText('Free text', LIMITS.textLength) },
  'education[].graduationYear': year('Not in the future, and at least the birth year + 10.'),
  'skills[].name': { description: trimmedText('Free text', LIMITS.textLength) },
  'skills[].provider': { description: trimmedText('Free text', LIMITS.textLength) },
  'skills[].year': year('Not in the future, and not before the birth year.'),
  'workExperience[].employer': { description: trimmedText('Free text', LIMITS.textLength) },
  'workExperience[].position': { description: trimmedText('Free text', LIMITS.textLength) },
  'workExperience[].startYear': year('Not in the future, and at least the birth year + 14.'),
  'workExperience[].endYear': year('Absent for a current job; not in the future, and not before startYear.'),
  'languages[]': { description: trimmedText('A name', LIMITS.languageLength) },
  'jobPreferences.positions[].title': { description: trimmedText('Free text', LIMITS.positionTitleLength) },
  'jobPreferences.expectedWage': { description: 'Rupiah a month: at least one of min and max, and min ≤ max.' },
  photo: { description: 'The bytes must start with the JPEG signature (FF D8 FF).' },
  documents: {
    description: 'Each document\'s bytes must start with the signature of its media type (JPEG FF D8 FF, PDF "%PDF-").',
  },
  preferredVisitDate: {
    format: 'date',
    description:
      "After today. A day that is closed, full or beyond the district's horizon is not refused: the appointment moves to the first open day with room.",
  },
  'consent.acceptedAt': { description: "Not more than 10 minutes after the backend's clock." },
};

const calendarDate = (meaning: string): JsonSchema => ({ format: 'date', description: `A calendar date (YYYY-MM-DD) ${meaning}.` });
const displayText = { description: 'Display text: no control or bidi-override characters. Shown as text, never as markup.' };

const REGISTRATION_NOTES: Notes = {
  '': {
    description:
      'A registration: `201` when created, `200` when the same application is sent again with the same Idempotency-Key. ' +
      'Clients drop unknown keys rather than refuse them, so a backend may add fields of its own.',
  },
  registrationNumber: { description: "The district's registration number, printed on the card." },
  registeredAt: { description: "RFC 3339 with the district's UTC offset." },
  validUntil: calendarDate("in the district's time zone: the registration day + 24 months, clamped to the month's last day"),
  reportDueDates: {
    description:
      "The three report deadlines: the registration day + 6, 12 and 18 months in the district's time zone, clamped to the month's last day (31 August + 6 months is 28 or 29 February); not moved off weekends.",
  },
  'reportDueDates[0]': { format: 'date' },
  'reportDueDates[1]': { format: 'date' },
  'reportDueDates[2]': { format: 'date' },
  status: {
    description:
      'RECEIVED for a new registration; later VERIFIED, SIGNED, REJECTED or EXPIRED. Clients accept any code of this shape, so a status that a newer backend adds is still a registration.',
  },
  'verification.url': {
    format: 'uri',
    description: "The human verification page that the card's QR code opens, on the district's public site: {publicUrl}/verify/{token}.",
  },
  'verification.token': {
    description: 'A compact JWS (alg EdDSA, with a kid) over the registration\'s opaque id and iat; no personal data. Checkable offline with GET /keys.',
  },
  appointment: {
    description:
      "Present when a visit was booked: the preferred day if it is open and has room, else the first open day with room from tomorrow within the district's horizon.",
  },
  'appointment.date': calendarDate("in the district's time zone"),
  'appointment.start': { description: "HH:MM in the district's time zone." },
  'appointment.end': { description: "HH:MM in the district's time zone." },
  'appointment.place': displayText,
  'appointment.queueNumber': displayText,
  accessCode: {
    description:
      'Only in the `201` reply to a new registration (a replay has none): 8 characters of ABCDEFGHJKLMNPQRSTUVWXYZ23456789 that, ' +
      'with the registration number and the NIK, open POST /self/lookup. The backend keeps only its SHA-256. The form shows it ' +
      'once ("simpan kode ini"); it is never printed on the card. A lost code is reissued at the counter (reissue-code).',
  },
};

const AVAILABILITY_NOTES: Notes = {
  days: { description: 'One entry per day from `from` to `to`, in order. Closed days (weekends, holidays) have open false.' },
  'days[].date': calendarDate("in the district's time zone"),
  'days[].remaining': { description: 'Visits still free on that day, over all windows.' },
};

const VERIFICATION_NOTES: Notes = {
  '': { description: 'What a card\'s token stands for. Never the NIK, the name in full, or anything else personal.' },
  initials: displayText,
  registeredAt: { description: "RFC 3339 with the district's UTC offset." },
  validUntil: calendarDate("in the district's time zone"),
};

const PROBLEM_NOTES: Notes = {
  '': { description: 'An RFC 9457 problem (`application/problem+json`).' },
  type: { enum: AK1_PROBLEM_TYPES.map((name) => `${AK1_PROBLEM_PREFIX}${name}`) },
  status: { minimum: 100, maximum: 599, description: 'The HTTP status of the reply.' },
  detail: { description: 'For people. Never the details of another registration.' },
  errors: {
    description:
      'For invalid-application: every problem found, not just the first. For the office\'s invalid-action and password-not-allowed: what the request lacks or which rule it breaks.',
  },
  'errors[].path': { description: 'Field names and array indices from the application\'s root, e.g. ["education", 0, "graduationYear"].' },
  'errors[].code': {
    description: 'invalid-application: a message key, `<field path>.<rule>`, whose translated text the form shows. The office\'s problems: the rule broken (`reason.required`, `too-short`).',
    anyOf: [{ enum: [...AK1_MESSAGE_KEYS] }, { pattern: '^[a-z][a-zA-Z0-9.-]{0,80}$' }],
  },
};

const KEY_SET_NOTES: Notes = {
  '': { description: 'The Ed25519 public keys (JWK, RFC 8037) that sign verification tokens; a retired key stays listed while tokens it signed are in use.' },
};

/** A zod schema as a JSON Schema component, with the notes applied and zod's noise removed. */
function component(schema: z.ZodMiniType, io: 'input' | 'output', notes: Notes): JsonSchema {
  const generated = z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as JsonSchema;
  delete generated.$schema;
  const unused = new Set(Object.keys(notes));
  const visit = (node: JsonSchema, path: string) => {
    // z.int() states the safe-integer range; it says nothing a reader needs.
    if (node.minimum === Number.MIN_SAFE_INTEGER) delete node.minimum;
    if (node.maximum === Number.MAX_SAFE_INTEGER) delete node.maximum;
    // A reply's object may carry more keys than these (clients drop them); a request's may not.
    if (io === 'output' && node.additionalProperties === false) delete node.additionalProperties;
    const note = notes[path];
    if (note) {
      unused.delete(path);
      const { description, ...keywords } = note;
      Object.assign(node, keywords);
      if (description) node.description = node.description ? `${node.description} ${description}` : description;
    }
    const join = (key: string) => (path ? `${path}.${key}` : key);
    for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, JsonSchema>)) visit(child, join(key));
    if (node.items && typeof node.items === 'object') visit(node.items as JsonSchema, `${path}[]`);
    ((node.prefixItems ?? []) as JsonSchema[]).forEach((child, i) => visit(child, `${path}[${i}]`));
    ((node.anyOf ?? []) as JsonSchema[]).forEach((child, i) => visit(child, `${path}|${i}`));
  };
  visit(generated, '');
  // A note for a field that no longer exists would silently document nothing.
  if (unused.size) throw new Error(`openapi: notes for unknown paths: ${[...unused].join(', ')}`);
  return sortDescriptionFirst(generated);
}

/** `description` first in every schema, then zod's order: easier to read in the YAML. */
function sortDescriptionFirst(node: JsonSchema): JsonSchema {
  const result: JsonSchema = {};
  if ('description' in node) result.description = node.description;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description') continue;
    if (Array.isArray(value)) result[key] = value.map((item) => (isObject(item) ? sortDescriptionFirst(item) : item));
    else if (isObject(value)) {
      result[key] =
        key === 'properties'
          ? Object.fromEntries(Object.entries(value).map(([name, child]) => [name, sortDescriptionFirst(child as JsonSchema)]))
          : sortDescriptionFirst(value);
    } else result[key] = value;
  }
  return result;
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, example?: unknown) => ({ 'application/json': { schema, ...(example === undefined ? {} : { example }) } });

function problemExample(name: (typeof AK1_PROBLEM_TYPES)[number], status: number, title: string, extra: JsonSchema = {}) {
  return { type: `${AK1_PROBLEM_PREFIX}${name}`, title, status, ...extra };
}

/** A reply that is a problem of one or more of the contract's types. */
function problemReply(description: string, examples: Array<ReturnType<typeof problemExample>>, retryAfter = false, schema = 'Ak1Problem') {
  return {
    description,
    ...(retryAfter ? { headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } } } : {}),
    content: {
      'application/problem+json': {
        schema: ref(schema),
        examples: Object.fromEntries(examples.map((example) => [example.type.slice(AK1_PROBLEM_PREFIX.length), { value: example }])),
      },
    },
  };
}

/** The example application (with its KTP only), normalised as the backend stores it. */
function exampleApplication() {
  const application = conformanceApplication(EXAMPLE_APPLICANT, `${EXAMPLE_DAY}T02:00:00.000Z`);
  application.documents = application.documents?.filter((document) => document.kind === 'KTP');
  const result = validateApplication(application, { today: EXAMPLE_DAY });
  if (!result.ok) throw new Error(`openapi: the example application is invalid: ${JSON.stringify(result.issues)}`);
  return result.value;
}

/*
 * The office half (design.md, "The office"): officers' sessions and the routes under `/office`, behind a bearer
 * token. Generated from the same zod shapes the reference server validates with and `createAk1OfficeClient` reads with.
 */

const OFFICE_NOTES = {
  loginRequest: { code: { description: 'The 6-digit TOTP code (RFC 6238, 30-second steps), when the account has a second factor.' } } as Notes,
  loginReply: {
    token: { description: 'The bearer token: 256 random bits in base64url. The backend keeps only its SHA-256. Keep it in memory, never in storage.' },
    expiresAt: { description: 'At most 8 hours after the login; the session also ends after 30 minutes without a request.' },
    passwordChangeRequired: { description: 'True while the account has its one-time password: every route but POST /office/password answers 403 password-change-required.' },
  } as Notes,
  passwordChange: { newPassword: { description: 'Not the username and not the current password.' } } as Notes,
  summary: {
    nikMasked: { description: 'The NIK\'s last four digits; the twelve before them as "•". The whole NIK is only in the full record.' },
    checkedInAt: { description: 'When the applicant was checked in at the counter.' },
    status: { description: 'A status code; clients show one they do not know as "being processed".' },
  } as Notes,
  record: {
    application: { description: 'The application as stored (normalised), attachments included. Read loosely: a record made by an older release still opens.' },
    history: { description: 'Oldest first: every status change, every officer action and every opening of the record (`view`).' },
    version: { description: 'Send it back with an action: a stale version is refused with 409 version-conflict. It changes only when the status, the application or the appointment changes.' },
  } as Notes,
  actionRequest: {
    version: { description: 'The version of the record the officer saw.' },
    reason: { description: 'Required for request-correction and reject: codes of the reason catalogue, each optionally tied to a field.' },
    changes: { description: 'For edit: the fields to set, by path; the whole application is validated again (422 invalid-application).' },
    karirhubNumber: { description: 'For karirhub (on SIGNED or PLACED): the number Karirhub gave the re-keyed card. Recorded in the history with the number before; the version stays.' },
  } as Notes,
  actionReply: { accessCode: { description: 'Only for reissue-code: the applicant\'s new access code, shown once.' } } as Notes,
};

/*
 * The applicant's return visit (design.md, "The applicant comes back"): `/self/lookup` with the number, the NIK and
 * the access code gives a bearer token for 30 minutes, for the four actions on that registration only.
 */

const SELF_NOTES = {
  lookupRequest: {
    nik: { description: 'As typed: spaces are ignored.' },
    accessCode: { description: 'The code of the `201` reply, in any case; a space or dash in the middle is ignored.' },
  } as Notes,
  lookupReply: {
    token: { description: 'The bearer token for the routes below, for 30 minutes. Keep it in memory, never in storage.' },
    application: {
      description:
        'The application as stored, with the photo; of each document only `kind` and `mediaType` (no bytes). Read loosely: a registration made by an older release still opens.',
    },
    history: {
      description:
        'Oldest first, with `actor` as `{ kind }` only (no officer\'s name or id). A correction request\'s `reason` lists the reasons with the fields they concern.',
    },
    version: { description: 'Send it back with a correction (and, optionally, with the other actions): a stale version is 409 version-conflict.' },
  } as Notes,
  correctionRequest: {
    application: {
      description:
        'The whole application again, validated like a new one (422 invalid-application). A photo without `dataBase64` and documents left out or sent without bytes are kept as stored; `nik` and `birthDate` cannot change here (422 with `nik.notChangeable` or `birthDate.notChangeable`); `preferredVisitDate` is ignored.',
    },
  } as Notes,
  rescheduleRequest: {
    preferredVisitDate: {
      description: "The day asked for: taken when it is open and has room, else the first open day with room after it within the district's horizon; the old seat is released.",
    },
  } as Notes,
  reportRequest: {
    kind: { description: '`placed` moves a SIGNED registration to PLACED.' },
    startDate: { description: 'For `placed`: the first day of work (YYYY-MM-DD).' },
  } as Notes,
};

function selfOperation(summary: string, operationId: string, description: string, replies: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    tags: ['self'],
    operationId,
    summary,
    description,
    security: [{ selfToken: [] }],
    parameters: [selfKey],
    ...extra,
    responses: {
      '200': { description: 'Taken (or, for a retry with the same Idempotency-Key, taken before): the registration as it is now.', content: json(ref('Ak1SelfActionReply')) },
      '400': problemReply('No Idempotency-Key, or a body that is not JSON or not of this shape.', [
        problemExample('idempotency-key-missing', 400, 'Idempotency-Key wajib diisi'),
        problemExample('invalid-body', 400, 'Isi permintaan tidak sesuai'),
      ]),
      '401': problemReply('No token, or one that ended (30 minutes) or whose access code was reissued since: look the registration up again.', [
        problemExample('unauthenticated', 401, 'Silakan cek status lagi'),
      ]),
      '409': problemReply('The registration changed since the lookup (the version sent is stale): look it up again.', [
        problemExample('version-conflict', 409, 'Data sudah berubah'),
      ]),
      '422': problemReply("The action does not apply to the registration's status.", [problemExample('transition-not-allowed', 422, 'Tindakan tidak berlaku untuk status ini')]),
      '429': problemReply('Too many requests from this client; try again after Retry-After seconds.', [problemExample('rate-limited', 429, 'Terlalu banyak permintaan')], true),
      ...replies,
    },
  };
}

const selfKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description: 'A new key per action, the same on every retry of it: a retry whose first attempt was taken is answered with the registration as it is now, never taken twice.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: IDEMPOTENCY_KEY_PATTERN.source },
};

function selfPaths(registration: ReturnType<typeof exampleRegistration>): Record<string, unknown> {
  const lookupExample = {
    token:
      'eyJhbGciOiJFZERTQSIsImtpZCI6IjIwMjYtMTEiLCJ0eXAiOiJhazEtc2VsZiJ9.eyJzdWIiOiJxN0RmV2dCSm5lNEZKZ0JzVmtRZ0p3IiwiZXhwIjoxNzk1ODM1NjAwfQ.' +
      'ZXhhbXBsZS1zaWduYXR1cmUtbm90LWEtcmVhbC1vbmUtYnV0LTY0LWJ5dGVzLWxvbmctbGlrZS1lZDI1NTE5IQ',
    expiresAt: `${EXAMPLE_DAY}T14:30:00+07:00`,
    registration: { ...registration, status: 'NEEDS_CORRECTION' },
    application: { ...exampleApplication(), documents: [{ kind: 'KTP', mediaType: 'image/jpeg' }] },
    history: [
      { at: registration.registeredAt, actor: { kind: 'applicant' }, event: 'submit', to: 'RECEIVED' },
      {
        at: `${EXAMPLE_DAY}T13:10:00+07:00`,
        actor: { kind: 'officer' },
        event: 'request-correction',
        from: 'RECEIVED',
        to: 'NEEDS_CORRECTION',
        reason: [{ code: 'photo', path: ['photo'], note: 'Latar belakang foto harus merah' }],
      },
    ],
    version: 2,
  };
  const actionReply = (changes: Record<string, unknown>, version: number) => ({ registration: { ...registration, ...changes }, version });
  return {
    '/api/ak1/self/lookup': {
      post: {
        tags: ['self'],
        operationId: 'selfLookup',
        summary: 'The applicant comes back: open the registration',
        description:
          'With the registration number, the NIK and the access code of the `201` reply: the registration, the application, the history and ' +
          'the version, and a bearer token for 30 minutes for the routes below. Any mismatch is the same `404` `not-found`, whichever part ' +
          'was wrong; 5 failures for one registration number or 20 from one address within an hour answer `429` until the hour has passed.',
        parameters: [selfKey],
        requestBody: {
          required: true,
          content: json(ref('Ak1SelfLookupRequest'), { registrationNumber: registration.registrationNumber, nik: conformanceNik(EXAMPLE_APPLICANT), accessCode: 'K7M2QX9P' }),
        },
        responses: {
          '200': { description: 'The registration as the applicant may see it.', content: json(ref('Ak1SelfLookupReply'), lookupExample) },
          '400': problemReply('No Idempotency-Key, or a body that is not JSON or not of this shape.', [
            problemExample('idempotency-key-missing', 400, 'Idempotency-Key wajib diisi'),
            problemExample('invalid-body', 400, 'Isi permintaan tidak sesuai'),
          ]),
          '404': problemReply('No registration with this number, NIK and access code (the same reply for any mismatch).', [problemExample('not-found', 404, 'Tidak ditemukan')]),
          '429': problemReply('Too many failed lookups for this number or from this address: wait Retry-After seconds (up to an hour), or ask at the counter.', [
            problemExample('rate-limited', 429, 'Terlalu banyak percobaan'),
          ], true),
        },
      },
    },
    '/api/ak1/self/correction': {
      post: selfOperation(
        'Send the corrected application',
        'selfCorrection',
        'While NEEDS_CORRECTION: the whole application at the version of the lookup, validated like a new one; the status goes back to RECEIVED and the changed paths are in the history (`correct`). The registration keeps its idempotency fingerprint.',
        {
          '200': { description: 'Corrected: the registration as it is now.', content: json(ref('Ak1SelfActionReply'), actionReply({}, 3)) },
          '422': problemReply('The status is not NEEDS_CORRECTION, or the application is not valid (`errors`).', [
            problemExample('transition-not-allowed', 422, 'Tindakan tidak berlaku untuk status ini'),
            problemExample('invalid-application', 422, 'Data pendaftaran tidak valid', { errors: [{ path: ['phone'], code: 'phone.format' }] }),
          ]),
        },
        { requestBody: { required: true, content: json(ref('Ak1SelfCorrectionRequest')) } },
      ),
    },
    '/api/ak1/self/reschedule': {
      post: selfOperation(
        'Another visit day',
        'selfReschedule',
        'While RECEIVED, NEEDS_CORRECTION or VERIFIED: a new appointment under the same capacity rules as a registration, the old seat released (`reschedule` in the history).',
        {
          '200': {
            description: 'Moved: the registration with its new appointment.',
            content: json(ref('Ak1SelfActionReply'), actionReply({ appointment: { ...registration.appointment, date: '2026-12-03', queueNumber: 'A-004' } }, 2)),
          },
          '409': problemReply('The version sent is stale, or no open day within the horizon has room (the visit stays as it was).', [
            problemExample('version-conflict', 409, 'Data sudah berubah'),
            problemExample('visit-unavailable', 409, 'Tidak ada hari kunjungan yang tersedia'),
          ]),
        },
        { requestBody: { required: true, content: json(ref('Ak1SelfRescheduleRequest'), { preferredVisitDate: '2026-12-03' }) } },
      ),
    },
    '/api/ak1/self/cancel': {
      post: selfOperation(
        'Cancel the registration',
        'selfCancel',
        'While RECEIVED, NEEDS_CORRECTION or SIGNED: CANCELLED, the visit released, and the NIK may register again. The body may be empty.',
        { '200': { description: 'Cancelled.', content: json(ref('Ak1SelfActionReply'), actionReply({ status: 'CANCELLED' }, 2)) } },
        { requestBody: { required: false, content: json(ref('Ak1SelfCancelRequest'), {}) } },
      ),
    },
    '/api/ak1/self/report': {
      post: selfOperation(
        'The six-monthly report',
        'selfReport',
        "While SIGNED, from the district's window (default 30 days) before a report's due date to the same after it, once per due date. `placed` moves the registration to PLACED.",
        {
          '200': {
            description: 'Reported: `reports` says which are made and which are due.',
            content: json(ref('Ak1SelfActionReply'), actionReply({ status: 'PLACED' }, 4)),
          },
          '422': problemReply(
            'Not SIGNED, or no report is open today (or the open one is made already); `opensOn` says when the next one opens.',
            [
              problemExample('transition-not-allowed', 422, 'Tindakan tidak berlaku untuk status ini'),
              problemExample('report-window-closed', 422, 'Belum waktunya melapor', { opensOn: '2027-04-28' }),
            ],
            false,
            'Ak1ReportWindowClosedProblem',
          ),
        },
        {
          requestBody: {
            required: true,
            content: json(ref('Ak1SelfReportRequest'), { kind: 'placed', employer: 'PT Maju Jaya', position: 'Operator Produksi', startDate: '2027-05-17' }),
          },
        },
      ),
    },
  };
}

/** Notes for the items of a list, by their paths inside one item. */
const IPK_ROW_NOTES: Notes = {
  start: { description: 'On the books when the month began (sisa bulan lalu).' },
  registered: { description: 'Signed in the month (terdaftar).' },
  placed: { description: 'Placed in the month (ditempatkan).' },
  removed: { description: 'Expired, or cancelled after signing, in the month (dihapuskan).' },
  end: { description: 'On the books when the month ended: start + registered − placed − removed.' },
};

const REPORT_NOTES: Notes = {
  ...prefixed('byAge[]', IPK_ROW_NOTES),
  ...prefixed('byEducation[]', IPK_ROW_NOTES),
  'byAge[].group': { description: "The age band at the month's end: 15-19, 20-29, 30-44, 45-54 or 55+." },
  'byEducation[].group': { description: 'The highest education level (BELUM_TAMAT_SD: no school finished).' },
  'byJobGroup[].group': { description: 'The KBJI 2014 major group (the first digit of the code of the first position sought), or "-" for a position without a code.' },
};

function exampleOpeningBalance() {
  return {
    month: '2026-11',
    byAge: [{ group: '20-29', sex: 'L', count: 40 }, { group: '20-29', sex: 'P', count: 35 }],
    byEducation: [{ group: 'SMA', sex: 'L', count: 28 }, { group: 'SMK', sex: 'L', count: 12 }, { group: 'SMA', sex: 'P', count: 35 }],
  };
}

/** A consistent example: a row for every group and sex, and every row adds up, as a reply's must. */
function exampleIpkReport() {
  const seen: Record<string, [number, number, number, number]> = {
    '20-29|L': [12, 3, 1, 0],
    '20-29|P': [9, 4, 2, 1],
    '30-44|L': [5, 1, 0, 1],
    'SMA|L': [8, 2, 1, 0],
    'SMA|P': [4, 1, 1, 0],
    'SMK|L': [9, 2, 0, 1],
    'S1|P': [5, 3, 1, 1],
  };
  const table = (groups: readonly string[]) =>
    groups.flatMap((group) =>
      SEXES.map((sex) => {
        const [start, registered, placed, removed] = seen[`${group}|${sex}`] ?? [0, 0, 0, 0];
        return { group, sex, start, registered, placed, removed, end: start + registered - placed - removed };
      }),
    );
  const coded: Record<string, number> = { '4|L': 2, '4|P': 3, '7|L': 1, '-|L': 1, '-|P': 1 };
  return {
    month: '2026-12',
    byAge: table(IPK_AGE_GROUPS),
    byEducation: table(EDUCATION_LEVELS),
    byJobGroup: IPK_JOB_GROUPS.flatMap((group) => SEXES.map((sex) => ({ group, sex, registered: coded[`${group}|${sex}`] ?? 0 }))),
  };
}

/** Three days of a month's chart: a closed Saturday, a day gone by and one still to come. */
function exampleDailyReport() {
  return {
    month: '2026-12',
    days: [
      { date: '2026-12-05', open: false, capacity: 0, registered: 4, booked: 0, checkedIn: 0 },
      { date: '2026-12-07', open: true, capacity: 100, registered: 31, booked: 88, checkedIn: 79 },
      { date: '2026-12-28', open: true, capacity: 100, registered: 0, booked: 12, checkedIn: 0 },
    ],
    funnel: { booked: 1702, arrived: 1544, verified: 1420, signed: 1310, placed: 96 },
  };
}

function prefixed(prefix: string, notes: Notes): Notes {
  return Object.fromEntries(Object.entries(notes).map(([path, note]) => [`${prefix}.${path}`, note]));
}

function officeOperation(
  summary: string,
  operationId: string,
  description: string,
  replies: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    tags: ['office'],
    operationId,
    summary,
    description,
    security: [{ officeSession: [] }],
    ...extra,
    responses: {
      '401': problemReply('No token, or a session that ended (8 hours, 30 minutes idle, logged out). Log in again.', [
        problemExample('unauthenticated', 401, 'Sesi berakhir, silakan masuk lagi'),
      ]),
      '403': problemReply("The officer's roles do not allow this (or the client is outside the office's networks), or the account must change its one-time password first.", [
        problemExample('forbidden', 403, 'Tidak berwenang'),
        problemExample('password-change-required', 403, 'Ganti kata sandi terlebih dahulu'),
      ]),
      '429': problemReply('Too many requests from this client; try again after Retry-After seconds.', [problemExample('rate-limited', 429, 'Terlalu banyak permintaan')], true),
      // A route's own replies win: the password change answers 401 and 403 its own way.
      ...replies,
    },
  };
}

const officeKey = (required: boolean) => ({
  name: 'Idempotency-Key',
  in: 'header',
  required,
  description: required
    ? 'A new key per action, the same on every retry of it: a retry whose first attempt was taken is answered with the record as it is now, never taken twice.'
    : 'As every POST under /office, it may carry a key (a retry sends the same one).',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: IDEMPOTENCY_KEY_PATTERN.source },
});

function officePaths(registration: ReturnType<typeof exampleRegistration>): Record<string, unknown> {
  const officer = { id: 'off_7h2k', username: 'siti', name: 'Siti Aminah', nip: '196905121990032001', roles: ['pengantar-kerja'] };
  const summary = {
    registrationNumber: registration.registrationNumber,
    status: 'RECEIVED',
    fullName: 'Pemohon Uji Kesesuaian',
    nikMasked: '••••••••••••0001',
    appointment: registration.appointment,
    registeredAt: registration.registeredAt,
  };
  const list = { registrations: [summary] };
  const numberParameter = {
    name: 'registrationNumber',
    in: 'path',
    required: true,
    schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$' },
    example: registration.registrationNumber,
  };
  const notFound = problemReply('No registration with this number.', [problemExample('not-found', 404, 'Tidak ditemukan')]);
  return {
    '/api/ak1/office/login': {
      post: {
        tags: ['office'],
        operationId: 'officeLogin',
        summary: "Log in: an officer's session",
        description:
          'The same 401 invalid-credentials for an unknown username, a wrong password and a disabled account. An account with a ' +
          'second factor (admins) answers 401 second-factor-required until `code` is given. After 5 failures for one username (from ' +
          'addresses that never logged in as it) or 20 from one address in 15 minutes: 429 with Retry-After.',
        parameters: [officeKey(false)],
        requestBody: { required: true, content: json(ref('Ak1LoginRequest'), { username: 'siti', password: 'kata-sandi-rahasia' }) },
        responses: {
          '200': {
            description: 'Logged in.',
            content: json(ref('Ak1LoginReply'), { token: 'q3Jx0b9Vf5m2QeC8s1dK7yT4wZ6hN0pR2uL8aG5vB3c', expiresAt: '2026-12-01T16:00:00+07:00', officer }),
          },
          '400': problemReply('A body that is not JSON, or not `{ username, password, code? }`.', [
            problemExample('malformed-json', 400, 'Isi permintaan bukan JSON'),
            problemExample('invalid-body', 400, 'Isi permintaan tidak sesuai'),
          ]),
          '401': problemReply('Wrong credentials, or the second factor is due.', [
            problemExample('invalid-credentials', 401, 'Nama pengguna atau kata sandi salah'),
            problemExample('second-factor-required', 401, 'Masukkan kode autentikator'),
          ]),
          '429': problemReply('Too many failed logins; try again after Retry-After seconds.', [problemExample('rate-limited', 429, 'Terlalu banyak percobaan')], true),
          '503': problemReply('Too many logins being checked at once; try again after Retry-After seconds.', [problemExample('unavailable', 503, 'Layanan sedang sibuk')], true),
        },
      },
    },
    '/api/ak1/office/logout': {
      post: officeOperation(
        'Log out',
        'officeLogout',
        'Ends the session of the token sent (also while the one-time password is unchanged).',
        { '204': { description: 'Logged out.' }, '403': problemReply("The client is outside the office's networks.", [problemExample('forbidden', 403, 'Tidak berwenang')]) },
        { parameters: [officeKey(false)] },
      ),
    },
    '/api/ak1/office/password': {
      post: officeOperation(
        "Change the officer's password",
        'officePassword',
        `At least ${MIN_PASSWORD_LENGTH} characters, not the username. Allowed while the one-time password is unchanged; ends the officer's other sessions.`,
        {
          '204': { description: 'Changed.' },
          '400': problemReply('A body that is not `{ currentPassword, newPassword }`.', [problemExample('invalid-body', 400, 'Isi permintaan tidak sesuai')]),
          '401': problemReply('The current password is wrong, or the session ended.', [
            problemExample('invalid-credentials', 401, 'Kata sandi salah'),
            problemExample('unauthenticated', 401, 'Sesi berakhir, silakan masuk lagi'),
          ]),
          '403': problemReply("The client is outside the office's networks.", [problemExample('forbidden', 403, 'Tidak berwenang')]),
          '422': problemReply('The new password breaks a rule; `errors` names it (`too-short`, `username`, `unchanged`).', [
            problemExample('password-not-allowed', 422, 'Kata sandi baru tidak memenuhi aturan', { errors: [{ path: ['newPassword'], code: 'too-short' }] }),
          ]),
        },
        { parameters: [officeKey(false)], requestBody: { required: true, content: json(ref('Ak1PasswordChange')) } },
      ),
    },
    '/api/ak1/office/registrations': {
      get: officeOperation(
        "The day's queue, or the registrations in a status",
        'officeRegistrations',
        'With `visitDate`: the visits of that day in window and queue-number order. With `status`: the newest 200 in that status.',
        {
          '200': { description: 'Summaries, never a whole NIK.', content: json(ref('Ak1RegistrationList'), list) },
          '400': problemReply('Neither or both of `visitDate` and `status`, or one that is not valid.', [problemExample('invalid-request', 400, 'Parameter tidak valid')]),
        },
        {
          parameters: [
            { name: 'visitDate', in: 'query', schema: { type: 'string', format: 'date' }, example: '2026-12-01' },
            { name: 'status', in: 'query', schema: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$' }, example: 'VERIFIED' },
          ],
        },
      ),
    },
    '/api/ak1/office/registrations/search': {
      post: officeOperation(
        'Search by registration number, NIK or part of the name',
        'officeSearch',
        'A POST, so that NIKs and names never sit in URLs or proxy logs. A number or a NIK matches exactly; a name in part, ignoring case.',
        {
          '200': { description: 'At most 200 summaries, newest first.', content: json(ref('Ak1RegistrationList'), list) },
          '400': problemReply('Not `{ q }` with 2 to 120 characters.', [problemExample('invalid-request', 400, 'Parameter tidak valid')]),
        },
        { parameters: [officeKey(false)], requestBody: { required: true, content: json(ref('Ak1SearchRequest'), { q: 'Uji Kesesuaian' }) } },
      ),
    },
    '/api/ak1/office/registrations/{registrationNumber}': {
      get: officeOperation(
        'Open a full record',
        'officeRecord',
        'The registration, the application with its photo and documents, the history and the version. Records a `view` entry (an access log under UU PDP).',
        { '200': { description: 'The record.', content: json(ref('Ak1OfficeRecord')) }, '404': notFound },
        { parameters: [numberParameter] },
      ),
    },
    '/api/ak1/office/registrations/{registrationNumber}/actions': {
      post: officeOperation(
        'Act on a record',
        'officeAction',
        'One of the office actions at the version the officer saw. The statuses each may start from and the roles that may take it are ' +
          'in docs/lifecycle.md; `sign` needs the pengantar-kerja role and fixes the signing date, validity and report due dates.',
        {
          '200': {
            description: 'Taken (or, for a retry with the same Idempotency-Key, taken before): the registration as it is now.',
            content: json(ref('Ak1OfficeActionReply')),
          },
          '400': problemReply('No Idempotency-Key, or a body that is not JSON.', [
            problemExample('idempotency-key-missing', 400, 'Idempotency-Key wajib diisi'),
            problemExample('malformed-json', 400, 'Isi permintaan bukan JSON'),
          ]),
          '404': notFound,
          '409': problemReply('Another officer changed the record first (the version is stale): open it again, nothing is lost.', [
            problemExample('version-conflict', 409, 'Data sudah diubah petugas lain'),
          ]),
          '422': problemReply("The action does not apply to the record's status, lacks what it needs (`errors`: reasons, changes, a placement), or an edit makes the application invalid.", [
            problemExample('transition-not-allowed', 422, 'Tindakan tidak berlaku untuk status ini'),
            problemExample('invalid-action', 422, 'Permintaan tindakan tidak lengkap', { errors: [{ path: ['reason'], code: 'reason.required' }] }),
            problemExample('invalid-application', 422, 'Data pendaftaran tidak valid', { errors: [{ path: ['phone'], code: 'phone.format' }] }),
          ]),
        },
        {
          parameters: [numberParameter, officeKey(true)],
          requestBody: { required: true, content: json(ref('Ak1OfficeActionRequest'), { action: 'request-correction', version: 1, reason: [{ code: 'photo', path: ['photo'] }] }) },
        },
      ),
    },
    '/api/ak1/office/audit': {
      get: officeOperation(
        'The audit log (admins)',
        'officeAudit',
        'History entries of every record and the logins and logouts, `at` within `from`…`to`, oldest first.',
        {
          '200': { description: 'The entries.', content: json(ref('Ak1Audit')) },
          '400': problemReply('`from` and `to` missing, not RFC 3339 timestamps or days, or `from` after `to`.', [problemExample('invalid-request', 400, 'Parameter tidak valid')]),
        },
        {
          parameters: [
            { name: 'from', in: 'query', required: true, schema: { type: 'string' }, example: '2026-12-01T00:00:00+07:00' },
            { name: 'to', in: 'query', required: true, schema: { type: 'string' }, example: '2026-12-31T23:59:59+07:00' },
          ],
        },
      ),
    },
    '/api/ak1/office/settings': {
      get: officeOperation(
        "What the counter needs to print the district's card",
        'officeSettings',
        "The district's name and office, and the card's signer title, terms, overlay layout and logo where the district has them.",
        { '200': { description: 'The settings.', content: json(ref('Ak1OfficeSettings'), { district: { name: 'Kabupaten Serang', officeName: 'Disnakertrans Kabupaten Serang', timeZone: 'Asia/Jakarta' } }) } },
      ),
    },
    '/api/ak1/office/reports/ipk': {
      get: officeOperation(
        "The month's IPK job-seeker tables",
        'officeIpkReport',
        'Counted from the registrations\' histories, never from today\'s status: a card signed in March and placed in May counts as ' +
          'registered in March and placed in May. A job seeker is on the books while the card is signed; removed means expired or ' +
          'cancelled after signing. Months are the district\'s calendar months (its time zone). Ages are taken at the month\'s end ' +
          'for every row, so a month\'s start may differ from the previous month\'s end when someone crossed an age band. Every ' +
          'group and sex has a row, zeros included, and each row adds up: start + registered − placed − removed = end. ' +
          'Admins and the counter (petugas, pengantar-kerja).',
        {
          '200': { description: 'The tables.', content: json(ref('Ak1IpkReport'), exampleIpkReport()) },
          '400': problemReply('`month` missing, not YYYY-MM, or after the current month.', [problemExample('invalid-request', 400, 'Parameter tidak valid')]),
        },
        { parameters: [{ name: 'month', in: 'query', required: true, schema: { type: 'string', pattern: REPORT_MONTH_PATTERN.source }, example: '2026-12' }] },
      ),
    },
    '/api/ak1/office/reports/daily': {
      get: officeOperation(
        "The month's days for the office's chart",
        'officeDailyReport',
        'Every day of the month, in order: `open` when it is an office day on the district\'s calendar (not a weekend or closed date, ' +
          'past days included), `capacity` the visits it holds at most (0 when closed), `registered` the registrations submitted ' +
          'that day on the district\'s clock, `booked` the visits held for that day (not cancelled), `checkedIn` the visits of that ' +
          'day checked in at the counter. `funnel`: of the visits held for the month\'s days (cancelled ones left out), how many ' +
          'were checked in, and how many are now verified or further, signed or further, and placed. Admins and the counter ' +
          '(petugas, pengantar-kerja).',
        {
          '200': { description: 'The days (the example shows three of them).', content: json(ref('Ak1DailyReport'), exampleDailyReport()) },
          '400': problemReply('`month` missing, not YYYY-MM, or after the current month.', [problemExample('invalid-request', 400, 'Parameter tidak valid')]),
        },
        { parameters: [{ name: 'month', in: 'query', required: true, schema: { type: 'string', pattern: REPORT_MONTH_PATTERN.source }, example: '2026-12' }] },
      ),
    },
    '/api/ak1/office/reports/summary': {
      get: officeOperation(
        "The numbers of the office's home screen",
        'officeSummary',
        '`karirhubPending`: the signed cards (status SIGNED) not yet entered in Karirhub, that is without the office action `karirhub`. Admins and the counter.',
        { '200': { description: 'The numbers.', content: json(ref('Ak1OfficeSummary'), { karirhubPending: 12 }) } },
      ),
    },
    '/api/ak1/office/reports/karirhub.csv': {
      get: officeOperation(
        'The signed cards not yet in Karirhub, as CSV',
        'officeKarirhubExport',
        "One registration per row, the longest-waiting first, in the order of Karirhub's AK/I data entry: the card (number, issued, valid until), identity, address (region codes from the province down), education, skills and training, work experience, the positions sought with their KBJI codes, work location and expected pay. After re-keying one, the officer takes the action `karirhub` with `karirhubNumber` and it leaves the list. Admins and the counter.",
        {
          '200': { description: 'UTF-8 CSV with a byte order mark; every text the applicant typed neutralised against formulas.', content: { 'text/csv': { schema: { type: 'string' } } } },
          '400': problemReply('`delimiter` other than `,` or `;`.', [problemExample('invalid-request', 400, 'Parameter tidak valid')]),
        },
        {
          parameters: [
            { name: 'delimiter', in: 'query', schema: { type: 'string', enum: [',', ';'] } },
            { name: 'lang', in: 'query', description: 'The headings\' and codes\' language.', schema: { type: 'string', enum: ['id', 'en'] } },
          ],
        },
      ),
    },
    '/api/ak1/office/reports/opening-balance': {
      get: officeOperation(
        'The opening balance of paper-era holders',
        'officeOpeningBalance',
        'The balance in force (the last one an admin entered), or `{}` when none was. Admins and the counter.',
        { '200': { description: 'The balance, if any.', content: json(ref('Ak1OpeningBalanceReply'), { openingBalance: exampleOpeningBalance() }) } },
      ),
      post: officeOperation(
        'Enter the opening balance (admins)',
        'officeSetOpeningBalance',
        "The holders of paper-era cards on the books when the office began counting in `month` (not after the current month), per group and sex, by age band and by education level, each group and sex at most once. The IPK tables add them to the start and the end of that month and of every later month; they never appear as registered, placed or removed. Kept as an `opening-balance` entry of the audit history; entering it again replaces it, for every month's tables. Setting the same balance twice leaves the same tables, so it needs no Idempotency-Key.",
        {
          '200': { description: 'The balance now in force.', content: json(ref('Ak1OpeningBalanceReply'), { openingBalance: exampleOpeningBalance() }) },
          '400': problemReply('Not a balance: an unknown group, a group and sex twice, a negative count, or a month after the current one.', [problemExample('invalid-body', 400, 'Isi permintaan tidak valid')]),
        },
        { parameters: [officeKey(false)], requestBody: { required: true, content: json(ref('Ak1OpeningBalance'), exampleOpeningBalance()) } },
      ),
    },
    '/api/ak1/office/export.csv': {
      get: officeOperation(
        'The registrations of a day or of a period as CSV',
        'officeExport',
        'Those visiting on `date`, registered on `registeredOn`, or registered from `from` to `to` (both counted, at most 366 days, in date order: the office\'s own analysis of a period): text fields only, no photo or documents. (The older `GET /export.csv` with a fixed token stays for scripts.)',
        {
          '200': { description: 'UTF-8 CSV with a byte order mark.', content: { 'text/csv': { schema: { type: 'string' } } } },
          '400': problemReply('Not exactly one of `date`, `registeredOn`, or `from` with `to`, as YYYY-MM-DD; or `from` after `to`, or more than 366 days.', [problemExample('invalid-request', 400, 'Parameter tidak valid')]),
        },
        {
          parameters: [
            { name: 'date', in: 'query', schema: { type: 'string', format: 'date' }, example: '2026-12-01' },
            { name: 'registeredOn', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'from', in: 'query', description: 'The first registration date of a period; with `to`.', schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', description: 'The last registration date of a period (counted); with `from`.', schema: { type: 'string', format: 'date' } },
          ],
        },
      ),
    },
  };
}

/** The whole OpenAPI 3.1 document, as a plain object. */
export function buildOpenApiDocument(): JsonSchema {
  const registration = exampleRegistration();
  const tooMany = problemReply('Too many requests from this client; try again after Retry-After seconds.', [
    problemExample('rate-limited', 429, 'Terlalu banyak permintaan'),
  ], true);
  const unavailable = problemReply('The backend is down for a moment (maintenance, its database); try again after Retry-After seconds.', [
    problemExample('unavailable', 503, 'Layanan sedang tidak tersedia'),
  ], true);

  return {
    openapi: '3.1.0',
    info: {
      title: 'AK/I registration backend (ak1-form)',
      version: CONTRACT_VERSION,
      summary: 'The contract between <ak1-form> (or the ak1-form SDK) and a district\'s AK/I backend.',
      description:
        'Any backend that implements this contract works with <ak1-form>; `npx ak1-form conformance <endpoint>` checks one. ' +
        'The paths are shown under `/api/ak1`, the endpoint of the demo; a district may serve them under any endpoint, with ' +
        'the same suffixes. Dates are the district\'s (its time zone, default Asia/Jakarta). docs/backend.md explains it all ' +
        'for a backend developer: statuses, idempotency, problem types, CORS, time zones and months.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [
      {
        url: 'https://{host}',
        description: "The district's API host.",
        variables: { host: { default: 'disnaker.example.go.id' } },
      },
    ],
    tags: [
      { name: 'registration', description: 'Registering an applicant, once, whatever the network does.' },
      { name: 'visits', description: 'Open days for the visit to the office.' },
      { name: 'verification', description: "Checking a printed card's QR code." },
      { name: 'office', description: "The counter: officers' sessions and the registrations' life (CORS only for the office's own origins)." },
      { name: 'self', description: 'The applicant comes back: status, a correction, another visit day, cancelling, the six-monthly report.' },
    ],
    paths: {
      '/api/ak1': {
        post: {
          tags: ['registration'],
          operationId: 'register',
          summary: 'Register an application',
          description:
            'Validates the application exactly as the client does and registers it. Idempotent by `Idempotency-Key`: the backend ' +
            'keeps each key (at least 24 hours) with the SHA-256 of the canonical JSON of the validated application and the reply. ' +
            'The same key with the same application gets the same registration (`200`); with another application, `422` ' +
            '`idempotency-key-reused`; while the first request is still running, `409` `request-in-progress`. The same NIK with an ' +
            'active registration (status not REJECTED or EXPIRED, validUntil not passed) under another key gets `409` `already-registered`. ' +
            'A backend that requires a proof of work (`GET /challenge` answers one) refuses a new registration without a fresh ' +
            'solution in `Ak1-Proof` with `403` `proof-required`; a retry under a key it already registered needs none.',
          parameters: [{ $ref: '#/components/parameters/Idempotency-Key' }, { $ref: '#/components/parameters/Ak1-Proof' }],
          requestBody: {
            required: true,
            description: `The application as JSON (\`Content-Type: application/json\`), at most ${LIMITS.bodyBytes} bytes.`,
            content: json(ref('Ak1Application'), exampleApplication()),
          },
          responses: {
            '200': { description: 'A replay: the registration made for this key and this application.', content: json(ref('Ak1Registration'), registration) },
            '201': { description: 'Registered, with the access code (only here).', content: json(ref('Ak1Registration'), { ...registration, accessCode: 'K7M2QX9P' }) },
            '400': problemReply('No Idempotency-Key, or a body that is not JSON.', [
              problemExample('idempotency-key-missing', 400, 'Idempotency-Key wajib diisi'),
              problemExample('malformed-json', 400, 'Isi permintaan bukan JSON'),
            ]),
            '403': problemReply('A proof of work is required: missing, wrong, expired or already spent.', [
              problemExample('proof-required', 403, 'Bukti kerja diperlukan'),
            ]),
            '409': problemReply(
              'The same key is still being processed (retry after Retry-After), or this NIK already has an active registration (no retry).',
              [
                problemExample('request-in-progress', 409, 'Permintaan yang sama sedang diproses'),
                problemExample('already-registered', 409, 'NIK ini sudah terdaftar', {
                  detail: 'Untuk kartu yang hilang atau data yang salah, hubungi Disnakertrans Kabupaten Serang.',
                }),
              ],
              true,
            ),
            '413': problemReply(`The body is over ${LIMITS.bodyBytes} bytes.`, [problemExample('payload-too-large', 413, 'Data terlalu besar')]),
            '415': problemReply('The body is not `application/json`.', [problemExample('unsupported-media-type', 415, 'Jenis data tidak didukung')]),
            '422': problemReply('The application is invalid (every problem listed), or the key was used for another application.', [
              problemExample('invalid-application', 422, 'Data pendaftaran tidak valid', {
                errors: [
                  { path: ['education', 0, 'graduationYear'], code: 'education.graduationYear.beforeBirth' },
                  { path: ['phone'], code: 'phone.format' },
                ],
              }),
              problemExample('idempotency-key-reused', 422, 'Idempotency-Key sudah dipakai untuk data lain'),
            ]),
            '429': tooMany,
            '503': unavailable,
          },
        },
        options: {
          tags: ['registration'],
          operationId: 'registerPreflight',
          summary: 'CORS preflight',
          description:
            "A browser asks before every cross-origin POST, because Idempotency-Key is not a CORS-safelisted header. Answer the district's origins only.",
          parameters: [
            { name: 'Origin', in: 'header', required: true, schema: { type: 'string' }, example: 'https://disnaker.example.go.id' },
            { name: 'Access-Control-Request-Method', in: 'header', required: true, schema: { type: 'string' }, example: 'POST' },
            { name: 'Access-Control-Request-Headers', in: 'header', schema: { type: 'string' }, example: 'content-type, idempotency-key' },
          ],
          responses: {
            '204': {
              description: 'Allowed.',
              headers: {
                'Access-Control-Allow-Origin': { schema: { type: 'string' }, description: 'The requesting origin, when it is one of the district\'s.' },
                'Access-Control-Allow-Methods': { schema: { type: 'string' }, example: 'GET, POST, OPTIONS' },
                'Access-Control-Allow-Headers': { schema: { type: 'string' }, example: AK1_REQUEST_HEADERS.join(', ') },
                'Access-Control-Max-Age': { schema: { type: 'integer' }, example: 86400 },
                Vary: { schema: { type: 'string' }, example: 'Origin' },
              },
            },
          },
        },
      },
      '/api/ak1/challenge': {
        get: {
          tags: ['registration'],
          operationId: 'challenge',
          summary: 'A proof-of-work challenge, when the backend requires one',
          description:
            "ALTCHA v1: find the whole number n from 0 to `maxnumber` with SHA-256(salt + n) = `challenge` (hex), then send " +
            'base64 of `{"algorithm","challenge","number","salt","signature"}` as `Ak1-Proof` with the registration. `404` means ' +
            'no proof is required; a client may remember that. One solution registers one application.',
          responses: {
            '200': {
              description: 'A challenge, valid for minutes (the salt carries its expiry).',
              content: json(
                {
                  type: 'object',
                  required: ['algorithm', 'challenge', 'maxnumber', 'salt', 'signature'],
                  properties: {
                    algorithm: { const: 'SHA-256' },
                    challenge: { type: 'string', pattern: '^[0-9a-f]{64}$' },
                    maxnumber: { type: 'integer', minimum: 1, maximum: 10_000_000 },
                    salt: { type: 'string', maxLength: 512 },
                    signature: { type: 'string', maxLength: 512 },
                  },
                },
                {
                  algorithm: 'SHA-256',
                  challenge: '4c3c2c1f0b5a1f0e7a9d5e2b8c6f4a3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b',
                  maxnumber: 50000,
                  salt: '5f3a9c1e2b7d4a6c8e0f1a2b?expires=1796090400&',
                  signature: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b',
                },
              ),
            },
            '404': problemReply('No proof of work is required.', [problemExample('not-found', 404, 'Tidak ditemukan')]),
            '429': tooMany,
          },
        },
      },
      '/api/ak1/availability': {
        get: {
          tags: ['visits'],
          operationId: 'availability',
          summary: 'Open days and the room left in them',
          parameters: [
            { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' }, example: '2026-12-01' },
            { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' }, example: '2026-12-14' },
          ],
          responses: {
            '200': {
              description: 'The days from `from` to `to`.',
              content: json(ref('Ak1Availability'), {
                days: [{ date: '2026-12-01', open: true, remaining: 37, windows: [{ start: '08:00', end: '09:00', remaining: 5 }] }],
              }),
            },
            '429': tooMany,
            '503': unavailable,
          },
        },
      },
      '/api/ak1/verify/{token}': {
        get: {
          tags: ['verification'],
          operationId: 'verify',
          summary: "What a card's token stands for",
          description: 'Public, without login. Accepts a token only in its canonical encoding.',
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string', maxLength: MAX_TOKEN_LENGTH, pattern: VERIFICATION_TOKEN_PATTERN.source } }],
          responses: {
            '200': {
              description: 'The token is valid.',
              content: json(ref('Ak1Verification'), {
                valid: true,
                status: 'RECEIVED',
                initials: 'P. U. K.',
                registeredAt: registration.registeredAt,
                validUntil: registration.validUntil,
              }),
            },
            '404': problemReply('An unknown, tampered or non-canonical token.', [problemExample('invalid-token', 404, 'Kartu tidak dikenal')]),
            '429': tooMany,
            '503': unavailable,
          },
        },
      },
      '/api/ak1/keys': {
        get: {
          tags: ['verification'],
          operationId: 'keys',
          summary: 'The public keys that sign verification tokens',
          responses: {
            '200': {
              description: 'A JWK set.',
              content: json(ref('Ak1KeySet'), {
                keys: [{ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', kid: '2026-11', alg: 'EdDSA', use: 'sig' }],
              }),
            },
          },
        },
      },
      ...officePaths(registration),
      ...selfPaths(registration),
    },
    components: {
      schemas: {
        Ak1Application: component(ak1ApplicationSchema, 'input', APPLICATION_NOTES),
        Ak1Registration: component(ak1RegistrationSchema, 'output', REGISTRATION_NOTES),
        Ak1Availability: component(ak1AvailabilitySchema, 'output', AVAILABILITY_NOTES),
        Ak1Verification: component(ak1VerificationSchema, 'output', VERIFICATION_NOTES),
        Ak1KeySet: component(ak1KeySetSchema, 'output', KEY_SET_NOTES),
        Ak1Problem: component(ak1ProblemSchema, 'output', PROBLEM_NOTES),
        Ak1LoginRequest: component(ak1LoginRequestSchema, 'input', OFFICE_NOTES.loginRequest),
        Ak1LoginReply: component(ak1LoginReplySchema, 'output', OFFICE_NOTES.loginReply),
        Ak1PasswordChange: component(ak1PasswordChangeSchema, 'input', OFFICE_NOTES.passwordChange),
        Ak1RegistrationList: component(ak1RegistrationListSchema, 'output', prefixed('registrations[]', OFFICE_NOTES.summary)),
        Ak1SearchRequest: component(ak1SearchRequestSchema, 'input', {}),
        Ak1OfficeRecord: component(ak1OfficeRecordSchema, 'output', OFFICE_NOTES.record),
        Ak1OfficeActionRequest: component(ak1OfficeActionRequestSchema, 'input', OFFICE_NOTES.actionRequest),
        Ak1OfficeActionReply: component(ak1OfficeActionReplySchema, 'output', OFFICE_NOTES.actionReply),
        Ak1Audit: component(ak1AuditSchema, 'output', {}),
        Ak1OfficeSettings: component(ak1OfficeSettingsSchema, 'output', {}),
        Ak1IpkReport: component(ak1IpkReportSchema, 'output', REPORT_NOTES),
        Ak1DailyReport: component(ak1DailyReportSchema, 'output', {}),
        Ak1OfficeSummary: component(ak1OfficeSummarySchema, 'output', {}),
        Ak1OpeningBalance: component(ak1OpeningBalanceSchema, 'input', {}),
        Ak1OpeningBalanceReply: component(ak1OpeningBalanceReplySchema, 'output', {}),
        Ak1SelfLookupRequest: component(ak1SelfLookupRequestSchema, 'input', SELF_NOTES.lookupRequest),
        Ak1SelfLookupReply: component(ak1SelfLookupReplySchema, 'output', SELF_NOTES.lookupReply),
        Ak1SelfCorrectionRequest: component(ak1SelfCorrectionRequestSchema, 'input', SELF_NOTES.correctionRequest),
        Ak1SelfRescheduleRequest: component(ak1SelfRescheduleRequestSchema, 'input', SELF_NOTES.rescheduleRequest),
        Ak1SelfCancelRequest: component(ak1SelfCancelRequestSchema, 'input', {}),
        Ak1SelfReportRequest: component(ak1SelfReportRequestSchema, 'input', SELF_NOTES.reportRequest),
        Ak1SelfActionReply: component(ak1SelfActionReplySchema, 'output', {}),
        Ak1ReportWindowClosedProblem: {
          description: 'A problem of a six-monthly report: `report-window-closed` adds `opensOn` to the contract\'s problem.',
          allOf: [
            ref('Ak1Problem'),
            component(ak1ReportWindowClosedExtensionSchema, 'output', {
              opensOn: {
                description:
                  "report-window-closed: the date the next report can be made (YYYY-MM-DD, the district's calendar: the window's first day). Absent when no report opens again for this registration (all made, or the last window has passed).",
              },
            }),
          ],
        },
      },
      securitySchemes: {
        officeSession: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token of POST /office/login, as `Authorization: Bearer <token>`. No cookies: no CSRF, and it works from an intranet page on another origin.',
        },
        selfToken: {
          type: 'http',
          scheme: 'bearer',
          description: "The token of POST /self/lookup (30 minutes, for that registration only), as `Authorization: Bearer <token>`.",
        },
      },
      parameters: {
        'Idempotency-Key': {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          description:
            'One per logical submission (a random UUID), the same on every retry. Without it: 400 idempotency-key-missing.',
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: IDEMPOTENCY_KEY_PATTERN.source },
          example: '0b6f5a3e-8d1c-4c57-9a52-1f3e2d4c5b6a',
        },
        'Ak1-Proof': {
          name: 'Ak1-Proof',
          in: 'header',
          required: false,
          description:
            'The solution of a challenge from `GET /challenge`, when the backend requires one: base64 of ALTCHA v1\'s JSON payload ' +
            '`{"algorithm","challenge","number","salt","signature"}` (`number` a whole number). Kept for every retry of the same submission.',
          schema: { type: 'string', maxLength: 2048 },
        },
      },
      headers: {
        'Retry-After': {
          description: 'Seconds to wait before trying again. Send it with 429, 503 and 409 request-in-progress.',
          schema: { type: 'integer', minimum: 0 },
        },
      },
    },
  };
}

/** docs/openapi.yaml as text: deterministic, so a test can compare it byte for byte. */
export function openApiYaml(): string {
  const header =
    // No repository path here: this file ships in the npm package.
    '# Generated by `npm run openapi` from the zod schemas of ak1-form (its schema module).\n' +
    '# Do not edit by hand: a test fails when this file differs from what the schemas produce.\n';
  return header + stringify(buildOpenApiDocument(), {
    lineWidth: 0,
    aliasDuplicateObjects: false,
    // YAML 1.1 quoting: a reader that still speaks 1.1 (PHP's and Python's common ones) must not turn 2026-12-01 into a date.
    version: '1.1',
  });
}
