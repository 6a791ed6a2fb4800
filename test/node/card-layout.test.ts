import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jsPDF } from 'jspdf';
import jsQR from 'jsqr';
import * as fonts from '../../src/card/font/noto-sans.js';
import { createCardDocument } from '../../src/card/render.js';
import { cardContent, formatNip } from '../../src/card/content.js';
import { formatPhone } from '../../src/schema/phone.js';
import type { Ak1CardError } from '../../src/card/errors.js';
import { checkApplication, checkRegistration } from '../../src/card/input.js';
import { fitFlow, fitText, lineHeightMm, row, textWidthMm, wrapText } from '../../src/card/layout/fit.js';
import { charBoxes, qrCode } from '../../src/card/layout/fields.js';
import type { DrawOp, TextOp } from '../../src/card/layout/ops.js';
import { overlayLayout } from '../../src/card/layout/overlay.js';
import { PAGE, standardLayout } from '../../src/card/layout/standard.js';
import { id } from '../../src/i18n/index.js';
import { idCard } from '../../src/i18n/id/card.js';
import { LIMITS, isPrintableText } from '../../src/schema/index.js';
import { cardApplication } from '../fixtures/card-photo.js';
import { CARD_DISTRICT, CARD_OFFICER, SAMPLE_OVERLAY, cardRegistration, signedRegistration } from '../fixtures/card.js';

const { measure } = createCardDocument(jsPDF, fonts, { widthMm: PAGE.width, heightMm: PAGE.height });
const PHOTO_SIZE = { photo: { width: 300, height: 400 }, logo: { width: 64, height: 64 } };

/** A text of exactly `length` characters: words of varied length with accented letters, as names have. */
function longText(length: number, seed = 'Kusumawardani Ḥasanuddin Nur’aini Pratiwi Sulistyaningsih Ayu'): string {
  let text = '';
  while (text.length < length) text += `${seed} `;
  return text.slice(0, length).trim().padEnd(length, 'a');
}

/** An application with every text at the schema's longest, and every list at its longest. */
function longestApplication(): Record<string, any> {
  const application = cardApplication();
  const text = (n: number) => longText(n, 'Jl. Pahlawan Revolusi Kampung Baru Sejahtera Blok C-12/7');
  return {
    ...application,
    fullName: longText(LIMITS.nameLength),
    birthPlace: longText(LIMITS.placeLength),
    email: `${'a'.repeat(64)}@${'sub-domain-panjang.'.repeat(9)}example.co.id`,
    address: { ...application.address, street: text(LIMITS.textLength) },
    languages: Array.from({ length: LIMITS.languages }, (_, i) => longText(LIMITS.languageLength, `Bahasa${i} Daerah`)),
    education: Array.from({ length: LIMITS.education }, () => ({
      level: 'S3',
      institution: text(LIMITS.textLength),
      major: text(LIMITS.textLength),
      graduationYear: 2015,
    })),
    skills: Array.from({ length: LIMITS.skills }, () => ({ name: text(LIMITS.textLength), provider: text(LIMITS.textLength), year: 2016 })),
    workExperience: Array.from({ length: LIMITS.workExperience }, () => ({
      employer: text(LIMITS.textLength),
      position: text(LIMITS.textLength),
      startYear: 2016,
      endYear: 2018,
    })),
  };
}

function longestRegistration(): Record<string, any> {
  const registration = cardRegistration();
  return {
    ...registration,
    registrationNumber: 'DTK/AK1-2026.000123-281126-3604-SERANG-X',
    appointment: { ...registration.appointment, place: longText(200, 'Mal Pelayanan Publik Kabupaten Serang, Lantai 2, Jl. Veteran No. 1'), queueNumber: 'LOKET-B-0001-PAGI' },
  };
}

const LONGEST_OPTIONS = {
  district: { name: longText(100, 'Kabupaten Kepulauan Seribu Utara'), officeName: longText(150, 'Dinas Tenaga Kerja Transmigrasi'), officeAddress: longText(200, 'Jl. Veteran No. 1') },
  officer: { name: longText(100, 'Dra. Hj. Yuningsih Kusumawati, S.Sos., M.Si.'), nip: '19691220 200701 2 018 19691220 200701 2' },
};

