import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createAk1Client, createAk1OfficeClient } from '../../src/client/index.js';
import type { Ak1Office } from '../../src/components/office/ak1-office.js';
import { parseScanned } from '../../src/components/office/scanned.js';
import { idOffice } from '../../src/i18n/id/office.js';
import { createAk1Handlers, type Ak1MockOfficer } from '../../src/mocks/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import '../../src/office.js';
import { fullApplication, TODAY } from '../fixtures/application.js';

/* <ak1-office> against the full mocks (`ak1-form/mocks`) under msw/browser: every screen and error state with axe. */

const ENDPOINT = `${location.origin}/api/ak1`;
const worker = setupWorker();
const now = () => new Date(`${TODAY}T03:00:00Z`);
const PASSWORD = 'kata-sandi-loket-1';
const OFFICERS: Ak1MockOfficer[] = [
  { username: 'siti', password: PASSWORD, name: 'Siti Aminah', roles: ['petugas'] },
  { username: 'budi', password: PASSWORD, name: 'Budi Santoso', nip: '196912202007012018', roles: ['pengantar-kerja'] },
  { username: 'baru', password: PASSWORD, name: 'Petugas Baru', roles: ['petugas'], passwordChangeRequired: true },
  { username: 'admin', password: PASSWORD, name: 'Admin Dinas', roles: ['admin'], totpSecret: 'JBSWY3DPEHPK3PXP' },
];
const T = idOffice;

async function setUp() {
  const store = createMemoryStore();
  worker.use(...createAk1Handlers({ endpoint: ENDPOINT, store, now, officers: OFFICERS }));
  const registration = await createAk1Client({ endpoint: ENDPOINT, today: TODAY, requiredDocuments: ['KTP'] }).submit(fullApplication());
  const el = await fixture<Ak1Office>(html`<ak1-office endpoint=${ENDPOINT}></ak1-office>`);
  await settle(el);
  return { el, store, registration };
}

async function settle(el: Ak1Office, ms = 30) {
  for (let i = 0; i < 6; i++) {
    await el.updateComplete;
    await aTimeout(ms);
  }
}

const $ = <T extends Element = HTMLElement>(el: Ak1Office, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Ak1Office, selector: string) => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const text = (el: Ak1Office) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

