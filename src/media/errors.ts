/**
 * Why a picture or PDF was refused. Each code is a message key: `i18n/` has an Indonesian and an English
 * text for every one (`catalogue.mediaErrors`), said beside the field that picked the file.
 */
export const AK1_MEDIA_ERROR_CODES = [
  /** The file has no bytes (a camera app that failed, a download that never started). */
  'media.empty',
  /** For the photo: not a JPEG, PNG, WebP or HEIC picture, whatever its name or declared type says. */
  'media.type',
  /** For a document: neither such a picture nor a PDF. */
  'media.documentType',
  /** Over the 15 MB a picture may have before it is processed. */
  'media.fileTooLarge',
  /** The header promises more than 40 megapixels: refused before anything is decoded. */
  'media.tooManyPixels',
  /** Too few pixels for a legible pas foto or document. */
  'media.tooSmall',
  /** The picture is damaged, truncated, or the browser cannot decode it. */
  'media.unreadable',
  /** A HEIC/HEIF picture in a browser that cannot decode HEIC (Chrome, Firefox). */
  'media.heicUnsupported',
  /** Not a well-formed PDF: header, cross-reference or end marker missing. */
  'media.pdfInvalid',
  /** A PDF over the document limit (1 MB); unlike pictures, PDFs are not shrunk. */
  'media.pdfTooLarge',
  /** A password-protected (encrypted) PDF: the office could not open it. */
  'media.pdfEncrypted',
  /** A PDF with JavaScript, launch actions, embedded files or forms that submit: no place in a scan. */
  'media.pdfActive',
  /** Even at the lowest quality and size we allow, the picture stays over the limit. */
  'media.cannotShrink',
  /** This browser (or Node) lacks createImageBitmap or a canvas to re-encode with. */
  'media.browserUnsupported',
] as const;

export type Ak1MediaErrorCode = (typeof AK1_MEDIA_ERROR_CODES)[number];

/**
 * A picture or PDF that `preparePhoto` or `prepareDocument` refused. `code` is the message key to show
 * beside the field; `cause` holds the browser's own error where there was one.
 */
export class Ak1MediaError extends Error {
  readonly code: Ak1MediaErrorCode;

  constructor(code: Ak1MediaErrorCode, options?: { cause?: unknown }) {
    super(code, options);
    // Set explicitly: minifiers rename classes, and callers tell errors apart by name.
    this.name = 'Ak1MediaError';
    this.code = code;
  }
}

export function isAk1MediaError(error: unknown): error is Ak1MediaError {
  return error instanceof Ak1MediaError || (error instanceof Error && error.name === 'Ak1MediaError');
}
