/*
 * What a layout produces: a flat list of drawing operations in millimetres from the page's top-left
 * corner. Layouts are pure (they only measure text), so tests can check where everything lands and that
 * no text leaves its box without making a PDF; draw.ts turns the list into jsPDF calls.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Align = 'left' | 'center' | 'right';

/** Width of a text in em (multiply by the font size); the layouts' only view of the font. */
export type MeasureText = (text: string, bold: boolean) => number;

export interface TextOp {
  kind: 'text';
  /** The box the text was fitted into: every line is at most `box.w` wide and all lines fit `box.h`. */
  box: Box;
  lines: string[];
  sizePt: number;
  bold: boolean;
  align: Align;
  valign: 'top' | 'middle';
  /** In the text layer only (searchable, copyable), not on paper. */
  invisible?: boolean;
  /** 0 (black) to 255 (white). Default black. */
  gray?: number;
  /** The field it prints, for tests and for a reader of the op list. */
  field?: string;
}

export interface RectOp {
  kind: 'rect';
  box: Box;
  lineWidth: number;
  stroke: boolean;
  fillGray?: number;
  dash?: [number, number];
}

export interface LineOp {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth: number;
  dash?: [number, number];
  gray?: number;
}

export interface ImageOp {
  kind: 'image';
  image: 'photo' | 'logo';
  /** Already fitted to the image's proportions. */
  box: Box;
}

/** The QR code's dark modules as rectangles, in modules: `[row, column, width, height]`. */
export interface QrOp {
  kind: 'qr';
  box: Box;
  modules: number;
  rects: [number, number, number, number][];
}

export type DrawOp = TextOp | RectOp | LineOp | ImageOp | QrOp;

/** The pixel size of the images, which the layouts need to keep their proportions. */
export interface ImageSizes {
  photo: { width: number; height: number };
  logo?: { width: number; height: number };
}

/** `inner` scaled to fit `outer` with its proportions kept, centred. */
export function containedBox(outer: Box, size: { width: number; height: number }): Box {
  const scale = Math.min(outer.w / size.width, outer.h / size.height);
  const w = size.width * scale;
  const h = size.height * scale;
  return { x: outer.x + (outer.w - w) / 2, y: outer.y + (outer.h - h) / 2, w, h };
}
