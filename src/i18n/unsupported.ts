import type { Ak1Lang, Ak1UnsupportedTexts } from './types.js';
import { enUnsupported } from './en/unsupported.js';
import { idUnsupported } from './id/unsupported.js';

/*
 * The no-module fallback's entry into the texts: the notice shown where the browser cannot run the form. It
 * travels in the tiny classic script (ES5), so it imports nothing but its two small files.
 */
export const UNSUPPORTED_TEXTS: Record<Ak1Lang, Ak1UnsupportedTexts> = { id: idUnsupported, en: enUnsupported };
