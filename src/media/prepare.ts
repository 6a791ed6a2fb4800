/**
 * `preparePhoto` and `prepareDocument`: from whatever a phone hands over (4–12 MB, rotated, with GPS in
 * the EXIF) to what the application carries: a 3:4 JPEG of at most 300 kB, documents of at most 1 MB,
 * re-encoded so that no metadata survives. Runs in windows and in workers.
 */
import { DOCUMENT_KINDS, type DocumentKind } from '../schema/codes.js';
import { Ak1MediaError, type Ak1MediaErrorCode } from './errors.js';
import { MEDIA_LIMITS } from './limits.js';
import { checkPdf, hasPdfHeader } from './pdf.js';
import {
  bytesToBase64,
  canProcessPictures,
  decodeUpright,
  encodeJpegUnder,
  type Decoded,
  type Size,
} from './raster.js';
import { photoCrop, largestPhotoCrop, type Ak1CropRect } from './crop.js';
import {
  SNIFF_BYTES,
  jpegIsComplete,
  orientedSize,
  readPictureHeader,
  sniffType,
  type PictureHeader,
  type SniffedType,
} from './sniff.js';

export interface Ak1MediaOptions {
  /** Aborts the work; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with a fraction from 0 to 1 as the work advances, ending with 1. */
  onProgress?: (fraction: number) => void;
  /** A tighter size limit in bytes than the schema's (to fit the 2.5 MB of all attachments). */
  maxBytes?: number;
}

export interface Ak1PhotoOptions extends Ak1MediaOptions {
  /**
   * The part of the picture to keep, in the upright picture's pixels (EXIF orientation applied), as the
   * crop frame gives it. Narrowed to 3:4 around its centre; default: the largest centred 3:4.
   */
  crop?: Ak1CropRect;
}

export type Ak1DocumentOptions = Ak1MediaOptions;

/** A pas foto ready for the application: 3:4, at most 600 × 800, at most 300 kB, no metadata. */
export interface Ak1PreparedPhoto {
  mediaType: 'image/jpeg';
  dataBase64: string;
  width: number;
  height: number;
  byteLength: number;
}

/** A document ready for the application: a re-encoded JPEG, or a checked PDF as it was; at most 1 MB. */
export interface Ak1PreparedDocument {
  kind: DocumentKind;
  mediaType: 'image/jpeg' | 'application/pdf';
  dataBase64: string;
  byteLength: number;
}

/** Best first; below 0.5 faces and small print go blotchy, so the size steps down instead. */
const PHOTO_QUALITIES = [0.9, 0.84, 0.78, 0.72, 0.66, 0.6, 0.54, 0.5] as const;
const DOCUMENT_QUALITIES = [0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5] as const;
/** Each smaller size tried is this fraction of the last. */
const SHRINK = 0.8;

/**
 * Re-encodes a picture (JPEG, PNG, WebP, or HEIC where the browser decodes it) as a 3:4 pas foto: upright,
 * cropped, at most 600 × 800 (never upscaled) and at most 300 kB, with no EXIF and no GPS. Rejects with
 * `Ak1MediaError` for a file it refuses, and with the signal's reason when aborted.
 */
export async function preparePhoto(file: Blob, options: Ak1PhotoOptions = {}): Promise<Ak1PreparedPhoto> {
  const { signal } = options;
  const progress = progressOf(options.onProgress);
  signal?.throwIfAborted();
  const maxBytes = limitOf(options.maxBytes, MEDIA_LIMITS.photoBytes);
  const source = await inspect(file, 'photo');
  if (source.type === 'application/pdf') throw new Ak1MediaError('media.type');
  signal?.throwIfAborted();
  progress(0.1);

  const decoded = await decode(file, source, (size) => MEDIA_LIMITS.photoWidth / photoCrop(size, options.crop).width);
  try {
    signal?.throwIfAborted();
    progress(0.6);
    const crop = photoCrop(decoded, options.crop);
    if (crop.width < MEDIA_LIMITS.photoMinWidth - 0.5) throw new Ak1MediaError('media.tooSmall');
    const { blob, size } = await encodeJpegUnder(decoded.bitmap, inBitmap(decoded, crop), photoSize(crop.width), {
      maxBytes,
      qualities: PHOTO_QUALITIES,
      smaller: (size) => {
        const next = photoSize(size.width * SHRINK);
        return next.width >= MEDIA_LIMITS.photoMinWidth ? next : undefined;
      },
      signal,
      onAttempt: (attempt) => progress(0.65 + 0.3 * (1 - 1 / (attempt + 1))),
    });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    signal?.throwIfAborted();
    progress(1);
    return { mediaType: 'image/jpeg', dataBase64: bytesToBase64(bytes), ...size, byteLength: bytes.length };
  } finally {
    decoded.bitmap.close();
  }
}

