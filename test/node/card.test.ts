import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { Ak1CardError, renderCardPdf, type Ak1CardOptions } from '../../src/card/index.js';
import { cardApplication, logoPng, photoJpeg, toBase64 } from '../fixtures/card-photo.js';
import { CARD_DISTRICT, CARD_OFFICER, FIXED_OUTPUT, SAMPLE_OVERLAY, VERIFICATION_URL, cardRegistration } from '../fixtures/card.js';
import { enCard } from '../../src/i18n/en/card.js';
import { idCard } from '../../src/i18n/id/card.js';
import { darkness, decodeQr, pdfGray, pdfText, pdfWords, PT_PER_MM, type PdfWord } from '../fixtures/pdf-tools.js';

const PHOTO = photoJpeg();
const OPTIONS: Ak1CardOptions = { district: CARD_DISTRICT, officer: CARD_OFFICER, ...FIXED_OUTPUT };

function render(application = cardApplication(PHOTO), registration = cardRegistration(), options: Ak1CardOptions = OPTIONS) {
  return renderCardPdf(application as never, registration as never, options);
}

/** Extracted text with every run of whitespace as one space, so values wrapped over lines read whole. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

async function refusal(promise: Promise<unknown>): Promise<Ak1CardError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Ak1CardError, `expected an Ak1CardError, got ${String(error)}`);
    assert.equal(error.name, 'Ak1CardError');
    return error;
  }
  assert.fail('expected renderCardPdf to refuse its input');
}

function imageCount(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Subtype \/Image/g) ?? []).length;
}

describe('renderCardPdf: the standard card', async () => {
  const pdf = await render();
  const layout = pdfText(pdf, 'layout');
  const raw = flat(pdfText(pdf, 'raw'));

  it('is a one-page A4 landscape PDF', () => {
    assert.equal(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
    const text = Buffer.from(pdf).toString('latin1');
    assert.match(text, /\/MediaBox \[0 0 841\.89 595\.28\]/);
    assert.equal((text.match(/\/Type \/Page\b/g) ?? []).length, 1);
    assert.ok(pdf.byteLength < 120 * 1024, `${pdf.byteLength} bytes`);
  });

  it('prints every value it shows, as the text layer says', () => {
    const expected = [
      'PEMERINTAH KABUPATEN SERANG',
      'DINAS TENAGA KERJA DAN TRANSMIGRASI',
      'Jl. Veteran No. 1, Serang, Banten 42111',
      'KARTU TANDA BUKTI PENDAFTARAN PENCARI KERJA',
      'AK/I',
      'No. Pendaftaran Pencari Kerja',
      '3604-000123-281126',
      'No. Induk Kependudukan (NIK)',
      '3604055209900003',
      'Tanda tangan pencari kerja',
      'JADWAL DATANG KE KANTOR',
      'Selasa, 1 Desember 2026',
      'pukul 08.00–09.00',
      'Disnakertrans Kabupaten Serang, Jl. Veteran No. 1, Serang',
      'No. antrean A-017',
      'Terkirim, menunggu verifikasi: kartu ini belum sah',
      'Kartu sah setelah data diperiksa dan kartu ditandatangani Pengantar Kerja di kantor.',
      'Ketentuan:',
      '1. Berlaku nasional.',
      '2. Bila ada perubahan data/keterangan lainnya atau telah mendapat pekerjaan harap segera melapor.',
      '3. Apabila pencari kerja yang bersangkutan telah diterima bekerja maka instansi/perusahaan yang menerima agar mengembalikan kartu AK/I ini kepada Dinas Tenaga Kerja dan Transmigrasi.',
      '4. Kartu ini berlaku selama 2 (dua) tahun dengan keharusan melapor setiap 6 (enam) bulan sekali bagi pencari kerja yang belum mendapatkan pekerjaan.',
      'Pertama 28 Mei 2027',
      'Kedua 28 November 2027',
      'Ketiga 28 Mei 2028',
      'Tanda Tangan Pengantar Kerja/Petugas Pendaftar (Cantumkan Nama dan NIP)',
      'Layanan ini gratis: pendaftaran dan kartu AK/I tidak dipungut biaya.',
      'Diterima bekerja di :',
      'Terhitung mulai tanggal :',
      'Nama lengkap : Siti Nur’aini',
      'Tempat, tanggal lahir : Serang, 12 September 1990',
      'Jenis kelamin : Perempuan',
      'Status perkawinan : Belum kawin',
      'Agama : Islam',
      'Alamat : Jl. Raya Serang No. 12, RT 003/RW 005, kode wilayah 36.04.05.2001, 42182',
      'No. HP : 0812-3456-7890',
      'Email : siti.nuraini@example.com',
      'Bahasa yang dikuasai : Indonesia, Sunda',
      'PENDIDIKAN FORMAL',
      'SMK SMK Negeri 1 Kragilan Teknik Komputer dan Jaringan 2008',
      'KETERAMPILAN / KURSUS',
      'Operator Komputer BLK Serang 2009',
      'PENGALAMAN KERJA',
      'Operator Produksi PT Nikomas Gemilang 2010–2019',
      'Dikeluarkan pada tanggal : …………………………………',
      'Berlaku sampai dengan : 28 November 2028',
      'Pengantar Kerja/Petugas Antar Kerja,',
      'Yuningsih, S.Sos.',
      'NIP. 19691220 200701 2 018',
      'Pindai kode QR untuk memeriksa keaslian kartu ini.',
    ];
    for (const value of expected) assert.ok(raw.includes(value), `missing from the text layer: ${value}`);
    // Not signed: not issued yet, and nothing that reads as approved.
    assert.ok(!raw.includes('28 November 2026'));
    assert.ok(!raw.includes('+6281234567890'));
    assert.doesNotMatch(raw, /Diterima(?! bekerja)|Salinan/);
  });

  it('has the number and the NIK as whole strings, and each character in its own box', () => {
    assert.match(layout, /(^|\s)3604-000123-281126(\s|$)/m);
    assert.match(layout, /(^|\s)3604055209900003(\s|$)/m);
    const words = pdfWords(pdf);
    // The boxes: one word per character (the separators of the number stand between boxes).
    const nikCells = words.filter((w) => /^\d$/.test(w.text) && w.xMin > 148.5 * PT_PER_MM);
    assert.ok(nikCells.length >= 16 + 14, `${nikCells.length} boxed digits`);
  });

  it('says on its face that it is not valid until signed, and shows the visit there', () => {
    const words = pdfWords(pdf);
    const notice = words.filter((w, i) => w.text === 'belum' && words[i + 1]?.text === 'sah');
    assert.equal(notice.length, 1);
    assert.ok(notice[0]!.xMin > 148.5 * PT_PER_MM, 'the notice is on side one, the right half');
    const visit = pdfWords(pdf).find((w) => w.text === 'A-017');
    assert.ok(visit && visit.xMin > 148.5 * PT_PER_MM, 'the queue number is on side one');
  });

  it('carries a QR code that reads back as the verification URL', () => {
    // The lower-left quarter of the sheet: side two's bottom, where the code is.
    assert.equal(decodeQr(pdf, { x: 0, y: 105, width: 148.5, height: 105 }), VERIFICATION_URL);
  });

  it('is byte-identical for the same input, creationDate and documentId', async () => {
    const again = await render();
    assert.ok(Buffer.from(again).equals(Buffer.from(pdf)));
    assert.match(Buffer.from(pdf).toString('latin1'), /\/CreationDate \(D:20261128020000\+00'00'\)/);
    assert.match(Buffer.from(pdf).toString('latin1'), /\/ID \[ <0123456789ABCDEF0123456789ABCDEF>/);
  });

  it('keeps personal data out of the document properties', () => {
    const info = Buffer.from(pdf).toString('latin1').match(/\/Title \((.*)\)$/m)?.[1] ?? '';
    assert.match(info, /3604-000123-281126/);
    assert.doesNotMatch(info, /3604055209900003|Siti/);
  });

  it('looks like something on paper: both halves of page one have ink on them', () => {
    const dpi = 30;
    const image = pdfGray(pdf, dpi);
    assert.equal(image.width, Math.round((297 / 25.4) * dpi));
    for (const x of [0, 148.5]) {
      const ink = darkness(image, dpi, { x: x + 5, y: 5, width: 138.5, height: 200 });
      assert.ok(ink > 8, `the half from ${x} mm has almost no ink (${ink.toFixed(1)})`);
    }
  });

  it('embeds the font subset and the photo, and no standard fonts', () => {
    const text = Buffer.from(pdf).toString('latin1');
    assert.match(text, /\/FontName \/NotoSans/);
    assert.doesNotMatch(text, /\/BaseFont \/Helvetica/);
    assert.equal(imageCount(pdf), 1);
  });
});

describe('renderCardPdf: names print exactly', () => {
  for (const name of ['Siti Nur’aini', 'Muhammad Al-Fātiḥ', 'Ni Made Ayu Kusumawardani Putri Pratiwi Sari']) {
    it(name, async () => {
      const pdf = await render({ ...cardApplication(PHOTO), fullName: name });
      // Whole, on the line of its label, character for character.
      const line = pdfText(pdf, 'layout').split('\n').find((l) => l.includes('Nama lengkap'));
      assert.match(line ?? '', new RegExp(`Nama lengkap\\s+: ${name}(\\s|$)`), `the name's line reads: ${line}`);
    });
  }

  it('composes a decomposed name before printing it', async () => {
    const pdf = await render({ ...cardApplication(PHOTO), fullName: 'Muhammad Al-Fa\u0304tih\u0323' });
    assert.ok(pdfText(pdf).includes('Muhammad Al-Fātiḥ'));
  });
});

describe('renderCardPdf: the address', () => {
  it('names the village, district and regency when their names are given, and the village code otherwise', async () => {
    const named = flat(pdfText(await render(undefined, undefined, {
      ...OPTIONS,
      placeNames: { village: 'Kramatwatu', district: 'Kramatwatu', regency: 'Kabupaten Serang', province: 'Banten' },
    }), 'raw'));
    assert.ok(named.includes('Kramatwatu, Kramatwatu, Kabupaten Serang, Banten'), named);
    assert.ok(!named.includes('kode wilayah'));
    const coded = flat(pdfText(await render(), 'raw'));
    assert.ok(coded.includes('kode wilayah 36.04.05.2001'));
  });
});

describe('renderCardPdf: long values', () => {
  it('wraps a 200-character name within its column, every word kept', async () => {
    const parts = Array.from({ length: 20 }, (_, i) => `Kusuma${String.fromCharCode(97 + i)}wati`);
    const name = `${parts.join(' ')} Ayu Lestari Sari`.slice(0, 200);
    assert.equal(name.length, 200);
    const pdf = await render({ ...cardApplication(PHOTO), fullName: name });
    assert.ok(flat(pdfText(pdf, 'raw')).includes(name), 'the whole name, in order');
    const words = pdfWords(pdf);
    const label = words.find((w, i) => w.text === 'Nama' && words[i + 1]?.text === 'lengkap')!;
    const nextLabel = words.find((w) => w.text === 'Tempat,')!;
    const expectedWords = name.split(' ');
    const nameWords = words.filter((w) => expectedWords.includes(w.text));
    assert.equal(nameWords.length, expectedWords.length);
    for (const word of nameWords) {
      assert.ok(word.xMin >= 47 * PT_PER_MM && word.xMax <= (148.5 - 9) * PT_PER_MM + 0.5, `${word.text} leaves its column`);
      assert.ok(word.yMin >= label.yMin - 1 && word.yMax <= nextLabel.yMin + 0.5, `${word.text} (${word.yMin}–${word.yMax}) overlaps the next line (${label.yMin}, ${nextLabel.yMin})`);
    }
  });

  it('shortens lists that do not fit, saying how many more there are', async () => {
    const application = cardApplication(PHOTO);
    application.skills = Array.from({ length: 20 }, (_, i) => ({
      name: `Pelatihan keterampilan kerja tingkat lanjut nomor ${i + 1} untuk operator mesin produksi`,
      provider: 'Balai Latihan Kerja Industri Serang, Kementerian Ketenagakerjaan Republik Indonesia',
      year: 2010,
    }));
    application.workExperience = Array.from({ length: 20 }, (_, i) => ({
      employer: `PT Perusahaan Manufaktur Nomor ${i + 1} Indonesia Tbk`,
      position: 'Operator Produksi',
      startYear: 2010,
      endYear: 2011,
    }));
    const text = flat(pdfText(await render(application), 'raw'));
    assert.match(text, /… dan \d+ lainnya/);
    assert.ok(text.includes('SMK Negeri 1 Kragilan'));
  });
});

describe('renderCardPdf: inputs it refuses or works around', () => {
  it('refuses a photo that is not a JPEG', async () => {
    const error = await refusal(render({ ...cardApplication(PHOTO), photo: { mediaType: 'image/jpeg', dataBase64: toBase64(logoPng(16)) } }));
    assert.equal(error.code, 'card.photo');
    assert.deepEqual(error.issues, [{ path: ['photo', 'dataBase64'], rule: 'notJpeg' }]);
  });

  it('refuses a JPEG signature followed by garbage', async () => {
    const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 64 }, (_, i) => i)]);
    const error = await refusal(render({ ...cardApplication(PHOTO), photo: { mediaType: 'image/jpeg', dataBase64: toBase64(broken) } }));
    assert.equal(error.code, 'card.photo');
  });

  it('refuses an application without a field the card prints, naming the field only', async () => {
    const { education, ...application } = cardApplication(PHOTO);
    const error = await refusal(render(application));
    assert.equal(error.code, 'card.application');
    assert.deepEqual(error.issues, [{ path: ['education'], rule: 'required' }]);
  });

  it('refuses characters the font does not have, without repeating them', async () => {
    const error = await refusal(render({ ...cardApplication(PHOTO), fullName: 'Иван Петров' }));
    assert.equal(error.code, 'card.application');
    assert.deepEqual(error.issues, [{ path: ['fullName'], rule: 'format' }]);
    assert.doesNotMatch(error.message, /Иван/);
  });

  it('prints without a logo, and with a PNG or JPEG logo, as bytes or a data URL', async () => {
    assert.equal(imageCount(await render()), 1);
    const withLogo = await render(undefined, undefined, { ...OPTIONS, logo: logoPng() });
    assert.equal(imageCount(withLogo), 2);
    assert.ok(withLogo.byteLength < 120 * 1024, `a 160 px PNG logo makes the card ${withLogo.byteLength} bytes`);
    assert.equal(imageCount(await render(undefined, undefined, { ...OPTIONS, logo: `data:image/png;base64,${toBase64(logoPng(16))}` })), 2);
    assert.equal(imageCount(await render(undefined, undefined, { ...OPTIONS, logo: PHOTO.buffer.slice(0) as ArrayBuffer })), 2);
  });

  it('refuses a logo that is neither PNG nor JPEG, or not readable', async () => {
    const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
    assert.equal((await refusal(render(undefined, undefined, { ...OPTIONS, logo: gif }))).code, 'card.logo');
    const truncated = logoPng(16).subarray(0, 20);
    assert.equal((await refusal(render(undefined, undefined, { ...OPTIONS, logo: truncated }))).code, 'card.logo');
    assert.equal((await refusal(render(undefined, undefined, { ...OPTIONS, logo: 'https://example.com/logo.png' }))).code, 'card.options');
  });

  it('prints a registration without an appointment, saying the office will call', async () => {
    const { appointment, ...registration } = cardRegistration();
    const text = flat(pdfText(await render(undefined, registration), 'raw'));
    assert.ok(text.includes('Belum ada jadwal. Kantor akan menghubungi Anda melalui SMS atau WhatsApp.'));
    assert.ok(!text.includes('A-017'));
  });

  it('prints without a district or an officer, leaving the signature block for the office', async () => {
    const text = flat(pdfText(await render(undefined, undefined, {}), 'raw'));
    assert.ok(!text.includes('PEMERINTAH'));
    assert.ok(text.includes('kepada dinas yang menerbitkannya.'));
    assert.match(text, /NIP\. …+/);
  });

  it('takes blank district texts as not given', async () => {
    const text = flat(pdfText(await render(undefined, undefined, { district: { name: '', officeName: '', officeAddress: '' } }), 'raw'));
    assert.ok(!text.includes('PEMERINTAH'));
  });

  it('refuses a registration that is not valid, or rejected or expired', async () => {
    const error = await refusal(render(undefined, { ...cardRegistration(), verification: { url: 'javascript:alert(1)', token: 'a.b.c' } }));
    assert.equal(error.code, 'card.registration');
    assert.deepEqual(error.issues.map((i) => i.path), [['verification', 'url']]);
    for (const status of ['REJECTED', 'EXPIRED']) {
      assert.equal((await refusal(render(undefined, { ...cardRegistration(), status }))).code, 'card.status');
    }
  });

  it('still prints from 2038 on, when jsPDF can no longer write today as the creation date', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2040-03-01T02:00:00Z') });
    const pdf = await render(undefined, undefined, { district: CARD_DISTRICT }).finally(() => t.mock.timers.reset());
    const text = new TextDecoder('latin1').decode(pdf);
    assert.match(text, /\/CreationDate \(D:20371231235959\+00'00'\)/);
  });

  it('refuses options that are not valid, saying where', async () => {
    const cases: [unknown, (string | number)[]][] = [
      [{ documentId: 'not-hex' }, ['documentId']],
      [{ colour: 'red' }, ['colour']],
      [{ officer: { name: 'Yuningsih', nip: '1969\u202e1220' } }, ['officer', 'nip']],
      [{ creationDate: new Date('2040-01-01') }, ['creationDate']],
      [{ layout: { page: { widthMm: 210, heightMm: 297 }, fields: {} } }, ['layout']],
    ];
    for (const [options, path] of cases) {
      const error = await refusal(render(undefined, undefined, options as Ak1CardOptions));
      assert.equal(error.code, 'card.options');
      assert.ok(
        error.issues.some((issue) => issue.path.slice(0, path.length).join('.') === path.join('.')),
        `${JSON.stringify(options)}: ${error.message}`,
      );
    }
  });
});

describe('renderCardPdf: a district blank (overlay layout)', async () => {
  const options: Ak1CardOptions = { ...OPTIONS, layout: SAMPLE_OVERLAY, logo: logoPng(16) };
  const pdf = await render(undefined, undefined, options);
  const words = pdfWords(pdf);
  const fields = SAMPLE_OVERLAY.fields;

  /** The words of `value` in order, starting at the first word that begins it near `box`. */
  function find(value: string, box: { xMm: number; yMm: number }): PdfWord[] {
    const parts = value.split(' ');
    const starts = words
      .map((word, i) => ({ word, i }))
      .filter(({ word }) => word.text === parts[0])
      .sort((a, b) => Math.hypot(a.word.xMin - box.xMm * PT_PER_MM, a.word.yMin - box.yMm * PT_PER_MM) - Math.hypot(b.word.xMin - box.xMm * PT_PER_MM, b.word.yMin - box.yMm * PT_PER_MM));
    assert.ok(starts.length, `${value} not found`);
    const found = words.slice(starts[0]!.i, starts[0]!.i + parts.length);
    assert.deepEqual(found.map((w) => w.text), parts, `${value} is not printed as one run`);
    return found;
  }

  it('is one page of the blank’s size', () => {
    assert.match(Buffer.from(pdf).toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/);
  });

  it('puts every text field at the coordinates given', () => {
    const values: [keyof typeof fields, string][] = [
      ['districtName', 'PEMERINTAH KABUPATEN SERANG'],
      ['officeName', 'DINAS TENAGA KERJA DAN TRANSMIGRASI'],
      ['officeAddress', 'Jl. Veteran No. 1, Serang, Banten 42111'],
      ['firstReportDue', '28 Mei 2027'],
      ['secondReportDue', '28 November 2027'],
      ['thirdReportDue', '28 Mei 2028'],
      ['fullName', 'Siti Nur’aini'],
      ['birth', 'Serang, 12 September 1990'],
      ['birthPlace', 'Serang'],
      ['birthDate', '12 September 1990'],
      ['sex', 'Perempuan'],
      ['maritalStatus', 'Belum kawin'],
      ['religion', 'Islam'],
      ['address', 'Jl. Raya Serang No. 12, RT 003/RW 005, kode wilayah 36.04.05.2001, 42182'],
      ['phone', '0812-3456-7890'],
      ['email', 'siti.nuraini@example.com'],
      ['languages', 'Indonesia, Sunda'],
      ['validUntil', '28 November 2028'],
      ['officerName', 'Yuningsih, S.Sos.'],
      ['officerNip', '19691220 200701 2 018'],
      ['notice', 'Terkirim, menunggu verifikasi: kartu ini belum sah. Kartu sah setelah data diperiksa dan kartu ditandatangani Pengantar Kerja di kantor. Layanan ini gratis:'],
      ['appointment', 'Datang ke kantor: Selasa, 1 Desember 2026, pukul 08.00–09.00, di'],
    ];
    for (const [name, value] of values) {
      const spec = fields[name] as { xMm: number; yMm: number; widthMm: number; heightMm?: number; fontSizePt?: number; align?: string };
      const found = find(value, spec);
      const left = spec.xMm * PT_PER_MM;
      const right = (spec.xMm + spec.widthMm) * PT_PER_MM;
      const top = spec.yMm * PT_PER_MM;
      const fontSize = spec.fontSizePt ?? 9;
      const bottom = top + (spec.heightMm !== undefined ? spec.heightMm * PT_PER_MM : fontSize * 1.22);
      // pdftotext's word boxes run from the font's ascent to its descent, a little beyond the line.
      const slack = 0.15 * fontSize;
      for (const word of found) {
        assert.ok(word.xMin >= left - 0.5 && word.xMax <= right + 0.5, `${name}: ${word.text} at x ${word.xMin}–${word.xMax}, box ${left}–${right}`);
        assert.ok(word.yMin >= top - slack && word.yMax <= bottom + slack, `${name}: ${word.text} at y ${word.yMin}–${word.yMax}, box ${top}–${bottom}`);
      }
      if ((spec.align ?? 'left') === 'left') assert.ok(Math.abs(found[0]!.xMin - left) < 1.5, `${name} starts at ${found[0]!.xMin}, not ${left}`);
      if (spec.align === 'center') {
        const middle = (found[0]!.xMin + found.at(-1)!.xMax) / 2;
        assert.ok(Math.abs(middle - (left + right) / 2) < 1.5, `${name} is not centred`);
      }
    }
  });

  it('puts the number and the NIK in their cells, and whole in the text layer', () => {
    for (const [name, value] of [['registrationNumber', '3604-000123-281126'], ['nik', '3604055209900003']] as const) {
      const spec = fields[name] as { xMm: number; yMm: number; cellWidthMm: number; cellHeightMm: number; separatorWidthMm?: number };
      assert.equal(words.filter((w) => w.text === value).length, 1, `${name} whole`);
      const width = [...value].reduce((sum, ch) => sum + (/\d/.test(ch) ? spec.cellWidthMm : (spec.separatorWidthMm ?? spec.cellWidthMm)), 0);
      const inCells = words
        .filter((w) => w.text !== value && w.yMin >= spec.yMm * PT_PER_MM - 1 && w.yMax <= (spec.yMm + spec.cellHeightMm) * PT_PER_MM + 1)
        .filter((w) => w.xMin >= spec.xMm * PT_PER_MM - 0.2 && w.xMax <= (spec.xMm + width) * PT_PER_MM + 0.2)
        .sort((a, b) => a.xMin - b.xMin);
      assert.equal(inCells.map((w) => w.text).join(''), value, `${name} in its cells`);
      // The first character sits in the first cell, the last in the last.
      assert.ok(inCells[0]!.xMin < (spec.xMm + spec.cellWidthMm) * PT_PER_MM);
      assert.ok(inCells.at(-1)!.xMax > (spec.xMm + width - spec.cellWidthMm) * PT_PER_MM);
    }
  });

  it('puts the list rows on the blank’s lines and columns', () => {
    const edu = fields.education!;
    for (const [key, value] of [['level', 'SMK'], ['institution', 'SMK Negeri 1 Kragilan'], ['major', 'Teknik Komputer dan Jaringan'], ['graduationYear', '2008']] as const) {
      const column = edu.columns[key]!;
      const found = find(value, { xMm: column.xMm, yMm: edu.yMm });
      assert.ok(found[0]!.yMin >= edu.yMm * PT_PER_MM - 0.5 && found[0]!.yMax <= (edu.yMm + edu.rowHeightMm) * PT_PER_MM + 0.5, `education.${key} row`);
      assert.ok(found[0]!.xMin >= column.xMm * PT_PER_MM - 0.5 && found.at(-1)!.xMax <= (column.xMm + column.widthMm) * PT_PER_MM + 0.5, `education.${key} column`);
    }
    const skill = find('Operator Komputer', { xMm: fields.skills!.columns.name!.xMm, yMm: fields.skills!.yMm });
    assert.ok(Math.abs(skill[0]!.xMin - fields.skills!.columns.name!.xMm * PT_PER_MM) < 1.5);
    const work = find('PT Nikomas Gemilang', { xMm: fields.workExperience!.columns.employer!.xMm, yMm: fields.workExperience!.yMm });
    assert.ok(Math.abs(work[0]!.xMin - fields.workExperience!.columns.employer!.xMm * PT_PER_MM) < 1.5);
  });

  it('puts the photo and the logo in their boxes, and nothing outside the fields', () => {
    const dpi = 50;
    const image = pdfGray(pdf, dpi);
    const photo = fields.photo!;
    assert.ok(darkness(image, dpi, { x: photo.xMm + 2, y: photo.yMm + 2, width: photo.widthMm - 4, height: photo.heightMm - 4 }) > 60, 'the photo');
    assert.ok(darkness(image, dpi, { x: photo.xMm + 2, y: photo.yMm - 9, width: photo.widthMm - 4, height: 6 }) < 1, 'above the photo');
    const logo = fields.logo!;
    assert.ok(darkness(image, dpi, { x: logo.xMm + 1, y: logo.yMm + 1, width: logo.widthMm - 2, height: logo.heightMm - 2 }) > 60, 'the logo');
  });

  it('puts the QR code in its square, where it reads back as the verification URL', () => {
    const qr = fields.qr!;
    const quiet = 3;
    assert.equal(decodeQr(pdf, { x: qr.xMm - quiet, y: qr.yMm - quiet, width: qr.sizeMm + 2 * quiet, height: qr.sizeMm + 2 * quiet }), VERIFICATION_URL);
    const image = pdfGray(pdf, 100);
    assert.ok(darkness(image, 100, { x: qr.xMm - quiet, y: qr.yMm - quiet, width: quiet - 0.3, height: qr.sizeMm }) < 1, 'the quiet zone is clear');
  });

  it('moves every field by offsetMm', async () => {
    const moved = await render(undefined, undefined, { ...options, layout: { ...SAMPLE_OVERLAY, offsetMm: { xMm: 3, yMm: -2 } } });
    const before = words.find((w) => w.text === 'Perempuan')!;
    const after = pdfWords(moved).find((w) => w.text === 'Perempuan')!;
    assert.ok(Math.abs(after.xMin - before.xMin - 3 * PT_PER_MM) < 0.1);
    assert.ok(Math.abs(after.yMin - before.yMin + 2 * PT_PER_MM) < 0.1);
  });

  it('ends a list longer than the blank’s rows with how many more there are', async () => {
    const application = cardApplication(PHOTO);
    application.skills = Array.from({ length: 5 }, (_, i) => ({ name: `Keterampilan ${i + 1}` }));
    const text = flat(pdfText(await render(application, undefined, options), 'raw'));
    assert.ok(text.includes('Keterampilan 1'));
    assert.ok(!text.includes('Keterampilan 2'));
    assert.ok(text.includes('… dan 4 lainnya'));
  });

  it('refuses a field that lies off the page, and a value that cannot fit its box', async () => {
    const offPage = { ...SAMPLE_OVERLAY, fields: { ...fields, phone: { xMm: 190, yMm: 186, widthMm: 60 } } };
    const error = await refusal(render(undefined, undefined, { ...options, layout: offPage }));
    assert.equal(error.code, 'card.options');
    assert.deepEqual(error.issues, [{ path: ['layout', 'fields', 'phone'], rule: 'outsidePage' }]);
    const tiny = { ...SAMPLE_OVERLAY, fields: { ...fields, address: { xMm: 60, yMm: 175, widthMm: 10 } } };
    const tooLong = await refusal(render(undefined, undefined, { ...options, layout: tiny }));
    assert.equal(tooLong.code, 'card.tooLong');
    assert.deepEqual(tooLong.issues, [{ path: ['layout', 'fields', 'address'], rule: 'tooLong' }]);
  });
});

