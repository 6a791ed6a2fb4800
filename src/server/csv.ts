import type { Ak1Catalogue } from '../i18n/index.js';
import { serverTexts, type Ak1ExportColumn } from '../i18n/server.js';
import { statusTexts } from '../i18n/status.js';
import { highestEducationLevel } from '../schema/index.js';
import type { Ak1ExportedRegistration } from './store.js';
import { neutralise, quoteCell as quote } from '../csv/cells.js';

export { neutralise };

/*
 * The office's CSV export: RFC 4180 (quoted where needed, CRLF) in UTF-8 with a byte-order mark, which is
 * how Excel knows the file is UTF-8 (names such as Nur’aini). Two Excel habits are defused:
 * - it turns long digit strings into numbers, so a NIK would come back as 3.60406E+15 and the phone would
 *   lose its `+`: both are written as `="…"`, Excel's text literal, which every spreadsheet shows as the
 *   exact text and a CSV reader sees as the digits between the quotes;
 * - it runs cells that start with `=`, `+`, `-` or `@` as formulas: every text the applicant typed is
 *   neutralised and every cell quoted (csv/cells.ts, shared with the counter's monthly tables).
 */

const COLUMNS: readonly Ak1ExportColumn[] = [
  'registrationNumber',
  'registeredAt',
  'visitDate',
  'visitTime',
  'queueNumber',
  'status',
  'nik',
  'fullName',
  'sex',
  'birthPlace',
  'birthDate',
  'phone',
  'email',
  'street',
  'rt',
  'rw',
  'villageCode',
  'postalCode',
  'educationLevel',
  'positions',
];

export type CsvDelimiter = ',' | ';';

export function exportCsv(registrations: readonly Ak1ExportedRegistration[], catalogue: Ak1Catalogue, delimiter: CsvDelimiter): string {
  const line = (cells: string[]) => cells.map(quote).join(delimiter);
  const headings = serverTexts[catalogue.lang].exportColumns;
  const lines = [line(COLUMNS.map((column) => headings[column]))];
  for (const registration of registrations) {
    const cells = cellsOf(registration, catalogue);
    lines.push(line(COLUMNS.map((column) => cells[column])));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function cellsOf(r: Ak1ExportedRegistration, catalogue: Ak1Catalogue): Record<Ak1ExportColumn, string> {
  const a = r.application;
  // No school at all states Tidak/belum tamat SD.
  const level = highestEducationLevel(a.education);
  const highest = a.education.find((item) => item.level === level);
  return {
    registrationNumber: r.registrationNumber,
    registeredAt: r.registeredAt,
    visitDate: r.appointment?.date ?? '',
    visitTime: r.appointment ? `${r.appointment.start}–${r.appointment.end}` : '',
    queueNumber: r.appointment?.queueNumber ?? '',
    status: statusTexts[catalogue.lang][r.status],
    // Validated digits and `+628…`: safe inside the text literal.
    nik: excelText(a.nik),
    fullName: neutralise(a.fullName),
    sex: catalogue.labels.sex[a.sex],
    birthPlace: neutralise(a.birthPlace),
    birthDate: a.birthDate,
    phone: excelText(a.phone),
    email: neutralise(a.email ?? ''),
    street: neutralise(a.address.street),
    rt: a.address.rt ? excelText(a.address.rt) : '',
    rw: a.address.rw ? excelText(a.address.rw) : '',
    villageCode: a.address.villageCode,
    postalCode: a.address.postalCode,
    educationLevel: neutralise([catalogue.labels.educationLevel[level], highest?.institution].filter(Boolean).join(', ')),
    positions: neutralise(a.jobPreferences.positions.map((p) => p.title).join('; ')),
  };
}

/** Excel's text literal, for values made only of digits and `+` that must not become numbers. */
export function excelText(value: string): string {
  return `="${value}"`;
}
