import { restoreAnswers } from '../form/persistence.js';
import type { Answers, Attachments } from '../form/answers.js';

/*
 * A stored application back into the form's answers, for a correction in the form's own steps: the inverse of
 * `toApplicationInput` (form/application-input.ts). Every value becomes the string a person would have typed; the shape is
 * then taken through `restoreAnswers`, which trusts nothing but the empty answers' shape (the lookup's
 * application is checked only loosely).
 */

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const rows = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.map(record) : []);

export function answersFromApplication(application: Record<string, unknown>): Answers {
  const a = application;
  const [year = '', month = '', day = ''] = text(a.birthDate).split('-');
  const disability = record(a.disability);
  const address = record(a.address);
  const preferences = record(a.jobPreferences);
  const wage = record(preferences.expectedWage);
  const education = rows(a.education);
  return restoreAnswers({
    nik: text(a.nik),
    kkNumber: text(a.kkNumber),
    fullName: text(a.fullName),
    birthPlace: text(a.birthPlace),
    birthDate: { day, month, year },
    sex: text(a.sex),
    religion: text(a.religion),
    maritalStatus: text(a.maritalStatus),
    heightCm: text(a.heightCm),
    weightKg: text(a.weightKg),
    hasDisability: a.disability ? 'yes' : 'no',
    disability: { kinds: Array.isArray(disability.kinds) ? disability.kinds.map(text) : [], note: text(disability.note) },
    phone: text(a.phone),
    email: text(a.email),
    address: Object.fromEntries(
      ['street', 'rt', 'rw', 'provinceCode', 'regencyCode', 'districtCode', 'villageCode', 'postalCode'].map((key) => [key, text(address[key])]),
    ),
    // No school (education: []) is the level "Tidak/belum tamat SD" in the first row, as the education step offers it.
    education: education.length
      ? education.map((row) => ({ level: text(row.level), institution: text(row.institution), major: text(row.major), graduationYear: text(row.graduationYear) }))
      : [{ level: 'BELUM_TAMAT_SD', institution: '', major: '', graduationYear: '' }],
    skills: rows(a.skills).map((row) => ({ name: text(row.name), provider: text(row.provider), year: text(row.year) })),
    languages: Array.isArray(a.languages) ? a.languages.map(text).join(', ') : '',
    workExperience: rows(a.workExperience).map((row) => ({
      employer: text(row.employer),
      position: text(row.position),
      startYear: text(row.startYear),
      endYear: text(row.endYear),
    })),
    jobPreferences: {
      positions: rows(preferences.positions).map((row) => ({ title: text(row.title), kbji: text(row.kbji) })),
      location: text(preferences.location),
      expectedWage: { min: text(wage.min), max: text(wage.max) },
    },
    preferredVisitDate: '',
    consent: !!a.consent,
  });
}

/** The photo as the lookup gave it (with its bytes); documents come without bytes, so the office keeps them. */
export function attachmentsFromApplication(application: Record<string, unknown>): Attachments {
  const photo = record(application.photo);
  return typeof photo.dataBase64 === 'string' && photo.mediaType === 'image/jpeg'
    ? { photo: { mediaType: 'image/jpeg', dataBase64: photo.dataBase64 }, documents: [] }
    : { documents: [] };
}
