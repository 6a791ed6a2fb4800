/**
 * The notice shown where the browser cannot run the form (too old for module scripts, or missing what the
 * form needs): the office's name and address, so the applicant can register in person. Kept apart from the
 * catalogues: it travels in the tiny classic-script fallback.
 */
export const UNSUPPORTED_TEXTS = {
  id: {
    title: 'Formulir pendaftaran tidak dapat berjalan di browser ini.',
    advice: 'Coba buka halaman ini dengan browser yang lebih baru (misalnya Chrome atau Firefox terbaru), atau daftar langsung di kantor:',
    fallbackOffice: 'Dinas yang membidangi ketenagakerjaan di kabupaten/kota Anda',
  },
  en: {
    title: 'The registration form cannot run in this browser.',
    advice: 'Try opening this page in a newer browser (such as the latest Chrome or Firefox), or register at the office:',
    fallbackOffice: 'The manpower office of your regency or city',
  },
} as const;
