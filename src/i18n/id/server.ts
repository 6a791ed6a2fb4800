import type { Ak1ServerTexts } from '../types.js';

/** The reference backend's texts in Bahasa Indonesia: the verification page and the CSV export's headings. */
export const idServer: Ak1ServerTexts = {
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
};
