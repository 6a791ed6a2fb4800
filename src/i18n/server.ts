import type { Ak1Lang } from './types.js';

/*
 * Texts of the reference backend (`ak1-form/server`): the verification page a card's QR code opens and the
 * headings of the office's CSV export. Kept apart from the form's catalogues so that the browser bundle never
 * carries them; codes (statuses, sex, education levels) and month names come from the main catalogues.
 */

/** Columns of the office's CSV export (`GET {endpoint}/export.csv`), in order. */
export type Ak1ExportColumn =
  | 'registrationNumber'
  | 'registeredAt'
  | 'visitDate'
  | 'visitTime'
  | 'queueNumber'
  | 'status'
  | 'nik'
  | 'fullName'
  | 'sex'
  | 'birthPlace'
  | 'birthDate'
  | 'phone'
  | 'email'
  | 'street'
  | 'rt'
  | 'rw'
  | 'villageCode'
  | 'postalCode'
  | 'educationLevel'
  | 'positions';

export interface Ak1ServerTexts {
  /** The page a card's QR code opens, `{publicUrl}/verify/{token}`. */
  verifyPage: {
    title: string;
    /** Heading when the token names a registration. */
    valid: string;
    /** Heading when it does not (unknown, altered or mistyped). */
    invalid: string;
    /** What to do about a card that is not recognised; `office` is the office's name and address. */
    invalidHelp: (office: string) => string;
    initials: string;
    status: string;
    registeredAt: string;
    validUntil: string;
    /** Under a registration not signed yet: the card counts once the office has signed it. */
    unsigned: string;
    /** Why the page shows so little. */
    privacy: string;
  };
  /** Column headings of the office's CSV export. */
  exportColumns: Record<Ak1ExportColumn, string>;
}

export const serverTexts: Record<Ak1Lang, Ak1ServerTexts> = {
  id: {
    verifyPage: {
      title: 'Verifikasi Kartu Pencari Kerja (AK/I)',
      valid: 'Kartu ini terdaftar',
      invalid: 'Kartu tidak dikenali',
      invalidHelp: (office) =>
        `Kode pada kartu ini tidak ada dalam data kami. Kartu mungkin salah cetak atau tidak asli. Tanyakan ke ${office}.`,
      initials: 'Inisial nama',
      status: 'Status',
      registeredAt: 'Tanggal pendaftaran',
      validUntil: 'Berlaku sampai',
      unsigned: 'Kartu baru sah setelah ditandatangani petugas di kantor.',
      privacy: 'Halaman ini sengaja tidak menampilkan NIK atau data pribadi lain.',
    },
    exportColumns: {
      registrationNumber: 'Nomor Pendaftaran',
      registeredAt: 'Waktu Pendaftaran',
      visitDate: 'Tanggal Kunjungan',
      visitTime: 'Jam Kunjungan',
      queueNumber: 'Nomor Antrean',
      status: 'Status',
      nik: 'NIK',
      fullName: 'Nama Lengkap',
      sex: 'Jenis Kelamin',
      birthPlace: 'Tempat Lahir',
      birthDate: 'Tanggal Lahir',
      phone: 'Nomor HP',
      email: 'Email',
      street: 'Alamat',
      rt: 'RT',
      rw: 'RW',
      villageCode: 'Kode Desa/Kelurahan',
      postalCode: 'Kode Pos',
      educationLevel: 'Pendidikan Terakhir',
      positions: 'Jabatan yang Dicari',
    },
  },
  en: {
    verifyPage: {
      title: 'Job-seeker card (AK/I) verification',
      valid: 'This card is registered',
      invalid: 'Card not recognised',
      invalidHelp: (office) =>
        `The code on this card is not in our records. The card may be misprinted or not genuine. Please ask ${office}.`,
      initials: 'Initials',
      status: 'Status',
      registeredAt: 'Registered on',
      validUntil: 'Valid until',
      unsigned: 'The card is valid once an officer has signed it at the office.',
      privacy: 'This page deliberately shows no NIK or other personal data.',
    },
    exportColumns: {
      registrationNumber: 'Registration number',
      registeredAt: 'Registered at',
      visitDate: 'Visit date',
      visitTime: 'Visit time',
      queueNumber: 'Queue number',
      status: 'Status',
      nik: 'NIK',
      fullName: 'Full name',
      sex: 'Sex',
      birthPlace: 'Place of birth',
      birthDate: 'Date of birth',
      phone: 'Mobile number',
      email: 'Email',
      street: 'Address',
      rt: 'RT',
      rw: 'RW',
      villageCode: 'Village code',
      postalCode: 'Postal code',
      educationLevel: 'Highest education',
      positions: 'Positions sought',
    },
  },
};
