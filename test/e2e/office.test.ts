/**
 * Issue 13: the counter, end to end, in chromium against `npm start` (its SQLite store, the built bundles): an
 * applicant registers through `<ak1-form>` and downloads the card; at the office a petugas logs in on /office,
 * opens the day's queue, holds the applicant's printout up to the camera (chromium's fake camera playing a Y4M
 * made from the card's rendered page), checks the applicant in, corrects a field with the KTP in hand and
 * verifies; a Pengantar Kerja signs and prints the final card; the card's QR code then opens a verification page
 * that says the card is valid. A petugas cannot sign. Then the whole counter path again by keyboard alone.
 *
 * A correction request moves a registration to NEEDS_CORRECTION, from which only the applicant's own correction
 * leads back to RECEIVED (design.md's transitions); that route (`/self/correction`) is not part of this issue,
 * so the photo correction is asked for on a second registration of the same visit day, and the first one goes on
 * to be verified and signed.
 *
 * The screens are found by what an officer reads (src/i18n/id/office.ts), never by their markup.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { formatDate } from '../../src/i18n/index.js';
import { idOffice as T } from '../../src/i18n/id/office.js';
import { id as idCatalogue } from '../../src/i18n/id/form.js';
import { cardCamera, findQr, type FakeCamera } from './camera.js';
import {
  STEPS,
  applicant,
  chooseVisit,
  completeStep,
  launchBrowser,
  openPage,
  pressContinue,
  startDemo,
  submit,
  registrationNumber,
  waitForStep,
  type Demo,
  type OpenedPage,
} from './helpers.js';
import {
  OFFICERS,
  axeViolations,
  capturePdf,
  counterSettings,
  downloadCardPdf,
  focusedControl,
  jakartaToday,
  launchCounter,
  loginByApi,
  officeApi,
  officeText,
  pdfToText,
  pressControl,
  registerByApi,
  watchPdfs,
  tabToControl,
  typeDate,
  typeIntoControl,
  waitForOfficeText,
  type MadeRegistration,
  type TestOfficer,
} from './office-helpers.js';

let demo: Demo;
let applicantBrowser: Browser;

before(async () => {
  [demo, applicantBrowser] = await Promise.all([startDemo(counterSettings()), launchBrowser()]);
});

after(async () => {
  await applicantBrowser?.close();
  await demo?.stop();
});

const office = (page: Page) => page.locator('ak1-office');

/** Logs in on the counter's screen with the pointer and the keyboard as an officer would (fields by their labels). */
async function logIn(page: Page, officer: TestOfficer): Promise<void> {
  await office(page).getByLabel(T.login.username).fill(officer.username);
  await office(page).getByLabel(T.login.password, { exact: true }).fill(officer.password);
  await office(page).getByRole('button', { name: T.login.submit, exact: true }).click();
  await waitForOfficeText(page, T.nav.signedInAs(officer.name));
}

/** An action button on the record, its confirmation when the screen asks for one, and the screen's "… tercatat". */
async function act(page: Page, action: string, fillIn?: () => Promise<void>): Promise<void> {
  await office(page).getByRole('button', { name: action, exact: true }).click();
  await fillIn?.();
  const confirm = office(page).getByRole('button', { name: T.record.confirm(action), exact: true });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await waitForOfficeText(page, T.record.done(action));
}

/** The record's status in words (the status line of the record screen). */
async function statusShown(page: Page, words: string): Promise<void> {
  const status = office(page).locator('#record-status');
  await status.filter({ hasText: words }).waitFor({ timeout: 20_000 }).catch(async (error) => {
    throw new Error(`The record's status is "${await status.textContent().catch(() => '(none)')}", not "${words}": ${error.message}`);
  });
}

/** A screen of the navigation ("Hari ini", "Pindai / ketik nomor"). */
async function goTo(page: Page, screen: string): Promise<void> {
  await office(page).getByRole('navigation').getByRole('button', { name: screen, exact: true }).click();
}

/** Opens a record by typing its number on the scan screen. */
async function openByNumber(page: Page, number: string): Promise<void> {
  await goTo(page, T.nav.scan);
  await office(page).getByLabel(T.scan.numberLabel, { exact: true }).fill(number);
  await office(page).getByRole('button', { name: T.scan.open, exact: true }).click();
  await waitForOfficeText(page, T.record.heading(number));
}

