/**
 * Photo and document preparation: type sniffing, bounds, EXIF orientation, crop and re-encoding. Browser
 * APIs are touched only when a function is called, so this imports cleanly in Node and in workers.
 */
export { preparePhoto, prepareDocument, openPicture } from './prepare.js';
export type {
  Ak1MediaOptions,
  Ak1PhotoOptions,
  Ak1DocumentOptions,
  Ak1PreparedPhoto,
  Ak1PreparedDocument,
  OpenedPicture,
} from './prepare.js';
export { Ak1MediaError, AK1_MEDIA_ERROR_CODES, isAk1MediaError } from './errors.js';
export type { Ak1MediaErrorCode } from './errors.js';
export { MEDIA_LIMITS } from './limits.js';
export { photoCrop, largestPhotoCrop, cropAt, maxCropZoom, PHOTO_ASPECT } from './crop.js';
export type { Ak1CropRect } from './crop.js';
export { base64ToBytes } from './raster.js';