describe('the card module', () => {
  it('loads jsPDF only by dynamic import', () => {
    const dir = new URL('../../src/card/', import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const file of files) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      assert.doesNotMatch(source, /^import (?!type )[^;]*from 'jspdf'/m, `${file} imports jspdf statically`);
      assert.doesNotMatch(source, /^import (?!type )[^;]*from '[./]*(jspdf\/)?jspdf\.js'/m, `${file} imports the card's jsPDF statically`);
      assert.doesNotMatch(source, /from '(lit|lit\/.*)'|components\//, `${file} imports lit or a component`);
    }
    const index = readFileSync(new URL('index.ts', dir), 'utf8');
    assert.match(index, /import\('\.\/jspdf\/jspdf\.js'\)/);
  });

  it('has its texts in Indonesian and in English, the same keys of the same kinds, translated', () => {
    assert.deepEqual(Object.keys(enCard).sort(), Object.keys(idCard).sort());
    for (const key of Object.keys(idCard) as (keyof typeof idCard)[]) {
      assert.equal(typeof enCard[key], typeof idCard[key], key);
      if (typeof idCard[key] === 'string' && /\p{L}{8}/u.test(idCard[key] as string)) assert.notEqual(enCard[key], idCard[key], `${key} is not translated`);
    }
    assert.equal(idCard.conditions('Dinas X').length, 4);
    assert.equal(enCard.conditions(undefined).length, 4);
    assert.equal(idCard.weekdays[2], 'Selasa');
  });

  it('renders in Node 20 with jsPDF’s node build', async () => {
    const pdf = await render();
    assert.ok(pdf instanceof Uint8Array && pdf.byteLength > 1000);
  });
});
