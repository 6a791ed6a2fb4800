import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createAk1Client, createAk1OfficeClient } from '../../src/client/index.js';
import type { Ak1Form } from '../../src/components/ak1-form.js';
import { enSelf } from '../../src/i18n/en/self.js';
import { idSelf } from '../../src/i18n/id/self.js';
import { createAk1Handlers, type Ak1MockOfficer } from '../../src/mocks/index.js';
import { addDays, calendarDate } from '../../src/schema/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import { fullApplicationOn } from '../fixtures/application.js';
import { $, $$, IDENTITY, journeyToReview, newForm, REGIONS_URL, resetDevice, settle } from './form-helpers.js';
import { formatDate, id } from '../../src/i18n/index.js';
import { createRegionLookup } from '../../src/regions/index.js';
import { loadCardPlaceNames } from '../../src/components/status/status-view.js';

/*
 * The status view of <ak1-form> (the applicant comes back) against the full mocks under msw/browser: the lookup's
 * checks and refusals, each action, the correction in the form's own steps, axe on every screen, the keyboard and
 * 320 px.
 */

const ENDPOINT = `${location.origin}/api/ak1`;
const worker = setupWorker();
const PASSWORD = 'kata-sandi-yang-panjang';
const OFFICERS: Ak1MockOfficer[] = [
  { username: 'siti', password: PASSWORD, name: 'Siti Aminah', nip: '196905121990032001', roles: ['pengantar-kerja'] },
  { username: 'budi', password: PASSWORD, name: 'Budi Santoso', roles: ['petugas'] },
];
const T = idSelf;
/** The mocks' clock: the real one, moved by `shift` (the report opens six months after signing). */
let shiftMs = 0;
const now = () => new Date(Date.now() + shiftMs);

async function setUp() {
  shiftMs = 0;
  worker.use(...createAk1Handlers({ endpoint: ENDPOINT, store: createMemoryStore(), now, officers: OFFICERS }));
  const today = calendarDate();
  const application = fullApplicationOn(today);
  const registration = await createAk1Client({ endpoint: ENDPOINT, today, requiredDocuments: ['KTP'] }).submit(application);
  const office = async (username: string) => {
    const client = createAk1OfficeClient({ endpoint: ENDPOINT });
    await client.login({ username, password: PASSWORD });
    return client;
  };
  /** An officer's action at the record's current version. */
  const act = async (username: string, request: Record<string, unknown>) => {
    const client = await office(username);
    const record = await client.open(registration.registrationNumber);
    return client.act(registration.registrationNumber, { ...request, version: record.version } as never);
  };
  return { registration, application, act };
}

const text = (el: Ak1Form) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const heading = (el: Ak1Form) => $(el, '.step-heading')?.textContent?.trim();

async function until(el: Ak1Form, check: () => boolean, message: string) {
  await waitUntil(check, message, { timeout: 10_000 });
  await settle(el);
}