describe('at the counter: register, scan, check in, correct, verify, sign, print, verify the card', () => {
  const siti = applicant(21);
  let applicantPage: OpenedPage;
  let number: string;
  let visitDate: string;
  let cardPdf: Uint8Array;
  let camera: FakeCamera;
  let second: MadeRegistration;
  let counterBrowser: Browser;
  let counter: OpenedPage;
  let printed: string;

  after(async () => {
    await applicantPage?.context.close();
    await counterBrowser?.close();
  });

  test('the applicant registers through <ak1-form> and downloads the card', { timeout: 180_000 }, async () => {
    applicantPage = await openPage(applicantBrowser);
    const { page } = applicantPage;
    await page.goto(`${demo.url}/`);
    await waitForStep(page, 'identity');
    for (const step of STEPS.slice(0, 7)) {
      if (step === 'visit') {
        visitDate = await chooseVisit(page);
        await pressContinue(page);
        await waitForStep(page, 'consent');
      } else {
        await completeStep(page, step, siti);
      }
    }
    await submit(page);
    await waitForStep(page, 'done');
    number = await registrationNumber(page);
    cardPdf = await downloadCardPdf(page);
    assert.match(pdfToText(cardPdf), /belum sah/, 'the card printed at home is the provisional one');
  });

  test('the card’s QR code, held up to the counter’s camera, is a frame jsQR reads', { timeout: 60_000 }, async () => {
    camera = cardCamera(cardPdf);
    assert.match(camera.qr, new RegExp(`^${demo.url}/verify/`), 'the QR code opens this server’s verification page');
    assert.equal(findQr(camera.frame)?.data, camera.qr, 'the 640×480 frame decodes');
    counterBrowser = await launchCounter(camera.file);
    // A second applicant for the same day, whose photo the office will send back.
    second = await registerByApi(demo.url, 2101, { visitDate, fullName: 'Rina Kartika' });
    assert.equal(second.appointment?.date, visitDate);
  });

  test('a petugas logs in on /office', { timeout: 60_000 }, async () => {
    counter = await openPage(counterBrowser);
    await watchPdfs(counter.context);
    await counter.page.goto(`${demo.url}/office`);
    await office(counter.page).getByLabel(T.login.username).waitFor();
    assert.deepEqual(await axeViolations(counter.page), [], 'axe on the login screen');
    await logIn(counter.page, OFFICERS.petugas);
  });

  test('the day’s queue shows both visits, not yet checked in, with the NIK masked', { timeout: 60_000 }, async () => {
    const { page } = counter;
    await waitForOfficeText(page, T.today.title);
    if (visitDate !== jakartaToday()) {
      await office(page).getByLabel(T.today.dateLabel).fill(visitDate);
      await office(page).getByRole('button', { name: T.today.show, exact: true }).click();
    }
    await waitForOfficeText(page, siti.fullName);
    const shown = await officeText(page);
    assert.ok(shown.includes('Rina Kartika'), 'the second visit is in the queue');
    assert.ok(shown.includes(T.today.notCheckedIn), 'not checked in yet');
    assert.ok(shown.includes(T.today.counts(0, 2)), `the counts: ${shown.slice(0, 400)}`);
    assert.ok(!shown.includes(siti.nik), 'the queue never shows a whole NIK');
    assert.ok(shown.includes(siti.nik.slice(-4)), 'the NIK’s last four digits are shown');
    assert.deepEqual(await axeViolations(page), [], 'axe on the day’s queue');
  });

  test('the camera reads the QR code on the applicant’s printout and opens the record', { timeout: 60_000 }, async () => {
    const { page } = counter;
    await goTo(page, T.nav.scan);
    await office(page).getByRole('button', { name: T.scan.start, exact: true }).click();
    await waitForOfficeText(page, T.record.heading(number), 30_000);
    await statusShown(page, 'Terkirim, menunggu verifikasi');
  });

  test('checks the applicant in', { timeout: 60_000 }, async () => {
    await act(counter.page, T.actions['check-in']);
    await waitForOfficeText(counter.page, T.events['check-in']);
    assert.deepEqual(await axeViolations(counter.page), [], 'axe on the record');
  });

  test('asks for a correction of the other applicant’s photo, with the reason in the history', { timeout: 60_000 }, async () => {
    const { page } = counter;
    await openByNumber(page, second.registrationNumber);
    await act(page, T.actions['request-correction'], async () => {
      await office(page).getByRole('checkbox', { name: T.reasons.photo }).check();
      await office(page).getByRole('textbox', { name: T.record.note }).fill('Latar belakang foto harus merah.');
    });
    await statusShown(page, 'Perlu perbaikan');
    await waitForOfficeText(page, T.events['request-correction']);
    const token = await loginByApi(demo.url, OFFICERS.petugas);
    const { body } = await officeApi(demo.url, token, `registrations/${encodeURIComponent(second.registrationNumber)}`);
    const entry = body.history.find((e: { event: string }) => e.event === 'request-correction');
    assert.deepEqual(entry?.reason?.map((r: { code: string }) => r.code), ['photo'], 'the reason is recorded');
    assert.equal(entry?.actor?.name, OFFICERS.petugas.name, 'and who asked');
  });

  test('corrects the street with the KTP in hand; the history has before and after', { timeout: 60_000 }, async () => {
    const { page } = counter;
    await openByNumber(page, number);
    await office(page).getByRole('button', { name: T.actions.edit, exact: true }).click();
    await office(page).getByLabel(T.record.editField).selectOption({ label: 'Alamat (jalan, nomor rumah)' });
    await office(page).getByLabel(T.record.editValue).fill('Jl. Raya Serang No. 12A');
    await office(page).getByRole('button', { name: T.record.editSave, exact: true }).click();
    await waitForOfficeText(page, T.events.edit);
    const token = await loginByApi(demo.url, OFFICERS.petugas);
    const { body } = await officeApi(demo.url, token, `registrations/${encodeURIComponent(number)}`);
    assert.equal(body.application.address.street, 'Jl. Raya Serang No. 12A');
    const edit = body.history.find((e: { event: string }) => e.event === 'edit');
    assert.deepEqual(edit?.changes?.[0]?.path, ['address', 'street']);
    assert.equal(edit?.changes?.[0]?.before, siti.street);
  });

  test('verifies', { timeout: 60_000 }, async () => {
    await act(counter.page, T.actions.verify);
    await statusShown(counter.page, 'Terverifikasi');
  });

  test('a petugas cannot sign: the server answers 403 and the counter says so in words', { timeout: 60_000 }, async () => {
    const { page } = counter;
    // The counter offers what the status allows and leaves roles to the server, which refuses.
    await office(page).getByRole('button', { name: T.actions.sign, exact: true }).click();
    await waitForOfficeText(page, T.errors.forbiddenSign);
    await statusShown(page, 'Terverifikasi');
    const token = await loginByApi(demo.url, OFFICERS.petugas);
    const record = await officeApi(demo.url, token, `registrations/${encodeURIComponent(number)}`);
    const refused = await officeApi(demo.url, token, `registrations/${encodeURIComponent(number)}/actions`, { action: 'sign', version: record.body.version });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.type?.split(':').pop(), 'forbidden');
    assert.match(`${refused.body.title} ${refused.body.detail ?? ''}`, /[a-z]{3,} [a-z]{3,}/i, 'the refusal is said in words');
    const { body } = await officeApi(demo.url, token, `registrations/${encodeURIComponent(number)}`);
    assert.equal(body.registration.status, 'VERIFIED', 'nothing signed');
  });

  test('a Pengantar Kerja signs and prints the final card', { timeout: 120_000 }, async () => {
    const { page } = counter;
    await office(page).getByRole('button', { name: T.nav.logout, exact: true }).click();
    await waitForOfficeText(page, T.login.loggedOut);
    await logIn(page, OFFICERS.pengantar);
    await openByNumber(page, number);
    await act(page, T.actions.sign);
    await statusShown(page, 'Kartu sah');
    // Signing opens the print panel; its button makes the card on this PC and opens it in a new tab.
    const pdf = await capturePdf(page, () => office(page).locator('#print-card').first().click());
    printed = pdfToText(pdf);
    await waitForOfficeText(page, T.events.print);
  });

  test('the printed card: no "belum sah", the signing date, the officer’s name and NIP', () => {
    assert.ok(printed, 'the card was printed');
    const flat = printed.replace(/\s+/g, ' ');
    assert.doesNotMatch(flat, /belum sah/i);
    assert.ok(flat.includes(`Dikeluarkan pada tanggal ${formatDate(jakartaToday(), idCatalogue)}`), `the signing date: ${flat}`);
    assert.ok(flat.includes(OFFICERS.pengantar.name), 'the signing officer’s name');
    assert.ok(flat.replace(/\s/g, '').includes(OFFICERS.pengantar.nip), 'and NIP');
    assert.ok(flat.includes('Jl. Raya Serang No. 12A'), 'the corrected street');
  });

  test('the card’s QR code opens a verification page that says the card is valid, with the number', { timeout: 60_000 }, async () => {
    const page = await counter.context.newPage();
    await page.goto(camera.qr);
    const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes('Kartu sah'), `valid: ${text}`);
    assert.ok(text.includes(number), 'the number, to compare with the card');
    assert.ok(!text.includes(siti.nik), 'never the NIK');
    assert.doesNotMatch(text, /belum sah|baru sah setelah/);
    await page.close();
  });

  test('no password, NIK or phone in the server’s log or the counter’s console', () => {
    const log = demo.output();
    const consoleText = counter.console.join('\n');
    for (const officer of Object.values(OFFICERS)) {
      assert.ok(!log.includes(officer.password), `${officer.username}'s password is not in the log`);
      assert.ok(!consoleText.includes(officer.password), `${officer.username}'s password is not in the console`);
    }
    for (const [name, value] of [['NIK', siti.nik], ['phone', siti.phoneDigits]] as const) {
      assert.ok(!log.includes(value), `the ${name} is not in the log`);
      assert.ok(!consoleText.includes(value), `the ${name} is not in the console`);
    }
  });
});

