import { checkPdf } from '../media/pdf.js';
import { MEDIA_LIMITS } from '../media/limits.js';
import { pictureStructure } from '../media/structure.js';
import type { Ak1Application, Ak1Issue, Ak1MessageKey } from '../schema/index.js';

/*
 * The attachments' bytes, checked on the server beyond the first bytes the schema looks at: without this, a
 * JPEG header followed by 2.5 MB of noise was stored and handed to an officer's PC. Structure only (the same
 * pure code the device runs: src/media/), a few milliseconds for the largest application; decoding is the
 * device's job. Sizes are the device's output bounds: a picture larger than the device makes was not made by
 * `preparePhoto`/`prepareDocument` and is refused rather than stored.
 */

/** The largest photo the device makes (`preparePhoto`): 600 × 800. */
const PHOTO_MAX = { width: MEDIA_LIMITS.photoWidth, height: MEDIA_LIMITS.photoHeight };
/** The longest side of a document picture the device makes (`prepareDocument`). */
const DOCUMENT_MAX_SIDE = MEDIA_LIMITS.documentLongSide;

/** Issues for every attachment of a validated application whose bytes do not hold together; `[]` when all do. */
export function checkAttachments(application: Pick<Ak1Application, 'photo' | 'documents'>): Ak1Issue[] {
  const issues: Ak1Issue[] = [];
  const photo = checkPicture(application.photo.dataBase64, (size) => size.width <= PHOTO_MAX.width && size.height <= PHOTO_MAX.height);
  if (photo) issues.push({ path: ['photo', 'dataBase64'], code: `photo.dataBase64.${photo}` as Ak1MessageKey });
  (application.documents ?? []).forEach((document, index) => {
    const problem =
      document.mediaType === 'application/pdf'
        ? checkPdfDocument(document.dataBase64)
        : checkPicture(document.dataBase64, (size) => Math.max(size.width, size.height) <= DOCUMENT_MAX_SIDE);
    if (problem) issues.push({ path: ['documents', index, 'dataBase64'], code: `documents.dataBase64.${problem}` as Ak1MessageKey });
  });
  return issues;
}

function checkPicture(base64: string, fits: (size: { width: number; height: number }) => boolean): 'unreadable' | 'dimensions' | undefined {
  const size = pictureStructure(decodeBase64(base64), 'image/jpeg');
  if (!size) return 'unreadable';
  return fits(size) ? undefined : 'dimensions';
}

function checkPdfDocument(base64: string): 'unreadable' | 'pdfEncrypted' | 'pdfActive' | undefined {
  switch (checkPdf(decodeBase64(base64))) {
    case undefined:
      return undefined;
    case 'media.pdfEncrypted':
      return 'pdfEncrypted';
    case 'media.pdfActive':
      return 'pdfActive';
    default:
      return 'unreadable';
  }
}

/** Node's Buffer where there is one (the bytes' owner in Node), else undefined: the handler also runs elsewhere. */
const NodeBuffer = (globalThis as { Buffer?: { from(text: string, encoding: 'base64'): Uint8Array } }).Buffer;

/** Base64 the schema has already checked for its alphabet and padding. */
function decodeBase64(base64: string): Uint8Array {
  // Native decoding: the byte-by-byte copy below cost a 70 kB application more than checking its structure.
  if (NodeBuffer) return NodeBuffer.from(base64, 'base64');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
