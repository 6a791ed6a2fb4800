import type { Ak1ReasonCode } from '../../schema/index.js';

/**
 * The reason catalogue of a correction request or a refusal (design.md, "The registration's life"), in Bahasa
 * Indonesia: the one text of each code, which the officer picks and the applicant reads. Only `other` is said to each
 * in their own words: the officer is told to write the note (`idOffice.reasons`), the applicant reads the note after it.
 */
export const idReasons: Readonly<Record<Ak1ReasonCode, string>> = {
  photo: 'Foto tidak sesuai ketentuan',
  'document-unreadable': 'Dokumen tidak terbaca',
  'data-mismatch': 'Data tidak sesuai KTP',
  'nik-not-own': 'NIK milik orang lain',
  'not-working-age': 'Belum atau bukan usia kerja',
  'not-domiciled': 'Tidak berdomisili di kabupaten/kota ini',
  duplicate: 'Pendaftaran ganda',
  other: 'Alasan lain',
};