/**
 * Prepares a document of the given kind: a picture is re-encoded upright as JPEG with its long side at
 * most 1600 px and at most 1 MB, without metadata; a PDF is checked (structure, no encryption, nothing
 * active) and kept as it is when within 1 MB.
 */
export async function prepareDocument(
  file: Blob,
  kind: DocumentKind,
  options: Ak1DocumentOptions = {},
): Promise<Ak1PreparedDocument> {
  if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) throw new TypeError(`Unknown document kind: ${String(kind)}`);
  const { signal } = options;
  const progress = progressOf(options.onProgress);
  signal?.throwIfAborted();
  const maxBytes = limitOf(options.maxBytes, MEDIA_LIMITS.documentBytes);
  const source = await inspect(file, 'document', maxBytes);
  signal?.throwIfAborted();
  if (source.type === 'application/pdf') {
    progress(1);
    return { kind, mediaType: 'application/pdf', dataBase64: bytesToBase64(source.bytes), byteLength: source.bytes.length };
  }
  progress(0.1);
  const decoded = await decode(file, source, (size) => MEDIA_LIMITS.documentLongSide / longSide(size));
  try {
    signal?.throwIfAborted();
    progress(0.6);
    if (longSide(decoded) < MEDIA_LIMITS.documentMinLongSide) throw new Ak1MediaError('media.tooSmall');
    const scale = Math.min(1, MEDIA_LIMITS.documentLongSide / longSide(decoded));
    const whole = { x: 0, y: 0, width: decoded.width, height: decoded.height };
    const { blob } = await encodeJpegUnder(decoded.bitmap, inBitmap(decoded, whole), scaled(decoded, scale), {
      maxBytes,
      qualities: DOCUMENT_QUALITIES,
      smaller: (size) => {
        const next = scaled(size, SHRINK);
        return longSide(next) >= MEDIA_LIMITS.documentMinLongSide ? next : undefined;
      },
      signal,
      onAttempt: (attempt) => progress(0.65 + 0.3 * (1 - 1 / (attempt + 1))),
    });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    signal?.throwIfAborted();
    progress(1);
    return { kind, mediaType: 'image/jpeg', dataBase64: bytesToBase64(bytes), byteLength: bytes.length };
  } finally {
    decoded.bitmap.close();
  }
}

/** A picture opened for the crop frame: a scaled, upright preview and the full upright size. */
export type OpenedPicture = Decoded;

/**
 * Checks a picture as `preparePhoto` would and decodes an upright preview whose long side is at most
 * `maxSide`, for the crop frame. Refuses at once what `preparePhoto` would refuse later.
 */
export async function openPicture(
  file: Blob,
  options: { maxSide: number; signal?: AbortSignal; onProgress?: (fraction: number) => void },
): Promise<OpenedPicture> {
  const progress = progressOf(options.onProgress);
  options.signal?.throwIfAborted();
  const source = await inspect(file, 'photo');
  if (source.type === 'application/pdf') throw new Ak1MediaError('media.type');
  progress(0.2);
  const decoded = await decode(file, source, (size) => options.maxSide / longSide(size));
  if (options.signal?.aborted || largestPhotoCrop(decoded).width < MEDIA_LIMITS.photoMinWidth - 0.5) {
    decoded.bitmap.close();
    options.signal?.throwIfAborted();
    throw new Ak1MediaError('media.tooSmall');
  }
  progress(1);
  return decoded;
}

type Inspected =
  | { type: 'application/pdf'; bytes: Uint8Array }
  | { type: Exclude<SniffedType, 'application/pdf'>; header: PictureHeader | undefined };

