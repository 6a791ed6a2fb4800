import * as z from 'zod/mini';
import { isProvinceCode, parseNik } from '../nik/index.js';
import { normalizePhone } from './phone.js';
import {
  DISABILITY_KINDS,
  DOCUMENT_KINDS,
  DOCUMENT_MEDIA_TYPES,
  EDUCATION_LEVELS,
  JOB_LOCATIONS,
  MARITAL_STATUSES,
  PHOTO_MEDIA_TYPES,
  RELIGIONS,
  SEXES,
} from './codes.js';
import { calendarDateLeaf, digitsLeaf, optionalCalendarDateLeaf, integerLeaf, optionalText, refuse, requiredText, stringLeaf, yearLeaf } from './fields.js';
import { LIMITS } from './limits.js';
import { decodedLength } from './base64.js';

export { decodedLength };

/*
 * The fields of an AK/I application, one schema each. `validateApplication` parses them one by one so that
 * every field reports its own problem; `ak1ApplicationSchema` joins them into one strict object. The rules
 * that compare fields or depend on the day (age, years, visit day) are in `rules.ts`.
 */

const name = requiredText({ kind: 'name', max: LIMITS.nameLength });
const place = requiredText({ kind: 'name', max: LIMITS.placeLength });
const text = requiredText({ kind: 'text', max: LIMITS.textLength });
const optionalPlainText = optionalText({ kind: 'text', max: LIMITS.textLength });

const nik = stringLeaf((raw) => {
  if (raw.trim() === '') return refuse('required');
  const result = parseNik(raw.replace(/\s/g, ''));
  // The century of the NIK's year depends on the day; `rules.ts` reads it again with the caller's `today`.
  if (!result.ok) return refuse(result.error.code.slice('nik.'.length));
  return raw.replace(/\s/g, '');
}, 'The 16-digit NIK of the KTP; spaces are ignored.');

const kkNumber = z.optional(
  stringLeaf((raw) => {
    const value = raw.replace(/\s/g, '');
    if (value === '') return undefined;
    return /^\d{16}$/.test(value) && isProvinceCode(value.slice(0, 2)) ? value : refuse('format');
  }, 'The 16-digit Kartu Keluarga number; spaces are ignored.'),
);

const phone = stringLeaf((raw) => {
  if (raw.trim() === '') return refuse('required');
  return normalizePhone(raw) ?? refuse('format');
}, 'An Indonesian mobile number; normalised to +628… (9 to 13 digits after +62).');

const email = z.optional(
  stringLeaf((raw) => {
    const value = raw.trim();
    if (value === '') return undefined;
    if (value.length > LIMITS.emailLength) return refuse('tooLong');
    return /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(
      value,
    )
      ? value
      : refuse('format');
  }, 'An e-mail address.'),
);

/** RT and RW: one to three digits, padded to three (`3` → `003`). */
const neighbourhood = z.optional(
  stringLeaf((raw) => {
    const value = raw.trim();
    if (value === '') return undefined;
    return /^\d{1,3}$/.test(value) && Number(value) > 0 ? value.padStart(3, '0') : refuse('format');
  }, 'One to three digits, padded to three.'),
);

const regionCode = (pattern: RegExp, description: string) =>
  stringLeaf((raw) => {
    const value = raw.trim();
    if (value === '') return refuse('required');
    return pattern.test(value) ? value : refuse('format');
  }, description);

const address = z.pipe(
  z.strictObject({
    street: text,
    rt: neighbourhood,
    rw: neighbourhood,
    provinceCode: regionCode(/^\d{2}$/, 'Province code, e.g. 36.'),
    regencyCode: regionCode(/^\d{2}\.\d{2}$/, 'Regency code inside the province, e.g. 36.04.'),
    districtCode: regionCode(/^\d{2}\.\d{2}\.\d{2}$/, 'District code inside the regency, e.g. 36.04.05.'),
    villageCode: regionCode(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'Village code inside the district, e.g. 36.04.05.2001.'),
    postalCode: digitsLeaf(/^[1-9]\d{4}$/, 'A five-digit postal code.'),
  }),
  z.transform((value, payload) => {
    // Each code must sit inside the one before it.
    const refuseAt = (field: string, rule: string) => {
      payload.issues.push({ code: 'custom', message: rule, input: value, path: [field] });
      return z.NEVER;
    };
    if (!isProvinceCode(value.provinceCode)) return refuseAt('provinceCode', 'unknown');
    if (!value.regencyCode.startsWith(`${value.provinceCode}.`)) return refuseAt('regencyCode', 'notInProvince');
    if (!value.districtCode.startsWith(`${value.regencyCode}.`)) return refuseAt('districtCode', 'notInRegency');
    if (!value.villageCode.startsWith(`${value.districtCode}.`)) return refuseAt('villageCode', 'notInDistrict');
    return value;
  }),
);

const education = z.strictObject({
  level: z.enum(EDUCATION_LEVELS),
  institution: text,
  major: optionalPlainText,
  graduationYear: yearLeaf(),
});

const skill = z.strictObject({
  name: text,
  provider: optionalPlainText,
  year: z.optional(yearLeaf()),
});

const workExperience = z.strictObject({
  employer: text,
  position: text,
  startYear: yearLeaf(),
  endYear: z.optional(yearLeaf()),
});

const jobPosition = z.strictObject({
  title: requiredText({ kind: 'text', max: LIMITS.positionTitleLength }),
  kbji: z.optional(
    stringLeaf((raw) => {
      const value = raw.trim();
      if (value === '') return undefined;
      return /^\d{1,5}$/.test(value) ? value : refuse('format');
    }, 'A KBJI 2014 occupation code (up to five digits).'),
  ),
});

