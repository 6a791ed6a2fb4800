import * as z from 'zod/mini';
import type { RegistrationStatus } from './codes.js';
import { hasForbiddenCharacter } from './characters.js';
import { LIMITS } from './limits.js';

/*
 * A registration's life after the applicant presses Kirim (design.md, "The registration's life"): the statuses,
 * which of them hold the NIK, who may move a registration from one to another, the events of its history and the
 * office's reason catalogue. One table, read by the server (which enforces it), the office component (which shows
 * only the buttons that apply) and the docs. Display texts live in `i18n/`.
 */

/** Statuses in which a registration holds its NIK (no second registration) and its visit seat. */
export const ACTIVE_STATUSES = ['RECEIVED', 'NEEDS_CORRECTION', 'VERIFIED', 'SIGNED'] as const satisfies readonly RegistrationStatus[];

/** Statuses that print as the signed card (design.md, "The card"). */
export const SIGNED_STATUSES = ['SIGNED', 'PLACED'] as const satisfies readonly RegistrationStatus[];

/** Every allowed status change; anything else is `422 transition-not-allowed`. `EXPIRED` is only ever computed. */
export const STATUS_TRANSITIONS: Readonly<Record<RegistrationStatus, readonly RegistrationStatus[]>> = {
  RECEIVED: ['NEEDS_CORRECTION', 'VERIFIED', 'REJECTED', 'CANCELLED'],
  NEEDS_CORRECTION: ['RECEIVED', 'REJECTED', 'CANCELLED'],
  VERIFIED: ['SIGNED', 'NEEDS_CORRECTION', 'REJECTED'],
  // The holder may withdraw (design.md, "Decisions").
  SIGNED: ['PLACED', 'CANCELLED'],
  PLACED: [],
  REJECTED: [],
  CANCELLED: [],
  EXPIRED: [],
};

/** Officers' roles. A Pengantar Kerja may do all a petugas may; an admin manages accounts and reads the audit. */
export const OFFICER_ROLES = ['petugas', 'pengantar-kerja', 'admin'] as const;
export type Ak1OfficerRole = (typeof OFFICER_ROLES)[number];

/** The names of history events (design.md, "Decisions": History). */
export const HISTORY_EVENTS = [
  'submit',
  'check-in',
  'verify',
  'request-correction',
  'correct',
  'reject',
  'sign',
  'print',
  'collect',
  'edit',
  'report',
  'place',
  'cancel',
  'reschedule',
  'reissue-code',
  'karirhub',
  'view',
  'expire',
  'erase',
  'login',
  'logout',
] as const;
export type Ak1HistoryEvent = (typeof HISTORY_EVENTS)[number];

/** What an officer may do to a registration through `POST /office/registrations/{number}/actions`. */
export const OFFICE_ACTIONS = [
  'check-in',
  'verify',
  'request-correction',
  'reject',
  'sign',
  'print',
  'collect',
  'edit',
  'report',
  'place',
  'cancel',
  'reissue-code',
  'karirhub',
] as const;
export type Ak1OfficeAction = (typeof OFFICE_ACTIONS)[number];

export interface Ak1ActionRule {
  /** The statuses the action may start from. */
  from: readonly RegistrationStatus[];
  /** The status it leads to; absent when the status stays. */
  to?: RegistrationStatus;
  /** The roles, any of which may take it. */
  roles: readonly Ak1OfficerRole[];
  /** Whether it needs at least one reason from the catalogue. */
  needsReason?: boolean;
}

const COUNTER: readonly Ak1OfficerRole[] = ['petugas', 'pengantar-kerja'];

/**
 * Each office action: where it may start, where it leads, who may take it. The status changes here are exactly
 * those of `STATUS_TRANSITIONS` (a test holds the two together).
 */
