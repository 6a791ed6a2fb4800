import * as z from 'zod/mini';
import type { RegistrationStatus } from './codes.js';
import { isCalendarDate } from './dates.js';
import { ak1HistoryEntrySchema } from './lifecycle.js';
import { ak1OfficeRegistrationSchema, ak1ReportSchema } from './office.js';
import { ak1ProblemSchema } from './registration.js';

/*
 * The applicant's return visit (design.md, "The applicant comes back"): what `{endpoint}/self/…` takes and answers.
 * The reference server validates requests with these; the client validates replies with them; docs/openapi.yaml is
 * generated from them. Every POST takes an `Idempotency-Key`; every route but the lookup takes the lookup's token as
 * `Authorization: Bearer …`.
 */

const calendarDate = z.string().check(z.refine(isCalendarDate, 'A calendar date, YYYY-MM-DD.'));
const timestamp = z.iso.datetime({ offset: true });
const version = z.int().check(z.gte(1));

/** An access code as the `201` reply gives it: 8 characters of `ABCDEFGHJKLMNPQRSTUVWXYZ23456789` (no 0/O, 1/I). */
export const ACCESS_CODE_PATTERN = /^[A-HJ-NP-Z2-9]{8}$/;

/**
 * The applicant's own actions after a lookup: where each may start and where it leads (`to` absent: the status
 * stays; `report` of kind `placed` leads to `PLACED`). The status changes are those of `STATUS_TRANSITIONS`.
 */
export const SELF_ACTION_RULES = {
  correction: { from: ['NEEDS_CORRECTION'], to: 'RECEIVED' },
  // The visit is for the office to check the originals: until the card is signed.
  reschedule: { from: ['RECEIVED', 'NEEDS_CORRECTION', 'VERIFIED'] },
  cancel: { from: ['RECEIVED', 'NEEDS_CORRECTION', 'SIGNED'], to: 'CANCELLED' },
  report: { from: ['SIGNED'] },
} as const satisfies Record<string, { from: readonly RegistrationStatus[]; to?: RegistrationStatus }>;
export type Ak1SelfAction = keyof typeof SELF_ACTION_RULES;

/** Whether the applicant may take `action` on a registration in `status`. */
export function selfActionAllowed(action: Ak1SelfAction, status: string): boolean {
  return (SELF_ACTION_RULES[action].from as readonly string[]).includes(status);
}

/** The fields a correction cannot change (the office can, with the KTP in hand): the form shows them read-only. */
export const SELF_CORRECTION_FIXED_FIELDS = ['nik', 'birthDate'] as const;

/** `POST {endpoint}/self/lookup`. The NIK may be typed with spaces; the code in any case. */
export const ak1SelfLookupRequestSchema = z.object({
  registrationNumber: z.string().check(z.minLength(1), z.maxLength(40)),
  nik: z.string().check(z.minLength(1), z.maxLength(40)),
  accessCode: z.string().check(z.minLength(1), z.maxLength(40)),
});
export type Ak1SelfLookupRequest = z.output<typeof ak1SelfLookupRequestSchema>;

/** The registration as the applicant sees it: the office's shape without what is the office's own. */
export const ak1SelfRegistrationSchema = z.omit(ak1OfficeRegistrationSchema, { warnings: true, karirhubNumber: true, checkedInAt: true });
export type Ak1SelfRegistration = z.output<typeof ak1SelfRegistrationSchema>;

/**
 * The lookup's reply. `application` carries the photo, and of each document only its `kind` and `mediaType`
 * (no bytes); `history` has no officer's name or id (`actor` is `{ kind }` only). The application is checked
 * loosely here, as the office's record is (one made by an older release must still open).
 */
export const ak1SelfLookupReplySchema = z.object({
  /** The bearer token for the routes below. */
  token: z.string().check(z.maxLength(1024), z.regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)),
  expiresAt: timestamp,
  registration: ak1SelfRegistrationSchema,
  application: z.record(z.string(), z.unknown()),
  history: z.array(ak1HistoryEntrySchema).check(z.maxLength(10_000)),
  version,
});
export type Ak1SelfLookupReply = z.output<typeof ak1SelfLookupReplySchema>;

/**
 * `POST {endpoint}/self/correction`: the whole application again, at the version the applicant saw. Documents left
 * out (or sent as the lookup gave them, without `dataBase64`) and a photo left out are kept as they were.
 */
export const ak1SelfCorrectionRequestSchema = z.object({
  application: z.record(z.string(), z.unknown()),
  version,
});
export type Ak1SelfCorrectionRequest = z.output<typeof ak1SelfCorrectionRequestSchema>;

/** `POST {endpoint}/self/reschedule`. `version`, when given, must be the registration's current one. */
export const ak1SelfRescheduleRequestSchema = z.object({
  preferredVisitDate: calendarDate,
  version: z.optional(version),
});
export type Ak1SelfRescheduleRequest = z.output<typeof ak1SelfRescheduleRequestSchema>;

/** `POST {endpoint}/self/cancel` (the body may be empty). */
export const ak1SelfCancelRequestSchema = z.object({
  version: z.optional(version),
});
export type Ak1SelfCancelRequest = z.output<typeof ak1SelfCancelRequestSchema>;

/** `POST {endpoint}/self/report`: the six-monthly report (`placed` moves a `SIGNED` registration to `PLACED`). */
export const ak1SelfReportRequestSchema = z.extend(ak1ReportSchema, {
  version: z.optional(version),
});
export type Ak1SelfReportRequest = z.output<typeof ak1SelfReportRequestSchema>;

/** The reply of every self-service action: the registration as it now is, and its version. */
export const ak1SelfActionReplySchema = z.object({
  registration: ak1SelfRegistrationSchema,
  version,
});
export type Ak1SelfActionReply = z.output<typeof ak1SelfActionReplySchema>;

/**
 * What `422 report-window-closed` (a report outside every report's window, or one made already) adds to the problem:
 * `opensOn`, the date the next report can be made (the district's calendar), present only when one is left to open.
 * No `opensOn` means no report opens again for this registration (all made, or the last window has passed).
 */
export const ak1ReportWindowClosedExtensionSchema = z.object({
  opensOn: z.optional(calendarDate),
});

/** The whole `report-window-closed` problem: the contract's problem with `opensOn`. */
export const ak1ReportWindowClosedProblemSchema = z.extend(ak1ProblemSchema, ak1ReportWindowClosedExtensionSchema.shape);
export type Ak1ReportWindowClosedProblem = z.output<typeof ak1ReportWindowClosedProblemSchema>;
