import type { CardContent } from '../content.js';
import { Ak1CardError, type Ak1CardIssue } from '../errors.js';
import type { Ak1CardOverlay, Ak1OverlayBoxes, Ak1OverlayFields, Ak1OverlayRows, Ak1OverlayText } from '../options.js';
import { lineHeightMm } from './fit.js';
import { boxesWidth, charBoxes, qrCode, textField } from './fields.js';
import { containedBox, type Box, type DrawOp, type ImageSizes, type MeasureText } from './ops.js';

/*
 * A district's own pre-printed blank: the same values as the standard card, each at the place the
 * overlay description gives, and nothing else (the blank has the lines, labels and letterhead).
 */

const DEFAULT_TEXT_PT = 9;
const DEFAULT_ROW_PT = 8;

type TextFieldName = {
  [K in keyof Ak1OverlayFields]-?: NonNullable<Ak1OverlayFields[K]> extends Ak1OverlayText
    ? Ak1OverlayText extends NonNullable<Ak1OverlayFields[K]>
      ? K
      : never
    : never;
}[keyof Ak1OverlayFields];

/** The text each text field prints; `undefined` leaves the field blank. */
function textValues(content: CardContent): Record<TextFieldName, string | undefined> {
  return {
    districtName: content.districtName,
    officeName: content.officeName,
    officeAddress: content.officeAddress,
    // Until it is signed the card says so; once signed, only a copy printed away from the counter has a note.
    notice: content.notice ? `${content.notice}. ${content.noticeHint} ${content.freeOfCharge}` : content.copyNote,
    appointment: content.appointmentSummary,
    firstReportDue: content.reportDue[0],
    secondReportDue: content.reportDue[1],
    thirdReportDue: content.reportDue[2],
    firstReportMade: content.reportMade[0]?.date,
    secondReportMade: content.reportMade[1]?.date,
    thirdReportMade: content.reportMade[2]?.date,
    fullName: content.fullName,
    birth: content.birth,
    birthPlace: content.birthPlace,
    birthDate: content.birthDate,
    sex: content.sex,
    maritalStatus: content.maritalStatus,
    religion: content.religion,
    address: content.address,
    phone: content.phone,
    email: content.email,
    languages: content.languages,
    issuedOn: content.issuedOn,
    validUntil: content.validUntil,
    conditions: content.conditions.map((clause, i) => `${i + 1}. ${clause}`).join(' '),
    officerTitle: content.officerTitleValue,
    officerName: content.officerName,
    // The blank has "NIP." printed before its line.
    officerNip: content.officerNipValue,
  };
}

export function overlayLayout(overlay: Ak1CardOverlay, content: CardContent, images: ImageSizes, measure: MeasureText): DrawOp[] {
  checkInsidePage(overlay, content);
  const dx = overlay.offsetMm?.xMm ?? 0;
  const dy = overlay.offsetMm?.yMm ?? 0;
  const { fields } = overlay;
  const ops: DrawOp[] = [];

  const values = textValues(content);
  for (const name of Object.keys(values) as TextFieldName[]) {
    const spec = fields[name];
    const value = values[name];
    if (spec && value !== undefined) ops.push(textOp(value, spec, dx, dy, measure, name));
  }
  for (const name of ['registrationNumber', 'nik'] as const) {
    const spec = fields[name];
    if (!spec) continue;
    if (spec.kind === 'boxes') ops.push(...boxesOps(content[name], spec, dx, dy, measure, name));
    else ops.push(textOp(content[name], spec, dx, dy, measure, name));
  }
  if (fields.education) {
    ops.push(...rowsOps(fields.education, content.education, content, dx, dy, measure, 'education'));
  }
  if (fields.skills) ops.push(...rowsOps(fields.skills, content.skills, content, dx, dy, measure, 'skills'));
  if (fields.workExperience) {
    ops.push(...rowsOps(fields.workExperience, content.workExperience, content, dx, dy, measure, 'workExperience'));
  }
  if (fields.photo) ops.push({ kind: 'image', image: 'photo', box: containedBox(imageBox(fields.photo, dx, dy), images.photo) });
  if (fields.logo && images.logo) ops.push({ kind: 'image', image: 'logo', box: containedBox(imageBox(fields.logo, dx, dy), images.logo) });
  if (fields.qr) ops.push(qrCode(content.verificationUrl, { x: fields.qr.xMm + dx, y: fields.qr.yMm + dy, size: fields.qr.sizeMm }));
  return ops;
}

function textOp(value: string, spec: Ak1OverlayText, dx: number, dy: number, measure: MeasureText, name: string): DrawOp {
  const sizePt = spec.fontSizePt ?? DEFAULT_TEXT_PT;
  const box = { x: spec.xMm + dx, y: spec.yMm + dy, w: spec.widthMm, h: spec.heightMm ?? lineHeightMm(sizePt) };
  return textField(value, box, { sizePt, bold: spec.bold ?? false, align: spec.align ?? 'left' }, measure, ['layout', 'fields', name]);
}

