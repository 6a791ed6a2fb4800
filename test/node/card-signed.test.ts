import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Ak1CardError, renderCardPdf, type Ak1CardOptions } from '../../src/card/index.js';
import { cardApplication, photoJpeg } from '../fixtures/card-photo.js';
import { CARD_DISTRICT, CARD_OFFICER, FIXED_OUTPUT, SAMPLE_OVERLAY, cardRegistration, signedRegistration } from '../fixtures/card.js';
import { pdfText, pdfWords, PT_PER_MM } from '../fixtures/pdf-tools.js';

/*
 * The card's variants (design.md, "Decisions": The card): the status picks them. SIGNED and PLACED print the
 * signed card; every other status the provisional one. Read back from the PDF's text layer with pdftotext.
 */

const PHOTO = photoJpeg();
const OPTIONS: Ak1CardOptions = { district: CARD_DISTRICT, officer: CARD_OFFICER, ...FIXED_OUTPUT };

async function text(registration: Record<string, any>, options: Ak1CardOptions = OPTIONS): Promise<string> {
  const pdf = await renderCardPdf(cardApplication(PHOTO) as never, registration as never, options);
  return pdfText(pdf, 'raw').replace(/\s+/g, ' ');
}

async function refusal(promise: Promise<unknown>): Promise<Ak1CardError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Ak1CardError, `expected an Ak1CardError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected renderCardPdf to refuse its input');
}

describe('renderCardPdf: each status prints its variant', () => {
  const provisional: [string, string][] = [
    ['RECEIVED', 'Terkirim, menunggu verifikasi'],
    ['NEEDS_CORRECTION', 'Perlu perbaikan'],
    ['VERIFIED', 'Terverifikasi'],
    ['CANCELLED', 'Dibatalkan'],
    // A status newer than this version: still a card, not yet valid.
    ['ARCHIVED', 'Sedang diproses'],
  ];
  for (const [status, words] of provisional) {
    it(`${status}: not yet valid, with the visit, "${words}", Dikeluarkan blank`, async () => {
      const raw = await text({ ...cardRegistration(), status });
      assert.ok(raw.includes(`${words}: kartu ini belum sah`), raw);
      assert.ok(raw.includes('Kartu sah setelah data diperiksa dan kartu ditandatangani Pengantar Kerja di kantor.'));
      assert.ok(raw.includes('JADWAL DATANG KE KANTOR') && raw.includes('A-017'));
      assert.ok(raw.includes('Dikeluarkan pada tanggal : …'));
      assert.ok(!raw.includes('MASA BERLAKU KARTU'));
    });
  }

  for (const [status, words] of [['SIGNED', 'Kartu sah'], ['PLACED', 'Sudah bekerja']] as const) {
    it(`${status}: the signed card: no "belum sah", no visit, the signing date, the signer's name and NIP`, async () => {
      const raw = await text(signedRegistration(status));
      assert.ok(!raw.includes('belum sah'), 'no not-yet-valid notice');
      assert.ok(!raw.includes('JADWAL DATANG') && !raw.includes('A-017') && !raw.includes('Selasa, 1 Desember 2026'), 'no visit');
      assert.ok(raw.includes(`MASA BERLAKU KARTU ${words} Dikeluarkan pada tanggal 3 Desember 2026 Berlaku sampai dengan 3 Desember 2028`), raw);
      assert.ok(raw.includes('Dikeluarkan pada tanggal : 3 Desember 2026'));
      assert.ok(raw.includes('Berlaku sampai dengan : 3 Desember 2028'));
      // signedBy, not the officer option; the NIP written out in its parts.
      assert.ok(raw.includes('Pengantar Kerja/Petugas Antar Kerja, Dra. Siti Aminah, M.Si. NIP. 19700315 200501 2 004'), raw);
      assert.ok(!raw.includes('Yuningsih'));
      // The report due dates counted from the signing.
      assert.ok(raw.includes('Pertama 3 Juni 2027'));
      assert.ok(!raw.includes('Salinan'), 'printed at the counter: no copy note');
    });
  }

  it('refuses a signed registration without its signing date', async () => {
    const { issuedAt, ...registration } = signedRegistration();
    const error = await refusal(renderCardPdf(cardApplication(PHOTO) as never, registration as never, OPTIONS));
    assert.equal(error.code, 'card.registration');
    assert.deepEqual(error.issues, [{ path: ['issuedAt'], rule: 'required' }]);
  });

  it('prints the officer option where a signed registration does not say who signed, else a blank for the pen', async () => {
    const { signedBy, ...registration } = signedRegistration();
    assert.ok((await text(registration)).includes('Yuningsih, S.Sos. NIP. 19691220 200701 2 018'));
    const { officer, ...withoutOfficer } = OPTIONS;
    assert.match(await text(registration, withoutOfficer), /Pengantar Kerja\/Petugas Antar Kerja, NIP\. …+/);
  });
});