/**
 * Everything that can be refused without decoding: emptiness, the real type from the first bytes, the
 * file size, the pixel count from the header, a JPEG cut short, a PDF's structure and content.
 */
async function inspect(file: Blob, purpose: 'photo' | 'document', pdfMaxBytes = 0): Promise<Inspected> {
  if (!(file instanceof Blob)) throw new TypeError('Expected a File or Blob');
  if (file.size === 0) throw new Ak1MediaError('media.empty');
  const head = await readBytes(file, 0, SNIFF_BYTES);
  const type = sniffType(head);
  const wrongType: Ak1MediaErrorCode = purpose === 'photo' ? 'media.type' : 'media.documentType';
  if (!type) throw new Ak1MediaError(wrongType);
  if (type === 'application/pdf') {
    if (purpose === 'photo') throw new Ak1MediaError(wrongType);
    if (!hasPdfHeader(head)) throw new Ak1MediaError('media.pdfInvalid');
    if (file.size > pdfMaxBytes) throw new Ak1MediaError('media.pdfTooLarge');
    const bytes = await readBytes(file);
    const problem = checkPdf(bytes);
    if (problem) throw new Ak1MediaError(problem);
    return { type, bytes };
  }
  if (file.size > MEDIA_LIMITS.inputBytes) throw new Ak1MediaError('media.fileTooLarge');
  // HEIC's size sits deep in its boxes; the decoder tells it (see decodeUpright).
  if (type === 'image/heic') return { type, header: undefined };
  // JPEG headers can sit behind megabytes of maker notes, and its end is checked too: read it whole
  // (at most 15 MB, asynchronously). PNG and WebP say their size in the first bytes.
  const bytes = type === 'image/jpeg' ? await readBytes(file) : head;
  const header = readPictureHeader(bytes, type);
  if (!header) throw new Ak1MediaError('media.unreadable');
  if (header.width * header.height > MEDIA_LIMITS.maxPixels) throw new Ak1MediaError('media.tooManyPixels');
  if (type === 'image/jpeg' && !jpegIsComplete(bytes)) throw new Ak1MediaError('media.unreadable');
  return { type, header };
}

async function decode(
  file: Blob,
  source: Exclude<Inspected, { type: 'application/pdf' }>,
  scaleFor: (size: Size) => number,
): Promise<Decoded> {
  if (!canProcessPictures()) throw new Ak1MediaError('media.browserUnsupported');
  try {
    return await decodeUpright(file, source.header && orientedSize(source.header), scaleFor, MEDIA_LIMITS.maxPixels);
  } catch (error) {
    if (error instanceof Ak1MediaError) throw error;
    throw new Ak1MediaError(source.type === 'image/heic' ? 'media.heicUnsupported' : 'media.unreadable', { cause: error });
  }
}

async function readBytes(file: Blob, start = 0, end = file.size): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.slice(start, end).arrayBuffer());
  } catch (error) {
    // A file removed or changed on the phone after it was picked cannot be read.
    throw new Ak1MediaError('media.unreadable', { cause: error });
  }
}

/** A crop in the upright picture's pixels, in the (possibly scaled) bitmap's pixels. */
function inBitmap(decoded: Decoded, crop: Ak1CropRect): Ak1CropRect {
  const k = decoded.bitmap.width / decoded.width;
  return { x: crop.x * k, y: crop.y * k, width: crop.width * k, height: crop.height * k };
}

/** Exactly 3:4, at most 600 × 800, from a crop `width` pixels wide. */
function photoSize(width: number): Size {
  const unit = Math.floor(Math.min(width, MEDIA_LIMITS.photoWidth) / 3);
  return { width: unit * 3, height: unit * 4 };
}

function scaled(size: Size, scale: number): Size {
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

function longSide(size: Size): number {
  return Math.max(size.width, size.height);
}

function limitOf(asked: number | undefined, limit: number): number {
  return asked !== undefined && Number.isFinite(asked) && asked > 0 ? Math.min(asked, limit) : limit;
}

/** Progress that only ever moves forward. */
function progressOf(callback: ((fraction: number) => void) | undefined) {
  let last = 0;
  return (fraction: number) => {
    if (!callback || fraction <= last) return;
    last = fraction;
    callback(fraction);
  };
}