async function type(el: Ak1Form, id: string, value: string) {
  const input = $<HTMLInputElement>(el, `#${CSS.escape(id)}`);
  if (!input) throw new Error(`no #${id}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

function button(el: Ak1Form, label: string): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === label);
  if (!found) throw new Error(`no button ${label}`);
  return found;
}

async function openStatus(el: Ak1Form) {
  $<HTMLAnchorElement>(el, '.status-link a')!.click();
  await until(el, () => heading(el) === T.title, 'the status view opens');
}

async function lookUp(el: Ak1Form, number: string, nik: string, code: string) {
  await type(el, 'f-registrationNumber', number);
  await type(el, 'f-nik', nik);
  await type(el, 'f-accessCode', code);
  button(el, T.lookup.submit).click();
  await until(el, () => heading(el) === T.status.heading || !!$(el, '.error-summary'), 'the lookup ends');
}

/** Every event the form fires, with its detail. */
function recordEvents(el: Ak1Form) {
  const events: Array<{ type: string; detail: unknown }> = [];
  for (const type of ['ak1-view-change', 'ak1-lookup', 'ak1-correct', 'ak1-reschedule', 'ak1-cancel', 'ak1-report', 'ak1-error', 'ak1-card-ready']) {
    el.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }));
  }
  return events;
}

/** Nothing of the lookup on the device: no storage entry of any kind names the registration or the NIK. */
async function deviceHolds(needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const store of [sessionStorage, localStorage]) {
    for (const key of Object.keys(store)) {
      const value = `${key}=${store.getItem(key)}`;
      for (const needle of needles) if (value.includes(needle)) found.push(key);
    }
  }
  const databases = (await indexedDB.databases?.()) ?? [];
  if (databases.some((db) => db.name === 'ak1-form')) found.push('indexedDB:ak1-form');
  return found;
}

describe('<ak1-form> status view', () => {
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
  });
  after(() => worker.stop());
  afterEach(async () => {
    worker.resetHandlers();
    await setViewport({ width: 800, height: 600 });
  });

  it('opens from the first step, checks the fields on the device, says each problem, accessible', async () => {
    await setUp();
    const el = await newForm();
    const events = recordEvents(el);
    await openStatus(el);
    expect(el.getAttribute('view')).to.equal('status');
    await expect(el).to.be.accessible();
    button(el, T.lookup.submit).click();
    await until(el, () => !!$(el, '.error-summary'), 'the summary shows');
    expect(text(el)).to.contain(T.errors.registrationNumberRequired).and.contain(T.errors.nikRequired).and.contain(T.errors.accessCodeRequired);
    expect(el.shadowRoot!.activeElement?.classList.contains('error-summary')).to.equal(true);
    await expect(el).to.be.accessible();
    await type(el, 'f-registrationNumber', 'AK1 salah!');
    await type(el, 'f-nik', '3604 0552');
    await type(el, 'f-accessCode', 'O0I1');
    button(el, T.lookup.submit).click();
    await settle(el);
    expect(text(el)).to.contain(T.errors.registrationNumberFormat).and.contain(T.errors.nikFormat).and.contain(T.errors.accessCodeFormat);
    expect($(el, '#f-nik')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    // Back to the form: its first step again.
    $<HTMLAnchorElement>(el, '.back-link')!.click();
    await until(el, () => el.getAttribute('view') === 'form' && !!$(el, '#f-nik'), 'the form is back');
    expect(events.filter((e) => e.type === 'ak1-view-change').map((e) => e.detail)).to.deep.equal([{ view: 'status' }, { view: 'form' }]);
  });

  it('says a mismatch in one message, and too many attempts with when to try again', async () => {
    const { registration, application } = await setUp();
    const el = await newForm('view="status"');
    const events = recordEvents(el);
    await until(el, () => heading(el) === T.title, 'the view shows');
    await lookUp(el, registration.registrationNumber, application.nik, 'ABCDEFGH');
    expect($(el, '.error-summary')!.textContent).to.contain(T.errors.notFound);
    await expect(el).to.be.accessible();
    // What was typed stays for another try.
    expect($<HTMLInputElement>(el, '#f-registrationNumber')!.value).to.equal(registration.registrationNumber);
    worker.use(
      http.post(`${ENDPOINT}/self/lookup`, () =>
        // The lookup's lockout lasts up to an hour: the time said is the backend's, not a minute from now.
        HttpResponse.json({ type: 'rate-limited', title: 'Too many' }, { status: 429, headers: { 'retry-after': '3600', 'content-type': 'application/problem+json' } }),
      ),
    );
    button(el, T.lookup.submit).click();
    await until(el, () => $(el, '.error-summary')?.textContent?.includes('Terlalu banyak') ?? false, 'the throttle shows');
    const later = new Date(Date.now() + 3_600_000);
    const time = `${String(later.getHours()).padStart(2, '0')}.${String(later.getMinutes()).padStart(2, '0')}`;
    const shown = $(el, '.error-summary')!.textContent!;
    // The minute may tick over between the reply and this line.
    expect([T.errors.rateLimited(time), T.errors.rateLimited(addMinute(time))].some((message) => shown.includes(message)), shown).to.equal(true);
    await expect(el).to.be.accessible();
    // Events carry codes, never the number, the NIK or the code.
    const serialized = JSON.stringify(events);
    expect(serialized).not.to.contain(registration.registrationNumber).and.not.to.contain(application.nik);
    const codes = events.filter((e) => e.type === 'ak1-error').map((e) => (e.detail as { code: string }).code);
    expect(codes[0]).to.equal('not-found');
    expect(['rate-limited', 'http-429']).to.include(codes[1]);
  });

  it('shows the status, what happens next and the history; moves the visit; cancels after a dialog', async () => {
    const { registration, application } = await setUp();
    const el = await newForm('view="status"');
    const events = recordEvents(el);
    await until(el, () => heading(el) === T.title, 'the view shows');
    await lookUp(el, registration.registrationNumber, `${application.nik.slice(0, 4)} ${application.nik.slice(4)}`, registration.accessCode!.toLowerCase());
    expect(heading(el)).to.equal(T.status.heading);
    expect(text(el)).to.contain('Terkirim, menunggu verifikasi').and.contain(T.status.next.RECEIVED).and.contain(T.history.events.submit);
    expect(text(el)).not.to.contain('Budi').and.not.to.contain('Siti Aminah');
    expect(events.find((e) => e.type === 'ak1-lookup')!.detail).to.deep.equal({ status: 'RECEIVED' });
    await expect(el).to.be.accessible();

    button(el, T.reschedule.start).click();
    await until(el, () => !!$(el, '#f-day'), 'the days show');
    await expect(el).to.be.accessible();
    button(el, T.reschedule.submit).click();
    await settle(el);
    expect(text(el)).to.contain(T.errors.chooseDay);
    const second = $$<HTMLInputElement>(el, 'input[name="reschedule-day"]')[1] ?? $$<HTMLInputElement>(el, 'input[name="reschedule-day"]')[0]!;
    second.click();
    button(el, T.reschedule.submit).click();
    await until(el, () => text(el).includes('Hari kunjungan diganti'), 'the new day is said');
    expect(events.find((e) => e.type === 'ak1-reschedule')!.detail).to.deep.equal({ status: 'RECEIVED' });
    await until(el, () => text(el).includes(T.history.events.reschedule), 'the history shows it');

    button(el, T.cancel.start).click();
    await settle(el);
    const dialog = $<HTMLDialogElement>(el, '#ak1-cancel-dialog')!;
    expect(dialog.open).to.equal(true);
    await expect(el).to.be.accessible();
    button(el, T.cancel.keep).click();
    expect(dialog.open).to.equal(false);
    button(el, T.cancel.start).click();
    button(el, T.cancel.confirm).click();
    await until(el, () => text(el).includes(T.cancel.done), 'the cancel is said');
    expect(text(el)).to.contain('Dibatalkan').and.contain(T.status.next.CANCELLED);
    expect(() => button(el, T.cancel.start)).to.throw();
    expect(events.find((e) => e.type === 'ak1-cancel')!.detail).to.deep.equal({ status: 'CANCELLED' });
    await expect(el).to.be.accessible();
    // The NIK is free: a new registration is taken.
    const again = await createAk1Client({ endpoint: ENDPOINT, today: calendarDate(), requiredDocuments: ['KTP'] }).submit(application);
    expect(again.registrationNumber).not.to.equal(registration.registrationNumber);
  });

  it('corrects in the form’s own steps: the reason by its step, NIK fixed, validated, sent, nothing on the device', async () => {
    const { registration, application, act } = await setUp();
    await act('budi', { action: 'request-correction', reason: [{ code: 'photo', note: 'Latar belakang harus merah' }] });
    const el = await newForm('view="status"');
    const events = recordEvents(el);
    await until(el, () => heading(el) === T.title, 'the view shows');
    await lookUp(el, registration.registrationNumber, application.nik, registration.accessCode!);
    expect(text(el)).to.contain('Perlu perbaikan').and.contain(T.reasons.codes.photo).and.contain('Latar belakang harus merah');
    await expect(el).to.be.accessible();
    button(el, T.correction.start).click();
    await until(el, () => heading(el) === 'Periksa jawaban Anda', 'the check page shows');
    expect(text(el)).to.contain(T.correction.banner).and.contain('Siti Nur’aini');
    await expect(el).to.be.accessible();
    // The photo reason leads to the photo step.
    $$<HTMLAnchorElement>(el, '.correction a').find((a) => a.textContent!.includes(T.reasons.fix))!.click();
    await until(el, () => !!$(el, 'ak1-photo-step'), 'the photo step shows');
    expect(text(el)).to.contain(T.reasons.codes.photo).and.contain(T.correction.documentsKept);
    const review = $$<HTMLButtonElement>(el, 'button[type=submit]')[0]!;
    review.click();
    await until(el, () => heading(el) === 'Periksa jawaban Anda', 'back on the check page');
    // Kirim: validated, sent with `correct`.
    const send = $$<HTMLButtonElement>(el, 'button').find((b) => /Kirim/.test(b.textContent!))!;
    send.click();
    await until(el, () => text(el).includes(T.correction.sent), 'the correction is sent');
    expect(heading(el)).to.equal(T.status.heading);
    expect(text(el)).to.contain('Terkirim, menunggu verifikasi');
    expect(events.find((e) => e.type === 'ak1-correct')!.detail).to.deep.equal({ status: 'RECEIVED' });
    expect(await deviceHolds([registration.registrationNumber, application.nik, 'Siti'])).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('refuses a change of NIK in a correction: the field keeps the value on record', async () => {
    const { registration, application, act } = await setUp();
    await act('budi', { action: 'request-correction', reason: [{ code: 'data-mismatch', path: ['fullName'] }] });
    const el = await newForm('view="status"');
    await until(el, () => heading(el) === T.title, 'the view shows');
    await lookUp(el, registration.registrationNumber, application.nik, registration.accessCode!);
    button(el, T.correction.start).click();
    await until(el, () => heading(el) === 'Periksa jawaban Anda', 'the check page shows');
    $$<HTMLAnchorElement>(el, '.correction a').find((a) => a.textContent!.includes(T.reasons.fix))!.click();
    await until(el, () => !!$(el, '#f-nik'), 'the first step shows');
    expect(text(el)).to.contain(T.correction.nikNotChangeable).and.contain(T.reasons.codes['data-mismatch']);
    expect(el.shadowRoot!.activeElement?.id).to.equal('f-fullName');
    // Read-only, each with the hint that says why (the input names it): the NIK and every part of the birth date.
    for (const id of ['f-nik', 'f-birthDate', 'f-birthDate-month', 'f-birthDate-year']) {
      expect($<HTMLInputElement>(el, `#${id}`)!.readOnly, id).to.equal(true);
    }
    expect($<HTMLInputElement>(el, '#f-fullName')!.readOnly).to.equal(false);
    expect($(el, '#h-nik')!.textContent!.trim()).to.equal(T.correction.nikNotChangeable);
    expect($<HTMLInputElement>(el, '#f-nik')!.getAttribute('aria-describedby')).to.contain('h-nik');
    expect($(el, '#h-birthDate')!.textContent!.trim()).to.equal(T.correction.birthDateNotChangeable);
    expect($(el, '#f-birthDate')!.closest('fieldset')!.getAttribute('aria-describedby')).to.contain('h-birthDate');
    await type(el, 'f-nik', '3604055209900011');
    await settle(el);
    expect($<HTMLInputElement>(el, '#f-nik')!.value).to.equal(application.nik);
    await expect(el).to.be.accessible();
    // Giving up brings back the status, unchanged.
    button(el, T.correction.cancel).click();
    await until(el, () => heading(el) === T.status.heading, 'the status is back');
    expect(text(el)).to.contain('Perlu perbaikan');
    // The registration form itself: the NIK and the birth date are the applicant's to type again.
    $<HTMLAnchorElement>(el, '.back-link')!.click();
    await until(el, () => el.getAttribute('view') === 'form' && !!$(el, '#f-nik'), 'the form is back');
    expect($<HTMLInputElement>(el, '#f-nik')!.readOnly).to.equal(false);
    expect($<HTMLInputElement>(el, '#f-birthDate-year')!.readOnly).to.equal(false);
    expect($(el, '#h-nik')!.textContent).not.to.contain(T.correction.nikNotChangeable);
  });

  it('reports six months after signing (placed → Sudah bekerja) and makes the card again', async () => {
    const { registration, application, act } = await setUp();
    await act('budi', { action: 'verify' });
    await act('siti', { action: 'sign' });
    // Six months on: the first report is open.
    shiftMs = 182 * 86_400_000;
    const el = await newForm('view="status"');
    const events = recordEvents(el);
    await until(el, () => heading(el) === T.title, 'the view shows');
    await lookUp(el, registration.registrationNumber, application.nik, registration.accessCode!);
    expect(text(el)).to.contain('Kartu sah').and.contain(T.report.notYet).and.contain(T.card.signedCopy);
    await expect(el).to.be.accessible();
    button(el, T.report.submit).click();
    await settle(el);
    expect(text(el)).to.contain(T.errors.reportKind);
    $<HTMLInputElement>(el, '#f-report\\.kind-placed')!.click();
    await settle(el);
    button(el, T.report.submit).click();
    await settle(el);
    expect(text(el)).to.contain(T.errors.employer).and.contain(T.errors.position).and.contain(T.errors.startDate);
    await expect(el).to.be.accessible();
    await type(el, 'f-report.employer', 'PT Krakatau Steel');
    await type(el, 'f-report.position', 'Staf Administrasi');
    await type(el, 'f-report.startDate', addDays(calendarDate(new Date(Date.now() + shiftMs)), -3));
    button(el, T.report.submit).click();
    await until(el, () => text(el).includes(T.report.done), 'the report is said');
    expect(text(el)).to.contain('Sudah bekerja');
    expect(events.find((e) => e.type === 'ak1-report')!.detail).to.deep.equal({ status: 'PLACED', kind: 'placed' });
    expect(JSON.stringify(events)).not.to.contain('Krakatau');
    button(el, T.card.download).click();
    await until(el, () => events.some((e) => e.type === 'ak1-card-ready'), 'the card is made');
    const card = events.find((e) => e.type === 'ak1-card-ready')!.detail as { fileName: string; byteLength: number };
    expect(card.fileName).to.equal(`kartu-ak1-${registration.registrationNumber}.pdf`);
    expect(card.byteLength).to.be.greaterThan(10_000);
    await expect(el).to.be.accessible();
  });

  it('says the day the next report can be made; once none opens again, says that instead', async () => {
    const { registration, application, act } = await setUp();
    await act('budi', { action: 'verify' });
    const signed = await act('siti', { action: 'sign' });
    const first = signed.registration.reports?.[0]?.due ?? signed.registration.reportDueDates[0]!;
    const el = await newForm('view="status"');
    const events = recordEvents(el);
    await until(el, () => heading(el) === T.title, 'the view shows');
    await lookUp(el, registration.registrationNumber, application.nik, registration.accessCode!);
    $<HTMLInputElement>(el, '#f-report\\.kind')!.click();
    await settle(el);
    button(el, T.report.submit).click();
    await until(el, () => !!$(el, '.error-summary'), 'the refusal shows');
    // The window opens 30 days (the demo district's option) before the due date, on the district's calendar.
    const opensOn = formatDate(addDays(first, -30), id);
    expect($(el, '.error-summary')!.textContent).to.contain(T.errors.reportClosed(opensOn)).and.contain(`Laporan berikutnya bisa dibuat mulai ${opensOn}`);
    expect(events.filter((e) => e.type === 'ak1-error').map((e) => (e.detail as { code: string }).code)).to.deep.equal(['report-window-closed']);
    await expect(el).to.be.accessible();

    // Past the last window (18 months and 30 days after signing), the card still valid: no report opens again.
    shiftMs = 600 * 86_400_000;
    const later = await newForm('view="status"');
    await until(later, () => heading(later) === T.title, 'the view shows again');
    await lookUp(later, registration.registrationNumber, application.nik, registration.accessCode!);
    expect(text(later)).to.contain('Kartu sah');
    $<HTMLInputElement>(later, '#f-report\\.kind')!.click();
    await settle(later);
    button(later, T.report.submit).click();
    await until(later, () => !!$(later, '.error-summary'), 'the refusal shows');
    expect($(later, '.error-summary')!.textContent).to.contain(T.errors.reportClosed(undefined)).and.not.contain('mulai');
    await expect(later).to.be.accessible();
  });

  it('names the village, district and regency on the card made again, from the region lists', async () => {
    const { registration, application } = await setUp();
    const el = await newForm('view="status"');
    const events = recordEvents(el);
    await until(el, () => heading(el) === T.title, 'the view shows');
    await lookUp(el, registration.registrationNumber, application.nik, registration.accessCode!);
    // Room for every request of the card's making (its chunks too), none of the earlier ones.
    performance.setResourceTimingBufferSize(10_000);
    performance.clearResourceTimings();
    button(el, T.card.download).click();
    await until(el, () => events.some((e) => e.type === 'ak1-card-ready'), 'the card is made');
    // A form that opened on the status view had none of the lists: the card's making fetched those that name the address.
    const fetched = regionFilesFetched();
    expect(fetched.some((name) => name.endsWith('/regencies/36.json')), fetched.join()).to.equal(true);
    expect(fetched.some((name) => name.endsWith('/districts/36.04.json')), fetched.join()).to.equal(true);
    expect(fetched.some((name) => name.endsWith('/villages/36.04.json')), fetched.join()).to.equal(true);
    // The same names the done screen's card prints, by the same function.
    const names = await loadCardPlaceNames(createRegionLookup({ baseUrl: REGIONS_URL }), application.address);
    const lists = createRegionLookup({ baseUrl: REGIONS_URL });
    const villages = await lists.villages(application.address.districtCode);
    const districts = await lists.districts(application.address.regencyCode);
    const regencies = await lists.regencies(application.address.provinceCode);
    expect(names).to.deep.equal({
      village: villages.find((v) => v.code === application.address.villageCode)!.name,
      district: districts.find((d) => d.code === application.address.districtCode)!.name,
      regency: regencies.find((r) => r.code === application.address.regencyCode)!.name,
      province: 'Banten',
    });
    expect(names.regency).to.match(/Serang/i);
  });

  it('ends the session at the token’s end: asks to look up again, keeps what was typed', async () => {
    const { registration, application } = await setUp();
    // The backend's clock 31 minutes behind: the token it gives has already ended by this page's clock.
    shiftMs = -31 * 60_000;
    const el = await newForm('view="status"');
    await until(el, () => heading(el) === T.title, 'the view shows');
    await lookUp(el, registration.registrationNumber, application.nik, registration.accessCode!);
    await until(el, () => text(el).includes(T.errors.expired), 'the session end is said');
    expect(heading(el)).to.equal(T.title);
    expect($<HTMLInputElement>(el, '#f-nik')!.value).to.equal(application.nik);
    await expect(el).to.be.accessible();
  });

  it('asks a partner portal’s applicant for the district first, then looks up there; in English with lang="en"', async () => {
    const { registration, application } = await setUp();
    await resetDevice();
    const districts = {
      '36.04': { endpoint: '/api/ak1', districtName: 'Kabupaten Serang', officeName: 'Disnakertrans Kabupaten Serang', officeAddress: 'Jl. Veteran No. 1' },
      '36.03': { endpoint: '/api/other', districtName: 'Kabupaten Tangerang', officeName: 'Disnaker Kabupaten Tangerang', officeAddress: 'Tigaraksa' },
    };
    const el = await fixture<Ak1Form>(html`<ak1-form view="status" lang="en" .districts=${districts}></ak1-form>`);
    await until(el, () => heading(el) === enSelf.title, 'the view shows in English');
    expect($(el, '#f-district')).to.exist;
    await expect(el).to.be.accessible();
    button(el, enSelf.district.choose).click();
    await settle(el);
    expect(text(el)).to.contain(enSelf.district.required);
    await expect(el).to.be.accessible();
    const select = $<HTMLSelectElement>(el, '#f-district')!;
    select.value = '36.04';
    select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    button(el, enSelf.district.choose).click();
    await until(el, () => !!$(el, '#f-registrationNumber'), 'the lookup shows');
    await type(el, 'f-registrationNumber', registration.registrationNumber);
    await type(el, 'f-nik', application.nik);
    await type(el, 'f-accessCode', registration.accessCode!);
    button(el, enSelf.lookup.submit).click();
    await until(el, () => heading(el) === enSelf.status.heading, 'the status shows');
    expect(text(el)).to.contain(enSelf.status.next.RECEIVED);
    await expect(el).to.be.accessible();
  });

  it('offers the status view under the done screen: the number and code shown there open the registration', async () => {
    shiftMs = 0;
    worker.use(...createAk1Handlers({ endpoint: ENDPOINT, store: createMemoryStore(), now, officers: OFFICERS }));
    const el = await newForm();
    await journeyToReview(el);
    $<HTMLButtonElement>(el, 'button[type=submit]')!.click();
    await until(el, () => !!$(el, '.panel-number'), 'the done screen shows');
    const number = $(el, '.panel-number')!.textContent!.trim();
    const code = $(el, '.access-code-value')!.textContent!.trim();
    // Below the card and the reports, not above the number.
    const link = $<HTMLAnchorElement>(el, '.status-link a')!;
    expect(link.compareDocumentPosition($(el, '.panel-number')!) & Node.DOCUMENT_POSITION_PRECEDING).to.not.equal(0);
    link.click();
    await until(el, () => heading(el) === T.title, 'the status view opens');
    await lookUp(el, number, IDENTITY.nik, code);
    expect(text(el)).to.contain('Terkirim, menunggu verifikasi').and.contain(number);
  });

  it('works with the keyboard alone at 320 px wide', async () => {
    const { registration, application } = await setUp();
    await setViewport({ width: 320, height: 640 });
    const el = await newForm();
    $<HTMLAnchorElement>(el, '.status-link a')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(el, () => heading(el) === T.title, 'the view opens');
    expect(el.shadowRoot!.activeElement?.classList.contains('step-heading')).to.equal(true);
    // Tab to the number (past the Back link), then type each field.
    $<HTMLInputElement>(el, '#f-registrationNumber')!.focus();
    await sendKeys({ type: registration.registrationNumber });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: application.nik });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: registration.accessCode! });
    await sendKeys({ press: 'Enter' });
    await until(el, () => heading(el) === T.status.heading, 'the status shows');
    const root = $(el, '.ak1-root')!;
    expect(root.scrollWidth, 'no sideways scrolling at 320 px').to.be.at.most(root.clientWidth + 1);
    expect(el.scrollWidth).to.be.at.most(320);
    await expect(el).to.be.accessible();
  });
});

/** The region files this page has fetched so far. */
function regionFilesFetched(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes('/region-data/'));
}

function addMinute(time: string): string {
  const [h, m] = time.split('.').map(Number) as [number, number];
  const total = (h * 60 + m + 1) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}.${String(total % 60).padStart(2, '0')}`;
}
