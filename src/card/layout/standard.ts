import type { Ak1CardTexts } from '../../i18n/types.js';
import type { CardContent } from '../content.js';
import { fail } from '../input.js';
import { decoration, fitFlow, gap, row, type Block, type Cell } from './fit.js';
import { boxesWidth, charBoxes, qrCode, textField } from './fields.js';
import { containedBox, type Box, type DrawOp, type ImageSizes, type MeasureText } from './ops.js';

/*
 * The standard AK/I: an A4 landscape sheet folded down the middle, as districts print it. Side one, the
 * card's face, is the right half (the front when the sheet is folded with the print outside, as the Kab.
 * Manokwari template has it): letterhead, title, form code, number and NIK in boxes, photo, signature box,
 * the visit, the not-yet-valid notice, the conditions, the report table and the placement lines. Side two,
 * the left half: personal data, education, skills, work, validity, the Pengantar Kerja's block and the QR.
 */

export const PAGE = { width: 297, height: 210 };
const HALF = PAGE.width / 2;
/** Each side's frame, inset from the paper's edge and from the fold. */
const FRAME_INSET = 5;
/** Each side's content, inset from the paper's edge and from the fold. */
const INSET = 9;
const CONTENT_WIDTH = HALF - 2 * INSET;
const TOP = INSET;
const BOTTOM = PAGE.height - INSET;

/** Type sizes in points. */
const SIZE = { heading: 8.5, label: 7.5, value: 8, name: 8.5, small: 7, table: 7, tableHead: 6.5 };
/** How far a flow may shrink its type to fit (8 pt becomes 5.6 pt). */
const MIN_FLOW_SCALE = 0.7;
const GRAY = { fill: 232, rule: 150 };
/** A separator in the registration number takes half a cell. */
const SEPARATOR_RATIO = 0.5;
/** Digit boxes in mm: as wide as a handwritten digit's box, and no narrower than this when shared. */
const MAX_CELL_WIDTH = 5.4;
const MIN_SHARED_CELL_WIDTH = 4.5;

export function standardLayout(
  content: CardContent,
  texts: Ak1CardTexts,
  images: ImageSizes,
  measure: MeasureText,
): DrawOp[] {
  return [...frame(), ...sideOne(content, texts, images, measure), ...sideTwo(content, texts, measure)];
}

function frame(): DrawOp[] {
  const height = PAGE.height - 2 * FRAME_INSET;
  const width = HALF - 2 * FRAME_INSET;
  return [
    { kind: 'rect', box: { x: FRAME_INSET, y: FRAME_INSET, w: width, h: height }, lineWidth: 0.3, stroke: true },
    { kind: 'rect', box: { x: HALF + FRAME_INSET, y: FRAME_INSET, w: width, h: height }, lineWidth: 0.3, stroke: true },
    // The fold.
    { kind: 'line', x1: HALF, y1: 2, x2: HALF, y2: PAGE.height - 2, lineWidth: 0.2, dash: [2, 1.5], gray: GRAY.rule },
  ];
}

