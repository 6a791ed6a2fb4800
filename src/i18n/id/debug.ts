import type { Ak1DebugTexts } from '../types.js';

/** `debug`'s setup self-check: what each check asks and, when it fails, what to change. */
export const idDebug: Ak1DebugTexts = {
  title: 'Pemeriksaan pemasangan ak1-form (debug)',
  intro:
    'Panel ini tampil karena atribut debug, hanya untuk pengelola situs. Hasil yang sama ada di konsol peramban. Hapus atribut debug setelah semua pemeriksaan lolos.',
  running: 'Memeriksa pemasangan…',
  passed: 'Lolos',
  failed: 'Gagal',
  skipped: 'Tidak diperiksa',
  summary: (failed, total) => (failed ? `${failed} dari ${total} pemeriksaan gagal.` : `Semua ${total} pemeriksaan lolos.`),
  checks: {
    configuration: {
      title: 'Konfigurasi atribut dan properti config sah',
      fix: 'Perbaiki atribut yang disebut di konsol (Ak1ConfigError).',
    },
    endpointHttps: {
      title: 'Endpoint memakai https:// (atau localhost saat mencoba)',
      fix: 'Isi atribut endpoint dengan alamat https:// backend. Alamat http:// diblokir peramban di halaman https dan mengirim data pemohon tanpa enkripsi.',
    },
    endpointReachable: {
      title: 'Server endpoint dapat dihubungi',
      fix: 'Periksa nama host di atribut endpoint dan apakah backend sedang berjalan dan terbuka dari internet.',
    },
    endpointCors: {
      title: 'CORS backend mengizinkan asal (origin) halaman ini',
      fix: 'Tambahkan asal halaman ini ke daftar origin yang diizinkan backend (corsOrigins pada server rujukan).',
    },
    endpointHeaders: {
      title: 'CORS backend mengizinkan POST dengan Content-Type dan Idempotency-Key',
      fix: 'Backend harus menjawab preflight OPTIONS dengan Access-Control-Allow-Methods: POST dan Access-Control-Allow-Headers: Content-Type, Idempotency-Key.',
    },
    availability: {
      title: 'Backend menjawab permintaan jadwal (GET {endpoint}/availability)',
      fix: 'Atribut endpoint harus alamat dasar backend, yang di bawahnya ada /availability (mis. https://disnaker.example.go.id/api/ak1). Uji backend dengan: npx ak1-form conformance <endpoint>.',
    },
    regionLists: {
      title: 'Daftar wilayah dapat dimuat',
      fix: 'Atur regions-url ke folder region-data/ dari paket, dan tambahkan asalnya ke connect-src pada Content-Security-Policy halaman.',
    },
    chunks: {
      title: 'Bagian formulir yang dimuat belakangan dapat dimuat (CSP dan CORS)',
      fix: 'Tambahkan asal CDN ke script-src pada Content-Security-Policy, dan pastikan CDN mengirim Access-Control-Allow-Origin.',
    },
  },
};
