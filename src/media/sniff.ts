/**
 * What a file really is, from its first bytes, and how large its picture is, from its header: so a pixel
 * bomb is refused before a decoder allocates anything. Pure functions over bytes; no browser API.
 */

export type SniffedType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'application/pdf';

export interface PictureHeader {
  /** Stored size, before any EXIF orientation. */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent). Only JPEG's is read: it is what phone cameras write. */
  orientation: number;
}

/** Enough bytes to tell every type we know apart. */
export const SNIFF_BYTES = 64;

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

/** The type the first bytes announce, or undefined for anything else (GIF, SVG, HTML, BMP, TIFF, AVIF…). */
export function sniffType(head: Uint8Array): SniffedType | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(head, 0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(head, 4, 4) === 'ftyp' && isHeif(head)) return 'image/heic';
  return undefined;
}

/** An ISO-BMFF `ftyp` box whose major or compatible brands say HEIC/HEIF (and not AVIF). */
function isHeif(head: Uint8Array): boolean {
  const boxSize = readU32(head, 0, false);
  const end = Math.min(head.length, Math.max(16, boxSize));
  const brands = [ascii(head, 8, 4)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(head, at, 4));
  if (brands.includes('avif') || brands.includes('avis')) return false;
  return brands.some((brand) => HEIC_BRANDS.has(brand));
}

/**
 * The picture size from the header, for JPEG (SOFn), PNG (IHDR) and WebP (VP8, VP8L, VP8X). Undefined when
 * the header is broken or missing; HEIC is left to the decoder.
 */
export function readPictureHeader(bytes: Uint8Array, type: SniffedType): PictureHeader | undefined {
  switch (type) {
    case 'image/jpeg':
      return readJpegHeader(bytes);
    case 'image/png':
      return readPngHeader(bytes);
    case 'image/webp':
      return readWebpHeader(bytes);
    default:
      return undefined;
  }
}

function readPngHeader(bytes: Uint8Array): PictureHeader | undefined {
  // IHDR must be the first chunk: length 13 at 8, type at 12, width and height at 16 and 20.
  if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return undefined;
  return validSize(readU32(bytes, 16, false), readU32(bytes, 20, false), 1);
}

function readWebpHeader(bytes: Uint8Array): PictureHeader | undefined {
  if (bytes.length < 30) return undefined;
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ') {
    // A key frame: 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return undefined;
    return validSize(readU16(bytes, 26, true) & 0x3fff, readU16(bytes, 28, true) & 0x3fff, 1);
  }
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) return undefined;
    const b1 = bytes[21]!;
    const b2 = bytes[22]!;
    const b3 = bytes[23]!;
    const b4 = bytes[24]!;
    const width = 1 + (((b2 & 0x3f) << 8) | b1);
    const height = 1 + (((b4 & 0x0f) << 10) | (b3 << 2) | ((b2 & 0xc0) >> 6));
    return validSize(width, height, 1);
  }
  if (chunk === 'VP8X') {
    const width = 1 + (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16));
    const height = 1 + (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16));
    return validSize(width, height, 1);
  }
  return undefined;
}

/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function readJpegHeader(bytes: Uint8Array): PictureHeader | undefined {
  let orientation = 1;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    // Fill bytes and standalone markers carry no length.
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const length = readU16(bytes, at + 2, false);
    if (length < 2 || at + 2 + length > bytes.length) return undefined;
    if (marker === 0xe1 && ascii(bytes, at + 4, 6) === 'Exif\0\0') {
      orientation = exifOrientation(bytes.subarray(at + 10, at + 2 + length)) ?? orientation;
    }
    if (isStartOfFrame(marker)) {
      if (length < 7) return undefined;
      return validSize(readU16(bytes, at + 7, false), readU16(bytes, at + 5, false), orientation);
    }
    at += 2 + length;
  }
  return undefined;
}

/** Tag 0x0112 of IFD0 in a TIFF block (EXIF), if it is there and sane. */
export function exifOrientation(tiff: Uint8Array): number | undefined {
  if (tiff.length < 8) return undefined;
  const order = ascii(tiff, 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const little = order === 'II';
  if (readU16(tiff, 2, little) !== 42) return undefined;
  const ifd = readU32(tiff, 4, little);
  if (ifd + 2 > tiff.length) return undefined;
  const count = readU16(tiff, ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (readU16(tiff, entry, little) !== 0x0112) continue;
    const value = readU16(tiff, entry + 8, little);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/**
 * Whether a JPEG's picture data reaches its end marker (FF D9 after the first SOS). A cut-off download
 * decodes in some browsers as a grey half-picture; we refuse it instead. Data after EOI (motion photos)
 * is fine.
 */
export function jpegIsComplete(bytes: Uint8Array): boolean {
  const scanStart = firstScan(bytes);
  if (scanStart === undefined) return false;
  // In entropy-coded data FF is always stuffed (FF 00), so FF D9 there is a real end marker. Search from
  // the end: a complete file usually ends with it.
  let at = bytes.lastIndexOf(0xd9);
  while (at > scanStart) {
    if (bytes[at - 1] === 0xff) return true;
    at = bytes.lastIndexOf(0xd9, at - 1);
  }
  return false;
}

function firstScan(bytes: Uint8Array): number | undefined {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = readU16(bytes, at + 2, false);
    if (marker === 0xda) return at + 2 + length;
    if (length < 2) return undefined;
    at += 2 + length;
  }
  return undefined;
}

/** The size as shown: orientations 5–8 turn the picture a quarter, swapping width and height. */
export function orientedSize(header: PictureHeader): { width: number; height: number } {
  return header.orientation >= 5
    ? { width: header.height, height: header.width }
    : { width: header.width, height: header.height };
}

function validSize(width: number, height: number, orientation: number): PictureHeader | undefined {
  return width > 0 && height > 0 ? { width, height, orientation } : undefined;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

export function ascii(bytes: Uint8Array, at: number, length: number): string {
  let text = '';
  for (let i = at; i < at + length && i < bytes.length; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

function readU16(bytes: Uint8Array, at: number, little: boolean): number {
  const a = bytes[at] ?? 0;
  const b = bytes[at + 1] ?? 0;
  return little ? a | (b << 8) : (a << 8) | b;
}

function readU32(bytes: Uint8Array, at: number, little: boolean): number {
  const a = bytes[at] ?? 0;
  const b = bytes[at + 1] ?? 0;
  const c = bytes[at + 2] ?? 0;
  const d = bytes[at + 3] ?? 0;
  return (little ? (d << 24) | (c << 16) | (b << 8) | a : (a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}