function layout(application: Record<string, any>, registration: Record<string, any>, options: { district?: any; officer?: any } = {}): DrawOp[] {
  const content = cardContent(checkApplication(application).application, checkRegistration(registration), options, id, idCard);
  return standardLayout(content, idCard, PHOTO_SIZE, measure);
}

/** Every line within its box's width, all lines within its height, and the box on the page. */
function assertFits(ops: DrawOp[], within: (op: TextOp) => { left: number; right: number; top: number; bottom: number }) {
  const texts = ops.filter((op): op is TextOp => op.kind === 'text' && !op.invisible);
  assert.ok(texts.length > 0);
  for (const op of texts) {
    const where = `${op.field ?? op.lines[0]} (${op.sizePt.toFixed(2)} pt)`;
    for (const line of op.lines) {
      assert.ok(textWidthMm(line, op.sizePt, op.bold, measure) <= op.box.w + 1e-6, `${where}: "${line}" is wider than its box`);
    }
    assert.ok(op.lines.length * lineHeightMm(op.sizePt) <= op.box.h + 1e-6, `${where}: ${op.lines.length} lines are taller than the box`);
    assert.ok(op.sizePt >= 4, `${where}: set smaller than 4 pt`);
    const bounds = within(op);
    assert.ok(op.box.x >= bounds.left - 1e-6 && op.box.x + op.box.w <= bounds.right + 1e-6, `${where}: box leaves its side across`);
    assert.ok(op.box.y >= bounds.top - 1e-6 && op.box.y + op.box.h <= bounds.bottom + 1e-6, `${where}: box leaves its side down`);
  }
}

/** The side of the fold a text starts on, inside that side's frame. */
function side(op: TextOp) {
  const half = PAGE.width / 2;
  return op.box.x < half ? { left: 5, right: half - 5, top: 5, bottom: PAGE.height - 5 } : { left: half + 5, right: PAGE.width - 5, top: 5, bottom: PAGE.height - 5 };
}

