import * as z from 'zod/mini';
import { addMonths, DOCUMENT_KINDS, type Ak1ApplicationInput } from '../schema/index.js';

/*
 * The applications the conformance check registers, and the examples of the contract's documentation.
 * They must never be mistaken for a real person's, in a district's database or anywhere else:
 *   - the NIK's district (kecamatan) code is 99 inside regency 36.04, which Kemendagri has never issued,
 *     so no KTP carries such a NIK; it still passes every check of the schema (the province is real, the
 *     date exists, the serial is not 0000), because the schema does not look regions up in the NIK;
 *   - the name says what it is: "Pemohon Uji Kesesuaian" (conformance test applicant); names allow no
 *     digits, so no "AK1";
 *   - the phone number starts +62 800, a toll-free prefix that no mobile network hands out.
 * The address is a real village of Kabupaten Serang, because a backend may check codes against its lists.
 */

/** Regency and district part of every test NIK: `36.04.99`, a kecamatan that does not exist. */
export const CONFORMANCE_NIK_PREFIX = '360499';
export const CONFORMANCE_NAME = 'Pemohon Uji Kesesuaian';
export const CONFORMANCE_PHONE = '+628000000000';

/** A 1×1 JPEG: the smallest real one, so no backend refuses it for its bytes. */
export const TINY_JPEG_BASE64 =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxD/2Q==';

export interface ConformanceApplicant {
  /** `YYYY-MM-DD`; the applicant is a man born that day. */
  birthDate: string;
  /** 1 to 9999. */
  serial: number;
}

/** The test NIK of an applicant: `360499` + DDMMYY + serial. */
export function conformanceNik({ birthDate, serial }: ConformanceApplicant): string {
  const [year, month, day] = birthDate.split('-');
  return `${CONFORMANCE_NIK_PREFIX}${day}${month}${year!.slice(2)}${String(serial).padStart(4, '0')}`;
}

/**
 * A complete, valid application of a test applicant, carrying one document of every kind so that it meets
 * any district's required documents. `acceptedAt` is when the applicant accepted the privacy notice.
 */
export function conformanceApplication(applicant: ConformanceApplicant, acceptedAt: string) {
  const birthYear = Number(applicant.birthDate.slice(0, 4));
  return {
    schemaVersion: 1 as const,
    nik: conformanceNik(applicant),
    fullName: CONFORMANCE_NAME,
    birthPlace: 'Serang',
    birthDate: applicant.birthDate,
    sex: 'L',
    religion: 'ISLAM',
    maritalStatus: 'BELUM_KAWIN',
    phone: CONFORMANCE_PHONE,
    address: {
      street: 'Jl. Uji Kesesuaian No. 1',
      rt: '001',
      rw: '001',
      provinceCode: '36',
      regencyCode: '36.04',
      districtCode: '36.04.05',
      villageCode: '36.04.05.2001',
      postalCode: '42182',
    },
    education: [{ level: 'SMA', institution: 'Sekolah Uji Kesesuaian', graduationYear: birthYear + 18 }],
    jobPreferences: { positions: [{ title: 'Staf Administrasi', kbji: '4110' }], location: 'DALAM_NEGERI' },
    photo: { mediaType: 'image/jpeg', dataBase64: TINY_JPEG_BASE64 },
    documents: DOCUMENT_KINDS.map((kind) => ({ kind, mediaType: 'image/jpeg' as const, dataBase64: TINY_JPEG_BASE64 })),
    consent: { noticeVersion: '2026-11', acceptedAt },
  } satisfies Ak1ApplicationInput;
}

/** The applicant of the contract's examples. */
export const EXAMPLE_APPLICANT: ConformanceApplicant = { birthDate: '1996-04-17', serial: 1 };
/** The day of the contract's examples. */
export const EXAMPLE_DAY = '2026-11-28';

/** The registration of the contract's examples, as a backend would answer the example application. */
export function exampleRegistration() {
  // A well-formed token (its payload is {"sub":"q7DfWgBJne4FJgBsVkQgJw","iat":1795831200}); the signature is filler.
  const token =
    'eyJhbGciOiJFZERTQSIsImtpZCI6IjIwMjYtMTEifQ.eyJzdWIiOiJxN0RmV2dCSm5lNEZKZ0JzVmtRZ0p3IiwiaWF0IjoxNzk1ODMxMjAwfQ.' +
    'ZXhhbXBsZS1zaWduYXR1cmUtbm90LWEtcmVhbC1vbmUtYnV0LTY0LWJ5dGVzLWxvbmctbGlrZS1lZDI1NTE5IQ';
  return {
    registrationNumber: '3604-000123-281126',
    registeredAt: `${EXAMPLE_DAY}T09:00:00+07:00`,
    validUntil: addMonths(EXAMPLE_DAY, 24),
    reportDueDates: [addMonths(EXAMPLE_DAY, 6), addMonths(EXAMPLE_DAY, 12), addMonths(EXAMPLE_DAY, 18)],
    status: 'RECEIVED',
    verification: { url: `https://disnaker.example.go.id/ak1/verify/${token}`, token },
    appointment: {
      date: '2026-12-01',
      start: '08:00',
      end: '09:00',
      place: 'Disnakertrans Kabupaten Serang, Jl. Veteran No. 1, Serang',
      queueNumber: 'A-017',
    },
  };
}

export { ak1KeySetSchema, type Ak1KeySet } from '../schema/index.js';
