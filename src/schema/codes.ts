/**
 * The code lists of the application. Values are the official Indonesian terms in upper snake case; their
 * display labels live in `i18n/`.
 */
export const SEXES = ['L', 'P'] as const;
export const RELIGIONS = ['ISLAM', 'KRISTEN', 'KATOLIK', 'HINDU', 'BUDDHA', 'KHONGHUCU', 'KEPERCAYAAN'] as const;
export const MARITAL_STATUSES = ['BELUM_KAWIN', 'KAWIN', 'CERAI_HIDUP', 'CERAI_MATI'] as const;
/**
 * From the lowest. `BELUM_TAMAT_SD` ("Tidak/belum tamat SD") is a level without a school: an application with
 * `education: []` states it (see `highestEducationLevel`).
 */
export const EDUCATION_LEVELS = ['BELUM_TAMAT_SD', 'SD', 'SMP', 'SMA', 'SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'] as const;
/** Kinds of disability of UU No. 8 Tahun 2016. */
export const DISABILITY_KINDS = [
  'FISIK',
  'INTELEKTUAL',
  'MENTAL',
  'SENSORIK_NETRA',
  'SENSORIK_RUNGU',
  'SENSORIK_WICARA',
] as const;
export const DOCUMENT_KINDS = ['KTP', 'KK', 'IJAZAH', 'TRANSKRIP', 'SERTIFIKAT', 'SURAT_PENGALAMAN'] as const;
export const JOB_LOCATIONS = ['DALAM_NEGERI', 'LUAR_NEGERI'] as const;
/** A registration's life (design.md, "The registration's life"); `schema/lifecycle.ts` has the transitions. */
export const REGISTRATION_STATUSES = [
  'RECEIVED',
  'NEEDS_CORRECTION',
  'VERIFIED',
  'SIGNED',
  'PLACED',
  'REJECTED',
  'CANCELLED',
  'EXPIRED',
] as const;
export const PHOTO_MEDIA_TYPES = ['image/jpeg'] as const;
export const DOCUMENT_MEDIA_TYPES = ['image/jpeg', 'application/pdf'] as const;

export type Sex = (typeof SEXES)[number];
export type Religion = (typeof RELIGIONS)[number];
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/**
 * The highest level an application states. Each item of `education` is a school finished (or, with the level
 * `BELUM_TAMAT_SD`, one left); no item at all states `BELUM_TAMAT_SD`, so people who never finished school
 * can register (design.md: "Education level BELUM_TAMAT_SD allows education: []").
 */
export function highestEducationLevel(education: readonly { level: EducationLevel }[]): EducationLevel {
  let best = 0;
  for (const item of education) best = Math.max(best, EDUCATION_LEVELS.indexOf(item.level));
  return EDUCATION_LEVELS[best]!;
}
export type DisabilityKind = (typeof DISABILITY_KINDS)[number];
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type JobLocation = (typeof JOB_LOCATIONS)[number];
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
