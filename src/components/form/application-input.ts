import { withoutUndefined, type Ak1ApplicationInput } from '../../schema/index.js';
import { birthDateOf, blank, type Answers, type Attachments } from './answers.js';

/*
 * The answers as the application the checks and the client take. Apart from answers.ts: only the checks need it,
 * and they load after the first step is usable (ak1-form.ts, `loadChecks`).
 */

/** A number typed into a text box: digits with optional thousands separators (`4.500.000`). */
function typedNumber(value: string): number | string {
  const digits = value.trim().replace(/[.\s]/g, '');
  return /^\d{1,12}$/.test(digits) ? Number(digits) : value;
}
/** A typed year becomes a number when it is digits; anything else goes through as is, so validation names it. */
function typedYear(value: string): number | string {
  return /^\s*\d{1,4}\s*$/.test(value) ? Number(value) : value;
}
/**
 * The application to validate and submit. Optional fields left blank are left out. Every row the applicant
 * added stays, even when empty (and so gets its own issues): the row's index is then the same in the answers
 * and in the application, and an issue leads to its input.
 */
export function toApplicationInput(
  answers: Answers,
  attachments: Attachments,
  consent: { noticeVersion: string; acceptedAt?: string } | undefined,
): Ak1ApplicationInput {
  const a = answers;
  const optional = <T>(value: string, convert: (v: string) => T) => (blank(value) ? undefined : convert(value));
  const wage = a.jobPreferences.expectedWage;
  const application: Record<string, unknown> = {
    schemaVersion: 1,
    nik: a.nik,
    kkNumber: optional(a.kkNumber, String),
    fullName: a.fullName,
    birthPlace: a.birthPlace,
    birthDate: birthDateOf(a.birthDate),
    sex: a.sex || undefined,
    religion: a.religion || undefined,
    maritalStatus: a.maritalStatus || undefined,
    heightCm: optional(a.heightCm, typedNumber),
    weightKg: optional(a.weightKg, typedNumber),
    disability:
      a.hasDisability === 'yes'
        ? { kinds: a.disability.kinds, ...(blank(a.disability.note) ? {} : { note: a.disability.note }) }
        : undefined,
    phone: a.phone,
    email: optional(a.email, String),
    address: {
      street: a.address.street,
      rt: optional(a.address.rt, String),
      rw: optional(a.address.rw, String),
      provinceCode: a.address.provinceCode,
      regencyCode: a.address.regencyCode,
      districtCode: a.address.districtCode,
      villageCode: a.address.villageCode,
      postalCode: a.address.postalCode,
    },
    // "Tidak/belum tamat SD" chosen first: no school to name, the step showed no other row (education: []).
    education: a.education[0]?.level === 'BELUM_TAMAT_SD' ? [] : a.education.map((row) => ({
        level: row.level || undefined,
        institution: row.institution,
        major: optional(row.major, String),
        graduationYear: blank(row.graduationYear) ? undefined : typedYear(row.graduationYear),
      })),
    skills: a.skills.map((row) => ({ name: row.name, provider: optional(row.provider, String), year: optional(row.year, typedYear) })),
    workExperience: a.workExperience.map((row) => ({
        employer: row.employer,
        position: row.position,
        startYear: blank(row.startYear) ? undefined : typedYear(row.startYear),
        endYear: optional(row.endYear, typedYear),
      })),
    languages: a.languages
      .split(',')
      .map((language) => language.trim())
      .filter(Boolean),
    jobPreferences: {
      positions: a.jobPreferences.positions.map((row) => ({ title: row.title, kbji: optional(row.kbji, String) })),
      location: a.jobPreferences.location || undefined,
      expectedWage:
        blank(wage.min) && blank(wage.max)
          ? undefined
          : { min: optional(wage.min, typedNumber), max: optional(wage.max, typedNumber) },
    },
    photo: attachments.photo,
    documents: attachments.documents,
    preferredVisitDate: optional(a.preferredVisitDate, String),
    consent: a.consent && consent?.acceptedAt ? { noticeVersion: consent.noticeVersion, acceptedAt: consent.acceptedAt } : undefined,
  };
  return withoutUndefined(application) as Ak1ApplicationInput;
}