function sideOne(content: CardContent, texts: Ak1CardTexts, images: ImageSizes, measure: MeasureText): DrawOp[] {
  const x0 = HALF + INSET;
  const x1 = x0 + CONTENT_WIDTH;
  const ops: DrawOp[] = [];

  // Letterhead: logo left, form code right, the office's name centred between them.
  const logoBox = { x: x0, y: TOP, w: 18, h: 18 };
  if (images.logo) ops.push({ kind: 'image', image: 'logo', box: containedBox(logoBox, images.logo) });
  const codeBox = { x: x1 - 17, y: TOP, w: 17, h: 7 };
  ops.push({ kind: 'rect', box: codeBox, lineWidth: 0.4, stroke: true });
  ops.push(textField(texts.formCode, codeBox, { sizePt: 10, bold: true, align: 'center', valign: 'middle' }, measure, ['formCode']));
  const letterhead: Block[] = [];
  const centred = (text: string | undefined, sizePt: number, bold: boolean, field: string) => {
    if (text) letterhead.push(row([{ text, width: CONTENT_WIDTH - 40, sizePt, bold, align: 'center', field }], {}, measure));
  };
  centred(content.districtName, 10, true, 'districtName');
  centred(content.officeName, 9.5, true, 'officeName');
  centred(content.officeAddress, 7, false, 'officeAddress');
  ops.push(...flowOrFail(letterhead, { x: x0 + 20, y: TOP, w: CONTENT_WIDTH - 40, h: 20 }, 0.6, ['district'], 'middle'));
  ops.push({ kind: 'line', x1: x0, y1: TOP + 21.5, x2: x1, y2: TOP + 21.5, lineWidth: 0.6 });
  ops.push({ kind: 'line', x1: x0, y1: TOP + 22.3, x2: x1, y2: TOP + 22.3, lineWidth: 0.2 });
  ops.push(textField(texts.title, { x: x0, y: TOP + 24, w: CONTENT_WIDTH, h: 6 }, { sizePt: 10.5, bold: true, align: 'center' }, measure, ['title']));

  // Number and NIK: the boxes of the paper card, and each as one plain string under its label.
  const labelWidth = 42;
  const boxesX = x0 + labelWidth + 2;
  const boxesRoom = x1 - boxesX;
  // Both rows share one cell size, the largest that fits the longer value (separators take half a cell),
  // unless a long registration number would squeeze the NIK's cells too: then each row has its own.
  const units = (value: string) => boxesWidth(value, { cellWidth: 1, separatorWidth: SEPARATOR_RATIO });
  const shared = boxesRoom / Math.max(units(content.registrationNumber), units(content.nik));
  const cellWidthOf = (value: string) => Math.min(MAX_CELL_WIDTH, shared >= MIN_SHARED_CELL_WIDTH ? shared : boxesRoom / units(value));
  const numberRow = (y: number, label: string, value: string, field: 'registrationNumber' | 'nik') => {
    const cellWidth = cellWidthOf(value);
    ops.push(textField(label, { x: x0, y, w: labelWidth, h: 3.3 }, { sizePt: SIZE.small }, measure, [field, 'label']));
    ops.push(textField(value, { x: x0, y: y + 3.4, w: labelWidth, h: 3.9 }, { sizePt: 8.5, bold: true }, measure, [field]));
    ops.push(
      ...charBoxes(value, { x: boxesX, y, cellWidth, cellHeight: 7, separatorWidth: cellWidth * SEPARATOR_RATIO, drawCells: true, wholeValue: false }, measure, field),
    );
  };
  numberRow(TOP + 33, texts.registrationNumber, content.registrationNumber, 'registrationNumber');
  numberRow(TOP + 43, texts.nik, content.nik, 'nik');

  // Photo, the applicant's signature, and the visit.
  const rowY = TOP + 53;
  const photoBox = { x: x0, y: rowY, w: 30, h: 40 };
  ops.push({ kind: 'image', image: 'photo', box: containedBox(photoBox, images.photo) });
  ops.push({ kind: 'rect', box: photoBox, lineWidth: 0.3, stroke: true });
  const signatureBox = { x: x0 + 33, y: rowY, w: 40, h: 40 };
  ops.push({ kind: 'rect', box: signatureBox, lineWidth: 0.3, stroke: true });
  ops.push(
    textField(texts.applicantSignature, { x: signatureBox.x + 1, y: signatureBox.y + 35.5, w: signatureBox.w - 2, h: 3.5 }, { sizePt: 6.5, align: 'center', gray: 80 }, measure, ['applicantSignature']),
  );
  // The visit on a card not yet signed; on a signed one, when it was issued and until when it is valid.
  const visitBox = { x: x0 + 76, y: rowY, w: CONTENT_WIDTH - 76, h: 40 };
  ops.push({ kind: 'rect', box: visitBox, lineWidth: 0.5, stroke: true });
  const boxBlocks = content.signed ? validityBlocks(content, texts, visitBox.w - 4, measure) : appointmentBlocks(content, texts, visitBox.w - 4, measure);
  ops.push(...flowOrFail(boxBlocks, inset(visitBox, 2), MIN_FLOW_SCALE, [content.signed ? 'issuedAt' : 'appointment']));

  // Not valid until signed, or a copy without the wet signature: a full-width band on the face.
  let bandBottom = rowY + 40;
  const band = (lines: Cell[], height: number) => {
    const noticeBox = { x: x0, y: rowY + 43, w: CONTENT_WIDTH, h: height };
    ops.push({ kind: 'rect', box: noticeBox, lineWidth: 0.6, stroke: true, fillGray: 242 });
    const blocks = lines.map((cell) => row([{ ...cell, width: CONTENT_WIDTH - 4, align: 'center' }], {}, measure));
    ops.push(...flowOrFail(blocks, inset(noticeBox, 2, 1.2), 0.8, ['notice'], 'middle'));
    bandBottom = noticeBox.y + noticeBox.h;
  };
  if (content.notice) {
    band(
      [
        { text: content.notice, width: 0, sizePt: 8.5, bold: true, field: 'notice' },
        { text: content.noticeHint ?? '', width: 0, sizePt: SIZE.small, field: 'noticeHint' },
      ],
      11,
    );
  } else if (content.copyNote) {
    band([{ text: content.copyNote, width: 0, sizePt: 8.5, bold: true, field: 'copyNote' }], 7);
  }

  // The conditions (the district's, or the four standard ones), then that the service is free. They take the
  // room down to the report table, more where a signed card has no band.
  const conditions: Block[] = [row([{ text: texts.conditionsHeading, width: CONTENT_WIDTH, sizePt: SIZE.label, bold: true }], {}, measure)];
  content.conditions.forEach((clause, i) => {
    conditions.push(
      row([{ text: `${i + 1}.`, width: 4, sizePt: SIZE.small }, { text: clause, width: CONTENT_WIDTH - 4, sizePt: SIZE.small, field: `conditions.${i}` }], {}, measure),
    );
  });
  conditions.push(gap(1), row([{ text: content.freeOfCharge, width: CONTENT_WIDTH, sizePt: SIZE.small, bold: true, field: 'freeOfCharge' }], {}, measure));
  const conditionsTop = bandBottom + 3;
  ops.push(...flowOrFail(conditions, { x: x0, y: conditionsTop, w: CONTENT_WIDTH, h: rowY + 84 - conditionsTop }, MIN_FLOW_SCALE, ['district', 'terms']));

  // The reports every six months, due dates filled in, the rest for the office.
  const columns = [19, 27, 26, CONTENT_WIDTH - 72];
  const report: Block[] = [
    row(
      [texts.reportColumn, texts.reportDueColumn, texts.reportDateColumn, texts.reportSignatureColumn].map((text, i) => ({
        text,
        width: columns[i]!,
        sizePt: SIZE.tableHead,
        bold: true,
        align: 'center' as const,
      })),
      { border: true, fillGray: GRAY.fill, minHeight: 7, valign: 'middle' },
      measure,
    ),
    ...texts.reportRows.map((label, i) =>
      row(
        [
          { text: label, width: columns[0]!, sizePt: SIZE.table },
          { text: content.reportDue[i]!, width: columns[1]!, sizePt: SIZE.table, align: 'center', field: `reportDue.${i}` },
          { text: content.reportMade[i]?.date ?? '', width: columns[2]!, sizePt: SIZE.table, align: 'center', field: `reportMade.${i}` },
          // Made online or at the counter, it is in the office's record; the signature is left for the office.
          { text: content.reportMade[i]?.note ?? '', width: columns[3]!, sizePt: SIZE.table, gray: 60, field: `reportNote.${i}` },
        ],
        { border: true, minHeight: 9, valign: 'middle' },
        measure,
      ),
    ),
  ];
  ops.push(...flowOrFail(report, { x: x0, y: rowY + 86, w: CONTENT_WIDTH, h: 36 }, MIN_FLOW_SCALE, ['reportDueDates']));

  // Filled in by the employer's office on placement.
  [texts.placedAt, texts.placedFrom].forEach((label, i) => {
    const y = BOTTOM - 11 + i * 6;
    ops.push(textField(label, { x: x0, y, w: 38, h: 4 }, { sizePt: SIZE.label }, measure, ['placement', i]));
    ops.push(textField(':', { x: x0 + 38, y, w: 2, h: 4 }, { sizePt: SIZE.label }, measure, ['placement', i]));
    ops.push({ kind: 'line', x1: x0 + 41, y1: y + 3.8, x2: x1, y2: y + 3.8, lineWidth: 0.25, dash: [0.5, 1] });
  });
  return ops;
}

