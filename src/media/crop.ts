/**
 * The 3:4 pas foto frame, in the upright picture's pixels. Pure geometry, shared by `preparePhoto` and the
 * crop frame of `<ak1-photo-step>`, so what the applicant frames is what is encoded.
 */
import type { Size } from './raster.js';

/** A rectangle in the upright (EXIF-oriented) picture's pixels. */
export interface Ak1CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Width over height of a pas foto. */
export const PHOTO_ASPECT = 3 / 4;

/** The largest 3:4 rectangle of the picture, centred. */
export function largestPhotoCrop(size: Size): Ak1CropRect {
  if (size.width / size.height > PHOTO_ASPECT) {
    const width = size.height * PHOTO_ASPECT;
    return { x: (size.width - width) / 2, y: 0, width, height: size.height };
  }
  const height = size.width / PHOTO_ASPECT;
  return { x: 0, y: (size.height - height) / 2, width: size.width, height };
}

/**
 * The crop to encode: the asked rectangle kept inside the picture and narrowed to 3:4 around its centre,
 * or the largest centred 3:4 when none is asked (or the one asked is not a rectangle of numbers).
 */
export function photoCrop(size: Size, asked?: Ak1CropRect): Ak1CropRect {
  if (!asked || ![asked.x, asked.y, asked.width, asked.height].every(Number.isFinite)) return largestPhotoCrop(size);
  const left = clamp(asked.x, 0, size.width);
  const top = clamp(asked.y, 0, size.height);
  const right = clamp(asked.x + asked.width, left, size.width);
  const bottom = clamp(asked.y + asked.height, top, size.height);
  let width = right - left;
  let height = bottom - top;
  if (width / height > PHOTO_ASPECT) width = height * PHOTO_ASPECT;
  else height = width / PHOTO_ASPECT;
  return { x: (left + right - width) / 2, y: (top + bottom - height) / 2, width, height };
}

/**
 * The crop frame's state as the crop UI holds it: a zoom (1 = the largest 3:4) and the frame's centre.
 * Returns the rectangle, with the centre moved back inside the picture where it had strayed.
 */
export function cropAt(size: Size, zoom: number, centreX: number, centreY: number): Ak1CropRect {
  const base = largestPhotoCrop(size);
  const width = base.width / zoom;
  const height = base.height / zoom;
  const x = clamp(centreX - width / 2, 0, size.width - width);
  const y = clamp(centreY - height / 2, 0, size.height - height);
  return { x, y, width, height };
}

/** How far the frame may zoom in: never to a crop smaller than `minWidth` pixels, and at most 5×. */
export function maxCropZoom(size: Size, minWidth: number): number {
  return Math.max(1, Math.min(5, largestPhotoCrop(size).width / minWidth));
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}