describe('the counter path by keyboard alone', () => {
  let made: MadeRegistration;
  let counterBrowser: Browser;
  let counter: OpenedPage;

  before(async () => {
    counterBrowser = await launchCounter();
    // The first day the office has a seat (never today: a visit is booked at least a day ahead).
    made = await registerByApi(demo.url, 2201, { fullName: 'Agus Salim' });
    counter = await openPage(counterBrowser);
    await watchPdfs(counter.context);
  });

  after(async () => {
    await counterBrowser?.close();
  });

  test('log in, the day’s queue, check in, open, verify, sign and print: Tab, typing, Enter and Space only', { timeout: 180_000 }, async () => {
    const { page } = counter;
    const { pengantar } = OFFICERS;
    await page.goto(`${demo.url}/office`);
    await typeIntoControl(page, T.login.username, pengantar.username);
    await typeIntoControl(page, T.login.password, pengantar.password);
    await page.keyboard.press('Enter');
    await waitForOfficeText(page, T.nav.signedInAs(pengantar.name));

    const visitDate = made.appointment!.date;
    if (visitDate !== jakartaToday()) {
      await typeDate(page, T.today.dateLabel, visitDate);
      await pressControl(page, T.today.show);
    }
    await waitForOfficeText(page, 'Agus Salim');
    await pressControl(page, `${T.today.checkIn} Agus Salim`);
    await waitForOfficeText(page, T.today.checkedInDone('Agus Salim'));
    await pressControl(page, `${T.today.open} Agus Salim`);
    await waitForOfficeText(page, T.record.heading(made.registrationNumber));

    // The street corrected with the KTP in hand: the field chosen by typing on the closed select.
    await pressControl(page, T.actions.edit, 'Enter', { tag: 'button' });
    await tabToControl(page, T.record.editField, { tag: 'select' });
    await page.keyboard.type(T.fields.street);
    const chosen = await page.evaluate(() => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return (active as HTMLSelectElement).selectedOptions[0]?.textContent?.trim();
    });
    assert.equal(chosen, T.fields.street, 'typing the field’s name on the select chose it');
    await typeIntoControl(page, T.record.editValue, 'Jl. Ki Ageng Tirtayasa No. 3');
    await page.keyboard.press('Enter');
    await waitForOfficeText(page, T.record.done(T.actions.edit));
    await waitForOfficeText(page, T.record.changed('address.street'));

    for (const [action, status] of [
      [T.actions.verify, 'Terverifikasi'],
      [T.actions.sign, 'Kartu sah'],
    ] as const) {
      await pressControl(page, action, 'Enter', { tag: 'button' });
      const confirm = T.record.confirm(action);
      const focused = await focusedControl(page);
      if (focused.name === confirm || (await officeText(page)).includes(confirm)) await pressControl(page, confirm);
      await waitForOfficeText(page, T.record.done(action));
      await statusShown(page, status);
    }

    const pdf = await capturePdf(page, async () => {
      await pressControl(page, T.print.print, 'Enter', { tag: 'button' });
      // The print panel's own button, when the screen first asks for the paper.
      if ((await officeText(page)).includes(T.print.layout)) await pressControl(page, T.print.print, 'Enter', { tag: 'button' });
    });
    assert.doesNotMatch(pdfToText(pdf), /belum sah/i, 'the final card');
    await waitForOfficeText(page, T.events.print);
  });
});
