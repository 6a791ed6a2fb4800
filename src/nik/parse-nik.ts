import { isProvinceCode } from './provinces.js';

/** What a NIK (Nomor Induk Kependudukan) says about its holder. */
export interface NikInfo {
  /** Province of first registration, e.g. `36`. */
  provinceCode: string;
  /** Regency (kabupaten/kota) of first registration, dotted, e.g. `36.04`. */
  regencyCode: string;
  /** District (kecamatan) of first registration, dotted, e.g. `36.04.05`. */
  districtCode: string;
  /** Birth date as `YYYY-MM-DD`. */
  birthDate: string;
  /** `L` (laki-laki) or `P` (perempuan: the NIK's day is the day of birth + 40). */
  sex: 'L' | 'P';
  /** The four-digit serial, e.g. `0003`. */
  serial: string;
}

export type NikErrorCode = 'nik.length' | 'nik.digits' | 'nik.province' | 'nik.date' | 'nik.serial';

export type ParseNikResult =
  | { ok: true; value: NikInfo; warnings: [] }
  | { ok: false; error: { code: NikErrorCode } };

export interface ParseNikOptions {
  /**
   * The day against which the two-digit birth year is read: `yy` is 20yy unless that would be after this
   * day's year, then 19yy. A `Date` or `YYYY-MM-DD`; default now.
   */
  today?: Date | string;
}

/**
 * Reads a 16-digit NIK: `PP KK CC DDMMYY SSSS`. Spaces are ignored so the number can be typed as printed
 * on the KTP. The regency and district digits are not checked against a region list: they record where
 * the NIK was first issued, and codes are split over time.
 */
export function parseNik(input: string, options: ParseNikOptions = {}): ParseNikResult {
  const nik = String(input).replace(/ /g, '');
  const fail = (code: NikErrorCode): ParseNikResult => ({ ok: false, error: { code } });
  if (!/^\d*$/.test(nik)) return fail('nik.digits');
  if (nik.length !== 16) return fail('nik.length');

  const provinceCode = nik.slice(0, 2);
  if (!isProvinceCode(provinceCode)) return fail('nik.province');

  const encodedDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex = encodedDay > 40 ? 'P' : 'L';
  const day = sex === 'P' ? encodedDay - 40 : encodedDay;
  const year = yy <= yearOf(options.today) % 100 ? 2000 + yy : 1900 + yy;
  if (day < 1 || month < 1 || month > 12 || day > daysInMonth(year, month)) return fail('nik.date');

  const serial = nik.slice(12, 16);
  if (serial === '0000') return fail('nik.serial');

  return {
    ok: true,
    value: {
      provinceCode,
      regencyCode: `${provinceCode}.${nik.slice(2, 4)}`,
      districtCode: `${provinceCode}.${nik.slice(2, 4)}.${nik.slice(4, 6)}`,
      birthDate: `${year}-${pad2(month)}-${pad2(day)}`,
      sex,
      serial,
    },
    warnings: [],
  };
}

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The year of `today` as a calendar in Jakarta reads it (UTC+7 all year: Indonesia has no daylight time). */
function yearOf(today: Date | string | undefined): number {
  if (typeof today === 'string') return Number(today.slice(0, 4));
  return new Date((today ?? new Date()).getTime() + JAKARTA_OFFSET_MS).getUTCFullYear();
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
