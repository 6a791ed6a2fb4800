import * as z from 'zod/mini';
import { REGISTRATION_STATUSES, type RegistrationStatus } from './codes.js';
import { hasForbiddenCharacter } from './characters.js';
import { isCalendarDate } from './dates.js';

/*
 * What backends send back. Replies are untrusted input: every field is bounded and checked, and unknown
 * keys are dropped rather than refused, so a backend may add fields of its own.
 */

const calendarDate = z.string().check(z.refine(isCalendarDate, 'A calendar date, YYYY-MM-DD.'));
const timeOfDay = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));
const timestamp = z.iso.datetime({ offset: true });
/** Short display text from the server: bounded, and free of controls and bidi overrides. */
const displayText = (max: number) =>
  z.string().check(z.minLength(1), z.maxLength(max), z.refine((value) => !hasForbiddenCharacter(value)));
const httpUrl = z.string().check(
  z.maxLength(2048),
  z.refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'An http(s) URL.'),
);
/** A compact JWS: three base64url parts. */
const token = z.string().check(z.maxLength(2048), z.regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/));

export const ak1AppointmentSchema = z.object({
  date: calendarDate,
  start: timeOfDay,
  end: timeOfDay,
  place: displayText(200),
  queueNumber: z.optional(displayText(20)),
});

/** The statuses this version knows (design.md, "The registration's life"). */
export type Ak1RegistrationStatus = RegistrationStatus;

/**
 * A registration's `status`: any code in the contract's shape for codes (upper snake case, at most 64
 * characters), typed as the known statuses (for autocompletion) or any other string. A backend newer than
 * this client may send a status it does not know yet; that reply is still a registration (shown as "sedang
 * diproses"), never a refused reply whose outcome is unknown.
 */
const registrationStatus = z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,63}$/)) as z.ZodMiniType<
  Ak1RegistrationStatus | (string & {}),
  unknown
>;

/** The backend's reply to a registration (`201`, or `200` for a replay). */
export const ak1RegistrationSchema = z.object({
  registrationNumber: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/)),
  registeredAt: timestamp,
  validUntil: calendarDate,
  reportDueDates: z.tuple([calendarDate, calendarDate, calendarDate]),
  status: registrationStatus,
  verification: z.object({ url: httpUrl, token }),
  appointment: z.optional(ak1AppointmentSchema),
  /**
   * Only in the `201` reply to a new registration: the code that, with the number and the NIK, opens
   * `{endpoint}/self/lookup`. The server keeps only its hash, so no later reply (a replay's `200` included) has it.
   */
  accessCode: z.optional(z.string().check(z.regex(/^[A-HJ-NP-Z2-9]{8}$/))),
});

/** `GET {endpoint}/availability`: open days and the room left in them. */
export const ak1AvailabilitySchema = z.object({
  days: z
    .array(
      z.object({
        date: calendarDate,
        open: z.boolean(),
        remaining: z.int().check(z.gte(0)),
        windows: z.array(z.object({ start: timeOfDay, end: timeOfDay, remaining: z.int().check(z.gte(0)) })).check(z.maxLength(48)),
      }),
    )
    .check(z.maxLength(366)),
});

/**
 * `GET {endpoint}/verify/{token}`: what a printed card's QR code confirms, without the NIK: the status (loose, as in
 * `ak1RegistrationSchema`), the registration number to compare with the card's, and once signed the signing date.
 */
export const ak1VerificationSchema = z.object({
  valid: z.boolean(),
  status: z.optional(registrationStatus),
  registrationNumber: z.optional(z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/))),
  initials: z.optional(displayText(40)),
  registeredAt: z.optional(timestamp),
  /** The signing date ("Dikeluarkan"), once a Pengantar Kerja has signed. */
  issuedAt: z.optional(calendarDate),
  validUntil: z.optional(calendarDate),
});

/** An RFC 9457 problem of the backend contract (`urn:ak1:problem:<name>`). */
export const ak1ProblemSchema = z.object({
  type: z.string().check(z.maxLength(200)),
  title: z.optional(z.string().check(z.maxLength(500))),
  status: z.optional(z.int()),
  detail: z.optional(z.string().check(z.maxLength(2000))),
  errors: z.optional(
    z.array(z.object({ path: z.array(z.union([z.string().check(z.maxLength(64)), z.int()])).check(z.maxLength(8)), code: z.string().check(z.maxLength(120)) })).check(z.maxLength(500)),
  ),
});

export type Ak1Registration = z.output<typeof ak1RegistrationSchema>;
export type Ak1Appointment = z.output<typeof ak1AppointmentSchema>;
export type Ak1Availability = z.output<typeof ak1AvailabilitySchema>;
export type Ak1Verification = z.output<typeof ak1VerificationSchema>;
export type Ak1Problem = z.output<typeof ak1ProblemSchema>;

/** `GET {endpoint}/keys`: the Ed25519 public keys that sign verification tokens, as a JWK set. */
export const ak1KeySetSchema = z.object({
  keys: z
    .array(
      z.object({
        kty: z.literal('OKP'),
        crv: z.literal('Ed25519'),
        x: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
        kid: z.string().check(z.minLength(1), z.maxLength(200)),
        alg: z.optional(z.enum(['EdDSA', 'Ed25519'])),
        use: z.optional(z.literal('sig')),
      }),
    )
    .check(z.minLength(1), z.maxLength(20)),
});

export type Ak1KeySet = z.output<typeof ak1KeySetSchema>;
