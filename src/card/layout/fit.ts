import type { Align, Box, DrawOp, MeasureText, TextOp } from './ops.js';

/*
 * Fitting text into boxes, the one rule every part of the card follows: a value wraps at spaces (a word
 * wider than its box breaks after a hyphen or slash, else between letters), and when the lines do not fit
 * the box's height the type gets smaller. Nothing is clipped or runs past a box's edge; when even the
 * smallest type does not fit, the caller gets `undefined` and says which field was too long.
 */

export const MM_PER_PT = 25.4 / 72;
/** Line spacing in em. */
const LINE_HEIGHT = 1.22;
/** The first baseline below the line's top, in em: room for accented capitals (Ḍ, Ă reach ~0.93 em). */
const BASELINE = 0.96;
/** The smallest type any value is set in. */
export const MIN_SIZE_PT = 4;
const SIZE_STEP_PT = 0.25;

export function lineHeightMm(sizePt: number): number {
  return sizePt * LINE_HEIGHT * MM_PER_PT;
}

export function baselineMm(sizePt: number): number {
  return sizePt * BASELINE * MM_PER_PT;
}

export function textWidthMm(text: string, sizePt: number, bold: boolean, measure: MeasureText): number {
  return measure(text, bold) * sizePt * MM_PER_PT;
}

/** The text broken into lines no wider than `widthMm`. */
export function wrapText(text: string, widthMm: number, sizePt: number, bold: boolean, measure: MeasureText): string[] {
  const fits = (line: string) => textWidthMm(line, sizePt, bold, measure) <= widthMm + 1e-6;
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    if (fits(word)) {
      current = word;
      continue;
    }
    const pieces = breakWord(word, fits);
    current = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  if (current) lines.push(current);
  return lines;
}

/** A word too wide for the box, in pieces that fit: after a hyphen or slash where one is, else anywhere. */
function breakWord(word: string, fits: (text: string) => boolean): string[] {
  const pieces: string[] = [];
  let chars = Array.from(word);
  while (chars.length) {
    let end = 1;
    while (end < chars.length && fits(chars.slice(0, end + 1).join(''))) end++;
    if (end < chars.length) {
      const softBreak = Math.max(chars.lastIndexOf('-', end - 1), chars.lastIndexOf('/', end - 1));
      if (softBreak > 0) end = softBreak + 1;
    }
    pieces.push(chars.slice(0, end).join(''));
    chars = chars.slice(end);
  }
  return pieces;
}

export interface FitStyle {
  sizePt: number;
  /** Default `MIN_SIZE_PT`. */
  minSizePt?: number;
  bold?: boolean;
  align?: Align;
  valign?: 'top' | 'middle';
  gray?: number;
}

/** The text set in the largest size (from `style.sizePt` down) at which its lines fit the box. */
export function fitText(text: string, box: Box, style: FitStyle, measure: MeasureText, field?: string): TextOp | undefined {
  const bold = style.bold ?? false;
  const minSizePt = Math.min(style.minSizePt ?? MIN_SIZE_PT, style.sizePt);
  for (let sizePt = style.sizePt; sizePt >= minSizePt - 1e-9; sizePt -= SIZE_STEP_PT) {
    const lines = wrapText(text, box.w, sizePt, bold, measure);
    if (lines.length * lineHeightMm(sizePt) <= box.h + 1e-6) {
      return {
        kind: 'text',
        box,
        lines,
        sizePt,
        bold,
        align: style.align ?? 'left',
        valign: style.valign ?? 'top',
        ...(style.gray !== undefined && { gray: style.gray }),
        ...(field && { field }),
      };
    }
  }
  return undefined;
}

/** One cell of a row: a text in a column of the given width. */
export interface Cell {
  text: string;
  width: number;
  sizePt: number;
  bold?: boolean;
  align?: Align;
  gray?: number;
  field?: string;
}

