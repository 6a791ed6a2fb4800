/**
 * The applicant comes back six months later (issue 14), end to end in chromium against the demo server of
 * `npm start`: an applicant registers through <ak1-form>, keyboard only; the office verifies and signs through the
 * office API; then the office's server is restarted on the same data with its clock at the first report's due date
 * (AK1_NOW, NODE_ENV=test: design.md "Tests and time") and the browser's clock at the same instant. The applicant
 * looks up the registration in the status view, reports "placed" (employer, position, start date), sees
 * "Sudah bekerja" and the report as made, and downloads the card again: its report table shows the report.
 * The events name no applicant; nothing of the lookup stays on the device.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { formatDate, loadCatalogue } from '../../src/i18n/index.js';
import { idSelf as T } from '../../src/i18n/id/self.js';
import { addDays, addMonths } from '../../src/schema/index.js';
import {
  REGISTRATION_NUMBER,
  applicant,
  chooseRadio,
  completeJourney,
  inForm,
  launchBrowser,
  oursIn,
  openPage,
  press,
  readDevice,
  recorded,
  startDemo,
  typeInto,
  waitForFormText,
  formText,
  type Demo,
} from './helpers.js';
import { OFFICERS, axeViolations, counterSettings, officeAct, pdfToText, typeDate } from './office-helpers.js';

let demo: Demo;
let browser: Browser;

before(async () => {
  [demo, browser] = await Promise.all([startDemo(counterSettings()), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('the applicant comes back six months later (status view, moved clocks)', () => {
  test('registered and signed today; at the first report’s due date the report "placed" is made, the status is "Sudah bekerja" and the card shows the report', { timeout: 300_000 }, async () => {
    const a = applicant(61);
    const catalogue = await loadCatalogue('id');

    // Today: the applicant registers, keyboard only, and keeps the number and the access code of the done screen.
    const first = await openPage(browser);
    await first.page.goto(`${demo.url}/`);
    const number = await completeJourney(first.page, a);
    assert.match(number, REGISTRATION_NUMBER);
    const code = ((await inForm(first.page, '.access-code-value').textContent()) ?? '').trim();
    assert.match(code, /^[A-HJ-NP-Z2-9]{8}$/);
    await first.context.close();

    // The office checks the originals and signs: that day fixes the report due dates.
    await officeAct(demo.url, OFFICERS.petugas, number, { action: 'verify' });
    const { registration: signed } = await officeAct(demo.url, OFFICERS.pengantar, number, { action: 'sign' });
    assert.equal(signed.status, 'SIGNED');
    assert.ok(signed.issuedAt, 'signing sets issuedAt');
    const due = signed.reportDueDates[0]!;
    assert.equal(due, addMonths(signed.issuedAt!, 6), 'the first report is due six months after signing');

    // Six months on, both clocks: the server restarted on the same data with AK1_NOW, the browser's clock moved.
    // The due date itself, mid-morning in Serang: inside the report's window (30 days either side).
    const later = new Date(`${due}T10:00:00+07:00`);
    await demo.restart({ NODE_ENV: 'test', AK1_NOW: later.toISOString() });
    // The start-up lines after the address come a moment later.
    for (let i = 0; i < 50 && !/clock is moved/.test(demo.output()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.match(demo.output(), /clock is moved/);
    const { page, context } = await openPage(browser, { clockAt: later });
    await page.goto(`${demo.url}/`);
    assert.ok(Math.abs((await page.evaluate(() => Date.now())) - later.getTime()) < 10 * 60_000, 'the browser’s clock is six months on');

    // The element upgrades after the page has loaded: wait for its first step before pressing in it.
    await waitForFormText(page, 'Sudah mendaftar? Cek status, lapor, unduh kartu');
    await press(page, 'Sudah mendaftar? Cek status, lapor, unduh kartu', { tag: 'a' });
    await waitForFormText(page, T.lookup.submit);
    await typeInto(page, '#f-registrationNumber', number);
    await typeInto(page, '#f-nik', a.nik);
    await typeInto(page, '#f-accessCode', code);
    await press(page, T.lookup.submit);
    await waitForFormText(page, T.status.heading);
    const before = await formText(page);
    assert.match(before, /Kartu sah/);
    assert.ok(before.includes(`${T.report.due(1, formatDate(due, catalogue))}: ${T.report.notYet}`), before);

    // The report: placed, with the employer, the position and the start date, typed.
    const startDate = addDays(due, -14);
    await chooseRadio(page, 'report-kind', 'placed');
    await typeInto(page, '[id="f-report.employer"]', 'PT Baja Pesisir Serang');
    await typeInto(page, '[id="f-report.position"]', 'Staf Administrasi Gudang');
    await typeDate(page, T.report.startDate, startDate);
    assert.deepEqual(await axeViolations(page), []);
    await press(page, T.report.submit);
    await waitForFormText(page, T.report.done);
    await page.waitForFunction(() => document.querySelector('ak1-form')?.shadowRoot?.querySelector('.status-word')?.textContent?.trim() === 'Sudah bekerja', undefined, {
      timeout: 20_000,
    });
    const after = await formText(page);
    assert.ok(after.includes(`${T.report.due(1, formatDate(due, catalogue))}: ${T.report.made(formatDate(due, catalogue), T.report.placed)}`), after);
    assert.ok(after.includes(T.status.next.PLACED), after);
    assert.ok(!after.includes(OFFICERS.pengantar.name) && !after.includes(OFFICERS.petugas.name), 'no officer’s name');
    assert.equal(await inForm(page, '[name="report-kind"]').count(), 0, 'no report is asked for once placed');
    assert.deepEqual(await axeViolations(page), []);

    // The card again: the signed copy, its report table with the first report made on the due date, "Sudah bekerja".
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await press(page, T.card.download);
    const file = await download;
    const dir = mkdtempSync(join(tmpdir(), 'ak1-e2e-status-later-'));
    let text: string;
    try {
      await file.saveAs(join(dir, 'card.pdf'));
      text = pdfToText(new Uint8Array(readFileSync(join(dir, 'card.pdf'))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.match(text, new RegExp(number));
    assert.match(text, /Salinan/);
    const row = text.split('\n').find((line) => line.startsWith('Pertama'));
    assert.equal(row?.replace(/\s+/g, ' ').trim(), `Pertama ${formatDate(due, catalogue)} ${formatDate(due, catalogue)} Sudah bekerja`, text);
    const second = text.split('\n').find((line) => line.startsWith('Kedua'));
    assert.equal(second?.replace(/\s+/g, ' ').trim(), `Kedua ${formatDate(signed.reportDueDates[1]!, catalogue)}`, 'the second report is not made yet');

    // The events say what happened, never who: no NIK, access code, phone, employer or position in any; the return
    // visit's own events not even the number (ak1-card-ready names the file, which carries it, by contract).
    const events = (await recorded(page)).events;
    const report = events.filter((event) => event.type === 'ak1-report');
    assert.deepEqual(
      report.map((event) => JSON.parse(event.detail)),
      [{ status: 'PLACED', kind: 'placed' }],
    );
    assert.ok(events.some((event) => event.type === 'ak1-lookup'));
    for (const event of events) {
      const secrets = [a.nik, code, a.phoneDigits, 'Baja Pesisir', 'Gudang', ...(/^ak1-(lookup|report|view-change|error)$/.test(event.type) ? [number] : [])];
      for (const secret of secrets) assert.ok(!event.detail.includes(secret), `${event.type}: ${event.detail}`);
    }

    // Leaving the view: nothing of the lookup on the device.
    await press(page, T.status.close);
    assert.deepEqual(oursIn(await readDevice(page)), []);
    await context.close();
  });
});
