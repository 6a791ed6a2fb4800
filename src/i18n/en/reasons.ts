import type { Ak1ReasonCode } from '../../schema/index.js';

/**
 * The reason catalogue of a correction request or a refusal, in English: the one text of each code, which the officer
 * picks and the applicant reads. Only `other` is said to each in their own words (`enOffice.reasons` tells the
 * officer to write the note).
 */
export const enReasons: Readonly<Record<Ak1ReasonCode, string>> = {
  photo: 'The photo does not meet the requirements',
  'document-unreadable': 'A document cannot be read',
  'data-mismatch': 'The data does not match the KTP',
  'nik-not-own': 'The NIK belongs to someone else',
  'not-working-age': 'Not of working age',
  'not-domiciled': 'Not domiciled in this regency or city',
  duplicate: 'Registered twice',
  other: 'Another reason',
};
