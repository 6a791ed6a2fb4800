import type { jsPDF } from 'jspdf';
import { baselineMm, lineHeightMm, textWidthMm } from './layout/fit.js';
import type { DrawOp, MeasureText, QrOp, TextOp } from './layout/ops.js';

/** The family name the embedded subset is registered under in each document. */
export const FONT_FAMILY = 'NotoSans';

export interface CardImage {
  bytes: Uint8Array;
  format: 'PNG' | 'JPEG';
}

/** Puts a layout's operations on the page: the only place that draws. */
export function drawOps(doc: jsPDF, ops: DrawOp[], images: { photo: CardImage; logo?: CardImage | undefined }, measure: MeasureText): void {
  for (const op of ops) {
    switch (op.kind) {
      case 'text':
        drawText(doc, op, measure);
        break;
      case 'rect': {
        doc.setLineWidth(op.lineWidth);
        doc.setDrawColor(0);
        if (op.fillGray !== undefined) doc.setFillColor(op.fillGray, op.fillGray, op.fillGray);
        withDash(doc, op.dash, () => {
          const style = op.fillGray !== undefined ? (op.stroke ? 'FD' : 'F') : 'S';
          doc.rect(op.box.x, op.box.y, op.box.w, op.box.h, style);
        });
        break;
      }
      case 'line':
        doc.setLineWidth(op.lineWidth);
        doc.setDrawColor(op.gray ?? 0);
        withDash(doc, op.dash, () => doc.line(op.x1, op.y1, op.x2, op.y2));
        break;
      case 'image': {
        const image = op.image === 'photo' ? images.photo : images.logo;
        // A fixed alias keeps the output byte-identical between runs. JPEG bytes go in as they are; a PNG
        // is decoded by jsPDF and would go in raw (a 160 px logo: 77 kB) unless deflated again.
        const compression = image?.format === 'PNG' ? 'MEDIUM' : 'NONE';
        if (image) doc.addImage(image.bytes, image.format, op.box.x, op.box.y, op.box.w, op.box.h, op.image, compression);
        break;
      }
      case 'qr':
        drawQr(doc, op);
        break;
    }
  }
}

function drawText(doc: jsPDF, op: TextOp, measure: MeasureText): void {
  doc.setFont(FONT_FAMILY, op.bold ? 'bold' : 'normal');
  doc.setFontSize(op.sizePt);
  doc.setTextColor(op.gray ?? 0);
  const lineHeight = lineHeightMm(op.sizePt);
  const top = op.box.y + (op.valign === 'middle' ? (op.box.h - op.lines.length * lineHeight) / 2 : 0);
  op.lines.forEach((line, i) => {
    const width = textWidthMm(line, op.sizePt, op.bold, measure);
    const x = op.align === 'center' ? op.box.x + (op.box.w - width) / 2 : op.align === 'right' ? op.box.x + op.box.w - width : op.box.x;
    const y = top + i * lineHeight + baselineMm(op.sizePt);
    doc.text(line, x, y, op.invisible ? { renderingMode: 'invisible' } : {});
  });
}

/**
 * The QR code's rectangles in module units under one transformation, filled at once: written through
 * jsPDF's rect() each would carry page coordinates (three times the bytes for ~700 rectangles) and cost
 * a call each. `internal.write` is how jsPDF's own plugins add content; the state is saved and restored.
 */
function drawQr(doc: jsPDF, op: QrOp): void {
  const { scaleFactor, pageSize } = doc.internal;
  const module = (op.box.w / op.modules) * scaleFactor;
  const left = op.box.x * scaleFactor;
  const top = (pageSize.getHeight() - op.box.y) * scaleFactor;
  const content = [`q 0 g ${pdfNumber(module)} 0 0 ${pdfNumber(-module)} ${pdfNumber(left)} ${pdfNumber(top)} cm`];
  for (const [row, column, width, height] of op.rects) content.push(`${column} ${row} ${width} ${height} re`);
  content.push('f Q');
  (doc.internal as unknown as { write: (text: string) => void }).write(content.join('\n'));
}

function pdfNumber(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function withDash(doc: jsPDF, dash: [number, number] | undefined, draw: () => void): void {
  if (!dash) return draw();
  doc.setLineDashPattern(dash, 0);
  draw();
  doc.setLineDashPattern([], 0);
}
