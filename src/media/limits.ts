import { LIMITS } from '../schema/limits.js';

/**
 * The bounds of media processing. The output limits come from the schema (`LIMITS`), so what the step
 * produces is what validation and the server accept.
 */
export const MEDIA_LIMITS = {
  /** A picture larger than this is refused unread: phones write 4–12 MB, this leaves room. */
  inputBytes: 15 * 1024 * 1024,
  /** Decoded pixels (width × height) read from the header; 40 MP is 160 MB of RGBA. */
  maxPixels: 40_000_000,
  /** The pas foto: 3:4, at most this size, never upscaled. */
  photoWidth: 600,
  photoHeight: 800,
  /** The smallest crop accepted for a pas foto. */
  photoMinWidth: 180,
  photoMinHeight: 240,
  photoBytes: LIMITS.photoBytes,
  /** Documents: the long side scaled to about this, enough to read a KTP or a diploma. */
  documentLongSide: 1600,
  /** A picture of a document with a shorter long side than this is not legible. */
  documentMinLongSide: 640,
  documentBytes: LIMITS.documentBytes,
} as const;
