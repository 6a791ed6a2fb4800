/*
 * CSV cells that spreadsheets read as written: the office's export (server/csv.ts) and the counter's monthly
 * tables (components/office/reports-files.ts) both write them. No DOM, no Node: either side imports this.
 *
 * Excel runs cells that start with `=`, `+`, `-` or `@` (and tab or CR) as formulas (OWASP "CSV injection").
 * A cell starts wherever the reader splits, and that is not always where we did: Excel on Indonesian Windows
 * splits a `,` file at `;`, and a pasted line may split at tabs or `|`. So in every text the applicant typed,
 * such a character at the start or after any separator or quote (spaces between included) gets a `'` before
 * it, and every cell is quoted, so that a reader with our delimiter never splits inside one.
 */

/**
 * Where a cell may start, whichever separator the reader splits at: the text's start, or after a separator or
 * a quote (which may open a quoted cell), with any spaces between.
 */
const CELL_STARTS = /(?<=(?:^|[,;|"\t\r\n]) *)(?=[=+\-@\t\r])/g;

/** Keeps a text from being read as a formula, wherever a spreadsheet splits it. */
export function neutralise(text: string): string {
  return text.replace(CELL_STARTS, "'");
}

/** An RFC 4180 cell: quoted (its quotes doubled), or nothing for an empty one. */
export function quoteCell(cell: string): string {
  return cell === '' ? '' : `"${cell.replaceAll('"', '""')}"`;
}