describe('renderCardPdf: a copy printed away from the counter', () => {
  it('says "Salinan — keabsahan: pindai kode QR" on its face and in the signature’s place', async () => {
    const pdf = await renderCardPdf(cardApplication(PHOTO) as never, signedRegistration() as never, { ...OPTIONS, copy: true });
    const raw = pdfText(pdf, 'raw').replace(/\s+/g, ' ');
    assert.equal(raw.split('Salinan — keabsahan: pindai kode QR').length - 1, 2, raw);
    const words = pdfWords(pdf).filter((w) => w.text === 'Salinan');
    assert.ok(words.some((w) => w.xMin > 148.5 * PT_PER_MM), 'on the face (side one)');
    assert.ok(words.some((w) => w.xMin < 148.5 * PT_PER_MM), 'in the signature block (side two)');
    assert.ok(!raw.includes('belum sah'));
  });

  it('is not a copy on a card that is not signed: that one says it is not valid anyway', async () => {
    const raw = await text(cardRegistration(), { ...OPTIONS, copy: true });
    assert.ok(!raw.includes('Salinan'));
    assert.ok(raw.includes('belum sah'));
  });
});

describe('renderCardPdf: the district’s options', () => {
  it('prints the district’s Ketentuan in place of the standard four, and clauses added after them', async () => {
    const replaced = await text(cardRegistration(), {
      ...OPTIONS,
      district: { ...CARD_DISTRICT, terms: ['Berlaku di seluruh Indonesia.', 'Wajib lapor setiap 6 (enam) bulan.'] },
    });
    assert.ok(replaced.includes('Ketentuan: 1. Berlaku di seluruh Indonesia. 2. Wajib lapor setiap 6 (enam) bulan.'), replaced);
    assert.ok(!replaced.includes('Berlaku nasional.') && !replaced.includes('3. '));
    const extended = await text(signedRegistration(), {
      ...OPTIONS,
      district: { ...CARD_DISTRICT, extraTerms: ['Kartu ini tidak boleh dipindahtangankan.', ' '] },
    });
    assert.ok(extended.includes('1. Berlaku nasional.'));
    assert.ok(extended.includes('5. Kartu ini tidak boleh dipindahtangankan.'), extended);
    assert.ok(!extended.includes('6. '), 'a blank clause is dropped');
  });

  it('prints the district’s signer title, unless the signature carries its own', async () => {
    const district = { ...CARD_DISTRICT, signerTitle: 'Kepala Dinas Tenaga Kerja' };
    assert.ok((await text(signedRegistration(), { ...OPTIONS, district })).includes('Kepala Dinas Tenaga Kerja, Dra. Siti Aminah, M.Si.'));
    assert.ok((await text(cardRegistration(), { ...OPTIONS, district })).includes('Kepala Dinas Tenaga Kerja, Yuningsih, S.Sos.'));
    const titled = { ...signedRegistration(), signedBy: { ...signedRegistration().signedBy, title: 'Pengantar Kerja Ahli Muda' } };
    const raw = await text(titled, { ...OPTIONS, district });
    assert.ok(raw.includes('Pengantar Kerja Ahli Muda, Dra. Siti Aminah, M.Si.'));
    assert.ok(!raw.includes('Kepala Dinas Tenaga Kerja,'));
  });

  it('refuses Ketentuan that are too many or not printable', async () => {
    for (const terms of [Array.from({ length: 13 }, (_, i) => `Ketentuan ${i + 1}.`), ['Berlaku \u202enasional']]) {
      const error = await refusal(renderCardPdf(cardApplication(PHOTO) as never, cardRegistration() as never, { ...OPTIONS, district: { ...CARD_DISTRICT, terms } }));
      assert.equal(error.code, 'card.options');
      assert.equal(error.issues[0]!.path.slice(0, 2).join('.'), 'district.terms');
    }
  });

  it('shows the reports made in the report table: the day and what was reported', async () => {
    const registration = signedRegistration();
    registration.reports[1] = { due: '2027-12-03', madeAt: '2027-11-20T08:00:00+07:00', kind: 'placed' };
    const raw = await text(registration);
    assert.ok(raw.includes('Pertama 3 Juni 2027 1 Juni 2027 Masih mencari kerja Kedua 3 Desember 2027 20 November 2027 Sudah bekerja Ketiga 3 Juni 2028 Diterima'), raw);
  });
});

