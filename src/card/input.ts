import * as z from 'zod/mini';
import { parseNik } from '../nik/index.js';
import {
  EDUCATION_LEVELS,
  MARITAL_STATUSES,
  RELIGIONS,
  SEXES,
  ak1RegistrationSchema,
  isCalendarDate,
  isPrintableText,
  matchesMediaType,
  type Ak1OfficeRegistration,
  type Ak1Registration,
  type SIGNED_STATUSES,
} from '../schema/index.js';
import { toAk1Issues } from '../schema/issues.js';
import { Ak1CardError, type Ak1CardErrorCode, type Ak1CardIssue } from './errors.js';
import { cardOptionsSchema, type Ak1CardImage, type Ak1CardOptions } from './options.js';

/*
 * renderCardPdf is part of the SDK, so what it gets may never have been through validateApplication.
 * It does not insist on the whole schema (a developer may print a card for an application kept from an
 * older version, or with a name longer than the form allows: long values are set smaller). It insists on
 * what a sound card needs: every printed field present, of its type, in characters the font has, and
 * codes it can label. Lengths are capped only to keep the work bounded.
 */

const MAX_TEXT_LENGTH = 1000;
const MAX_LIST_LENGTH = 100;
/** Past this the photo is not a passport photo but a mistake, and the PDF would balloon. */
const MAX_PHOTO_BYTES = 1024 * 1024;

const text = z.string().check(
  // Printed exactly as stored; a decomposed "ā" from a caller is composed first, as the schema does.
  z.overwrite((value) => value.normalize('NFC').trim()),
  z.minLength(1),
  z.maxLength(MAX_TEXT_LENGTH),
  z.refine(isPrintableText, 'format'),
);
const year = z.int().check(z.gte(1900), z.lte(2200));
const list = <T extends z.ZodMiniType>(item: T) => z.array(item).check(z.maxLength(MAX_LIST_LENGTH));

const printableApplication = z.looseObject({
  nik: z.string().check(z.refine((value) => parseNik(value).ok, 'format')),
  fullName: text,
  birthPlace: text,
  birthDate: z.string().check(z.refine(isCalendarDate, 'format')),
  sex: z.enum(SEXES),
  religion: z.enum(RELIGIONS),
  maritalStatus: z.enum(MARITAL_STATUSES),
  phone: z.string().check(z.regex(/^\+?\d{6,20}$/)),
  email: z.optional(text),
  address: z.looseObject({
    street: text,
    rt: z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
    rw: z.optional(z.string().check(z.regex(/^\d{1,3}$/))),
    villageCode: z.string().check(z.regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/)),
    postalCode: z.string().check(z.regex(/^\d{5}$/)),
  }),
  education: list(
    z.looseObject({ level: z.enum(EDUCATION_LEVELS), institution: text, major: z.optional(text), graduationYear: year }),
  ),
  skills: z.optional(list(z.looseObject({ name: text, provider: z.optional(text), year: z.optional(year) }))),
  workExperience: z.optional(
    list(z.looseObject({ employer: text, position: text, startYear: year, endYear: z.optional(year) })),
  ),
  languages: z.optional(list(text)),
  photo: z.looseObject({ mediaType: z.string(), dataBase64: z.string() }),
});

/**
 * The statuses that print as the signed card: `SIGNED_STATUSES` of schema/lifecycle.ts, held to it by its type.
 * Importing the value (or `ak1OfficeRegistrationSchema`) would bring the office's schemas into the renderer's
 * chunk, 3 kB that printing does not need.
 */
const SIGNED: typeof SIGNED_STATUSES = ['SIGNED', 'PLACED'];

/** What the office's record adds to the applicant's registration (`ak1OfficeRegistrationSchema`), as the card checks it. */
const signedFields = z.object({
  issuedAt: z.optional(z.string().check(z.refine(isCalendarDate, 'format'))),
  signedBy: z.optional(z.object({ name: text, nip: z.optional(text), title: z.optional(text) })),
  reports: z.optional(
    z
      .array(
        z.object({
          due: z.string().check(z.refine(isCalendarDate, 'format')),
          madeAt: z.optional(z.iso.datetime({ offset: true })),
          kind: z.optional(z.enum(['seeking', 'placed'])),
        }),
      )
      .check(z.maxLength(3)),
  ),
});