async function type(el: Ak1Office, selector: string, value: string) {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, selector);
  if (!input) throw new Error(`no ${selector}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function submit(el: Ak1Office, selector: string) {
  $<HTMLFormElement>(el, selector)!.requestSubmit();
  await settle(el);
}

async function until(el: Ak1Office, check: () => boolean, message: string) {
  await waitUntil(check, message, { timeout: 8000 });
  await settle(el);
}

async function logIn(el: Ak1Office, username: string, password = PASSWORD) {
  await type(el, '#username', username);
  await type(el, '#password', password);
  await submit(el, 'form');
}

async function click(el: Ak1Office, selector: string) {
  const button = $(el, selector);
  if (!button) throw new Error(`no ${selector}`);
  button.click();
  await settle(el);
}

/** Logs in and shows the visit day of the registration. */
async function queueOf(el: Ak1Office, date: string, username = 'siti') {
  await logIn(el, username);
  await until(el, () => text(el).includes(T.today.title), 'the queue shows');
  await type(el, '#visit-date', date);
  await submit(el, 'form.row');
  await until(el, () => text(el).includes('Siti Nur’aini'), 'the visitor shows');
}

async function openRecord(el: Ak1Office, number: string) {
  await click(el, `[data-open="${number}"]`);
  await until(el, () => text(el).includes(T.record.heading(number)), 'the record opens');
}

describe('<ak1-office>', () => {
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
  });
  after(() => worker.stop());
  afterEach(() => worker.resetHandlers());

  it('opens on the login, in Indonesian, accessible', async () => {
    const { el } = await setUp();
    expect($(el, 'h2')!.textContent).to.equal(T.login.title);
    expect($(el, '#username')!.getAttribute('autocomplete')).to.equal('username');
    expect($(el, '#password')!.getAttribute('type')).to.equal('password');
    await expect(el).to.be.accessible();
  });

  it('says a wrong password in words, on the field, accessible', async () => {
    const { el } = await setUp();
    await logIn(el, 'siti', 'salah-sekali-123');
    await until(el, () => !!$(el, '#ak1-problem'), 'the problem shows');
    expect($(el, '#ak1-problem')!.textContent).to.contain(T.errors.invalidCredentials);
    expect(el.shadowRoot!.activeElement?.id).to.equal('ak1-problem');
    await expect(el).to.be.accessible();
  });

  it('asks for the second factor of an admin, accessible', async () => {
    const { el } = await setUp();
    await logIn(el, 'admin');
    await until(el, () => !!$(el, '#code'), 'the code field shows');
    expect($(el, '#code')!.getAttribute('autocomplete')).to.equal('one-time-code');
    await expect(el).to.be.accessible();
    await type(el, '#password', PASSWORD);
    await type(el, '#code', '12');
    await submit(el, 'form');
    expect($(el, '#ak1-problem')!.textContent).to.contain(T.errors.codeFormat);
    await expect(el).to.be.accessible();
  });

  it('makes an officer with a one-time password choose a new one, then shows the day', async () => {
    const { el } = await setUp();
    await logIn(el, 'baru');
    await until(el, () => !!$(el, '#new-password'), 'the password change shows');
    await expect(el).to.be.accessible();
    await type(el, '#new-password', 'pendek');
    await submit(el, 'form');
    expect($(el, '#ak1-problem')!.textContent).to.contain(T.errors.passwordTooShort(10));
    await type(el, '#new-password', 'kata-sandi-baru-99');
    await type(el, '#repeat-password', 'kata-sandi-baru-98');
    await submit(el, 'form');
    expect($(el, '#ak1-problem')!.textContent).to.contain(T.errors.passwordMismatch);
    await type(el, '#repeat-password', 'kata-sandi-baru-99');
    await submit(el, 'form');
    await until(el, () => text(el).includes(T.today.title), 'the day shows');
    expect(text(el)).to.contain(T.nav.signedInAs('Petugas Baru'));
  });

  it('shows the day by window, checks a visitor in, and counts arrived and waiting', async () => {
    const { el, registration } = await setUp();
    await queueOf(el, registration.appointment!.date);
    expect($(el, 'caption')!.textContent).to.contain(T.today.window(registration.appointment!.start, registration.appointment!.end));
    expect($(el, '#counts')!.textContent).to.equal(T.today.counts(0, 1));
    expect(text(el)).to.contain('••••••••••••0003');
    expect(text(el)).not.to.contain('3604055209900003');
    await expect(el).to.be.accessible();
    await click(el, `[data-check-in="${registration.registrationNumber}"]`);
    await until(el, () => $(el, '#counts')?.textContent === T.today.counts(1, 0), 'the visitor is checked in');
    expect(Boolean($(el, '[data-check-in]'))).to.equal(false);
    expect($(el, '[role="status"]')!.textContent).to.contain(T.today.checkedInDone('Siti Nur’aini'));
  });

  it('searches by NIK in a POST body and opens the record: photo, documents, fields, history', async () => {
    const { el, registration } = await setUp();
    const urls: string[] = [];
    worker.events.on('request:start', ({ request }) => void urls.push(request.url));
    await logIn(el, 'siti');
    await until(el, () => text(el).includes(T.today.title), 'logged in');
    await type(el, '#search', '3604055209900003');
    await submit(el, 'form[role="search"]');
    await until(el, () => text(el).includes(T.today.results(1)), 'one result');
    expect(urls.some((url) => url.includes('3604055209900003'))).to.equal(false);
    await openRecord(el, registration.registrationNumber);
    expect($<HTMLImageElement>(el, '.photo img')!.src).to.match(/^blob:/);
    expect($<HTMLImageElement>(el, '.document img')!.alt).to.contain('KTP');
    expect(text(el)).to.contain('SMK Negeri 1 Kragilan');
    // The phone as people write it (stored as +628…).
    expect(text(el)).to.contain('0812-3456-7890');
    expect(text(el)).to.contain(T.events.submit);
    expect(text(el)).to.contain(T.events.view);
    expect($$(el, '[data-action]').map((b) => b.dataset['action'])).to.include.members(['verify', 'request-correction', 'reject', 'check-in']);
    // The backend decides about roles: a petugas sees Tandatangani and is told in words why it is refused.
    expect(Boolean($(el, '[data-action="sign"]'))).to.equal(true);
    expect(el.shadowRoot!.activeElement?.id).to.equal('record-heading');
    await expect(el).to.be.accessible();
  });

  it('asks for a correction with reasons and a note; no reason is said in words', async () => {
    const { el, registration } = await setUp();
    await queueOf(el, registration.appointment!.date);
    await openRecord(el, registration.registrationNumber);
    await click(el, '[data-action="request-correction"]');
    expect(el.shadowRoot!.activeElement?.id).to.equal('action-form');
    await expect(el).to.be.accessible();
    await submit(el, '#action-form');
    expect($(el, '#ak1-problem')!.textContent).to.contain(T.errors.reasonRequired);
    await expect(el).to.be.accessible();
    $<HTMLInputElement>(el, '#reason-photo')!.click();
    await type(el, '#note', 'Foto harus berlatar merah.');
    await submit(el, '#action-form');
    await until(el, () => $(el, '#record-status')?.textContent === 'Perlu perbaikan', 'the status changes');
    expect(text(el)).to.contain(T.reasons.photo);
    expect(text(el)).to.contain(T.events['request-correction']);
  });

  it('keeps the typed note when the session ends mid-work, logs in again in place and carries on', async () => {
    const { el, registration } = await setUp();
    await queueOf(el, registration.appointment!.date);
    await openRecord(el, registration.registrationNumber);
    await click(el, '[data-action="reject"]');
    $<HTMLInputElement>(el, '#reason-duplicate')!.click();
    await type(el, '#note', 'Sudah terdaftar dengan nomor lain.');
    worker.use(
      http.post(
        `${ENDPOINT}/office/registrations/:number/actions`,
        () => HttpResponse.json({ type: 'urn:ak1:problem:unauthenticated', title: 'Unauthenticated', status: 401 }, { status: 401, headers: { 'content-type': 'application/problem+json' } }),
        { once: true },
      ),
    );
    await submit(el, '#action-form');
    await until(el, () => text(el).includes(T.login.expiredTitle), 'the login shows in place');
    expect($(el, '.screen')!.hasAttribute('inert')).to.equal(true);
    expect($<HTMLTextAreaElement>(el, '#note')!.value).to.equal('Sudah terdaftar dengan nomor lain.');
    await expect(el).to.be.accessible();
    await logIn(el, 'siti', 'salah-lagi-12345');
    await until(el, () => !!$(el, '#ak1-problem'), 'the wrong password shows');
    expect($$(el, '#ak1-problem')).to.have.length(1);
    expect($(el, '.relogin #ak1-problem')!.textContent).to.contain(T.errors.invalidCredentials);
    await expect(el).to.be.accessible();
    await logIn(el, 'siti');
    await until(el, () => $(el, '#record-status')?.textContent === 'Ditolak', 'the refusal went through');
    expect($(el, '.screen')!.hasAttribute('inert')).to.equal(false);
    expect(text(el)).to.contain('Sudah terdaftar dengan nomor lain.');
  });

  it('says in words that a petugas may not sign (403)', async () => {
    const { el, registration } = await setUp();
    const budi = createAk1OfficeClient({ endpoint: ENDPOINT });
    await budi.login({ username: 'budi', password: PASSWORD });
    const record = await budi.open(registration.registrationNumber);
    await budi.act(registration.registrationNumber, { action: 'verify', version: record.version });
    await queueOf(el, registration.appointment!.date);
    await openRecord(el, registration.registrationNumber);
    await click(el, '[data-action="sign"]');
    await until(el, () => !!$(el, '#ak1-problem'), 'the refusal shows');
    expect($(el, '#ak1-problem')!.textContent).to.contain(T.errors.forbiddenSign);
    expect($(el, '#record-status')!.textContent).to.equal('Terverifikasi');
    await expect(el).to.be.accessible();
  });

  it('lets a Pengantar Kerja sign, then offers the final card', async () => {
    const { el, registration } = await setUp();
    await queueOf(el, registration.appointment!.date, 'budi');
    await openRecord(el, registration.registrationNumber);
    await click(el, '[data-action="verify"]');
    await until(el, () => $(el, '#record-status')?.textContent === 'Terverifikasi', 'verified');
    await click(el, '[data-action="sign"]');
    await until(el, () => $(el, '#record-status')?.textContent === 'Kartu sah', 'signed');
    expect(Boolean($(el, '#print-heading'))).to.equal(true);
    expect(text(el)).to.contain('Budi Santoso');
    expect(el.shadowRoot!.activeElement?.id).to.equal('print-heading');
    await expect(el).to.be.accessible();
  });

  it('prints the final card after signing, records the printing, then a placement at the counter', async () => {
    const { el, registration } = await setUp();
    const opened: string[] = [];
    const open = window.open;
    window.open = ((url: string) => {
      opened.push(String(url));
      return null;
    }) as typeof window.open;
    try {
      await queueOf(el, registration.appointment!.date, 'budi');
      await openRecord(el, registration.registrationNumber);
      await click(el, '[data-action="verify"]');
      await until(el, () => $(el, '#record-status')?.textContent === 'Terverifikasi', 'verified');
      await click(el, '[data-action="sign"]');
      await until(el, () => Boolean($(el, '#print-card')), 'the print panel');
      await click(el, '#print-card');
      await until(el, () => text(el).includes(T.events.print), 'the printing is recorded');
      expect(opened).to.have.length(1);
      expect(opened[0]).to.match(/^blob:/);
      expect($(el, '[role="status"]')!.textContent).to.contain(T.print.printed);
      await click(el, '[data-action="place"]');
      await expect(el).to.be.accessible();
      await submit(el, '#action-form');
      expect($(el, '#ak1-problem')!.textContent).to.contain(T.errors.required);
      await type(el, '#employer', 'PT Krakatau Steel');
      await type(el, '#position', 'Staf Administrasi');
      await submit(el, '#action-form');
      await until(el, () => $(el, '#record-status')?.textContent === 'Sudah bekerja', 'placed');
      expect(text(el)).to.contain(T.events.place);
    } finally {
      window.open = open;
    }
  });

  it('corrects a field with the KTP in hand, recorded in the history', async () => {
    const { el, registration } = await setUp();
    await queueOf(el, registration.appointment!.date);
    await openRecord(el, registration.registrationNumber);
    await click(el, '[data-action="edit"]');
    const select = $<HTMLSelectElement>(el, '#edit-path')!;
    select.value = 'birthPlace';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    expect($<HTMLInputElement>(el, '#edit-value')!.value).to.equal('Serang');
    await expect(el).to.be.accessible();
    await type(el, '#edit-value', 'Kabupaten Serang');
    await submit(el, '#action-form');
    await until(el, () => text(el).includes(T.events.edit), 'the correction is recorded');
    expect(text(el)).to.contain(T.record.changed('birthPlace'));
    expect(text(el)).to.contain('Kabupaten Serang');
  });

  it('says a refused change is the data’s, not the server’s fault, and keeps what was typed', async () => {
    const { el, registration } = await setUp();
    await queueOf(el, registration.appointment!.date);
    await openRecord(el, registration.registrationNumber);
    await click(el, '[data-action="edit"]');
    const select = $<HTMLSelectElement>(el, '#edit-path')!;
    select.value = 'birthPlace';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    // A place of birth far longer than the schema allows: the server's validation refuses it (422 invalid-application).
    await type(el, '#edit-value', 'Serang'.repeat(30));
    await submit(el, '#action-form');
    await until(el, () => text(el).includes(T.errors.invalidChange), 'the refusal is said in words');
    expect(text(el)).to.not.contain(T.errors.server);
    expect($<HTMLInputElement>(el, '#edit-value')!.value).to.equal('Serang'.repeat(30));
    await expect(el).to.be.accessible();
  });

  it('speaks English with lang="en"', async () => {
    const { el } = await setUp();
    el.lang = 'en';
    await until(el, () => $(el, 'h2')?.textContent === 'Officer login', 'English texts');
    await logIn(el, 'siti', 'wrong-password-123');
    await until(el, () => !!$(el, '#ak1-problem'), 'the problem shows');
    expect($(el, '#ak1-problem')!.textContent).to.contain('The username or the password is wrong.');
    await expect(el).to.be.accessible();
  });

  it('says why the camera cannot be used and keeps the number field', async () => {
    const { el } = await setUp();
    await logIn(el, 'siti');
    await until(el, () => text(el).includes(T.today.title), 'logged in');
    await click(el, 'nav li:nth-child(2) button');
    await click(el, '#camera-start');
    await until(el, () => [T.scan.noCamera, T.scan.denied, T.scan.looking].some((words) => text(el).includes(words)), 'the camera state shows');
    expect(Boolean($(el, '#scan-number'))).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('tells of another officer’s change (409), shows it, and keeps what was typed', async () => {
    const { el, registration } = await setUp();
    await queueOf(el, registration.appointment!.date);
    await openRecord(el, registration.registrationNumber);
    await click(el, '[data-action="request-correction"]');
    $<HTMLInputElement>(el, '#reason-data-mismatch')!.click();
    await type(el, '#note', 'Nama berbeda dengan KTP.');
    const budi = createAk1OfficeClient({ endpoint: ENDPOINT });
    await budi.login({ username: 'budi', password: PASSWORD });
    const record = await budi.open(registration.registrationNumber);
    await budi.act(registration.registrationNumber, { action: 'verify', version: record.version });
    await submit(el, '#action-form');
    await until(el, () => !!$(el, '#ak1-problem'), 'the conflict shows');
    expect($(el, '#ak1-problem')!.textContent).to.contain(T.errors.versionConflict);
    expect($(el, '#record-status')!.textContent).to.equal('Terverifikasi');
    expect($<HTMLTextAreaElement>(el, '#note')!.value).to.equal('Nama berbeda dengan KTP.');
    expect($<HTMLInputElement>(el, '#reason-data-mismatch')!.checked).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('says a network failure in words and keeps the screen', async () => {
    const { el, registration } = await setUp();
    // A page's own client (the `client` property): reads are retried, here without waiting between attempts.
    el.client = createAk1OfficeClient({ endpoint: ENDPOINT, sleep: async () => undefined });
    await logIn(el, 'siti');
    await until(el, () => text(el).includes(T.today.title), 'logged in');
    worker.use(http.get(`${ENDPOINT}/office/registrations`, () => HttpResponse.error()));
    await type(el, '#visit-date', registration.appointment!.date);
    await submit(el, 'form.row');
    await until(el, () => !!$(el, '#ak1-problem'), 'the failure shows');
    expect($(el, '#ak1-problem')!.textContent).to.contain(T.errors.network);
    expect($<HTMLInputElement>(el, '#visit-date')!.value).to.equal(registration.appointment!.date);
    await expect(el).to.be.accessible();
  });

  it('opens a record from a typed number or a verification URL typed by a USB scanner', async () => {
    const { el, registration } = await setUp();
    await logIn(el, 'siti');
    await until(el, () => text(el).includes(T.today.title), 'logged in');
    await click(el, 'nav li:nth-child(2) button');
    expect(el.shadowRoot!.activeElement?.id).to.equal('scan-number');
    await expect(el).to.be.accessible();
    await type(el, '#scan-number', 'bukan nomor!');
    await submit(el, 'form.row');
    expect($(el, '#ak1-problem')!.textContent).to.contain(T.scan.notRecognised);
    await type(el, '#scan-number', registration.verification.url);
    await submit(el, 'form.row');
    await until(el, () => text(el).includes(T.record.heading(registration.registrationNumber)), 'the record opens from the URL');
  });

  it('reads numbers, tokens and verification URLs', () => {
    const token = 'eyJhbGciOiJFZERTQSJ9.eyJuIjoiMzYwNC0wMDAwMDEtMjgxMTI2In0.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtYW5kLW1vcmU';
    expect(parseScanned(' 3604-000001-281126 ')).to.deep.equal({ kind: 'number', number: '3604-000001-281126' });
    expect(parseScanned(`https://disnaker.example.go.id/ak1/verify/${token}`)).to.deep.equal({ kind: 'token', token });
    expect(parseScanned(token)).to.deep.equal({ kind: 'token', token });
    expect(parseScanned('https://example.com/verify/not-a-token')).to.equal(undefined);
    expect(parseScanned('')).to.equal(undefined);
  });

  it('works by keyboard alone: log in with Enter, focus follows each screen', async () => {
    const { el, registration } = await setUp();
    $<HTMLInputElement>(el, '#username')!.focus();
    await sendKeys({ type: 'siti' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: PASSWORD });
    await sendKeys({ press: 'Enter' });
    await until(el, () => text(el).includes(T.today.title), 'logged in by keyboard');
    expect(el.shadowRoot!.activeElement?.id).to.equal('today-heading');
    $<HTMLInputElement>(el, '#search')!.focus();
    await sendKeys({ type: registration.registrationNumber });
    await sendKeys({ press: 'Enter' });
    await until(el, () => text(el).includes(T.today.results(1)), 'found by keyboard');
    $(el, `[data-open="${registration.registrationNumber}"]`)!.focus();
    await sendKeys({ press: 'Enter' });
    await until(el, () => text(el).includes(T.record.heading(registration.registrationNumber)), 'opened by keyboard');
    expect(el.shadowRoot!.activeElement?.id).to.equal('record-heading');
  });

  it('holds at 320 px wide, accessible', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { el, registration } = await setUp();
      await queueOf(el, registration.appointment!.date);
      expect(el.scrollWidth).to.be.at.most(320);
      await expect(el).to.be.accessible();
      await openRecord(el, registration.registrationNumber);
      expect(el.scrollWidth).to.be.at.most(320);
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });
});
