import type { Ak1Lang, Ak1ServerTexts } from './types.js';
import { enServer } from './en/server.js';
import { idServer } from './id/server.js';

export type { Ak1ExportColumn, Ak1KarirhubColumn, Ak1ServerTexts } from './types.js';

/*
 * The reference backend's entry into the texts (`ak1-form/server`): the verification page a card's QR code
 * opens and the headings of the office's CSV export, by language. Only the server imports this file, so the
 * browser bundle never carries these texts; codes (statuses, sex, education levels) and month names come from
 * the form's catalogues.
 */
export const serverTexts: Record<Ak1Lang, Ak1ServerTexts> = { id: idServer, en: enServer };