const expectedWage = z.pipe(
  z.strictObject({
    min: z.optional(integerLeaf(0, 1_000_000_000)),
    max: z.optional(integerLeaf(0, 1_000_000_000)),
  }),
  z.transform((value, payload) => {
    if (value.min === undefined && value.max === undefined) {
      payload.issues.push({ code: 'custom', message: 'required', input: value });
      return z.NEVER;
    }
    if (value.min !== undefined && value.max !== undefined && value.min > value.max) {
      payload.issues.push({ code: 'custom', message: 'minAboveMax', input: value, path: ['max'] });
      return z.NEVER;
    }
    return value;
  }),
);

const jobPreferences = z.strictObject({
  positions: z.array(jobPosition).check(z.minLength(1), z.maxLength(LIMITS.positions)),
  location: z.enum(JOB_LOCATIONS),
  expectedWage: z.optional(expectedWage),
});

const disability = z.strictObject({
  kinds: z.pipe(
    z.array(z.enum(DISABILITY_KINDS)).check(z.minLength(1), z.maxLength(LIMITS.disabilityKinds)),
    z.transform((kinds) => [...new Set(kinds)]),
  ),
  note: optionalText({ kind: 'text', max: LIMITS.noteLength }),
});

/** Base64 bytes whose first bytes match the media type, and no larger than `maxBytes` once decoded. */
function attachmentData(maxBytes: number) {
  return stringLeaf((raw) => {
    if (raw === '') return refuse('required');
    // Check the size from the length first: decoding a hostile 100 MB string is the work to avoid.
    if (decodedLength(raw) > maxBytes) return refuse('tooLarge');
    if (!isPaddedBase64(raw)) return refuse('format');
    return raw;
  }, `Base64 bytes, at most ${maxBytes} once decoded.`);
}

/**
 * Base64 with its padding and nothing else (`^[A-Za-z0-9+/]*={0,2}$`, length a multiple of 4). atob checks the
 * alphabet and the padding natively, about 15 times faster on a 55 kB photo than that pattern (the largest item
 * of the server's validation in its profile, docs/performance.md); what atob forgives beyond it is ASCII
 * whitespace, so that is refused apart.
 */
function isPaddedBase64(raw: string): boolean {
  if (raw.length % 4 !== 0) return false;
  for (const space of [' ', '\n', '\r', '\t', '\f']) if (raw.includes(space)) return false;
  try {
    atob(raw);
  } catch {
    return false;
  }
  return true;
}

const MAGIC: Record<string, number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
};

/** True when the base64 data starts with the signature of its media type. */
export function matchesMediaType(base64: string, mediaType: string): boolean {
  const magic = MAGIC[mediaType];
  if (!magic) return false;
  let head: string;
  try {
    head = atob(base64.slice(0, 8));
  } catch {
    return false;
  }
  return magic.every((byte, i) => head.charCodeAt(i) === byte);
}

/** Refuses an attachment whose bytes do not start with the signature of its declared media type. */
function withSignatureCheck<T extends { mediaType: string; dataBase64: string }>(schema: z.ZodMiniType<T, unknown>) {
  return z.pipe(
    schema,
    z.transform<T, T>((value, payload) => {
      if (!matchesMediaType(value.dataBase64, value.mediaType)) {
        payload.issues.push({ code: 'custom', message: 'format', input: value, path: ['dataBase64'] });
        return z.NEVER;
      }
      return value;
    }),
  );
}

const photo = withSignatureCheck(
  z.strictObject({
    mediaType: z.enum(PHOTO_MEDIA_TYPES),
    dataBase64: attachmentData(LIMITS.photoBytes),
  }),
);

const document = withSignatureCheck(
  z.strictObject({
    kind: z.enum(DOCUMENT_KINDS),
    mediaType: z.enum(DOCUMENT_MEDIA_TYPES),
    dataBase64: attachmentData(LIMITS.documentBytes),
  }),
);

const consent = z.strictObject({
  noticeVersion: stringLeaf((raw) => {
    const value = raw.trim();
    if (value === '') return refuse('required');
    if (value.length > LIMITS.noticeVersionLength) return refuse('tooLong');
    return /^[A-Za-z0-9._-]+$/.test(value) ? value : refuse('format');
  }, 'The version of the privacy notice the applicant accepted, e.g. 2026-11.'),
  acceptedAt: z.iso.datetime({ offset: true }),
});

const language = requiredText({ kind: 'name', max: LIMITS.languageLength });

/** Every field of the application, in the order the card and the canonical JSON use. */
export const applicationFields = {
  schemaVersion: z.literal(1),
  nik,
  kkNumber,
  fullName: name,
  birthPlace: place,
  birthDate: calendarDateLeaf(),
  sex: z.enum(SEXES),
  religion: z.enum(RELIGIONS),
  maritalStatus: z.enum(MARITAL_STATUSES),
  heightCm: z.optional(integerLeaf(50, 250)),
  weightKg: z.optional(integerLeaf(20, 300)),
  disability: z.optional(disability),
  phone,
  email,
  address,
  // Empty states the level BELUM_TAMAT_SD (no school finished): see highestEducationLevel.
  education: z.array(education).check(z.maxLength(LIMITS.education)),
  skills: z.optional(z.array(skill).check(z.maxLength(LIMITS.skills))),
  workExperience: z.optional(z.array(workExperience).check(z.maxLength(LIMITS.workExperience))),
  languages: z.optional(z.array(language).check(z.maxLength(LIMITS.languages))),
  jobPreferences,
  photo,
  documents: z.optional(z.array(document).check(z.maxLength(LIMITS.documents))),
  preferredVisitDate: optionalCalendarDateLeaf(),
  consent,
};

export type ApplicationField = keyof typeof applicationFields;
export const APPLICATION_FIELD_NAMES = Object.keys(applicationFields) as ApplicationField[];