function boxesOps(value: string, spec: Ak1OverlayBoxes, dx: number, dy: number, measure: MeasureText, name: string): DrawOp[] {
  return charBoxes(
    value,
    {
      x: spec.xMm + dx,
      y: spec.yMm + dy,
      cellWidth: spec.cellWidthMm,
      cellHeight: spec.cellHeightMm,
      separatorWidth: spec.separatorWidthMm ?? spec.cellWidthMm,
      drawCells: spec.drawCells ?? false,
      wholeValue: true,
      ...(spec.fontSizePt !== undefined && { sizePt: spec.fontSizePt }),
    },
    measure,
    name,
  );
}

function rowsOps<Column extends string>(
  spec: Ak1OverlayRows<Column>,
  items: Record<Column, string>[],
  content: CardContent,
  dx: number,
  dy: number,
  measure: MeasureText,
  name: string,
): DrawOp[] {
  const columns = (Object.entries(spec.columns) as [Column, Ak1OverlayRows<Column>['columns'][Column]][]).filter(
    (entry): entry is [Column, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined,
  );
  const sizePt = spec.fontSizePt ?? DEFAULT_ROW_PT;
  // A list longer than the blank's rows ends with a row saying how many more there are.
  const shown = items.length > spec.maxRows ? spec.maxRows - 1 : items.length;
  const ops: DrawOp[] = [];
  const cellBox = (row: number, column: { xMm: number; widthMm: number }): Box => ({
    x: column.xMm + dx,
    y: spec.yMm + dy + row * spec.rowHeightMm,
    w: column.widthMm,
    h: spec.rowHeightMm,
  });
  for (let i = 0; i < shown; i++) {
    for (const [key, column] of columns) {
      const text = items[i]![key];
      if (!text) continue;
      const style = { sizePt, align: column.align ?? 'left', valign: 'middle' } as const;
      ops.push(textField(text, cellBox(i, column), style, measure, ['layout', 'fields', name, i, key]));
    }
  }
  if (shown < items.length && columns.length) {
    ops.push(
      textField(content.more(items.length - shown), cellBox(shown, columns[0]![1]), { sizePt, valign: 'middle' }, measure, ['layout', 'fields', name, 'more']),
    );
  }
  return ops;
}

function imageBox(spec: { xMm: number; yMm: number; widthMm: number; heightMm: number }, dx: number, dy: number): Box {
  return { x: spec.xMm + dx, y: spec.yMm + dy, w: spec.widthMm, h: spec.heightMm };
}

type FieldSpec = NonNullable<Ak1OverlayFields[keyof Ak1OverlayFields]>;

/**
 * Every field must lie on the page, whatever the data: a box past the page's edge is a mistake in the
 * description, reported for every field at once rather than when some applicant's data first reaches it.
 * Character boxes are measured with the value they hold.
 */
function checkInsidePage(overlay: Ak1CardOverlay, content: CardContent): void {
  const { widthMm, heightMm } = overlay.page;
  const issues: Ak1CardIssue[] = [];
  for (const [name, spec] of Object.entries(overlay.fields) as [keyof Ak1OverlayFields, FieldSpec | undefined][]) {
    if (!spec) continue;
    for (const [x, y, w, h] of bounds(spec, name === 'registrationNumber' || name === 'nik' ? content[name] : '')) {
      if (x + w > widthMm + 1e-6 || y + h > heightMm + 1e-6) issues.push({ path: ['layout', 'fields', name], rule: 'outsidePage' });
    }
  }
  if (issues.length) throw new Ak1CardError('card.options', issues);
}

/** The boxes a field may print in: `[x, y, width, height]`. */
function bounds(spec: FieldSpec, value: string): [number, number, number, number][] {
  if ('columns' in spec) {
    return Object.values(spec.columns)
      .filter((column) => column !== undefined)
      .map((column) => [column.xMm, spec.yMm, column.widthMm, spec.rowHeightMm * spec.maxRows]);
  }
  if ('sizeMm' in spec) return [[spec.xMm, spec.yMm, spec.sizeMm, spec.sizeMm]];
  if ('cellWidthMm' in spec) {
    const width = boxesWidth(value, { cellWidth: spec.cellWidthMm, separatorWidth: spec.separatorWidthMm ?? spec.cellWidthMm });
    return [[spec.xMm, spec.yMm, width, spec.cellHeightMm]];
  }
  const height = spec.heightMm ?? lineHeightMm(('fontSizePt' in spec ? spec.fontSizePt : undefined) ?? DEFAULT_TEXT_PT);
  return [[spec.xMm, spec.yMm, spec.widthMm, height]];
}