export interface RowStyle {
  /** Outline each cell (a table row). */
  border?: boolean;
  fillGray?: number;
  /** The row's least height, in mm, before scaling. */
  minHeight?: number;
  /** Inner padding of each cell, in mm. Default 0.8 across and 0.5 down with a border, else none. */
  padX?: number;
  padY?: number;
  valign?: 'top' | 'middle';
}

/**
 * A piece of a flow: it wraps its texts at a given type scale and reports its height; then it is placed.
 * Rows take all the width they are given; their cells' widths must add up to it.
 */
export interface Block {
  height(scale: number): number;
  place(x: number, y: number, scale: number): DrawOp[];
}

/** A row of cells side by side: a table row, a label with its value, a numbered clause, a heading. */
export function row(cells: Cell[], style: RowStyle, measure: MeasureText): Block {
  const padX = style.padX ?? (style.border ? 0.8 : 0);
  const padY = style.padY ?? (style.border ? 0.5 : 0);
  const wrapped = new Map<number, { lines: string[][]; height: number }>();
  const wrapAt = (scale: number) => {
    let result = wrapped.get(scale);
    if (!result) {
      const lines = cells.map((cell) =>
        cell.text ? wrapText(cell.text, Math.max(cell.width - 2 * padX, 0.1), cell.sizePt * scale, cell.bold ?? false, measure) : [],
      );
      const textHeight = Math.max(0, ...lines.map((l, i) => l.length * lineHeightMm(cells[i]!.sizePt * scale)));
      result = { lines, height: Math.max(textHeight + 2 * padY, (style.minHeight ?? 0) * scale) };
      wrapped.set(scale, result);
    }
    return result;
  };
  return {
    height: (scale) => wrapAt(scale).height,
    place(x, y, scale) {
      const { lines, height } = wrapAt(scale);
      const ops: DrawOp[] = [];
      let left = x;
      cells.forEach((cell, i) => {
        const box = { x: left, y, w: cell.width, h: height };
        if (style.border || style.fillGray !== undefined) {
          ops.push({ kind: 'rect', box, lineWidth: 0.2, stroke: style.border ?? false, ...(style.fillGray !== undefined && { fillGray: style.fillGray }) });
        }
        if (lines[i]!.length) {
          ops.push({
            kind: 'text',
            box: { x: left + padX, y: y + padY, w: cell.width - 2 * padX, h: height - 2 * padY },
            lines: lines[i]!,
            sizePt: cell.sizePt * scale,
            bold: cell.bold ?? false,
            align: cell.align ?? 'left',
            valign: style.valign ?? 'top',
            ...(cell.gray !== undefined && { gray: cell.gray }),
            ...(cell.field && { field: cell.field }),
          });
        }
        left += cell.width;
      });
      return ops;
    },
  };
}

/** Empty space between blocks, in mm before scaling. */
export function gap(mm: number): Block {
  return { height: (scale) => mm * scale, place: () => [] };
}

/** Lines and boxes drawn next to the texts of a flow, at the flow's position and scale. */
export function decoration(heightMm: number, draw: (x: number, y: number, scale: number) => DrawOp[]): Block {
  return { height: (scale) => heightMm * scale, place: draw };
}

const MIN_SCALE_STEP = 0.025;

/**
 * The blocks stacked down the box (from its top, or centred in it) at the largest type scale (1 down to
 * `minScale`) at which they fit its height. `undefined` when they do not fit even at `minScale`.
 */
export function fitFlow(
  blocks: Block[],
  box: Box,
  minScale: number,
  valign: 'top' | 'middle' = 'top',
): { ops: DrawOp[]; scale: number; height: number } | undefined {
  for (let scale = 1; scale >= minScale - 1e-9; scale -= MIN_SCALE_STEP) {
    const height = blocks.reduce((sum, block) => sum + block.height(scale), 0);
    if (height > box.h + 1e-6) continue;
    const ops: DrawOp[] = [];
    let y = valign === 'middle' ? box.y + (box.h - height) / 2 : box.y;
    for (const block of blocks) {
      ops.push(...block.place(box.x, y, scale));
      y += block.height(scale);
    }
    return { ops, scale, height };
  }
  return undefined;
}
