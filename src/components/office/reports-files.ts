import { neutralise, quoteCell } from '../../csv/cells.js';

/*
 * The report screen's downloads: a table as CSV or as a spreadsheet file, made on this device from the table the
 * officer sees (headings, rows, the totals row), so what is downloaded is what was checked on screen.
 */

/** A table as the screen shows it: the caption names the file's content, numbers stay numbers. */
export interface TableFile {
  caption: string;
  headings: readonly string[];
  rows: ReadonlyArray<ReadonlyArray<string | number>>;
}

export const CSV_TYPE = 'text/csv;charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * RFC 4180 with CRLF, in UTF-8 with a byte-order mark (how Excel knows it is UTF-8), every text cell neutralised
 * and quoted as the office export's are (csv/cells.ts): a group's label is ours, but the same rule everywhere
 * keeps a later column of typed text safe too.
 */
export function tableCsv(table: TableFile): string {
  const line = (cells: ReadonlyArray<string | number>) => cells.map((cell) => quoteCell(typeof cell === 'number' ? String(cell) : neutralise(cell))).join(',');
  return `\uFEFF${[line(table.headings), ...table.rows.map(line)].join('\r\n')}\r\n`;
}

/**
 * The same table as an .xlsx file, by write-excel-file, loaded only now (a chunk of its own: the counter does not
 * fetch it until an officer asks for a spreadsheet). Texts are written as texts, never as formulas; numbers as
 * numbers, so the file adds up in the spreadsheet too. The tables are a few dozen rows, far below the size at
 * which its zip library would start a worker (which the strict CSP's `worker-src 'self'` would refuse).
 */
export async function tableXlsx(table: TableFile, sheet: string): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const data = [
    table.headings.map((value) => ({ value, fontWeight: 'bold' as const })),
    ...table.rows.map((row) => row.map((value) => (typeof value === 'number' ? { value, type: Number } : { value, type: String }))),
  ];
  return writeXlsxFile(data, { sheet: sheet.slice(0, 31), columns: table.headings.map((_, i) => ({ width: i === 0 ? 36 : 16 })) }).toBlob();
}

/** Saves a file made on this device: a `blob:` link clicked once, then let go. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