type SignedFields = Pick<Ak1OfficeRegistration, 'issuedAt' | 'signedBy' | 'reports'>;
// The card reads the fields the office's contract defines, no more and no fewer.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const fieldsMatch: Same<z.output<typeof signedFields>, SignedFields> = true;
void fieldsMatch;

/** A registration as the card reads it: the applicant's reply, with the office's fields where it has them. */
export type CardRegistration = Ak1Registration & SignedFields;

/** The part of an application that the card prints, checked and NFC-normalised. */
export type PrintableApplication = z.output<typeof printableApplication>;

export function checkApplication(input: unknown): { application: PrintableApplication; photo: Uint8Array } {
  const result = z.safeParse(printableApplication, input, { reportInput: true });
  if (!result.success) throw new Ak1CardError('card.application', cardIssues(result.error.issues));
  const { dataBase64 } = result.data.photo;
  // The schema's own signature check, then the size, then the bytes themselves (jsPDF reads the rest).
  if (!matchesMediaType(dataBase64, 'image/jpeg')) fail('card.photo', ['photo', 'dataBase64'], 'notJpeg');
  if (dataBase64.length > (MAX_PHOTO_BYTES * 4) / 3 + 4) fail('card.photo', ['photo', 'dataBase64'], 'tooLarge');
  const photo = decodeBase64(dataBase64);
  if (!photo) fail('card.photo', ['photo', 'dataBase64'], 'format');
  return { application: result.data, photo };
}

/**
 * The registration as the applicant's reply or the office's record has it (`issuedAt`, `signedBy` and `reports`
 * are optional there), with whether it prints as the signed card.
 */
export function checkRegistration(input: unknown): { registration: CardRegistration; signed: boolean } {
  const result = z.safeParse(ak1RegistrationSchema, input, { reportInput: true });
  const signedResult = z.safeParse(signedFields, input, { reportInput: true });
  if (!result.success || !signedResult.success) {
    const issues = [...(result.error?.issues ?? []), ...(signedResult.error?.issues ?? [])];
    throw new Ak1CardError('card.registration', cardIssues(issues));
  }
  const registration: CardRegistration = { ...result.data, ...signedResult.data };
  // A refused or lapsed registration has no card; printing one would look like a valid card.
  if (registration.status === 'REJECTED' || registration.status === 'EXPIRED') {
    fail('card.status', ['status'], registration.status.toLowerCase());
  }
  const signed = (SIGNED as readonly string[]).includes(registration.status);
  // A signed card without its date would be a valid-looking card that no one can date or check against the office.
  if (signed && !registration.issuedAt) fail('card.registration', ['issuedAt'], 'required');
  return { registration, signed };
}

export function checkOptions(input: unknown): Ak1CardOptions {
  const result = z.safeParse(cardOptionsSchema, input ?? {}, { reportInput: true });
  if (!result.success) throw new Ak1CardError('card.options', cardIssues(result.error.issues));
  return result.data;
}

/** The logo's bytes and format, sniffed from the bytes (a data URL's declared type is not trusted). */
export function readLogo(logo: Ak1CardImage): { bytes: Uint8Array; format: 'PNG' | 'JPEG' } {
  let bytes: Uint8Array | undefined;
  if (typeof logo === 'string') bytes = decodeBase64(logo.slice(logo.indexOf(',') + 1));
  else bytes = logo instanceof ArrayBuffer ? new Uint8Array(logo) : logo;
  if (!bytes) fail('card.logo', ['logo'], 'format');
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { bytes, format: 'PNG' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { bytes, format: 'JPEG' };
  fail('card.logo', ['logo'], 'notPngOrJpeg');
}

export function fail(code: Ak1CardErrorCode, path: (string | number)[], rule: string): never {
  throw new Ak1CardError(code, [{ path, rule }]);
}

function cardIssues(issues: readonly z.core.$ZodIssue[]): Ak1CardIssue[] {
  // The schema's mapping from zod's issues to rules, so the card names problems as validation does.
  return toAk1Issues(issues).map(({ path, code }) => ({ path, rule: code.slice(code.lastIndexOf('.') + 1) }));
}

function decodeBase64(base64: string): Uint8Array | undefined {
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return undefined;
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}
