import { expect, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createAk1Handlers } from '../../src/mocks/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import { calendarDate } from '../../src/schema/index.js';
import { $, $$, CONTACT, attach, EDUCATION, IDENTITY, WORK, fill, heading, jpegBase64, journeyToReview, newForm, pressContinue, settle } from './form-helpers.js';

/*
 * The whole journey in the component, against the contract's mocks (the reference handler on a memory store
 * under msw): axe on every step, in an error state, on the check page and on the done screen.
 */

const ENDPOINT = `${location.origin}/api/ak1`;
const worker = setupWorker();
const NIK = '3604055209900003';

describe('<ak1-form> journey against the mocks', () => {
  let store: ReturnType<typeof createMemoryStore>;
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
  });
  after(() => worker.stop());
  beforeEach(() => {
    sessionStorage.clear();
    store = createMemoryStore();
    worker.resetHandlers(...createAk1Handlers({ endpoint: ENDPOINT, store }));
  });
  afterEach(() => sessionStorage.clear());

  it('is accessible on every step, in an error state, on the check page and on the done screen; events carry no NIK', async () => {
    const events: Array<{ type: string; detail: unknown }> = [];
    const listen = (event: Event) => events.push({ type: event.type, detail: (event as CustomEvent).detail });
    // The documented events and the internal one that carries the photo and the KTP scan.
    const TYPES = ['ak1-step-change', 'ak1-submit', 'ak1-success', 'ak1-error', 'ak1-card-ready', 'ak1-media-change'];
    for (const type of TYPES) document.addEventListener(type, listen);
    let photo = '';
    const logged: string[] = [];
    const original = { log: console.log, info: console.info, warn: console.warn, error: console.error };
    for (const level of ['log', 'info', 'warn', 'error'] as const) {
      console[level] = (...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
        original[level](...args);
      };
    }
    try {
      const el = await newForm();
      // Charging for kartu kuning is a known fraud: the form says it is free where the applicant starts.
      expect($(el, '.intro')!.textContent).to.contain('gratis');
      await fill(el, IDENTITY);
      await pressContinue(el);
      expect(heading(el)).to.equal('Kontak dan alamat');
      await fill(el, CONTACT);
      await pressContinue(el);
      await fill(el, EDUCATION);
      await pressContinue(el);

      expect(heading(el)).to.contain('Pengalaman');
      await pressContinue(el);
      expect($(el, '.error-summary')).to.exist;
      await expect(el).to.be.accessible();
      await fill(el, WORK);
      await pressContinue(el);

      expect(heading(el)).to.equal('Foto dan dokumen');
      await expect(el).to.be.accessible();
      await pressContinue(el);
      expect($$<HTMLAnchorElement>(el, '.error-summary a').map((a) => a.getAttribute('href'))).to.include('#f-photo');
      await expect(el).to.be.accessible();
      photo = await jpegBase64(300, 400);
      attach(el, { photo: { mediaType: 'image/jpeg', dataBase64: photo }, documents: [{ kind: 'KTP', mediaType: 'image/jpeg', dataBase64: photo }] });
      await settle(el);
      await pressContinue(el);

      expect(heading(el)).to.equal('Hari datang ke kantor');
      await waitUntil(() => $(el, '[name="preferredVisitDate"]'), 'no visit days', { timeout: 5000 });
      await expect(el).to.be.accessible();
      const firstDay = $<HTMLInputElement>(el, '[name="preferredVisitDate"]')!;
      await fill(el, { preferredVisitDate: firstDay.value });
      await pressContinue(el);

      expect(heading(el)).to.equal('Pemberitahuan privasi');
      await pressContinue(el);
      expect($(el, '.error-summary')).to.exist;
      await expect(el).to.be.accessible();
      await fill(el, { consent: true });
      await pressContinue(el);

      expect(heading(el)).to.equal('Periksa jawaban Anda');
      expect($(el, '.summary-list')!.textContent).to.contain('Siti Nur’aini');
      expect($(el, '.summary-list')!.textContent).to.contain('Tidak diisi');
      expect($$(el, '.summary-list').map((list) => list.textContent).join(' ')).to.contain('0812-3456-7890');
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, 'button[type=submit]')!.click();
      await waitUntil(() => $(el, '.panel-number'), 'no registration number', { timeout: 10_000 });
      await settle(el);

      expect($(el, '.panel-number')!.textContent).to.match(/^3604-\d{6}-\d{6}$/);
      // Sent, not approved: nobody has checked the data yet. The access code of the 201 is shown once, to keep.
      expect(heading(el)).to.equal('Terkirim, menunggu verifikasi');
      expect($(el, '.access-code-value')!.textContent).to.match(/^[A-HJ-NP-Z2-9]{8}$/);
      expect($(el, '.access-code')!.textContent).to.contain('simpan kode ini');
      expect($(el, '[part="form"]')!.textContent).to.contain('Layanan ini gratis');
      expect($(el, '[part="form"]')!.textContent).to.contain('0812-3456-7890');
      // Times in Indonesian text: 08.00, not 08:00.
      expect($(el, '[part="form"]')!.textContent).to.match(/pukul \d{2}\.\d{2}–\d{2}\.\d{2}/);
      await expect(el).to.be.accessible();
      expect(await store.listRegistrations({ registrationDate: calendarDate() })).to.have.length(1);
      // Nothing of the application stays on the device once the server has confirmed it.
      expect(Object.keys(sessionStorage).filter((key) => key.startsWith('ak1-form:'))).to.deep.equal([]);
    } finally {
      for (const type of TYPES) document.removeEventListener(type, listen);
      Object.assign(console, original);
    }
    expect(events.map((e) => e.type)).to.include.members(['ak1-step-change', 'ak1-submit', 'ak1-success']);
    expect(events.map((e) => e.type)).to.not.include('ak1-media-change');
    for (const { type, detail } of events) {
      if (type === 'ak1-submit') continue;
      const text = JSON.stringify(detail);
      expect(text, type).to.not.contain(NIK);
      expect(text, type).to.not.contain('81234567890');
      expect(text, type).to.not.contain(photo.slice(0, 64));
    }
    for (const line of logged) {
      expect(line).to.not.contain(NIK);
      expect(line).to.not.contain('81234567890');
    }
  });

  it('lets an applicant who never finished school choose Tidak/belum tamat SD and skip the schools', async () => {
    const el = await newForm();
    await fill(el, IDENTITY);
    await pressContinue(el);
    await fill(el, CONTACT);
    await pressContinue(el);
    await fill(el, { 'education.0.level': 'BELUM_TAMAT_SD' });
    await settle(el);
    expect($(el, '[name="education.0.institution"]')).to.not.exist;
    expect($(el, '[name="education.0.graduationYear"]')).to.not.exist;
    await expect(el).to.be.accessible();
    el.remove();

    const form = await newForm();
    await journeyToReview(form, CONTACT.phone, { 'education.0.level': 'BELUM_TAMAT_SD' });
    expect($$(form, '.summary-list').map((list) => list.textContent).join(' ')).to.contain('Tidak/belum tamat SD');
    $<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await waitUntil(() => $(form, '.panel-number'), 'no registration number', { timeout: 10_000 });
    const [stored] = await store.listRegistrations({ registrationDate: calendarDate() });
    expect(stored!.application.education).to.deep.equal([]);
  });

  it('tells an applicant whose NIK is already registered, in plain words', async () => {
    const first = await newForm();
    await journeyToReview(first);
    $<HTMLButtonElement>(first, 'button[type=submit]')!.click();
    await waitUntil(() => $(first, '.panel-number'), 'no registration number', { timeout: 10_000 });
    first.remove();

    const second = await newForm();
    await journeyToReview(second, '0813-0000-1111');
    $<HTMLButtonElement>(second, 'button[type=submit]')!.click();
    await waitUntil(() => $(second, '#submit-status .notice'), 'no failure shown', { timeout: 10_000 });
    expect($(second, '#submit-status')!.textContent).to.contain('sudah punya pendaftaran');
    await expect(second).to.be.accessible();
  });
});
