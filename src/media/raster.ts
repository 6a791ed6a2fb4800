/**
 * Decoding and re-encoding pictures with the browser's own machinery. Everything here touches browser
 * APIs only when called, so the SDK entry still imports in Node and in workers.
 */
import { Ak1MediaError } from './errors.js';

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/** True where pictures can be decoded and re-encoded: a window, or a worker with OffscreenCanvas. */
export function canProcessPictures(): boolean {
  return (
    typeof createImageBitmap === 'function' &&
    (typeof OffscreenCanvas === 'function' || typeof document !== 'undefined')
  );
}

type Surface =
  | { kind: 'offscreen'; canvas: OffscreenCanvas; context: OffscreenCanvasRenderingContext2D }
  | { kind: 'element'; canvas: HTMLCanvasElement; context: CanvasRenderingContext2D };

function createSurface(size: Size): Surface {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (context) return { kind: 'offscreen', canvas, context };
  }
  if (typeof document !== 'undefined') {
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (context) return { kind: 'element', canvas, context };
  }
  throw new Ak1MediaError('media.browserUnsupported');
}

function releaseSurface(surface: Surface) {
  // Browsers keep a canvas's pixels until it is collected; a zero size frees them now.
  surface.canvas.width = 0;
  surface.canvas.height = 0;
}

async function encodeJpeg(surface: Surface, quality: number): Promise<Blob> {
  const blob =
    surface.kind === 'offscreen'
      ? await surface.canvas.convertToBlob({ type: 'image/jpeg', quality })
      : await new Promise<Blob | null>((resolve) => surface.canvas.toBlob(resolve, 'image/jpeg', quality));
  // A browser that cannot write JPEG silently writes PNG instead.
  if (!blob || blob.type !== 'image/jpeg') throw new Ak1MediaError('media.browserUnsupported');
  return blob;
}

export interface EncodeOptions {
  maxBytes: number;
  /** Qualities to try, best first, at each size. */
  qualities: readonly number[];
  /** The next smaller size to try when no quality fits, or undefined when none is left. */
  smaller: (size: Size) => Size | undefined;
  signal?: AbortSignal | undefined;
  /** Called before each encoding attempt, with the attempt's number from 0. */
  onAttempt?: ((attempt: number) => void) | undefined;
}

/**
 * Draws `region` of `source` at `size` on white (transparent PNGs would turn black in JPEG) and encodes it
 * as JPEG, stepping the quality down, then the size, until it fits in `maxBytes`. The canvas holds pixels
 * only, so the output has no EXIF, no GPS and no colour profile: nothing of the original's metadata.
 */
export async function encodeJpegUnder(
  source: PictureBitmap,
  region: Region,
  size: Size,
  options: EncodeOptions,
): Promise<{ blob: Blob; size: Size }> {
  let current: Size | undefined = size;
  let attempt = 0;
  while (current) {
    const surface = createSurface(current);
    try {
      const { context } = surface;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, current.width, current.height);
      context.imageSmoothingEnabled = true;
      context.imageSmoothingQuality = 'high';
      context.drawImage(source, region.x, region.y, region.width, region.height, 0, 0, current.width, current.height);
      for (const quality of options.qualities) {
        options.signal?.throwIfAborted();
        options.onAttempt?.(attempt++);
        const blob = await encodeJpeg(surface, quality);
        if (blob.size <= options.maxBytes) return { blob, size: current };
      }
    } finally {
      releaseSurface(surface);
    }
    current = options.smaller(current);
  }
  throw new Ak1MediaError('media.cannotShrink');
}

/**
 * The DOM's `ImageBitmap` where the DOM lib is loaded, else the members used here: spelled so that the SDK's
 * declarations compile in a Node-only TypeScript project (`lib: ["ES2022"]`) too.
 */
export type PictureBitmap = typeof globalThis extends { ImageBitmap: { prototype: infer B } }
  ? B
  : { readonly width: number; readonly height: number; close(): void };

export interface Decoded {
  /** The picture, upright (EXIF orientation applied), possibly scaled down. */
  bitmap: PictureBitmap;
  /** The upright picture's full size, in source pixels: the space crops are given in. */
  width: number;
  height: number;
}

/**
 * Decodes a picture upright, scaled by `scaleFor(fullSize)` (at most 1). With a size from the header the
 * decoder scales while decoding (off the main thread in Chromium); without one (HEIC) it decodes in full
 * first and `maxPixels` is checked on the result.
 */
export async function decodeUpright(
  file: Blob,
  stored: Size | undefined,
  scaleFor: (size: Size) => number,
  maxPixels: number,
): Promise<Decoded> {
  if (stored) {
    const scale = Math.min(1, scaleFor(stored));
    const bitmap = await createImageBitmap(
      file,
      scale < 1
        ? { imageOrientation: 'from-image', resizeWidth: Math.max(1, Math.round(stored.width * scale)), resizeQuality: 'high' }
        : { imageOrientation: 'from-image' },
    );
    // The header's orientation is our reading; the decoder's is the truth. Given only a width, it keeps
    // the aspect, which tells whether it turned the picture a quarter the other way.
    const ratio = bitmap.width / bitmap.height;
    const turned =
      stored.width !== stored.height &&
      Math.abs(ratio - stored.height / stored.width) < Math.abs(ratio - stored.width / stored.height);
    return turned
      ? { bitmap, width: stored.height, height: stored.width }
      : { bitmap, width: stored.width, height: stored.height };
  }
  const full = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const size = { width: full.width, height: full.height };
  if (size.width * size.height > maxPixels) {
    full.close();
    throw new Ak1MediaError('media.tooManyPixels');
  }
  const scale = Math.min(1, scaleFor(size));
  if (scale >= 1) return { bitmap: full, ...size };
  try {
    const bitmap = await createImageBitmap(full, {
      resizeWidth: Math.max(1, Math.round(size.width * scale)),
      resizeHeight: Math.max(1, Math.round(size.height * scale)),
      resizeQuality: 'high',
    });
    return { bitmap, ...size };
  } finally {
    full.close();
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const native = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;
  if (typeof native === 'function') return native(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
