import type { Ak1FormTexts } from './form-types.js';

/** The journey in Bahasa Indonesia. */
export const idForm: Ak1FormTexts = {
  back: 'Kembali',
  continue: 'Lanjutkan',
  confirmAndContinue: 'Sudah benar, lanjutkan',
  optional: '(tidak wajib)',
  errorPrefix: 'Kesalahan:',
  errorSummaryTitle: 'Ada yang perlu diperbaiki',
  checkThis: 'Periksa lagi sebelum melanjutkan:',
  choose: 'Pilih',
  chooseAbove: 'Pilih yang di atas dulu',
  loading: 'Memuat…',
  tryAgain: 'Coba lagi',
  stepLoadFailed: 'Bagian berikutnya tidak dapat dimuat. Periksa sambungan internet, lalu coba lagi. Isian Anda tetap tersimpan.',
  remove: 'Hapus',
  yes: 'Ya',
  no: 'Tidak',
  day: 'Tanggal',
  month: 'Bulan',
  year: 'Tahun',
  stepOf: (step, of) => `Langkah ${step} dari ${of}`,
  messages: { generic: 'Periksa isian ini' },
  identity: {
    title: 'Data diri',
    nik: 'NIK (Nomor Induk Kependudukan)',
    nikHint: '16 angka, sama seperti di KTP. Boleh diketik dengan spasi.',
    nikWhere: 'Di mana NIK saya?',
    nikWhereText:
      'NIK adalah deretan 16 angka di bagian atas KTP, tepat di bawah nama provinsi dan kabupaten/kota, di sebelah tulisan "NIK". Angka yang sama juga ada di Kartu Keluarga.',
    fullName: 'Nama lengkap',
    fullNameHint: 'Tulis persis seperti di KTP.',
    birthPlace: 'Tempat lahir',
    birthDate: 'Tanggal lahir',
    birthDateHint: 'Contoh: 12 9 1990. Terisi otomatis dari NIK; ubah jika berbeda.',
    sex: 'Jenis kelamin',
    religion: 'Agama atau kepercayaan',
    maritalStatus: 'Status perkawinan',
    kkNumber: 'Nomor Kartu Keluarga (KK)',
    kkNumberHint: '16 angka di bagian atas Kartu Keluarga.',
    heightCm: 'Tinggi badan (cm)',
    weightKg: 'Berat badan (kg)',
    disability: 'Apakah Anda penyandang disabilitas?',
    disabilityHint: 'Beberapa pemberi kerja membuka lowongan khusus. Jawaban ini tidak mengurangi hak Anda.',
    disabilityKinds: 'Ragam disabilitas',
    disabilityNote: 'Keterangan',
    disabilityNoteHint: 'Misalnya alat bantu yang Anda gunakan.',
  },
};


export const idWeekdays = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'] as const;
