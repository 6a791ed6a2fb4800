import type { Ak1UnsupportedTexts } from '../types.js';

/** The notice where the browser cannot run the form, in Bahasa Indonesia. */
export const idUnsupported: Ak1UnsupportedTexts = {
  title: 'Formulir pendaftaran tidak dapat berjalan di browser ini.',
  advice: 'Coba buka halaman ini dengan browser yang lebih baru (misalnya Chrome atau Firefox terbaru), atau daftar langsung di kantor:',
  fallbackOffice: 'Dinas yang membidangi ketenagakerjaan di kabupaten/kota Anda',
};
