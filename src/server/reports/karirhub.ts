import type { Ak1Catalogue } from '../../i18n/index.js';
import { serverTexts, type Ak1KarirhubColumn } from '../../i18n/server.js';
import { highestEducationLevel } from '../../schema/index.js';
import { neutralise, quoteCell as quote } from '../../csv/cells.js';
import { excelText, type CsvDelimiter } from '../csv.js';
import type { Ak1ExportedRegistration, Ak1Store } from '../store.js';

/*
 * The hand-over to Karirhub (Kemnaker's SIAPkerja), which has no public API: officers re-key every signed card
 * there. This export lays each registration out in one row in the order of Karirhub's AK/I data entry (identity,
 * address, education, skills, experience, position sought), so the officer reads it left to right while typing;
 * once the card is in Karirhub the officer takes the `karirhub` action with the number Karirhub gave it, and the
 * registration leaves this list. Cells are written as the office export writes them (server/csv.ts): every text the
 * applicant typed neutralised against formulas, NIK and phone as Excel text literals, every cell quoted.
 */

const COLUMNS: readonly Ak1KarirhubColumn[] = [
  'registrationNumber',
  'issuedAt',
  'validUntil',
  // Identity (Data diri).
  'nik',
  'fullName',
  'birthPlace',
  'birthDate',
  'sex',
  'religion',
  'maritalStatus',
  'heightCm',
  'weightKg',
  'disability',
  'phone',
  'email',
  // Address (Alamat), from the province down, as Karirhub's lists are chosen.
  'provinceCode',
  'regencyCode',
  'districtCode',
  'villageCode',
  'street',
  'rt',
  'rw',
  'postalCode',
  // Education (Pendidikan terakhir).
  'educationLevel',
  'institution',
  'major',
  'graduationYear',
  // Skills and training, work experience.
  'skills',
  'experience',
  // Position sought (Jabatan yang dicari).
  'position1',
  'kbji1',
  'position2',
  'kbji2',
  'position3',
  'kbji3',
  'jobLocation',
  'expectedWage',
];

/** The most signed registrations one hand-over lists; far above a district's backlog. */
export const MAX_KARIRHUB_ROWS = 100_000;

/** Whether a registration still waits to be re-keyed into Karirhub: a valid signed card without its number there. */
export function awaitsKarirhub(registration: Pick<Ak1ExportedRegistration, 'status' | 'karirhubNumber'>): boolean {
  return registration.status === 'SIGNED' && !registration.karirhubNumber;
}

/** The signed cards not yet in Karirhub, the longest-waiting first (the order an officer works through them). */
export async function awaitingKarirhub(store: Ak1Store): Promise<Ak1ExportedRegistration[]> {
  const signed = await store.listRegistrations({ status: 'SIGNED', limit: MAX_KARIRHUB_ROWS });
  return signed
    .filter(awaitsKarirhub)
    .sort((a, b) => (a.issuedAt ?? '').localeCompare(b.issuedAt ?? '') || a.registrationNumber.localeCompare(b.registrationNumber));
}

export function karirhubCsv(registrations: readonly Ak1ExportedRegistration[], catalogue: Ak1Catalogue, delimiter: CsvDelimiter): string {
  const line = (cells: string[]) => cells.map(quote).join(delimiter);
  const headings = serverTexts[catalogue.lang].karirhubColumns;
  const lines = [line(COLUMNS.map((column) => headings[column]))];
  for (const registration of registrations) {
    const cells = cellsOf(registration, catalogue);
    lines.push(line(COLUMNS.map((column) => cells[column])));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function cellsOf(r: Ak1ExportedRegistration, catalogue: Ak1Catalogue): Record<Ak1KarirhubColumn, string> {
  const a = r.application;
  const labels = catalogue.labels;
  const level = highestEducationLevel(a.education);
  const highest = a.education.find((item) => item.level === level);
  const typed = (value: string | undefined) => neutralise(value ?? '');
  const position = (i: number) => a.jobPreferences.positions[i];
  const wage = a.jobPreferences.expectedWage;
  return {
    registrationNumber: r.registrationNumber,
    issuedAt: r.issuedAt ?? '',
    validUntil: r.validUntil,
    nik: excelText(a.nik),
    fullName: typed(a.fullName),
    birthPlace: typed(a.birthPlace),
    birthDate: a.birthDate,
    sex: labels.sex[a.sex],
    religion: labels.religion[a.religion],
    maritalStatus: labels.maritalStatus[a.maritalStatus],
    heightCm: a.heightCm === undefined ? '' : String(a.heightCm),
    weightKg: a.weightKg === undefined ? '' : String(a.weightKg),
    disability: typed([...(a.disability?.kinds ?? []).map((kind) => labels.disabilityKind[kind]), a.disability?.note].filter(Boolean).join('; ')),
    phone: excelText(a.phone),
    email: typed(a.email),
    provinceCode: a.address.provinceCode,
    regencyCode: a.address.regencyCode,
    districtCode: a.address.districtCode,
    villageCode: a.address.villageCode,
    street: typed(a.address.street),
    rt: a.address.rt ? excelText(a.address.rt) : '',
    rw: a.address.rw ? excelText(a.address.rw) : '',
    postalCode: a.address.postalCode,
    educationLevel: labels.educationLevel[level],
    institution: typed(highest?.institution),
    major: typed(highest?.major),
    graduationYear: highest ? String(highest.graduationYear) : '',
    skills: typed((a.skills ?? []).map((s) => [s.name, s.provider, s.year].filter((part) => part !== undefined && part !== '').join(', ')).join('; ')),
    // A job without an end year is the current one: "2019–".
    experience: typed((a.workExperience ?? []).map((w) => `${w.position}, ${w.employer}, ${w.startYear}–${w.endYear ?? ''}`).join('; ')),
    position1: typed(position(0)?.title),
    kbji1: position(0)?.kbji ?? '',
    position2: typed(position(1)?.title),
    kbji2: position(1)?.kbji ?? '',
    position3: typed(position(2)?.title),
    kbji3: position(2)?.kbji ?? '',
    jobLocation: labels.jobLocation[a.jobPreferences.location],
    expectedWage: wage ? [wage.min, wage.max].map((n) => (n === undefined ? '' : String(n))).join('–') : '',
  };
}
