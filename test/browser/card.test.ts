import { expect } from '@open-wc/testing';
import { Ak1CardError, renderCardPdf } from '../../src/card/index.js';
import { fullApplication } from '../fixtures/application.js';
import { CARD_DISTRICT, CARD_OFFICER, FIXED_OUTPUT, SAMPLE_OVERLAY, cardRegistration, signedRegistration } from '../fixtures/card.js';

/** A real 300×400 JPEG from the browser's own encoder: a face-coloured oval on red. */
async function canvasJpeg(): Promise<string> {
  const canvas = new OffscreenCanvas(300, 400);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#c41e24';
  context.fillRect(0, 0, 300, 400);
  context.fillStyle = '#e0b08c';
  context.beginPath();
  context.ellipse(150, 165, 78, 100, 0, 0, 2 * Math.PI);
  context.fill();
  const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function loaded(pattern: RegExp): boolean {
  return performance.getEntriesByType('resource').some((entry) => pattern.test(entry.name));
}

describe('renderCardPdf in Chromium', () => {
  it('loads jsPDF and the font only when called, and returns a PDF', async () => {
    expect(loaded(/jspdf/), 'jsPDF before the first call').to.equal(false);
    expect(loaded(/noto-sans/), 'the font before the first call').to.equal(false);
    const application = { ...fullApplication(), photo: { mediaType: 'image/jpeg', dataBase64: await canvasJpeg() } };
    const pdf = await renderCardPdf(application as never, cardRegistration() as never, {
      district: CARD_DISTRICT,
      officer: CARD_OFFICER,
      ...FIXED_OUTPUT,
    });
    expect(pdf).to.be.instanceOf(Uint8Array);
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).to.equal('%PDF-');
    expect(pdf.byteLength).to.be.within(10_000, 120 * 1024);
    expect(loaded(/jspdf/), 'jsPDF after the call').to.equal(true);
    const again = await renderCardPdf(application as never, cardRegistration() as never, { district: CARD_DISTRICT, officer: CARD_OFFICER, ...FIXED_OUTPUT });
    expect(again).to.deep.equal(pdf);
  });

  it('refuses a photo that is not a JPEG with an Ak1CardError', async () => {
    const application = { ...fullApplication(), photo: { mediaType: 'image/jpeg', dataBase64: btoa('GIF89a not a photo') } };
    let error: unknown;
    try {
      await renderCardPdf(application as never, cardRegistration() as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(Ak1CardError);
    expect((error as Ak1CardError).code).to.equal('card.photo');
  });

  it('works in a module worker, which has no DOM', async () => {
    const worker = new Worker(new URL('../fixtures/card-worker.ts', import.meta.url), { type: 'module' });
    try {
      const next = () =>
        new Promise<MessageEvent>((resolve, reject) => {
          worker.onmessage = resolve;
          worker.onerror = (event) => reject(new Error(event.message));
        });
      expect((await next()).data).to.deep.equal({ ready: true });
      const application = { ...fullApplication(), photo: { mediaType: 'image/jpeg', dataBase64: await canvasJpeg() } };
      const reply = next();
      worker.postMessage({ application, registration: cardRegistration(), options: { district: CARD_DISTRICT, ...FIXED_OUTPUT } });
      const { data } = await reply;
      expect(data.error).to.equal(undefined);
      expect(data.header).to.equal('%PDF-');
      expect(data.byteLength).to.be.above(10_000);
    } finally {
      worker.terminate();
    }
  });

  it('prints the signed card for SIGNED and PLACED: no notice, no visit, the signing date and the signer; a copy says so', async () => {
    const [{ renderCard, createCardDocument }, { cardContent }, { checkApplication, checkRegistration }, { standardLayout, PAGE }, { overlayLayout }, { jsPDF }, fonts, { id }, { idCard }] =
      await Promise.all([
        import('../../src/card/render.js'),
        import('../../src/card/content.js'),
        import('../../src/card/input.js'),
        import('../../src/card/layout/standard.js'),
        import('../../src/card/layout/overlay.js'),
        import('jspdf'),
        import('../../src/card/font/noto-sans.js'),
        import('../../src/i18n/index.js'),
        import('../../src/i18n/id/card.js'),
      ]);
    const application = { ...fullApplication(), photo: { mediaType: 'image/jpeg', dataBase64: await canvasJpeg() } };
    const { measure } = createCardDocument(jsPDF, fonts, { widthMm: PAGE.width, heightMm: PAGE.height });
    const sizes = { photo: { width: 300, height: 400 } };
    const texts = (registration: Record<string, unknown>, copy = false, overlay = false) => {
      const content = cardContent(checkApplication(application).application, checkRegistration(registration), { district: CARD_DISTRICT, officer: CARD_OFFICER, copy }, id, idCard);
      const ops = overlay ? overlayLayout(SAMPLE_OVERLAY, content, sizes, measure) : standardLayout(content, idCard, sizes, measure);
      return ops.flatMap((op) => (op.kind === 'text' ? [op.lines.join(' ')] : [])).join(' | ');
    };
    for (const status of ['SIGNED', 'PLACED'] as const) {
      const text = texts(signedRegistration(status));
      expect(text, status).not.to.include('belum sah');
      expect(text, status).not.to.include('JADWAL DATANG');
      expect(text, status).to.include('3 Desember 2026');
      expect(text, status).to.include('Dra. Siti Aminah, M.Si.');
      expect(text, status).to.include('NIP. 19700315 200501 2 004');
      expect(text, status).not.to.include('Salinan');
    }
    expect(texts(cardRegistration())).to.include('Terkirim, menunggu verifikasi: kartu ini belum sah');
    expect(texts(signedRegistration(), true).split('Salinan — keabsahan: pindai kode QR').length - 1).to.equal(2);
    const overlay = texts(signedRegistration(), true, true);
    expect(overlay).to.include('3 Desember 2026');
    expect(overlay).to.include('Salinan — keabsahan: pindai kode QR');
    expect(overlay).not.to.include('belum sah');

    // The whole renderer, as the counter calls it: a PDF, not the provisional one's bytes.
    const signed = renderCard(jsPDF, fonts, application, signedRegistration(), { district: CARD_DISTRICT, ...FIXED_OUTPUT });
    const provisional = await renderCardPdf(application as never, cardRegistration() as never, { district: CARD_DISTRICT, ...FIXED_OUTPUT });
    expect(new TextDecoder().decode(signed.subarray(0, 5))).to.equal('%PDF-');
    expect(signed).not.to.deep.equal(provisional);
  });

  it("prints the same bytes with the card's trimmed jsPDF as with the full one (jsPDF's browser build)", async () => {
    const [{ renderCard }, full, trimmed, fonts] = await Promise.all([
      import('../../src/card/render.js'),
      import('jspdf'),
      import('../../src/card/jspdf/jspdf.js'),
      import('../../src/card/font/noto-sans.js'),
    ]);
    expect(trimmed.jsPDF, 'two different modules').not.to.equal(full.jsPDF);
    const application = { ...fullApplication(), photo: { mediaType: 'image/jpeg', dataBase64: await canvasJpeg() } };
    const options = { district: CARD_DISTRICT, officer: CARD_OFFICER, ...FIXED_OUTPUT };
    for (const [registration, extra] of [[cardRegistration(), {}], [signedRegistration(), { copy: true }], [signedRegistration(), { layout: SAMPLE_OVERLAY }]] as const) {
      const withFull = renderCard(full.jsPDF, fonts, application, registration, { ...options, ...extra });
      const withTrimmed = renderCard(trimmed.jsPDF, fonts, application, registration, { ...options, ...extra });
      expect(withTrimmed.byteLength).to.be.greaterThan(10_000);
      expect(withTrimmed).to.deep.equal(withFull);
    }
  });
});
