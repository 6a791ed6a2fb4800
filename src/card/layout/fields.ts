import { encode } from 'uqr';
import { fail } from '../input.js';
import { MM_PER_PT, fitText, lineHeightMm, type FitStyle } from './fit.js';
import type { Box, DrawOp, MeasureText, QrOp, TextOp } from './ops.js';

/*
 * The field primitives both layouts are made of: a text in a box, a value in character boxes, the QR code.
 */

/** A text fitted to its box, or a `card.tooLong` error naming the field. */
export function textField(text: string, box: Box, style: FitStyle, measure: MeasureText, path: (string | number)[]): TextOp {
  return fitText(text, box, style, measure, path.join('.')) ?? fail('card.tooLong', path, 'tooLong');
}

export interface CharBoxes {
  x: number;
  y: number;
  cellWidth: number;
  cellHeight: number;
  /** Width taken by a separator (`-`, `/`, `.`), which gets no cell. */
  separatorWidth: number;
  sizePt?: number;
  drawCells: boolean;
  /**
   * Also put the whole value, invisible, over the cells, so the text layer holds it as one word to search
   * and copy (the cells alone read as "3 6 0 4 …"). Not needed where the value is printed whole nearby.
   */
  wholeValue: boolean;
}

const SEPARATOR = /[^\p{L}\p{N}]/u;
/** Noto Sans's capital height, in em. */
const CAP_HEIGHT_EM = 0.714;
/** The QR code's mask pattern (0–7); see qrCode. */
const QR_MASK = 2;

/** How wide a value is in boxes: a cell per character, `separatorWidth` per separator. */
export function boxesWidth(value: string, boxes: Pick<CharBoxes, 'cellWidth' | 'separatorWidth'>): number {
  return Array.from(value).reduce((width, ch) => width + (SEPARATOR.test(ch) ? boxes.separatorWidth : boxes.cellWidth), 0);
}

/** One character per cell, centred. */
export function charBoxes(value: string, boxes: CharBoxes, measure: MeasureText, field: string): DrawOp[] {
  const chars = Array.from(value);
  const widest = Math.max(...chars.map((ch) => measure(ch, false)));
  // Characters take at most 75 % of a cell's width and their capitals about half its height.
  const fitting = Math.min((boxes.cellWidth * 0.75) / (widest * MM_PER_PT), (boxes.cellHeight * 0.5) / (CAP_HEIGHT_EM * MM_PER_PT));
  const sizePt = Math.min(boxes.sizePt ?? fitting, fitting, lineHeightLimit(boxes.cellHeight));
  const ops: DrawOp[] = [];
  let x = boxes.x;
  for (const ch of chars) {
    const width = SEPARATOR.test(ch) ? boxes.separatorWidth : boxes.cellWidth;
    const cell = { x, y: boxes.y, w: width, h: boxes.cellHeight };
    if (boxes.drawCells && !SEPARATOR.test(ch)) ops.push({ kind: 'rect', box: cell, lineWidth: 0.25, stroke: true });
    ops.push({ kind: 'text', box: cell, lines: [ch], sizePt, bold: false, align: 'center', valign: 'middle', field: `${field}.cell` });
    x += width;
  }
  if (!boxes.wholeValue) return ops;
  const whole = { x: boxes.x, y: boxes.y, w: x - boxes.x, h: boxes.cellHeight };
  const wholeSize = Math.min(sizePt, (whole.w / (measure(value, false) * MM_PER_PT)) * 0.99);
  ops.push({ kind: 'text', box: whole, lines: [value], sizePt: wholeSize, bold: false, align: 'left', valign: 'middle', invisible: true, field });
  return ops;
}

/** The largest type whose line fits a cell's height. */
function lineHeightLimit(heightMm: number): number {
  return heightMm / lineHeightMm(1);
}

/**
 * The QR code of `url` in a square box (the quiet zone is outside it) as few rectangles as is cheap: runs of
 * dark modules along each row, a run continued straight down through the rows below merged into one.
 */
export function qrCode(url: string, box: { x: number; y: number; size: number }): QrOp {
  // Level M survives a fold, a stamp's edge or a smudge across up to 15 % of the code. The mask is fixed:
  // scoring all eight (uqr's default) took 3–5 ms in Chromium, a third of the card's budget, and only
  // guards against rare patterns in low-entropy data; the URL's signed token is not that.
  const { size, data } = encode(url, { ecc: 'M', border: 0, maskPattern: QR_MASK });
  const rects: [number, number, number, number][] = [];
  /** The rectangle still open below each run, keyed by its column and width. */
  let open = new Map<string, [number, number, number, number]>();
  data.forEach((modules, row) => {
    const next = new Map<string, [number, number, number, number]>();
    for (let col = 0; col < size; col++) {
      if (!modules[col]) continue;
      const start = col;
      while (col + 1 < size && modules[col + 1]) col++;
      const key = `${start}:${col - start + 1}`;
      const above = open.get(key);
      if (above) above[3]++;
      const rect = above ?? ([row, start, col - start + 1, 1] as [number, number, number, number]);
      if (!above) rects.push(rect);
      next.set(key, rect);
    }
    open = next;
  });
  return { kind: 'qr', box: { x: box.x, y: box.y, w: box.size, h: box.size }, modules: size, rects };
}
