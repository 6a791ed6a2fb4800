import type { Ak1MediaTexts } from '../types.js';

/** Teks langkah foto dan dokumen, dan alasan setiap file ditolak. */
export const idMedia: Ak1MediaTexts = {
  errors: {
    'media.empty': 'File yang dipilih kosong; ambil foto lagi atau pilih file lain',
    'media.type': 'File yang dipilih harus foto JPG, PNG, WebP atau HEIC',
    'media.documentType': 'File yang dipilih harus foto (JPG, PNG, WebP atau HEIC) atau PDF',
    'media.fileTooLarge': 'File yang dipilih harus lebih kecil dari 15 MB',
    'media.tooManyPixels': 'Gambar terlalu besar untuk diproses (lebih dari 40 megapiksel); ambil foto dengan resolusi lebih kecil',
    'media.tooSmall': 'Gambar terlalu kecil untuk terbaca; ambil foto lagi dari jarak lebih dekat',
    'media.unreadable': 'File yang dipilih rusak atau tidak lengkap; ambil foto lagi atau pilih file lain',
    'media.heicUnsupported':
      'Browser ini tidak bisa membuka foto HEIC; pilih foto JPG, atau atur kamera ke format “Paling Kompatibel”',
    'media.pdfInvalid': 'File PDF rusak atau tidak lengkap; simpan ulang PDF-nya atau foto dokumennya',
    'media.pdfTooLarge': 'PDF harus 1 MB atau kurang; atau foto dokumennya, foto diperkecil otomatis',
    'media.pdfEncrypted': 'PDF dilindungi kata sandi; pilih PDF tanpa kata sandi atau foto dokumennya',
    'media.pdfActive': 'PDF berisi skrip atau lampiran yang tidak diizinkan; foto dokumennya atau pindai ulang',
    'media.cannotShrink': 'Gambar tidak bisa diperkecil sampai batas ukuran; ambil foto lagi di tempat yang lebih terang',
    'media.browserUnsupported': 'Browser ini tidak bisa memproses foto; perbarui browser atau gunakan Chrome terbaru',
  },
  errorPrefix: 'Kesalahan:',
  photoLegend: 'Pas foto',
  photoHint: 'Foto berwarna 3×4: wajah menghadap ke depan dan terlihat jelas, tanpa masker atau kacamata hitam.',
  photoRulesLabel: 'Ketentuan kantor:',
  takePhoto: 'Ambil foto',
  chooseFile: 'Pilih file',
  openingPhoto: 'Membuka foto…',
  preparingPhoto: 'Menyiapkan pas foto…',
  cropLabel: 'Bingkai pas foto',
  cropHint:
    'Geser foto agar wajah ada di tengah bingkai; cubit atau pakai penggeser Perbesar untuk memperbesar. ' +
    'Dengan papan ketik: pilih bingkai, lalu tombol panah menggeser bingkai, + memperbesar dan − memperkecil.',
  zoom: 'Perbesar',
  cropStatus: ({ zoom, left, top }) => `Perbesaran ${zoom}%. Bingkai ${left}% dari kiri, ${top}% dari atas.`,
  usePhoto: 'Gunakan foto ini',
  chooseAnother: 'Pilih foto lain',
  cancel: 'Batal',
  photoPreviewAlt: 'Pas foto Anda',
  photoReady: ({ width, height, size }) => `Pas foto siap: ${width} × ${height} piksel, ${size}.`,
  changePhoto: 'Ganti foto',
  remove: 'Hapus',
  photoRemoved: 'Pas foto dihapus.',
  documentsLegend: 'Dokumen',
  documentsHint: 'Kantor meminta dokumen berikut. Foto dokumen aslinya di tempat terang, atau pilih file foto atau PDF.',
  documentHint: 'Foto (diperkecil otomatis) atau PDF paling besar 1 MB. Pastikan semua tulisan terbaca.',
  takeDocumentPhoto: 'Foto dokumen',
  preparingDocument: 'Menyiapkan dokumen…',
  documentPreviewAlt: (kind) => `Pratinjau ${kind}`,
  imageSummary: (size) => `Foto, ${size}`,
  pdfSummary: ({ name, size }) => (name ? `PDF ${name}, ${size}` : `PDF, ${size}`),
  documentReady: (kind) => `${kind} siap.`,
  documentRemoved: (kind) => `${kind} dihapus.`,
  fileSize: (bytes) =>
    bytes < 1024 * 1024
      ? `${Math.max(1, Math.round(bytes / 1024))} KB`
      : `${(bytes / (1024 * 1024)).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`,
};