function validityBlocks(content: CardContent, texts: Ak1CardTexts, width: number, measure: MeasureText): Block[] {
  const line = (text: string, sizePt: number, bold: boolean, field: string): Block =>
    row([{ text, width, sizePt, bold, field }], {}, measure);
  return [
    line(texts.validityHeading, SIZE.label, true, 'validity.heading'),
    gap(1),
    line(content.status, 9, true, 'validity.status'),
    gap(1.5),
    line(texts.issuedOn, SIZE.small, false, 'validity.issuedOnLabel'),
    line(content.issuedOn ?? texts.blank, 8.5, true, 'validity.issuedOn'),
    gap(1),
    line(texts.validUntil, SIZE.small, false, 'validity.validUntilLabel'),
    line(content.validUntil, 8.5, true, 'validity.validUntil'),
  ];
}

function appointmentBlocks(content: CardContent, texts: Ak1CardTexts, width: number, measure: MeasureText): Block[] {
  const line = (text: string, sizePt: number, bold: boolean, field: string): Block =>
    row([{ text, width, sizePt, bold, field }], {}, measure);
  const blocks = [line(texts.appointmentHeading, SIZE.label, true, 'appointment.heading'), gap(1)];
  const visit = content.appointment;
  if (!visit) return [...blocks, line(texts.noAppointment, SIZE.label, false, 'appointment.none')];
  blocks.push(line(visit.date, 9, true, 'appointment.date'), line(visit.time, 8.5, false, 'appointment.time'), gap(0.8));
  blocks.push(line(visit.place, SIZE.small, false, 'appointment.place'));
  if (visit.queueNumber) {
    blocks.push(
      gap(1),
      row(
        [
          { text: texts.queueNumber, width: 20, sizePt: SIZE.small, field: 'appointment.queueLabel' },
          { text: visit.queueNumber, width: width - 20, sizePt: 12, bold: true, field: 'appointment.queueNumber' },
        ],
        { valign: 'middle' },
        measure,
      ),
    );
  }
  return blocks;
}