describe('fitting text', () => {
  it('wraps at spaces, never wider than the box, keeping every character', () => {
    const text = 'Ni Made Ayu Kusumawardani Putri Pratiwi Sari binti I Gusti Ngurah Made Agung';
    for (const width of [15, 30, 60, 120]) {
      const lines = wrapText(text, width, 8, false, measure);
      for (const line of lines) assert.ok(textWidthMm(line, 8, false, measure) <= width);
      assert.equal(lines.join('').replaceAll(' ', ''), text.replaceAll(' ', ''));
      // Where every word fits the width, lines break only at spaces.
      if (width >= 30) assert.equal(lines.join(' '), text);
    }
  });

  it('breaks a word wider than the box, after a hyphen where it can', () => {
    const lines = wrapText('Al-Fātiḥ-Kusumawardani-Sulistyaningsih', 34, 9, true, measure);
    assert.deepEqual(lines, ['Al-Fātiḥ-', 'Kusumawardani-', 'Sulistyaningsih']);
    const narrow = wrapText('Sulistyaningsih', 10, 9, true, measure);
    assert.ok(narrow.length > 1 && narrow.every((line) => textWidthMm(line, 9, true, measure) <= 10));
    assert.equal(narrow.join(''), 'Sulistyaningsih');
  });

  it('sets a text smaller until it fits, and gives up below the smallest size', () => {
    const box = { x: 0, y: 0, w: 40, h: lineHeightMm(9) };
    const short = fitText('Siti Nur’aini', box, { sizePt: 9 }, measure)!;
    assert.equal(short.sizePt, 9);
    const long = fitText('Ni Made Ayu Kusumawardani Putri', box, { sizePt: 9 }, measure)!;
    assert.ok(long.sizePt < 9 && long.lines.length === 1);
    assert.equal(fitText(longText(200), box, { sizePt: 9 }, measure), undefined);
  });

  it('scales a flow down to fit its box, and says when it cannot', () => {
    const blocks = Array.from({ length: 10 }, () => row([{ text: longText(60), width: 50, sizePt: 8 }], {}, measure));
    const roomy = fitFlow(blocks, { x: 0, y: 0, w: 50, h: 200 }, 0.7)!;
    assert.equal(roomy.scale, 1);
    const tight = fitFlow(blocks, { x: 0, y: 0, w: 50, h: roomy.height * 0.8 }, 0.7)!;
    assert.ok(tight.scale < 1 && tight.height <= roomy.height * 0.8);
    assert.equal(fitFlow(blocks, { x: 0, y: 0, w: 50, h: 5 }, 0.7), undefined);
  });

  it('puts each character of a boxed value in the middle of its own cell', () => {
    const ops = charBoxes('3604-000123', { x: 10, y: 20, cellWidth: 5, cellHeight: 7, separatorWidth: 2.5, drawCells: true, wholeValue: true }, measure, 'nik');
    const cells = ops.filter((op): op is TextOp => op.kind === 'text' && !op.invisible);
    assert.deepEqual(cells.map((op) => op.lines[0]).join(''), '3604-000123');
    let x = 10;
    for (const op of cells) {
      const width = op.lines[0] === '-' ? 2.5 : 5;
      assert.deepEqual(op.box, { x, y: 20, w: width, h: 7 });
      assert.equal(op.align, 'center');
      assert.ok(textWidthMm(op.lines[0]!, op.sizePt, false, measure) <= width);
      x += width;
    }
    const whole = ops.filter((op): op is TextOp => op.kind === 'text' && op.invisible === true);
    assert.deepEqual(whole.map((op) => op.lines), [['3604-000123']]);
    assert.equal(ops.filter((op) => op.kind === 'rect').length, 10);
  });

  it('draws the QR code as merged rectangles covering exactly its dark modules', () => {
    const op = qrCode('https://disnaker.example.go.id/ak1/verify/abc', { x: 0, y: 0, size: 30 });
    const covered = new Set<string>();
    for (const [row, col, width, height] of op.rects) {
      for (let r = row; r < row + height; r++) for (let c = col; c < col + width; c++) {
        const key = `${r}:${c}`;
        assert.ok(!covered.has(key), `module ${key} drawn twice`);
        covered.add(key);
      }
    }
    assert.ok(op.rects.some(([, , , height]) => height > 1), 'runs are merged down the rows');
    // The three finder patterns' dark outer rings are all there.
    for (const [r, c] of [[0, 0], [0, op.modules - 7], [op.modules - 7, 0]] as const) {
      for (let i = 0; i < 7; i++) assert.ok(covered.has(`${r}:${c + i}`) && covered.has(`${r + i}:${c}`));
    }
  });
});

describe('the QR code', () => {
  it('reads back for verification URLs of every length a token may have', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let length = 20; length <= 600; length += 29) {
      const token = Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const url = `https://disnaker.example.go.id/ak1/verify/${token}`;
      const op = qrCode(url, { x: 0, y: 0, size: 30 });
      // Draw it as a reader sees it: 4 px per module, a 4-module quiet zone.
      const scale = 4;
      const side = (op.modules + 8) * scale;
      const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
      for (const [row, col, width, height] of op.rects) {
        for (let y = (row + 4) * scale; y < (row + 4 + height) * scale; y++) {
          for (let x = (col + 4) * scale; x < (col + 4 + width) * scale; x++) pixels.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
        }
      }
      assert.equal(jsQR(pixels, side, side, { inversionAttempts: 'dontInvert' })?.data, url, `a ${url.length}-character URL`);
    }
  });
});

