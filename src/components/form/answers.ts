import { parseNik } from '../../nik/index.js';
import type { DocumentKind } from '../../schema/index.js';

/**
 * What the applicant has typed, exactly as typed: every leaf a string (or a boolean / list of codes for
 * checkboxes), in the application's shape so that an issue's path is also the input's name. Converting to
 * the application (numbers, the three birth-date fields, optional parts left out) happens in one place,
 * `toApplicationInput`.
 */
export interface Answers {
  nik: string;
  kkNumber: string;
  fullName: string;
  birthPlace: string;
  birthDate: { day: string; month: string; year: string };
  sex: string;
  religion: string;
  maritalStatus: string;
  heightCm: string;
  weightKg: string;
  hasDisability: string; // '' | 'yes' | 'no'
  disability: { kinds: string[]; note: string };
  phone: string;
  email: string;
  address: {
    street: string;
    rt: string;
    rw: string;
    provinceCode: string;
    regencyCode: string;
    districtCode: string;
    villageCode: string;
    postalCode: string;
  };
  education: EducationAnswer[];
  skills: SkillAnswer[];
  languages: string;
  workExperience: WorkAnswer[];
  jobPreferences: {
    positions: Array<{ title: string; kbji: string }>;
    location: string;
    expectedWage: { min: string; max: string };
  };
  preferredVisitDate: string;
  consent: boolean;
}

export interface EducationAnswer {
  level: string;
  institution: string;
  major: string;
  graduationYear: string;
}
export interface SkillAnswer {
  name: string;
  provider: string;
  year: string;
}
export interface WorkAnswer {
  employer: string;
  position: string;
  startYear: string;
  endYear: string;
}

/** The photo and documents, as the photo step prepared them (kept apart: they are large and never in drafts). */
export interface Attachments {
  photo?: { mediaType: 'image/jpeg'; dataBase64: string };
  documents: Array<{ kind: DocumentKind; mediaType: 'image/jpeg' | 'application/pdf'; dataBase64: string }>;
}

export const emptyEducation = (): EducationAnswer => ({ level: '', institution: '', major: '', graduationYear: '' });
export const emptySkill = (): SkillAnswer => ({ name: '', provider: '', year: '' });
export const emptyWork = (): WorkAnswer => ({ employer: '', position: '', startYear: '', endYear: '' });

export function emptyAnswers(): Answers {
  return {
    nik: '',
    kkNumber: '',
    fullName: '',
    birthPlace: '',
    birthDate: { day: '', month: '', year: '' },
    sex: '',
    religion: '',
    maritalStatus: '',
    heightCm: '',
    weightKg: '',
    hasDisability: '',
    disability: { kinds: [], note: '' },
    phone: '',
    email: '',
    address: { street: '', rt: '', rw: '', provinceCode: '', regencyCode: '', districtCode: '', villageCode: '', postalCode: '' },
    education: [emptyEducation()],
    skills: [],
    languages: '',
    workExperience: [],
    jobPreferences: { positions: [{ title: '', kbji: '' }], location: '', expectedWage: { min: '', max: '' } },
    preferredVisitDate: '',
    consent: false,
  };
}

/** The value at a dotted path (`education.0.institution`), or undefined. */
export function getAt(answers: Answers, path: string): unknown {
  let value: unknown = answers;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A copy of the answers with the value at `path` replaced; only paths that exist can be set. */
export function setAt(answers: Answers, path: string, value: unknown): Answers {
  const parts = path.split('.');
  const replace = (node: unknown, depth: number): unknown => {
    if (depth === parts.length) return value;
    const key = parts[depth]!;
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) throw new Error(`No answer at ${path}`);
    const copy: Record<string, unknown> | unknown[] = Array.isArray(node) ? [...node] : { ...(node as object) };
    (copy as Record<string, unknown>)[key] = replace((node as Record<string, unknown>)[key], depth + 1);
    return copy;
  };
  return replace(answers, 0) as Answers;
}

export const blank = (value: string) => value.trim() === '';
const pad2 = (value: string) => (/^\d$/.test(value.trim()) ? `0${value.trim()}` : value.trim());

