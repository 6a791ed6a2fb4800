import type { Ak1StatusTexts } from '../types.js';

/** A registration's status in Bahasa Indonesia; a status this version does not know has its own text where it is shown. */
export const idStatus: Ak1StatusTexts = {
  RECEIVED: 'Terkirim, menunggu verifikasi',
  NEEDS_CORRECTION: 'Perlu perbaikan',
  VERIFIED: 'Terverifikasi',
  SIGNED: 'Kartu sah',
  PLACED: 'Sudah bekerja',
  REJECTED: 'Ditolak',
  CANCELLED: 'Dibatalkan',
  EXPIRED: 'Tidak berlaku lagi',
};
