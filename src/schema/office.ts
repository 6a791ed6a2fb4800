import * as z from 'zod/mini';
import { hasForbiddenCharacter } from './characters.js';
import { isCalendarDate } from './dates.js';
import {
  ak1FieldChangeSchema,
  ak1HistoryEntrySchema,
  ak1ReasonSchema,
  OFFICE_ACTIONS,
  OFFICER_ROLES,
} from './lifecycle.js';
import { LIMITS } from './limits.js';
import { ak1AppointmentSchema, ak1RegistrationSchema } from './registration.js';

/*
 * The office half of the contract (design.md, "The office"): what `{endpoint}/office/…` takes and answers. The
 * reference server validates requests with these; `createAk1OfficeClient` validates replies with them (replies are
 * untrusted input too); docs/openapi.yaml is generated from them.
 */

const calendarDate = z.string().check(z.refine(isCalendarDate, 'A calendar date, YYYY-MM-DD.'));
const timestamp = z.iso.datetime({ offset: true });
const displayText = (max: number) =>
  z.string().check(z.minLength(1), z.maxLength(max), z.refine((value) => !hasForbiddenCharacter(value)));
const registrationNumber = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/));

/** A username: lower case letters, digits, dots, dashes and underscores, 2–40 characters. */
export const OFFICER_USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;
/** An NIP (Nomor Induk Pegawai): 18 digits. */
export const NIP_PATTERN = /^\d{18}$/;
/** The shortest password an officer may choose (design.md, "The office"). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export const ak1OfficerSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  username: z.string().check(z.regex(OFFICER_USERNAME_PATTERN)),
  name: displayText(LIMITS.nameLength),
  nip: z.optional(z.string().check(z.regex(NIP_PATTERN))),
  roles: z.array(z.enum(OFFICER_ROLES)).check(z.minLength(1), z.maxLength(OFFICER_ROLES.length)),
});
export type Ak1Officer = z.output<typeof ak1OfficerSchema>;

/** `POST {endpoint}/office/login`. */
export const ak1LoginRequestSchema = z.object({
  username: z.string().check(z.minLength(1), z.maxLength(64)),
  password: z.string().check(z.minLength(1), z.maxLength(MAX_PASSWORD_LENGTH)),
  code: z.optional(z.string().check(z.regex(/^\d{6}$/))),
});
export type Ak1LoginRequest = z.output<typeof ak1LoginRequestSchema>;

export const ak1LoginReplySchema = z.object({
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  expiresAt: timestamp,
  officer: ak1OfficerSchema,
  passwordChangeRequired: z.optional(z.boolean()),
});
export type Ak1LoginReply = z.output<typeof ak1LoginReplySchema>;

/** `POST {endpoint}/office/password`. */
export const ak1PasswordChangeSchema = z.object({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(MAX_PASSWORD_LENGTH)),
  newPassword: z.string().check(z.minLength(MIN_PASSWORD_LENGTH), z.maxLength(MAX_PASSWORD_LENGTH)),
});
export type Ak1PasswordChange = z.output<typeof ak1PasswordChangeSchema>;

/** One line of the day's queue or of a search: never the whole NIK. */
export const ak1RegistrationSummarySchema = z.object({
  registrationNumber,
  status: z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,63}$/)),
  fullName: displayText(LIMITS.nameLength),
  /** The NIK's last four digits, the rest as `•`. */
  nikMasked: z.string().check(z.regex(/^•{12}\d{4}$/)),
  appointment: z.optional(ak1AppointmentSchema),
  checkedInAt: z.optional(timestamp),
  registeredAt: timestamp,
});
export type Ak1RegistrationSummary = z.output<typeof ak1RegistrationSummarySchema>;

export const ak1RegistrationListSchema = z.object({
  registrations: z.array(ak1RegistrationSummarySchema).check(z.maxLength(5000)),
});

/** `POST {endpoint}/office/registrations/search`: a number, a NIK or part of a name, kept out of URLs. */
export const ak1SearchRequestSchema = z.object({
  q: z.string().check(z.minLength(2), z.maxLength(LIMITS.nameLength)),
});

/**
 * A registration as the office sees it: the applicant's reply plus the lifecycle's fields
 * (design.md, "Decisions": `issuedAt`, `signedBy`, `reports`).
 */