/** The three birth-date fields as `YYYY-MM-DD`; left as typed when incomplete so validation can say so. */
export function birthDateOf(parts: Answers['birthDate']): string {
  if (blank(parts.day) && blank(parts.month) && blank(parts.year)) return '';
  return `${parts.year.trim()}-${pad2(parts.month)}-${pad2(parts.day)}`;
}

/** True when the applicant has typed anything at all: only then is there something to keep or to lose. */
export function hasAnswers(answers: Answers, attachments: Attachments): boolean {
  return JSON.stringify(answers) !== JSON.stringify(emptyAnswers()) || !!attachments.photo || attachments.documents.length > 0;
}

/** The lists of answers the applicant can add rows to: an empty row of each, and how many rows at most. */
export const REPEATABLE = {
  education: { empty: emptyEducation, max: 10 },
  skills: { empty: emptySkill, max: 20 },
  workExperience: { empty: emptyWork, max: 20 },
  'jobPreferences.positions': { empty: () => ({ title: '', kbji: '' }), max: 3 },
} as const satisfies Record<string, { empty: () => object; max: number }>;

/** What the form filled in from the NIK, so that the applicant's own typing is never overwritten. */
export interface Prefilled {
  birthDate?: string;
  sex?: string;
}

/** A valid NIK fills in the birth date and sex, unless the applicant typed their own; both stay editable. */
export function prefillFromNik(answers: Answers, prefilled: Prefilled): Answers {
  const nik = parseNik(answers.nik);
  if (!nik.ok) return answers;
  const [year, month, day] = nik.value.birthDate.split('-') as [string, string, string];
  const typed = answers.birthDate;
  const birthDateUntouched = (!typed.day && !typed.month && !typed.year) || `${typed.year}-${typed.month}-${typed.day}` === prefilled.birthDate;
  if (birthDateUntouched) {
    answers = { ...answers, birthDate: { day, month, year } };
    prefilled.birthDate = `${year}-${month}-${day}`;
  }
  if (!answers.sex || answers.sex === prefilled.sex) {
    answers = { ...answers, sex: nik.value.sex };
    prefilled.sex = nik.value.sex;
  }
  return answers;
}

/** Choosing another province empties the regency, district and village chosen inside the old one. */
export function clearNestedRegions(answers: Answers, path: string): Answers {
  const order = ['provinceCode', 'regencyCode', 'districtCode', 'villageCode'] as const;
  const level = order.indexOf(path.slice('address.'.length) as (typeof order)[number]);
  if (level < 0) return answers;
  const address = { ...answers.address };
  for (const inner of order.slice(level + 1)) address[inner] = '';
  return { ...answers, address };
}

/**
 * The input an issue leads to. Mostly the issue's own path (inputs are named by it); issues about a whole
 * group lead to its first input, and attachments to the photo step's rows.
 */
export function inputPathOf(path: readonly (string | number)[], attachments: Attachments): string {
  const [field, second, third] = path;
  switch (field) {
    case 'birthDate':
      return 'birthDate';
    case 'photo':
      return 'photo';
    case 'documents':
      if (typeof second === 'string') return `documents.${second}`;
      if (typeof second === 'number') return `documents.${attachments.documents[second]?.kind ?? ''}`;
      return 'photo';
    case 'disability':
      return second === undefined ? 'hasDisability' : second === 'note' ? 'disability.note' : 'disability.kinds';
    case 'languages':
    case 'consent':
      return field;
    case 'address':
      return second === undefined ? 'address.street' : `address.${second}`;
    case 'education':
    case 'skills':
    case 'workExperience': {
      const first = { education: 'level', skills: 'name', workExperience: 'employer' }[field];
      if (second === undefined) return `${field}.0.${first}`;
      return third === undefined ? `${field}.${second}.${first}` : path.join('.');
    }
    case 'jobPreferences':
      if (second === undefined || (second === 'positions' && path.length <= 3)) {
        return `jobPreferences.positions.${typeof third === 'number' ? third : 0}.title`;
      }
      if (second === 'expectedWage') return `jobPreferences.expectedWage.${path[2] === 'max' ? 'max' : 'min'}`;
      return path.join('.');
    default:
      return path.join('.');
  }
}
