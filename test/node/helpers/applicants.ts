import { fullApplication } from '../../fixtures/application.js';

/*
 * Applicants for load and concurrency tests: each has its own valid NIK (Kabupaten Serang, Kecamatan 05,
 * a man born on the NIK's date, a serial that is never 0000) and a name no real person has.
 */

const FIRST_BIRTH_DAY = Date.UTC(1975, 0, 1);
const DAY_MS = 86_400_000;

/** The `i`-th distinct NIK (i from 0 to about 98 million) and the birth date it encodes. */
export function testNik(i: number): { nik: string; birthDate: string } {
  const serial = (i % 9999) + 1;
  const birth = new Date(FIRST_BIRTH_DAY + Math.floor(i / 9999) * DAY_MS);
  const dd = String(birth.getUTCDate()).padStart(2, '0');
  const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const yy = String(birth.getUTCFullYear() % 100).padStart(2, '0');
  return { nik: `360405${dd}${mm}${yy}${String(serial).padStart(4, '0')}`, birthDate: birth.toISOString().slice(0, 10) };
}

/** A complete, valid application for the `i`-th test applicant; `preferredVisitDate` as given (or none). */
export function testApplicant(i: number, changes: Record<string, unknown> = {}): Record<string, any> {
  const { nik, birthDate } = testNik(i);
  const application: Record<string, any> = {
    ...fullApplication(),
    nik,
    kkNumber: undefined,
    birthDate,
    sex: 'L',
    fullName: 'Uji Coba',
    email: undefined,
    disability: undefined,
    preferredVisitDate: undefined,
    ...changes,
  };
  for (const key of Object.keys(application)) if (application[key] === undefined) delete application[key];
  return application;
}