export const ak1OfficeRegistrationSchema = z.extend(ak1RegistrationSchema, {
  issuedAt: z.optional(calendarDate),
  signedBy: z.optional(
    z.object({
      name: displayText(LIMITS.nameLength),
      nip: z.optional(z.string().check(z.regex(NIP_PATTERN))),
      title: z.optional(displayText(LIMITS.textLength)),
    }),
  ),
  reports: z.optional(
    z
      .array(
        z.object({
          due: calendarDate,
          madeAt: z.optional(timestamp),
          kind: z.optional(z.enum(['seeking', 'placed'])),
        }),
      )
      .check(z.maxLength(3)),
  ),
  checkedInAt: z.optional(timestamp),
  warnings: z.optional(z.array(z.object({ path: z.array(z.union([z.string(), z.int()])), code: z.string() })).check(z.maxLength(50))),
  karirhubNumber: z.optional(displayText(40)),
});
export type Ak1OfficeRegistration = z.output<typeof ak1OfficeRegistrationSchema>;

/**
 * `GET {endpoint}/office/registrations/{number}`. The application is checked loosely here (a record made by an
 * older release must still open); the office component reads it field by field.
 */
export const ak1OfficeRecordSchema = z.object({
  registration: ak1OfficeRegistrationSchema,
  application: z.record(z.string(), z.unknown()),
  history: z.array(ak1HistoryEntrySchema).check(z.maxLength(10_000)),
  version: z.int().check(z.gte(1)),
});
export type Ak1OfficeRecord = z.output<typeof ak1OfficeRecordSchema>;

/** A report made at the counter (or by the applicant): still seeking, or placed with an employer. */
export const ak1ReportSchema = z.object({
  kind: z.enum(['seeking', 'placed']),
  employer: z.optional(displayText(LIMITS.textLength)),
  position: z.optional(displayText(LIMITS.positionTitleLength)),
  startDate: z.optional(calendarDate),
});
export type Ak1Report = z.output<typeof ak1ReportSchema>;

/** `POST {endpoint}/office/registrations/{number}/actions`. */
export const ak1OfficeActionRequestSchema = z.object({
  action: z.enum(OFFICE_ACTIONS),
  version: z.int().check(z.gte(1)),
  /** The reasons of `request-correction` and `reject`: a list under design.md's name, as a request may give several. */
  reason: z.optional(z.array(ak1ReasonSchema).check(z.minLength(1), z.maxLength(16))),
  note: z.optional(z.string().check(z.maxLength(LIMITS.noteLength), z.refine((value) => !hasForbiddenCharacter(value)))),
  /** For `edit`: the fields to set, by path, with their new values (validated as a whole application). */
  changes: z.optional(z.array(z.pick(ak1FieldChangeSchema, { path: true, after: true })).check(z.minLength(1), z.maxLength(50))),
  /** For `report` and `place`. */
  report: z.optional(ak1ReportSchema),
  /** For `place` (design.md calls it `placement`; the same shape as a placed report). */
  placement: z.optional(ak1ReportSchema),
  /** For `karirhub`: the registration's number in Karirhub, once an officer has re-keyed it there. */
  karirhubNumber: z.optional(displayText(40)),
});
export type Ak1OfficeActionRequest = z.output<typeof ak1OfficeActionRequestSchema>;

export const ak1OfficeActionReplySchema = z.object({
  registration: ak1OfficeRegistrationSchema,
  version: z.int().check(z.gte(1)),
  /** Only for `reissue-code`: the new access code, shown once to the applicant. */
  accessCode: z.optional(z.string().check(z.regex(/^[A-Z2-9]{8}$/))),
});
export type Ak1OfficeActionReply = z.output<typeof ak1OfficeActionReplySchema>;

/** `GET {endpoint}/office/audit?from=&to=` (admin): history entries of every record, logins included. */
export const ak1AuditSchema = z.object({
  entries: z
    .array(z.extend(ak1HistoryEntrySchema, { registrationNumber: z.optional(registrationNumber) }))
    .check(z.maxLength(100_000)),
});
export type Ak1Audit = z.output<typeof ak1AuditSchema>;

/** `GET {endpoint}/office/settings`: what the counter needs to print the card as the district does. */
export const ak1OfficeSettingsSchema = z.object({
  district: z.object({
    name: displayText(LIMITS.textLength),
    officeName: z.optional(displayText(LIMITS.textLength)),
    timeZone: z.optional(displayText(64)),
  }),
  card: z.optional(
    z.object({
      signerTitle: z.optional(displayText(LIMITS.textLength)),
      terms: z.optional(z.array(displayText(LIMITS.noteLength)).check(z.maxLength(12))),
      overlay: z.optional(z.record(z.string(), z.unknown())),
      logo: z.optional(z.string().check(z.maxLength(200_000))),
    }),
  ),
});
export type Ak1OfficeSettings = z.output<typeof ak1OfficeSettingsSchema>;
