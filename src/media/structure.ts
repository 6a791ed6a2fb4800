/**
 * Whether a picture's bytes hold together as the format says, read without decoding a pixel: JPEG segments in
 * order up to an end marker at the very end, PNG chunks with their CRCs from IHDR to IEND, WebP's RIFF chunks
 * filling the file. A few microseconds per kilobyte, so the server can afford it on every attachment (full
 * decoding is the device's job). Pure functions over bytes; no browser API, no Node API.
 */
import { ascii, readPictureHeader } from './sniff.js';

/** A picture's stored size, as its structure declares it. */
export interface PictureStructure {
  width: number;
  height: number;
}

/** The declared size when `bytes` is a well-formed picture of `type`, else undefined. */
export function pictureStructure(bytes: Uint8Array, type: 'image/jpeg' | 'image/png' | 'image/webp'): PictureStructure | undefined {
  switch (type) {
    case 'image/jpeg':
      return jpegStructure(bytes);
    case 'image/png':
      return pngStructure(bytes);
    case 'image/webp':
      return webpStructure(bytes);
  }
}

/**
 * SOI, then marker segments whose lengths chain exactly, one frame header (SOF) before the first scan, scans
 * whose entropy-coded data contains no bare FF (only stuffed FF 00, restart markers and fill bytes), and EOI as
 * the last two bytes. Random bytes after a real header fail within a few hundred bytes.
 */
function jpegStructure(bytes: Uint8Array): PictureStructure | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let size: PictureStructure | undefined;
  let scans = 0;
  let at = 2;
  while (at + 1 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    let marker = bytes[at + 1]!;
    // Any number of fill bytes may precede a marker.
    while (marker === 0xff && at + 2 < bytes.length) marker = bytes[++at + 1]!;
    if (marker === 0xd9) return scans > 0 && at + 2 === bytes.length ? size : undefined;
    // SOI again, a stuffed zero or a restart marker outside a scan: not a JPEG's grammar.
    if (marker === 0xd8 || marker === 0x00 || marker === 0xff || (marker >= 0xd0 && marker <= 0xd7)) return undefined;
    if (marker === 0x01) {
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) return undefined;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) return undefined;
    if (isFrameHeader(marker)) {
      // P, Y, X, Nf, then 3 bytes per component.
      const components = length >= 8 ? bytes[at + 9]! : 0;
      if (size || components < 1 || components > 4 || length !== 8 + 3 * components) return undefined;
      const height = (bytes[at + 5]! << 8) | bytes[at + 6]!;
      const width = (bytes[at + 7]! << 8) | bytes[at + 8]!;
      if (width === 0 || height === 0) return undefined;
      size = { width, height };
    }
    if (marker === 0xda) {
      const components = length >= 3 ? bytes[at + 4]! : 0;
      if (!size || components < 1 || components > 4 || length !== 6 + 2 * components) return undefined;
      scans++;
      at = endOfEntropyData(bytes, end);
      continue;
    }
    at = end;
  }
  return undefined;
}

/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
function isFrameHeader(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Where the marker that ends a scan's entropy-coded data starts (the length of `bytes` when none does). */
function endOfEntropyData(bytes: Uint8Array, from: number): number {
  let at = bytes.indexOf(0xff, from);
  while (at !== -1 && at + 1 < bytes.length) {
    const next = bytes[at + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
      at = bytes.indexOf(0xff, at + 2);
      continue;
    }
    if (next === 0xff) {
      // Fill bytes: the marker is the first byte after them that is not FF.
      let last = at + 1;
      while (last + 1 < bytes.length && bytes[last + 1] === 0xff) last++;
      return last;
    }
    return at;
  }
  return bytes.length;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The signature, IHDR first, chunks with valid CRCs, the IDAT chunks together, IEND last at the very end. */
function pngStructure(bytes: Uint8Array): PictureStructure | undefined {
  if (bytes.length < 8 + 25 + 12 || PNG_SIGNATURE.some((byte, i) => bytes[i] !== byte)) return undefined;
  let at = 8;
  let index = 0;
  let idat: 'none' | 'open' | 'closed' = 'none';
  while (at + 12 <= bytes.length) {
    const length = readU32(bytes, at);
    const type = ascii(bytes, at + 4, 4);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length || !/^[A-Za-z]{4}$/.test(type)) return undefined;
    if (crc32(bytes, at + 4, at + 8 + length) !== readU32(bytes, at + 8 + length)) return undefined;
    if ((index === 0) !== (type === 'IHDR') || (type === 'IHDR' && length !== 13)) return undefined;
    if (type === 'IDAT') {
      if (idat === 'closed') return undefined;
      idat = 'open';
    } else if (idat === 'open') {
      idat = 'closed';
    }
    if (type === 'IEND') {
      if (length !== 0 || end !== bytes.length || idat === 'none') return undefined;
      const header = readPictureHeader(bytes, 'image/png');
      return header && { width: header.width, height: header.height };
    }
    at = end;
    index++;
  }
  return undefined;
}

/** RIFF's size is the file's; chunks (padded to even lengths) fill it; the first says VP8, VP8L or VP8X. */
function webpStructure(bytes: Uint8Array): PictureStructure | undefined {
  if (bytes.length < 20 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') return undefined;
  if (readU32Le(bytes, 4) + 8 !== bytes.length) return undefined;
  const first = ascii(bytes, 12, 4);
  if (first !== 'VP8 ' && first !== 'VP8L' && first !== 'VP8X') return undefined;
  let at = 12;
  let image = false;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) return undefined;
    const type = ascii(bytes, at, 4);
    const length = readU32Le(bytes, at + 4);
    const end = at + 8 + length + (length % 2);
    if (end > bytes.length) return undefined;
    if (type === 'VP8 ' || type === 'VP8L' || type === 'ANMF') image = true;
    at = end;
  }
  if (!image) return undefined;
  const header = readPictureHeader(bytes, 'image/webp');
  return header && { width: header.width, height: header.height };
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, as PNG uses it) of `bytes[from, to)`. */
function crc32(bytes: Uint8Array, from: number, to: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = from; i < to; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function readU32Le(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}