describe('the standard layout', () => {
  it('fits every text in its box on the right side of the fold, for the full application', () => {
    assertFits(layout(cardApplication(), cardRegistration(), { district: CARD_DISTRICT, officer: CARD_OFFICER }), side);
  });

  it('fits everything when every value is as long as the schema allows, shortening lists it must', () => {
    const ops = layout(longestApplication(), longestRegistration(), LONGEST_OPTIONS);
    assertFits(ops, side);
    const fields = new Set(ops.filter((op): op is TextOp => op.kind === 'text').map((op) => op.field));
    for (const field of ['fullName', 'address', 'email', 'languages', 'education.0.1', 'skills.0.0', 'workExperience.0.0', 'officerName', 'appointment.place']) {
      assert.ok(fields.has(field), `${field} is printed`);
    }
    assert.ok(fields.has('skills.more') || fields.has('workExperience.more'), 'the longest lists end with "… dan N lainnya"');
  });

  it('fits a 200-character name, in the name’s own column', () => {
    const ops = layout({ ...cardApplication(), fullName: longText(200) }, cardRegistration());
    assertFits(ops, side);
    const name = ops.find((op): op is TextOp => op.kind === 'text' && op.field === 'fullName')!;
    assert.equal(name.lines.join(' '), longText(200));
    assert.ok(name.box.x > 40 && name.box.x + name.box.w <= PAGE.width / 2 - 9 + 1e-6);
  });

  it('fits a registration without an appointment, and one without anything optional', () => {
    const { appointment, ...registration } = cardRegistration();
    const { skills, workExperience, languages, email, ...application } = cardApplication();
    assertFits(layout(application, registration), side);
  });

  it('keeps the QR code clear of everything else by four modules', () => {
    const ops = layout(cardApplication(), cardRegistration(), { district: CARD_DISTRICT, officer: CARD_OFFICER });
    const qr = ops.find((op) => op.kind === 'qr')!;
    const quiet = (qr.box.w / (qr.kind === 'qr' ? qr.modules : 1)) * 4;
    const zone = { x: qr.box.x - quiet, y: qr.box.y - quiet, w: qr.box.w + 2 * quiet, h: qr.box.h + 2 * quiet };
    for (const op of ops) {
      if (op === qr || op.kind === 'line' || (op.kind === 'rect' && op.box.w > 100)) continue;
      const box = op.box;
      const overlaps = box.x < zone.x + zone.w && box.x + box.w > zone.x && box.y < zone.y + zone.h && box.y + box.h > zone.y;
      assert.ok(!overlaps, `${op.kind} ${op.kind === 'text' ? op.field : ''} is inside the QR code's quiet zone`);
    }
  });
});

describe('education without a school', () => {
  it('prints Tidak/belum tamat SD as the level when the application names no school (education: [])', () => {
    const application = { ...cardApplication(), education: [] };
    const content = cardContent(checkApplication(application).application, checkRegistration(cardRegistration()), { district: CARD_DISTRICT, officer: CARD_OFFICER }, id, idCard);
    assert.deepEqual(content.education, [{ level: 'Tidak/belum tamat SD', institution: '', major: '', graduationYear: '' }]);
    const ops = standardLayout(content, idCard, PHOTO_SIZE, measure);
    assert.ok(ops.some((op) => op.kind === 'text' && op.lines.join(' ') === 'Tidak/belum tamat SD'));
  });
});

describe('the overlay layout', () => {
  const printedFields = (registration: Record<string, any>, copy = false) => {
    const content = cardContent(checkApplication(cardApplication()).application, checkRegistration(registration), { district: CARD_DISTRICT, officer: CARD_OFFICER, copy }, id, idCard);
    const ops = overlayLayout(SAMPLE_OVERLAY, content, PHOTO_SIZE, measure);
    assertFits(ops, () => ({ left: 0, right: 210, top: 0, bottom: 297 }));
    return new Set(ops.flatMap((op) => (op.kind === 'text' ? [op.field?.split('.')[2] ?? op.field] : op.kind === 'image' ? [op.image] : op.kind === 'qr' ? ['qr'] : [])));
  };

  it('fits every value of a card not yet signed in the boxes of the sample blank, leaving the signed fields blank', () => {
    const printed = printedFields(cardRegistration());
    const signedOnly = ['issuedOn', 'firstReportMade', 'secondReportMade', 'thirdReportMade'];
    for (const field of Object.keys(SAMPLE_OVERLAY.fields)) assert.equal(printed.has(field), !signedOnly.includes(field), field);
  });

  it('fits every value of a signed copy, the visit left blank', () => {
    const printed = printedFields(signedRegistration(), true);
    // Only the first report was made.
    const blank = ['appointment', 'secondReportMade', 'thirdReportMade'];
    for (const field of Object.keys(SAMPLE_OVERLAY.fields)) assert.equal(printed.has(field), !blank.includes(field), field);
    // Signed, not a copy: the notice box stays blank too.
    assert.equal(printedFields(signedRegistration()).has('notice'), false);
  });
});

