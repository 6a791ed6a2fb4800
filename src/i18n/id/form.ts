import type { Ak1Catalogue } from './types.js';
import { idForm, idWeekdays } from './id-form.js';

/** Bahasa Indonesia: the default catalogue and the fallback for every other language. */
export const id: Ak1Catalogue = {
  lang: 'id',
  messages: {
    'application.format': 'Formulir tidak terbaca. Muat ulang halaman, lalu coba lagi',
    'application.unknownKey': 'Formulir berisi data yang tidak dikenal. Muat ulang halaman, lalu coba lagi',
    'schemaVersion.required': 'Formulir ini dibuat untuk versi lain; muat ulang halaman',
    'schemaVersion.enum': 'Formulir ini dibuat untuk versi lain; muat ulang halaman',

    'nik.required': 'Masukkan NIK 16 digit seperti tertulis di KTP',
    'nik.format': 'Masukkan NIK sebagai 16 angka, seperti tertulis di KTP',
    'nik.length': 'NIK harus 16 digit',
    'nik.digits': 'NIK hanya boleh berisi angka',
    'nik.province': 'Dua angka pertama NIK bukan kode provinsi; periksa NIK di KTP',
    'nik.date': 'Angka ke-7 sampai ke-12 NIK bukan tanggal lahir yang nyata; periksa NIK di KTP',
    'nik.serial': 'Empat angka terakhir NIK tidak boleh 0000; periksa NIK di KTP',
    'nik.birthDateMismatch':
      'Tanggal lahir berbeda dengan tanggal yang tertulis di NIK. Periksa keduanya; jika sudah benar, lanjutkan',
    'nik.sexMismatch':
      'Jenis kelamin berbeda dengan yang tertulis di NIK. Periksa keduanya; jika sudah benar, lanjutkan',
    'nik.unknownRegion':
      'Kode wilayah di NIK tidak ada dalam daftar kami. Periksa NIK; jika sudah sama dengan KTP, lanjutkan',

    'kkNumber.format': 'Nomor KK harus 16 digit seperti tertulis di Kartu Keluarga',

    'fullName.required': 'Masukkan nama lengkap seperti tertulis di KTP',
    'fullName.tooLong': 'Nama lengkap harus 100 karakter atau kurang',
    'fullName.format': 'Nama lengkap hanya boleh berisi huruf, spasi, titik, koma, tanda hubung dan apostrof',

    'birthPlace.required': 'Masukkan tempat lahir seperti tertulis di KTP',
    'birthPlace.tooLong': 'Tempat lahir harus 60 karakter atau kurang',
    'birthPlace.format': 'Tempat lahir hanya boleh berisi huruf, spasi, titik, koma, tanda hubung dan apostrof',

    'birthDate.required': 'Masukkan tanggal lahir',
    'birthDate.format': 'Tanggal lahir harus tanggal yang nyata',
    'birthDate.future': 'Tanggal lahir harus sebelum hari ini',
    'birthDate.tooYoung': 'Anda belum cukup umur untuk mendaftar; periksa tanggal lahir',
    'birthDate.tooOld': 'Periksa tahun lahir: tanggal lahir harus kurang dari 100 tahun yang lalu',

    'sex.required': 'Pilih jenis kelamin',
    'sex.enum': 'Pilih jenis kelamin: laki-laki atau perempuan',
    'religion.required': 'Pilih agama atau kepercayaan',
    'religion.enum': 'Pilih agama atau kepercayaan dari daftar',
    'maritalStatus.required': 'Pilih status perkawinan',
    'maritalStatus.enum': 'Pilih status perkawinan dari daftar',

    'heightCm.format': 'Tinggi badan harus angka bulat dalam sentimeter, misalnya 158',
    'heightCm.tooSmall': 'Tinggi badan harus 50 cm atau lebih',
    'heightCm.tooLarge': 'Tinggi badan harus 250 cm atau kurang',
    'weightKg.format': 'Berat badan harus angka bulat dalam kilogram, misalnya 52',
    'weightKg.tooSmall': 'Berat badan harus 20 kg atau lebih',
    'weightKg.tooLarge': 'Berat badan harus 300 kg atau kurang',

    'disability.format': 'Data disabilitas tidak terbaca; pilih jenis disabilitas lagi',
    'disability.unknownKey': 'Bagian disabilitas berisi data yang tidak dikenal; muat ulang halaman',
    'disability.kinds.required': 'Pilih paling sedikit satu jenis disabilitas',
    'disability.kinds.format': 'Pilih jenis disabilitas dari daftar',
    'disability.kinds.enum': 'Pilih jenis disabilitas dari daftar yang tersedia',
    'disability.kinds.tooLong': 'Pilih setiap jenis disabilitas satu kali saja',
    'disability.note.tooLong': 'Keterangan disabilitas harus 500 karakter atau kurang',
    'disability.note.format': 'Keterangan disabilitas hanya boleh berisi huruf, angka dan tanda baca',

  },
  labels: {
    sex: { L: 'Laki-laki', P: 'Perempuan' },
    religion: {
      ISLAM: 'Islam',
      KRISTEN: 'Kristen',
      KATOLIK: 'Katolik',
      HINDU: 'Hindu',
      BUDDHA: 'Buddha',
      KHONGHUCU: 'Khonghucu',
      KEPERCAYAAN: 'Kepercayaan terhadap Tuhan YME',
    },
    maritalStatus: {
      BELUM_KAWIN: 'Belum kawin',
      KAWIN: 'Kawin',
      CERAI_HIDUP: 'Cerai hidup',
      CERAI_MATI: 'Cerai mati',
    },
    educationLevel: {
      SD: 'SD/sederajat',
      SMP: 'SMP/sederajat',
      SMA: 'SMA/sederajat',
      SMK: 'SMK',
      D1: 'Diploma I (D1)',
      D2: 'Diploma II (D2)',
      D3: 'Diploma III (D3)',
      D4: 'Diploma IV (D4)',
      S1: 'S1 (Sarjana)',
      S2: 'S2 (Magister)',
      S3: 'S3 (Doktor)',
    },
    disabilityKind: {
      FISIK: 'Disabilitas fisik',
      INTELEKTUAL: 'Disabilitas intelektual',
      MENTAL: 'Disabilitas mental',
      SENSORIK_NETRA: 'Disabilitas sensorik netra',
      SENSORIK_RUNGU: 'Disabilitas sensorik rungu',
      SENSORIK_WICARA: 'Disabilitas sensorik wicara',
    },
    documentKind: {
      KTP: 'KTP',
      KK: 'Kartu Keluarga (KK)',
      IJAZAH: 'Ijazah',
      TRANSKRIP: 'Transkrip nilai',
      SERTIFIKAT: 'Sertifikat',
      SURAT_PENGALAMAN: 'Surat pengalaman kerja',
    },
    jobLocation: { DALAM_NEGERI: 'Dalam negeri', LUAR_NEGERI: 'Luar negeri' },
    registrationStatus: {
      RECEIVED: 'Diterima',
      VERIFIED: 'Diverifikasi',
      SIGNED: 'Ditandatangani',
      REJECTED: 'Ditolak',
      EXPIRED: 'Kedaluwarsa',
    },
  },
  months: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  ui: {
    configError: 'Formulir ini belum diatur dengan benar. Hubungi pengelola situs.',
  },
  form: idForm,
  weekdays: idWeekdays,
};
