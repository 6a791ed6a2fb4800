import type { jsPDF as JsPdf } from 'jspdf';
import { idCard as texts } from '../i18n/id/card.js';
import { id as catalogue } from '../i18n/id/form.js';
import { cardContent } from './content.js';
import { drawOps, FONT_FAMILY, type CardImage } from './draw.js';
import { Ak1CardError, type Ak1CardErrorCode } from './errors.js';
import { checkApplication, checkOptions, checkRegistration, readLogo } from './input.js';
import { PDF_DATES } from './options.js';
import { overlayLayout } from './layout/overlay.js';
import type { ImageSizes, MeasureText } from './layout/ops.js';
import { PAGE, standardLayout } from './layout/standard.js';

/*
 * The card renderer proper. It loads only when a card is printed (see index.ts): jsPDF and the font
 * subset come in with it, by dynamic import, so the form never downloads them before then.
 */

export interface CardFonts {
  NOTO_SANS_REGULAR: string;
  NOTO_SANS_BOLD: string;
}

export function renderCard(
  JsPdfClass: typeof JsPdf,
  fonts: CardFonts,
  applicationInput: unknown,
  registrationInput: unknown,
  optionsInput: unknown,
): Uint8Array {
  const options = checkOptions(optionsInput);
  const { application, photo } = checkApplication(applicationInput);
  const checked = checkRegistration(registrationInput);
  const { registration } = checked;
  const logo = options.logo === undefined ? undefined : readLogo(options.logo);
  const overlay = options.layout === undefined || options.layout === 'standard' ? undefined : options.layout;
  const page = overlay ? overlay.page : { widthMm: PAGE.width, heightMm: PAGE.height };

  const { doc, measure } = createCardDocument(JsPdfClass, fonts, page);

  const photoImage: CardImage = { bytes: photo, format: 'JPEG' };
  const sizes: ImageSizes = {
    photo: imageSize(doc, photoImage, 'card.photo', ['photo', 'dataBase64']),
    ...(logo && { logo: imageSize(doc, logo, 'card.logo', ['logo']) }),
  };

  const content = cardContent(application, checked, options, catalogue, texts);
  const ops = overlay ? overlayLayout(overlay, content, sizes, measure) : standardLayout(content, texts, sizes, measure);
  drawOps(doc, ops, { photo: photoImage, logo }, measure);

  // Nothing personal in the metadata: the file is shared and its properties are shown by every viewer.
  doc.setDocumentProperties({ title: `${texts.title} ${texts.formCode} ${registration.registrationNumber}`, creator: 'ak1-form' });
  doc.setLanguage('id');
  doc.setCreationDate(pdfDate(options.creationDate ?? clampToPdfDates(new Date())));
  doc.setFileId(options.documentId ?? randomFileId());
  return new Uint8Array(doc.output('arraybuffer'));
}

/** A one-page document of the page's size with the card's fonts, and the measure of its text. */
export function createCardDocument(
  JsPdfClass: typeof JsPdf,
  fonts: CardFonts,
  page: { widthMm: number; heightMm: number },
): { doc: JsPdf; measure: MeasureText } {
  const doc = new JsPdfClass({
    orientation: page.widthMm > page.heightMm ? 'landscape' : 'portrait',
    unit: 'mm',
    format: [page.widthMm, page.heightMm],
    compress: true,
    putOnlyUsedFonts: true,
    // jsPDF writes every coordinate with 16 digits by default; 0.01 pt is finer than any printer.
    floatPrecision: 2,
  });
  doc.addFileToVFS('NotoSans-Regular.ttf', fonts.NOTO_SANS_REGULAR);
  doc.addFont('NotoSans-Regular.ttf', FONT_FAMILY, 'normal');
  doc.addFileToVFS('NotoSans-Bold.ttf', fonts.NOTO_SANS_BOLD);
  doc.addFont('NotoSans-Bold.ttf', FONT_FAMILY, 'bold');
  return { doc, measure: measurer(doc) };
}

/** Text widths in em from the embedded fonts' own metrics, remembered: layouts measure the same texts often. */
function measurer(doc: JsPdf): MeasureText {
  doc.setFont(FONT_FAMILY, 'normal');
  const regular = doc.getFont();
  doc.setFont(FONT_FAMILY, 'bold');
  const bold = doc.getFont();
  const known = new Map<string, number>();
  return (text, isBold) => {
    const key = `${isBold ? 'b' : 'r'}${text}`;
    let width = known.get(key);
    if (width === undefined) {
      width = doc.getStringUnitWidth(text, { font: isBold ? bold : regular, fontSize: 1, charSpace: 0 });
      known.set(key, width);
    }
    return width;
  };
}

function imageSize(doc: JsPdf, image: CardImage, code: Ak1CardErrorCode, path: string[]): { width: number; height: number } {
  try {
    const { width, height } = doc.getImageProperties(image.bytes);
    if (width > 0 && height > 0) return { width, height };
  } catch (cause) {
    throw new Ak1CardError(code, [{ path, rule: 'unreadable' }], { cause });
  }
  throw new Ak1CardError(code, [{ path, rule: 'unreadable' }]);
}

/** Today as a creation date jsPDF can write: after 2037 the last one it can, so that cards still print then. */
function clampToPdfDates(date: Date): Date {
  return date > PDF_DATES.last ? PDF_DATES.last : date;
}

/** A PDF date in UTC (`D:20261128020000+00'00'`), so the same `creationDate` gives the same bytes anywhere. */
function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00'`;
}

function randomFileId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