describe('the signed variant', () => {
  const opsOf = (registration: Record<string, any>, options: Record<string, any> = {}) =>
    standardLayout(
      cardContent(checkApplication(cardApplication()).application, checkRegistration(registration), { district: CARD_DISTRICT, officer: CARD_OFFICER, ...options }, id, idCard),
      idCard,
      PHOTO_SIZE,
      measure,
    ).filter((op): op is TextOp => op.kind === 'text');
  const field = (ops: TextOp[], name: string) => ops.find((op) => op.field === name);

  it('is chosen by the status: SIGNED and PLACED only', () => {
    for (const status of ['RECEIVED', 'NEEDS_CORRECTION', 'VERIFIED', 'CANCELLED', 'ARCHIVED', 'SIGNED', 'PLACED']) {
      const signed = status === 'SIGNED' || status === 'PLACED';
      const registration = signed ? signedRegistration(status) : { ...cardRegistration(), status };
      const ops = opsOf(registration);
      assert.equal(!!field(ops, 'notice'), !signed, `${status}: the notice`);
      assert.equal(!!field(ops, 'appointment.heading'), !signed, `${status}: the visit`);
      assert.equal(!!field(ops, 'validity.heading'), signed, `${status}: the validity box`);
      assert.equal(field(ops, 'issuedOn')!.lines.join(' '), signed ? '3 Desember 2026' : idCard.blank, `${status}: Dikeluarkan`);
    }
  });

  it('takes every text of the card from the font', () => {
    const texts = Object.values(idCard).flatMap((value) =>
      typeof value === 'string' ? [value] : Array.isArray(value) ? value : [],
    );
    texts.push(idCard.notSignedNotice('Terkirim, menunggu verifikasi'), ...idCard.conditions('Dinas X'), idCard.reportMade('placed'), idCard.signerTitle('Kepala Dinas'));
    for (const text of texts) assert.ok(isPrintableText(text), text);
  });

  it('fits a signed copy whose signer, title and values are as long as allowed', () => {
    const registration = {
      ...longestRegistration(),
      ...signedRegistration(),
      registrationNumber: longestRegistration().registrationNumber,
      signedBy: { name: longText(LIMITS.nameLength), nip: '197003152005012004', title: longText(LIMITS.textLength, 'Kepala Bidang Penempatan dan Perluasan Kesempatan Kerja') },
    };
    const content = cardContent(checkApplication(longestApplication()).application, checkRegistration(registration), { ...LONGEST_OPTIONS, copy: true }, id, idCard);
    const ops = standardLayout(content, idCard, PHOTO_SIZE, measure);
    assertFits(ops, side);
    assert.ok(ops.some((op) => op.kind === 'text' && op.field === 'signatureCopyNote'));
  });

  it('keeps the district’s clauses in their box, or says they are too long', () => {
    const clause = (n: number) => longText(n, 'Pencari kerja wajib melapor kepada Dinas setiap enam bulan');
    assertFits(opsOf(signedRegistration(), { district: { ...CARD_DISTRICT, terms: Array.from({ length: 8 }, () => clause(60)) } }), side);
    assert.throws(
      () => opsOf(cardRegistration(), { district: { ...CARD_DISTRICT, terms: Array.from({ length: 12 }, () => clause(500)) } }),
      (error: Ak1CardError) => error.code === 'card.tooLong' && error.issues[0]!.path.join('.') === 'district.terms',
    );
  });
});

describe('phone numbers and NIPs as people write them', () => {
  it('writes a mobile number stored as +628… the Indonesian way', () => {
    assert.equal(formatPhone('+6281234567890'), '0812-3456-7890');
    assert.equal(formatPhone('+628123456789'), '0812-3456-789');
    assert.equal(formatPhone('+62812345678901'), '0812-3456-78901');
    assert.equal(formatPhone('081234567890'), '0812-3456-7890');
    assert.equal(formatPhone('+14155550100'), '+14155550100');
  });

  it('writes an 18-digit NIP in its four parts, anything else as given', () => {
    assert.equal(formatNip('197003152005012004'), '19700315 200501 2 004');
    assert.equal(formatNip('19700315 200501 2 004'), '19700315 200501 2 004');
  });
});
