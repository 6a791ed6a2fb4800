import type { Ak1Lang, Ak1StatusTexts } from './types.js';
import { enStatus } from './en/status.js';
import { idStatus } from './id/status.js';

export type { Ak1StatusTexts } from './types.js';

/*
 * A registration's status in words, by language: for the verification page and the CSV export (the server),
 * and `<ak1-office>`. Both languages are a few hundred bytes, so they come together; the form never imports
 * this (it shows no status), and the card renderer takes `id/status.ts` only (the card is always Indonesian).
 */
export const statusTexts: Record<Ak1Lang, Ak1StatusTexts> = { id: idStatus, en: enStatus };
