import { parseNik } from '../nik/index.js';
import type { DocumentKind } from './codes.js';
import { addMonths, calendarDate, yearOfDate } from './dates.js';
import { decodedLength } from './base64.js';
import { DEFAULT_MIN_AGE, LIMITS } from './limits.js';
import type { Ak1Issue, Ak1Warning } from './messages.js';
import { messageKey } from './issues.js';
import type { Ak1Application } from './types.js';

/** Looks region codes up in whatever region lists are at hand. */
export interface RegionCheck {
  /** `true` or `false` when the list that would hold `code` is at hand; `undefined` when it is not. */
  has(code: string): boolean | undefined;
}

/** Options shared by `validateApplication`, the client, the component and the server, so they all agree. */
export interface ValidationOptions {
  /** The day to judge dates by: a `Date` (its calendar date in Asia/Jakarta) or `YYYY-MM-DD`. Default now. */
  today?: Date | string;
  /** The youngest age accepted, in whole years. Default 18. */
  minAge?: number;
  /** Document kinds the district requires. Default none. */
  requiredDocuments?: readonly DocumentKind[];
  /** Region lists to check that codes exist; without it codes are checked for form and nesting only. */
  regions?: RegionCheck;
}

export { DEFAULT_MIN_AGE };
/** Older than this is taken for a typing mistake in the year. */
const MAX_AGE = 100;
/** `consent.acceptedAt` may run this far ahead of the day's clock (phones' clocks drift). */
const CLOCK_SKEW_MS = 10 * 60 * 1000;
/** Formal education ends no earlier than this many years after birth; work starts no earlier than this. */
const MIN_GRADUATION_AGE = 10;
const MIN_WORKING_AGE = 14;

/**
 * The rules that compare fields with each other or with the day. `value` holds the fields that passed
 * their own checks; a rule whose fields are missing is skipped, so each problem is reported once.
 */
export function applicationRules(
  value: Partial<Ak1Application>,
  options: ValidationOptions = {},
): { issues: Ak1Issue[]; warnings: Ak1Warning[] } {
  const issues: Ak1Issue[] = [];
  const warnings: Ak1Warning[] = [];
  const issue = (path: (string | number)[], rule: string) => issues.push({ path, code: messageKey(path, rule) });

  const today = calendarDate(options.today);
  const thisYear = yearOfDate(today);
  const minAge = options.minAge ?? DEFAULT_MIN_AGE;
  const birthDate = value.birthDate;
  let birthYear = birthDate ? yearOfDate(birthDate) : undefined;

  if (birthDate) {
    if (addMonths(birthDate, 12 * minAge) > today && birthDate <= today) issue(['birthDate'], 'tooYoung');
    else if (birthDate > today || addMonths(birthDate, 12 * MAX_AGE) < today) {
      issue(['birthDate'], birthDate > today ? 'future' : 'tooOld');
      // A mistyped birth date would make every year after it look wrong: report it alone.
      birthYear = undefined;
    }
  }

  value.education?.forEach((item, i) => {
    const path = ['education', i, 'graduationYear'];
    if (item.graduationYear > thisYear) issue(path, 'future');
    else if (birthYear !== undefined && item.graduationYear < birthYear + MIN_GRADUATION_AGE) issue(path, 'beforeBirth');
  });

  value.skills?.forEach((item, i) => {
    if (item.year === undefined) return;
    const path = ['skills', i, 'year'];
    if (item.year > thisYear) issue(path, 'future');
    else if (birthYear !== undefined && item.year < birthYear) issue(path, 'beforeBirth');
  });

  value.workExperience?.forEach((item, i) => {
    if (item.startYear > thisYear) issue(['workExperience', i, 'startYear'], 'future');
    else if (birthYear !== undefined && item.startYear < birthYear + MIN_WORKING_AGE) {
      issue(['workExperience', i, 'startYear'], 'beforeWorkingAge');
    }
    if (item.endYear === undefined) return;
    if (item.endYear > thisYear) issue(['workExperience', i, 'endYear'], 'future');
    else if (item.endYear < item.startYear) issue(['workExperience', i, 'endYear'], 'beforeStart');
  });

  if (value.preferredVisitDate !== undefined && value.preferredVisitDate <= today) {
    issue(['preferredVisitDate'], 'tooEarly');
  }

  if (value.consent) {
    const now = options.today instanceof Date ? options.today.getTime()
      : typeof options.today === 'string' ? Date.parse(`${today}T23:59:59.999+07:00`) : Date.now();
    if (Date.parse(value.consent.acceptedAt) > now + CLOCK_SKEW_MS) issue(['consent', 'acceptedAt'], 'future');
  }

  const documents = value.documents ?? [];
  for (const kind of options.requiredDocuments ?? []) {
    if (!documents.some((document) => document.kind === kind)) {
      issues.push({ path: ['documents', kind], code: 'documents.missing' });
    }
  }
  const attachments = [value.photo, ...documents].reduce((sum, a) => sum + (a ? decodedLength(a.dataBase64) : 0), 0);
  if (attachments > LIMITS.attachmentsBytes) issue(['documents'], 'tooLarge');

  const regions = options.regions;
  if (regions && value.address) {
    const { regencyCode, districtCode, villageCode } = value.address;
    const codes = [['regencyCode', regencyCode], ['districtCode', districtCode], ['villageCode', villageCode]] as const;
    // Report the outermost unknown code only: the ones inside it are unknown as a consequence.
    const unknown = codes.find(([, code]) => regions.has(code) === false);
    if (unknown) issue(['address', unknown[0]], 'unknown');
  }

  if (value.nik) {
    const nik = parseNik(value.nik, { today });
    if (nik.ok) {
      if (birthDate && nik.value.birthDate !== birthDate) warnings.push({ path: ['nik'], code: 'nik.birthDateMismatch' });
      if (value.sex && nik.value.sex !== value.sex) warnings.push({ path: ['nik'], code: 'nik.sexMismatch' });
      if (regions && (regions.has(nik.value.regencyCode) === false || regions.has(nik.value.districtCode) === false)) {
        warnings.push({ path: ['nik'], code: 'nik.unknownRegion' });
      }
    }
  }

  return { issues, warnings };
}