export const OFFICE_ACTION_RULES: Readonly<Record<Ak1OfficeAction, Ak1ActionRule>> = {
  'check-in': { from: ['RECEIVED', 'NEEDS_CORRECTION', 'VERIFIED'], roles: COUNTER },
  verify: { from: ['RECEIVED'], to: 'VERIFIED', roles: COUNTER },
  'request-correction': { from: ['RECEIVED', 'VERIFIED'], to: 'NEEDS_CORRECTION', roles: COUNTER, needsReason: true },
  reject: { from: ['RECEIVED', 'NEEDS_CORRECTION', 'VERIFIED'], to: 'REJECTED', roles: COUNTER, needsReason: true },
  sign: { from: ['VERIFIED'], to: 'SIGNED', roles: ['pengantar-kerja'] },
  print: { from: ['SIGNED', 'PLACED'], roles: COUNTER },
  collect: { from: ['SIGNED', 'PLACED'], roles: COUNTER },
  edit: { from: ['RECEIVED', 'NEEDS_CORRECTION', 'VERIFIED'], roles: COUNTER },
  report: { from: ['SIGNED'], roles: COUNTER },
  place: { from: ['SIGNED'], to: 'PLACED', roles: COUNTER },
  // An officer cancels for a no-show or at the holder's request.
  cancel: { from: ['RECEIVED', 'NEEDS_CORRECTION', 'SIGNED'], to: 'CANCELLED', roles: COUNTER },
  'reissue-code': { from: ['RECEIVED', 'NEEDS_CORRECTION', 'VERIFIED', 'SIGNED', 'PLACED'], roles: COUNTER },
  // "Sudah diinput ke Karirhub": the signed card was re-keyed into Kemnaker's Karirhub, with the number it got there.
  karirhub: { from: ['SIGNED', 'PLACED'], roles: COUNTER },
};

/** Whether the roles include one that may take `action` (a Pengantar Kerja may do all a petugas may). */
export function mayTake(action: Ak1OfficeAction, roles: readonly string[]): boolean {
  return OFFICE_ACTION_RULES[action].roles.some((role) => roles.includes(role));
}

/** Why an action cannot be taken now, or `undefined` when it can. */
export function refusalOf(
  action: Ak1OfficeAction,
  status: string,
  roles: readonly string[],
): 'forbidden' | 'transition-not-allowed' | undefined {
  if (!mayTake(action, roles)) return 'forbidden';
  return (OFFICE_ACTION_RULES[action].from as readonly string[]).includes(status) ? undefined : 'transition-not-allowed';
}

/** Whether a registration in `status` holds its NIK and its seat. */
export function isActiveStatus(status: string): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status);
}

/** The office's reasons for `NEEDS_CORRECTION` and `REJECTED` (texts in `i18n/<lang>/lifecycle.ts`). */
export const REASON_CODES = [
  'photo',
  'document-unreadable',
  'data-mismatch',
  'nik-not-own',
  'not-working-age',
  'not-domiciled',
  'duplicate',
  'other',
] as const;
export type Ak1ReasonCode = (typeof REASON_CODES)[number];

/** The field a reason points at when the officer names none: the photo step for a photo reason. */
export const REASON_DEFAULT_PATHS: Partial<Record<Ak1ReasonCode, readonly string[]>> = {
  photo: ['photo'],
  'nik-not-own': ['nik'],
  'not-working-age': ['birthDate'],
  'not-domiciled': ['address'],
};

const note = z.string().check(
  z.maxLength(LIMITS.noteLength),
  z.refine((value) => !hasForbiddenCharacter(value)),
);
const fieldPath = z.array(z.union([z.string().check(z.maxLength(64)), z.int().check(z.gte(0), z.lte(99))])).check(z.maxLength(8));

/** One reason of a correction request or a refusal: a catalogue code, optionally tied to a field, with a note. */
export const ak1ReasonSchema = z.object({
  code: z.enum(REASON_CODES),
  path: z.optional(fieldPath),
  note: z.optional(note),
});
export type Ak1Reason = z.output<typeof ak1ReasonSchema>;

/** One changed field of an `edit` or a `correct`: its path with the value before and after (no attachments' bytes). */
export const ak1FieldChangeSchema = z.object({
  path: fieldPath,
  before: z.optional(z.unknown()),
  after: z.optional(z.unknown()),
});
export type Ak1FieldChange = z.output<typeof ak1FieldChangeSchema>;

/** One entry of a registration's history. Applicants see it without officers' names. */
export const ak1HistoryEntrySchema = z.object({
  at: z.iso.datetime({ offset: true }),
  actor: z.object({
    kind: z.enum(['applicant', 'officer', 'system']),
    id: z.optional(z.string().check(z.maxLength(64))),
    name: z.optional(z.string().check(z.maxLength(LIMITS.nameLength))),
  }),
  event: z.string().check(z.regex(/^[a-z][a-z-]{0,39}$/)) as z.ZodMiniType<Ak1HistoryEvent | (string & {}), unknown>,
  from: z.optional(z.string().check(z.maxLength(64))),
  to: z.optional(z.string().check(z.maxLength(64))),
  /** A correction request's or a refusal's reasons (a list under design.md's name: one request may give several). */
  reason: z.optional(z.array(ak1ReasonSchema).check(z.maxLength(16))),
  changes: z.optional(z.array(ak1FieldChangeSchema).check(z.maxLength(200))),
  note: z.optional(note),
});
export type Ak1HistoryEntry = z.output<typeof ak1HistoryEntrySchema>;