describe('renderCardPdf: the signed card on a district blank (overlay layout)', async () => {
  const pdf = await renderCardPdf(cardApplication(PHOTO) as never, signedRegistration() as never, { ...OPTIONS, layout: SAMPLE_OVERLAY, copy: true });
  const raw = pdfText(pdf, 'raw').replace(/\s+/g, ' ');
  const words = pdfWords(pdf);
  const fields = SAMPLE_OVERLAY.fields;

  /** The words of `value`, found in order, starting inside `box`. */
  function at(value: string, box: { xMm: number; yMm: number; widthMm: number }) {
    const parts = value.split(' ');
    const start = words.findIndex(
      (word, i) =>
        word.text === parts[0] &&
        word.xMin >= box.xMm * PT_PER_MM - 0.5 &&
        word.xMax <= (box.xMm + box.widthMm) * PT_PER_MM + 0.5 &&
        Math.abs(word.yMin - box.yMm * PT_PER_MM) < 4 &&
        parts.every((part, j) => words[i + j]?.text === part),
    );
    assert.ok(start >= 0, `${value} is not at ${JSON.stringify(box)}`);
  }

  it('prints the signed fields where the blank has them: the signing date, the signer, the report made', () => {
    at('3 Desember 2026', fields.issuedOn!);
    at('3 Desember 2028', fields.validUntil!);
    at('Dra. Siti Aminah, M.Si.', fields.officerName!);
    at('19700315 200501 2 004', fields.officerNip!);
    at('Pengantar Kerja/Petugas Antar Kerja', fields.officerTitle!);
    at('1 Juni 2027', fields.firstReportMade!);
    at('3 Juni 2027', fields.firstReportDue!);
  });

  it('says it is a copy in the notice box, and prints neither "belum sah" nor the visit', () => {
    at('Salinan — keabsahan: pindai kode QR', fields.notice);
    assert.ok(!raw.includes('belum sah'));
    assert.ok(!raw.includes('Datang ke kantor') && !raw.includes('A-017'));
  });

  it('prints the Ketentuan where the blank asks for them', () => {
    assert.ok(raw.includes('1. Berlaku nasional. 2. Bila ada perubahan'), raw);
  });
});

describe('renderCardPdf: the provisional card’s wording (issue 14)', () => {
  it('says "Terkirim, menunggu verifikasi", that it is valid once signed, that it is free; phone and times as people write them', async () => {
    const raw = await text(cardRegistration());
    assert.ok(raw.includes('Terkirim, menunggu verifikasi: kartu ini belum sah'));
    assert.ok(raw.includes('Kartu sah setelah data diperiksa dan kartu ditandatangani Pengantar Kerja di kantor.'));
    assert.match(raw, /\bgratis\b/);
    assert.ok(raw.includes('No. HP : 0812-3456-7890'));
    assert.ok(raw.includes('pukul 08.00–09.00'));
    assert.doesNotMatch(raw, /\d{2}:\d{2}/);
    assert.doesNotMatch(raw, /Diterima(?! bekerja)/);
  });

  it('prints the same wording on a district blank', async () => {
    const pdf = await renderCardPdf(cardApplication(PHOTO) as never, cardRegistration() as never, { ...OPTIONS, layout: SAMPLE_OVERLAY });
    const raw = pdfText(pdf, 'raw').replace(/\s+/g, ' ');
    assert.ok(raw.includes('Terkirim, menunggu verifikasi: kartu ini belum sah. Kartu sah setelah'));
    assert.match(raw, /\bgratis\b/);
    assert.ok(raw.includes('0812-3456-7890'));
    assert.ok(raw.includes('Datang ke kantor: Selasa, 1 Desember 2026, pukul 08.00–09.00'));
  });
});
