/**
 * The fake camera of the counter's end-to-end test: an applicant's card PDF held up to the office PC's webcam.
 *
 * chromium plays a Y4M file as its camera (`--use-fake-device-for-media-stream
 * --use-file-for-fake-video-capture=<file.y4m>`). This renders the card's first page with poppler's pdftoppm,
 * finds the QR code on it (jsQR, as the office component's fallback decoder does in Debian's chromium, which has
 * no BarcodeDetector), and cuts a 640×480 frame around it, scaled so that the code fills about half the frame's
 * height: what a webcam a hand's breadth from the printout sees. 640×480 is chromium's default capture size, so
 * the frame reaches the page as it is written, neither cropped nor scaled again. The frame goes into the file as
 * YUV 4:2:0 (C420), converted in plain JavaScript (BT.601, studio range, as chromium reads it back).
 *
 * Node only (poppler-utils is installed by CI, as for the card tests).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';

export interface RgbImage {
  width: number;
  height: number;
  /** Three bytes a pixel, rows top to bottom. */
  rgb: Uint8Array;
}

/** The first page of a PDF as RGB pixels at `dpi` (pdftoppm writes a binary PPM). */
export function renderPage(pdf: Uint8Array, dpi = 150): RgbImage {
  const dir = mkdtempSync(join(tmpdir(), 'ak1-camera-'));
  try {
    const file = join(dir, 'card.pdf');
    writeFileSync(file, pdf);
    const result = spawnSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file], { maxBuffer: 256 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`pdftoppm failed (is poppler-utils installed?): ${result.stderr?.toString() ?? result.error}`);
    return parsePpm(result.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parsePpm(ppm: Buffer): RgbImage {
  // "P6", width, height, maximum (255), each followed by one whitespace; then three bytes a pixel.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header || header[3] !== '255') throw new Error('pdftoppm did not write an 8-bit PPM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, rgb: new Uint8Array(ppm.subarray(header[0].length, header[0].length + width * height * 3)) };
}

function rgba(image: RgbImage): Uint8ClampedArray {
  const out = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, j = 0; i < image.rgb.length; i += 3, j += 4) {
    out[j] = image.rgb[i]!;
    out[j + 1] = image.rgb[i + 1]!;
    out[j + 2] = image.rgb[i + 2]!;
    out[j + 3] = 255;
  }
  return out;
}

/** The QR code jsQR finds in an image: its text and its box in pixels, or `undefined`. */
export function findQr(image: RgbImage): { data: string; x: number; y: number; size: number } | undefined {
  const found = jsQR(rgba(image), image.width, image.height, { inversionAttempts: 'dontInvert' });
  if (!found) return undefined;
  const { topLeftCorner, topRightCorner, bottomLeftCorner, bottomRightCorner } = found.location;
  const xs = [topLeftCorner.x, topRightCorner.x, bottomLeftCorner.x, bottomRightCorner.x];
  const ys = [topLeftCorner.y, topRightCorner.y, bottomLeftCorner.y, bottomRightCorner.y];
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { data: found.data, x, y, size: Math.max(Math.max(...xs) - x, Math.max(...ys) - y) };
}

/**
 * A `width`×`height` view of `image` centred on (`cx`, `cy`), `scale` output pixels per source pixel (bilinear),
 * white outside the page.
 */
export function frameAround(image: RgbImage, cx: number, cy: number, scale: number, width = 640, height = 480): RgbImage {
  const out = new Uint8Array(width * height * 3).fill(255);
  for (let oy = 0; oy < height; oy++) {
    const sy = cy + (oy - height / 2) / scale;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let ox = 0; ox < width; ox++) {
      const sx = cx + (ox - width / 2) / scale;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      if (x0 < 0 || y0 < 0 || x0 + 1 >= image.width || y0 + 1 >= image.height) continue;
      for (let c = 0; c < 3; c++) {
        const at = (x: number, y: number) => image.rgb[(y * image.width + x) * 3 + c]!;
        const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
        const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
        out[(oy * width + ox) * 3 + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return { width, height, rgb: out };
}

/** RGB → YUV 4:2:0 planar (I420), BT.601 studio range; chroma is the mean of each 2×2 block. */
export function toI420(image: RgbImage): Uint8Array {
  const { width, height, rgb } = image;
  if (width % 2 || height % 2) throw new Error('I420 needs an even width and height');
  const ySize = width * height;
  const out = new Uint8Array(ySize + ySize / 2);
  const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));
  for (let i = 0; i < ySize; i++) {
    const r = rgb[i * 3]!;
    const g = rgb[i * 3 + 1]!;
    const b = rgb[i * 3 + 2]!;
    out[i] = clamp(16 + 0.257 * r + 0.504 * g + 0.098 * b);
  }
  const cw = width / 2;
  const ch = height / 2;
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const p = ((2 * y + dy) * width + 2 * x + dx) * 3;
        r += rgb[p]!;
        g += rgb[p + 1]!;
        b += rgb[p + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      out[ySize + y * cw + x] = clamp(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      out[ySize + cw * ch + y * cw + x] = clamp(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }
  return out;
}

/** A YUV4MPEG2 file: `frames` identical frames of `image` (chromium loops the file; a few frames are enough). */
export function y4m(image: RgbImage, { frames = 5, fps = 10 } = {}): Buffer {
  const planes = toI420(image);
  const header = Buffer.from(`YUV4MPEG2 W${image.width} H${image.height} F${fps}:1 Ip A1:1 C420\n`, 'latin1');
  const frameHeader = Buffer.from('FRAME\n', 'latin1');
  return Buffer.concat([header, ...Array.from({ length: frames }, () => [frameHeader, Buffer.from(planes)]).flat()]);
}

export interface FakeCamera {
  /** The Y4M file for `--use-file-for-fake-video-capture`. */
  file: string;
  /** What the QR code on the card says (the verification URL). */
  qr: string;
  /** The QR code's side in the frame, in pixels. */
  qrPixels: number;
  /** The frame itself, for a check that it decodes. */
  frame: RgbImage;
}

/**
 * Writes the Y4M file of a webcam pointed at the card's QR code to `file` (or a temporary one). `qrShare` is the
 * part of the frame's height the code fills. Throws when the rendered page has no QR code jsQR can read.
 */
export function cardCamera(pdf: Uint8Array, { file, dpi = 150, qrShare = 0.5 }: { file?: string; dpi?: number; qrShare?: number } = {}): FakeCamera {
  const page = renderPage(pdf, dpi);
  const qr = findQr(page);
  if (!qr) throw new Error(`No QR code found on the card's page rendered at ${dpi} dpi`);
  const scale = (480 * qrShare) / qr.size;
  const frame = frameAround(page, qr.x + qr.size / 2, qr.y + qr.size / 2, scale);
  const path = file ?? join(mkdtempSync(join(tmpdir(), 'ak1-camera-')), 'card.y4m');
  writeFileSync(path, y4m(frame));
  return { file: path, qr: qr.data, qrPixels: Math.round(qr.size * scale), frame };
}

/** chromium's flags for a camera that plays `file` (no permission prompt: the fake UI grants it). */
export function fakeCameraArgs(file: string): string[] {
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
}
