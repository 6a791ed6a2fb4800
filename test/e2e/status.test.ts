/**
 * The applicant comes back (issue 14), end to end in chromium against the demo server of `npm start`: registered,
 * the applicant looks up the registration in <ak1-form>'s status view; an officer asks for a correction of the
 * photo through the office API; the applicant sees the reason, corrects and sends; the office verifies and signs;
 * the applicant looks up again, downloads the card again (the signed card marked as a copy, read with pdftotext),
 * finds the report not open yet, and cancels, which frees the NIK. Nothing of the lookup stays on the device.
 * The report itself, six months after signing, is made in status-later.test.ts with the clocks moved.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { idSelf as T } from '../../src/i18n/id/self.js';
import { testApplicant } from '../node/helpers/applicants.js';
import { formText, inForm, launchBrowser, oursIn, openPage, readDevice, recorded, startDemo, waitForFormText, type Demo } from './helpers.js';
import { OFFICERS, axeViolations, counterSettings, officeAct, pdfToText, registerByApi } from './office-helpers.js';

let demo: Demo;
let browser: Browser;

before(async () => {
  [demo, browser] = await Promise.all([startDemo(counterSettings()), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

async function pressButton(page: Page, label: string): Promise<void> {
  await inForm(page, `button:text-is("${label}")`).first().click();
}

async function lookUp(page: Page, number: string, nik: string, code: string) {
  await inForm(page, '#f-registrationNumber').fill(number);
  await inForm(page, '#f-nik').fill(nik);
  await inForm(page, '#f-accessCode').fill(code);
  await pressButton(page, T.lookup.submit);
  await waitForFormText(page, T.status.heading);
}

describe('the applicant comes back (status view)', () => {
  test('look up, correct the photo the office asked for, the signed card again as a copy, cancel', { timeout: 120_000 }, async () => {
    const made = await registerByApi(demo.url, 41);
    const { nik } = testApplicant(41);
    const code = made.accessCode as string;
    assert.match(code, /^[A-HJ-NP-Z2-9]{8}$/);
    const { page } = await openPage(browser);
    await page.goto(`${demo.url}/`);
    await inForm(page, '.status-link a').click();
    await waitForFormText(page, T.lookup.submit);
    assert.deepEqual(await axeViolations(page), []);

    await lookUp(page, made.registrationNumber, nik, code);
    assert.match(await formText(page), /Terkirim, menunggu verifikasi/);

    // The office asks for another photo; the applicant looks again and sees the reason.
    await officeAct(demo.url, OFFICERS.petugas, made.registrationNumber, { action: 'request-correction', reason: [{ code: 'photo', note: 'Latar merah' }] });
    await pressButton(page, T.status.close);
    await inForm(page, '.status-link a').click();
    await waitForFormText(page, T.lookup.submit);
    await lookUp(page, made.registrationNumber, nik, code);
    const needs = await formText(page);
    assert.match(needs, /Perlu perbaikan/);
    assert.ok(needs.includes(T.reasons.codes.photo) && needs.includes('Latar merah'), needs);
    assert.ok(!needs.includes(OFFICERS.petugas.name), 'no officer’s name');
    assert.deepEqual(await axeViolations(page), []);

    await pressButton(page, T.correction.start);
    await waitForFormText(page, 'Periksa jawaban Anda');
    // The reason leads to the photo step.
    await inForm(page, `.correction a:has-text("${T.reasons.fix}")`).click();
    await page.waitForFunction(() => !!document.querySelector('ak1-form')?.shadowRoot?.querySelector('ak1-photo-step'));
    assert.ok((await formText(page)).includes(T.correction.documentsKept));
    assert.deepEqual(await axeViolations(page), []);
    await inForm(page, 'form[part="form"] button[type="submit"]').first().click();
    await waitForFormText(page, 'Periksa jawaban Anda');
    await inForm(page, 'button:has-text("Kirim")').first().click();
    await waitForFormText(page, T.correction.sent);
    assert.match(await formText(page), /Terkirim, menunggu verifikasi/);

    // Verified and signed at the counter; the applicant downloads the card again: the signed copy.
    await officeAct(demo.url, OFFICERS.petugas, made.registrationNumber, { action: 'verify' });
    await officeAct(demo.url, OFFICERS.pengantar, made.registrationNumber, { action: 'sign' });
    await pressButton(page, T.status.close);
    await inForm(page, '.status-link a').click();
    await waitForFormText(page, T.lookup.submit);
    await lookUp(page, made.registrationNumber, nik, code);
    assert.match(await formText(page), /Kartu sah/);
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await pressButton(page, T.card.download);
    const file = await download;
    const dir = mkdtempSync(join(tmpdir(), 'ak1-e2e-status-'));
    try {
      await file.saveAs(join(dir, 'card.pdf'));
      const text = pdfToText(new Uint8Array(readFileSync(join(dir, 'card.pdf'))));
      assert.match(text, /Salinan/);
      assert.match(text, new RegExp(made.registrationNumber));
      assert.doesNotMatch(text, /belum sah/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // The first report opens months from now: the server says from which day, in words.
    await inForm(page, '#f-report\\.kind').check();
    await pressButton(page, T.report.submit);
    const [opensFrom] = T.errors.reportClosed('\u0000').split('\u0000');
    await waitForFormText(page, opensFrom!);

    // Cancelling, confirmed in the dialog: the NIK is free again.
    await pressButton(page, T.cancel.start);
    await inForm(page, '#ak1-cancel-dialog').waitFor({ state: 'visible' });
    assert.deepEqual(await axeViolations(page), []);
    await pressButton(page, T.cancel.confirm);
    await waitForFormText(page, T.cancel.done);
    assert.match(await formText(page), /Dibatalkan/);
    const again = await registerByApi(demo.url, 41);
    assert.notEqual(again.registrationNumber, made.registrationNumber);

    // The events say what happened, never who.
    const events = (await recorded(page)).events.filter((event) => /^ak1-(lookup|correct|cancel|report|view-change|error)$/.test(event.type));
    assert.ok(events.some((event) => event.type === 'ak1-correct'));
    assert.ok(events.some((event) => event.type === 'ak1-cancel' && event.detail === JSON.stringify({ status: 'CANCELLED' })));
    for (const event of events) {
      assert.ok(!event.detail.includes(nik) && !event.detail.includes(made.registrationNumber) && !event.detail.includes(code), event.detail);
    }

    // Leaving the view: nothing of the lookup on the device (no storage of any kind of ours).
    await pressButton(page, T.status.close);
    assert.deepEqual(oursIn(await readDevice(page)), []);
    await page.context().close();
  });
});
