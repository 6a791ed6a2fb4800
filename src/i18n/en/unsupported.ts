import type { Ak1UnsupportedTexts } from '../types.js';

/** The notice where the browser cannot run the form, in English. */
export const enUnsupported: Ak1UnsupportedTexts = {
  title: 'The registration form cannot run in this browser.',
  advice: 'Try opening this page in a newer browser (such as the latest Chrome or Firefox), or register at the office:',
  fallbackOffice: 'The manpower office of your regency or city',
};