function sideTwo(content: CardContent, texts: Ak1CardTexts, measure: MeasureText): DrawOp[] {
  const x0 = INSET;
  const ops: DrawOp[] = [];
  const bottomTop = BOTTOM - 47;

  // Personal data and the lists, set as large as the room allows; lists that still do not fit are
  // shortened from the end, each closing with "… and N more", education last.
  const heading = (text: string) => [row([{ text, width: CONTENT_WIDTH, sizePt: SIZE.heading, bold: true }], {}, measure), gap(0.8)];
  const field = (label: string, value: string | undefined, name: string, sizePt = SIZE.value, bold = false): Block[] =>
    value === undefined
      ? []
      : [
          row(
            [
              { text: label, width: 36, sizePt: SIZE.label },
              { text: ':', width: 2.5, sizePt: SIZE.label },
              { text: value, width: CONTENT_WIDTH - 38.5, sizePt, bold, field: name },
            ],
            { padY: 0.35 },
            measure,
          ),
        ];
  const personal: Block[] = [
    ...heading(texts.personalHeading),
    ...field(texts.fullName, content.fullName, 'fullName', SIZE.name, true),
    ...field(texts.birth, content.birth, 'birth'),
    ...field(texts.sex, content.sex, 'sex'),
    ...field(texts.maritalStatus, content.maritalStatus, 'maritalStatus'),
    ...field(texts.religion, content.religion, 'religion'),
    ...field(texts.address, content.address, 'address'),
    ...field(texts.phone, content.phone, 'phone'),
    ...field(texts.email, content.email, 'email'),
    ...field(texts.languages, content.languages, 'languages'),
  ];
  const lists = [
    table(
      texts.educationHeading,
      [texts.educationLevel, texts.institution, texts.major, texts.graduationYear],
      [24, 50, 40, CONTENT_WIDTH - 114],
      content.education.map((item) => [item.level, item.institution, item.major, item.graduationYear]),
      'education',
      4,
    ),
    table(
      texts.skillsHeading,
      [texts.skillName, texts.skillProvider, texts.skillYear],
      [58, 56, CONTENT_WIDTH - 114],
      content.skills.map((item) => [item.name, item.provider, item.year]),
      'skills',
      3,
    ),
    table(
      texts.workHeading,
      [texts.workPosition, texts.workEmployer, texts.workYears],
      [50, 58, CONTENT_WIDTH - 108],
      content.workExperience.map((item) => [item.position, item.employer, item.years]),
      'workExperience',
      3,
    ),
  ];

  function table(title: string, head: string[], widths: number[], items: string[][], name: string, minRows: number) {
    const cells = (values: string[], path: string, sizePt: number, bold = false): Cell[] =>
      values.map((text, i) => ({ text, width: widths[i]!, sizePt, bold, align: i === values.length - 1 ? 'center' : 'left', field: `${path}.${i}` }));
    const span = (text: string, path: string) => row([{ text, width: CONTENT_WIDTH, sizePt: SIZE.table, gray: 60, field: path }], { border: true }, measure);
    const blank = row(cells(head.map(() => ''), `${name}.blank`, SIZE.table), { border: true, minHeight: 4.2 }, measure);
    return {
      top: [gap(2.2), ...heading(title), row(cells(head, `${name}.head`, SIZE.tableHead, true), { border: true, fillGray: GRAY.fill }, measure)],
      items: items.map((values, i) => row(cells(values, `${name}.${i}`, SIZE.table), { border: true }, measure)),
      empty: span(texts.none, `${name}.none`),
      more: (count: number) => span(texts.more(count), `${name}.more`),
      // Ruled rows left blank, as on the paper card, for the office to add to; the first thing given up.
      blanks: (count: number) => Array.from({ length: Math.max(0, count) }, () => blank),
      minRows,
    };
  }

  const shown = lists.map((list) => list.items.length);
  const flowBox = { x: x0, y: TOP, w: CONTENT_WIDTH, h: bottomTop - 2 - TOP };
  for (let ruled = true; ; ruled = false) {
    const blocks = [...personal];
    lists.forEach((list, i) => {
      blocks.push(...list.top);
      if (!list.items.length) blocks.push(list.empty);
      blocks.push(...list.items.slice(0, shown[i]));
      if (shown[i]! < list.items.length) blocks.push(list.more(list.items.length - shown[i]!));
      else if (ruled && list.items.length) blocks.push(...list.blanks(list.minRows - list.items.length));
    });
    const fitted = fitFlow(blocks, flowBox, ruled ? 1 : MIN_FLOW_SCALE);
    if (fitted) {
      ops.push(...fitted.ops);
      break;
    }
    if (ruled) continue;
    // Shorten the longest of work, skills, education (in that order on ties) by one row.
    const candidates = [2, 1, 0].filter((i) => shown[i]! > 1);
    if (!candidates.length) fail('card.tooLong', [longestPersonalField(content)], 'tooLong');
    const longest = candidates.reduce((best, i) => (shown[i]! > shown[best]! ? i : best));
    shown[longest]!--;
  }

  // Bottom: the QR code on the left; validity and the Pengantar Kerja's block on the right.
  const qrSize = 28;
  ops.push(qrCode(content.verificationUrl, { x: x0 + 2, y: bottomTop + 3, size: qrSize }));
  ops.push(textField(texts.verifyCaption, { x: x0, y: bottomTop + qrSize + 6, w: 33, h: 10 }, { sizePt: 6, align: 'center', gray: 60 }, measure, ['verifyCaption']));
  const right = { x: x0 + 40, w: CONTENT_WIDTH - 40 };
  const validity: Block[] = [
    row(
      [
        { text: texts.issuedOn, width: 36, sizePt: SIZE.label },
        { text: ':', width: 2.5, sizePt: SIZE.label },
        { text: content.issuedOn ?? texts.blank, width: right.w - 38.5, sizePt: SIZE.value, bold: !!content.issuedOn, field: 'issuedOn' },
      ],
      { padY: 0.35 },
      measure,
    ),
    row(
      [
        { text: texts.validUntil, width: 36, sizePt: SIZE.label },
        { text: ':', width: 2.5, sizePt: SIZE.label },
        { text: content.validUntil, width: right.w - 38.5, sizePt: SIZE.value, bold: true, field: 'validUntil' },
      ],
      { padY: 0.35 },
      measure,
    ),
  ];
  ops.push(...flowOrFail(validity, { x: right.x, y: bottomTop, w: right.w, h: 9 }, MIN_FLOW_SCALE, ['validUntil']));

  // Room for the wet signature and the stamp between the title and the name; a copy says there that it has none.
  const signatureRoom = 17;
  const officer: Block[] = [
    row([{ text: content.officerTitle, width: right.w, sizePt: SIZE.label, align: 'center', field: 'officerTitle' }], {}, measure),
  ];
  if (content.copyNote) {
    const note = row([{ text: content.copyNote, width: right.w, sizePt: SIZE.small, align: 'center', gray: 90, field: 'signatureCopyNote' }], {}, measure);
    const room = (scale: number) => Math.max(0, signatureRoom * scale - note.height(scale));
    officer.push(
      { height: (scale) => room(scale) / 2, place: () => [] },
      note,
      { height: (scale) => room(scale) / 2, place: () => [] },
    );
  } else {
    officer.push(gap(signatureRoom));
  }
  const centreX = right.x + right.w / 2;
  if (content.officerName) {
    officer.push(row([{ text: content.officerName, width: right.w, sizePt: SIZE.value, bold: true, align: 'center', field: 'officerName' }], {}, measure));
  }
  officer.push(
    decoration(1.2, (x, y) => [{ kind: 'line', x1: centreX - 28, y1: y + 0.3, x2: centreX + 28, y2: y + 0.3, lineWidth: 0.25 }]),
    row([{ text: content.officerNip, width: right.w, sizePt: SIZE.label, align: 'center', field: 'officerNip' }], {}, measure),
  );
  ops.push(...flowOrFail(officer, { x: right.x, y: bottomTop + 11, w: right.w, h: BOTTOM - bottomTop - 11 }, MIN_FLOW_SCALE, ['officer']));
  return ops;
}

function flowOrFail(blocks: Block[], box: Box, minScale: number, path: (string | number)[], valign: 'top' | 'middle' = 'top'): DrawOp[] {
  return fitFlow(blocks, box, minScale, valign)?.ops ?? fail('card.tooLong', path, 'tooLong');
}

function inset(box: Box, dx: number, dy = dx): Box {
  return { x: box.x + dx, y: box.y + dy, w: box.w - 2 * dx, h: box.h - 2 * dy };
}

function longestPersonalField(content: CardContent): string {
  const fields = ['fullName', 'birth', 'address', 'email', 'languages'] as const;
  return fields.reduce((best, name) => ((content[name]?.length ?? 0) > (content[best]?.length ?? 0) ? name : best));
}
