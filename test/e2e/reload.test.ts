/**
 * Issue 8: a reload in the middle of each step brings back the step and every typed field (the tab draft in
 * sessionStorage), keyboard only, against the reference server. The photo and documents are not part of the
 * tab draft (design.md, Storage: only "Ingat di perangkat ini" keeps them), so after a reload they are
 * chosen again, and the check page sends the applicant back for them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { formatPhone } from '../../src/schema/index.js';
import {
  REGISTRATION_NUMBER,
  applicant,
  chooseKtp,
  choosePhoto,
  chooseRadio,
  choose,
  chooseVisit,
  fillDocuments,
  giveConsent,
  inForm,
  launchBrowser,
  openPage,
  pressContinue,
  readDevice,
  oursIn,
  outboxApplication,
  registrationNumber,
  seedOutbox,
  startDemo,
  submit,
  tick,
  typeInto,
  valuesOf,
  waitForDraftWith,
  waitForStep,
  type Demo,
} from './helpers.js';

let demo: Demo;
let browser: Browser;

before(async () => {
  [demo, browser] = await Promise.all([startDemo(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

test('a reload in the middle of each step restores the step and every typed field', { timeout: 180_000 }, async (t) => {
  const a = applicant(6);
  const { page, context } = await openPage(browser);
  try {
    await page.goto(`${demo.url}/`);
    await waitForStep(page, 'identity');

    /** Reloads once the draft holds `saved`, then expects the step back with `fields`. */
    const reloadAndCheck = async (step: string, saved: string[], fields: Record<string, string | boolean>) => {
      await waitForDraftWith(page, saved);
      await page.reload();
      await waitForStep(page, step);
      assert.deepEqual(await valuesOf(page, fields), fields, `after a reload on ${step}`);
    };

    await t.test('identity', async () => {
      await typeInto(page, '#f-nik', a.nik);
      await typeInto(page, '#f-fullName', a.fullName);
      await typeInto(page, '#f-birthPlace', a.birthPlace);
      await choose(page, '#f-religion', a.religion);
      await reloadAndCheck('identity', [a.fullName, 'ISLAM'], {
        '#f-nik': a.nik,
        '#f-fullName': a.fullName,
        '#f-birthPlace': a.birthPlace,
        '[name="birthDate.day"]': '12',
        '[name="birthDate.month"]': '09',
        '[name="birthDate.year"]': '1990',
        '[name="sex"][value="P"]': true,
        '#f-religion': 'ISLAM',
        '#f-maritalStatus': '',
      });
      await choose(page, '#f-maritalStatus', a.maritalStatus);
      await chooseRadio(page, 'hasDisability', 'no');
      await pressContinue(page);
      await waitForStep(page, 'contact');
    });

    await t.test('contact', async () => {
      await typeInto(page, '#f-phone', a.phone);
      await choose(page, '[name="address.provinceCode"]', a.province);
      await choose(page, '[name="address.regencyCode"]', a.regency);
      await choose(page, '[name="address.districtCode"]', a.district);
      await reloadAndCheck('contact', [a.phone, '36.04.05'], {
        '#f-phone': a.phone,
        '[name="address.provinceCode"]': '36',
        '[name="address.regencyCode"]': '36.04',
        '[name="address.districtCode"]': '36.04.05',
        '[name="address.villageCode"]': '',
      });
      await choose(page, '[name="address.villageCode"]', a.village);
      await typeInto(page, '[name="address.street"]', a.street);
      await typeInto(page, '[name="address.postalCode"]', a.postalCode);
      await pressContinue(page);
      await waitForStep(page, 'education');
    });

    await t.test('education', async () => {
      await choose(page, '[name="education.0.level"]', a.educationLevel);
      await typeInto(page, '[name="education.0.institution"]', a.institution);
      await reloadAndCheck('education', [a.institution], {
        '[name="education.0.level"]': 'SMK',
        '[name="education.0.institution"]': a.institution,
        '[name="education.0.graduationYear"]': '',
      });
      await typeInto(page, '[name="education.0.graduationYear"]', a.graduationYear);
      await pressContinue(page);
      await waitForStep(page, 'work');
    });

    await t.test('work', async () => {
      await typeInto(page, '[name="jobPreferences.positions.0.title"]', a.position);
      await page.keyboard.press('Escape');
      await reloadAndCheck('work', [a.position], { '[name="jobPreferences.positions.0.title"]': a.position });
      await chooseRadio(page, 'jobPreferences.location', 'DALAM_NEGERI');
      await pressContinue(page);
      await waitForStep(page, 'documents');
    });

    await t.test('documents (the photo is not kept in the tab: chosen again)', async () => {
      await choosePhoto(page);
      await reloadAndCheck('documents', ['"step":"documents"'], {});
      assert.equal(await inForm(page, '#f-photo-file').count(), 1, 'the photo is to be chosen again');
      await fillDocuments(page);
      await pressContinue(page);
      await waitForStep(page, 'visit');
    });

    let day = '';
    await t.test('visit', async () => {
      day = await chooseVisit(page);
      await reloadAndCheck('visit', [`"preferredVisitDate":"${day}"`], { [`[name="preferredVisitDate"][value="${day}"]`]: true });
      await pressContinue(page);
      await waitForStep(page, 'consent');
    });

    await t.test('consent', async () => {
      await giveConsent(page);
      await reloadAndCheck('consent', ['"consent":true'], { '#f-consent': true });
      await pressContinue(page);
      await waitForStep(page, 'review');
    });

    await t.test('review, then the check page sends the applicant back for the photo, then done', async () => {
      await reloadAndCheck('review', ['"step":"review"'], {});
      // The region names load on this page when no earlier step has loaded their lists (a reload here).
      await inForm(page, '.summary-list').filter({ hasText: 'Kabupaten Serang' }).waitFor({ timeout: 10_000 });
      const shown = (await inForm(page, '.summary-list').allTextContents()).join(' ');
      // The phone as people write it (0812-3456-7890), whatever spacing was typed.
      for (const text of [a.nik, a.fullName, formatPhone(a.phone), a.street, a.postalCode, a.institution, a.position, 'Banten', 'Kabupaten Serang', 'Kramatwatu']) {
        assert.ok(shown.includes(text), `the check page shows ${text === a.nik ? 'the NIK' : text === formatPhone(a.phone) ? 'the phone' : text}`);
      }
      assert.doesNotMatch(shown, /36\.04/, 'no region code instead of a name');
      await submit(page);
      await waitForStep(page, 'documents');
      assert.equal(await inForm(page, '.error-summary').count(), 1);
      await choosePhoto(page);
      await chooseKtp(page);
      await pressContinue(page);
      await waitForStep(page, 'review');
      await submit(page);
      await waitForStep(page, 'done');
      const number = await registrationNumber(page);
      assert.match(number, REGISTRATION_NUMBER);
      const rows = demo.registrations(a.nik);
      assert.deepEqual(rows.map((row) => row.registration_number), [number]);
    });

    await t.test('a reload after success shows an empty first step: nothing was kept', async () => {
      await page.reload();
      await waitForStep(page, 'identity');
      assert.deepEqual(await valuesOf(page, { '#f-nik': '', '#f-fullName': '' }, 0), { '#f-nik': '', '#f-fullName': '' });
      assert.deepEqual(oursIn(await readDevice(page)), []);
    });
  } finally {
    await context.close();
  }
});

test('a reload right after typing, before the draft’s timer fires, keeps the last field too', { timeout: 60_000 }, async () => {
  const a = applicant(7);
  const { page, context } = await openPage(browser);
  try {
    await page.goto(`${demo.url}/`);
    await waitForStep(page, 'identity');
    await typeInto(page, '#f-nik', a.nik);
    // The storage code is loaded once the first draft is written; the flush on leaving needs no timer.
    await waitForDraftWith(page, [a.nik]);
    await typeInto(page, '#f-fullName', a.fullName);
    await page.reload();
    await waitForStep(page, 'identity');
    const expected = { '#f-nik': a.nik, '#f-fullName': a.fullName };
    assert.deepEqual(await valuesOf(page, expected), expected);
  } finally {
    await context.close();
  }
});

test('registered, but the done screen fails to load: the outbox stays, and a reload brings the same number, then nothing is kept', { timeout: 120_000 }, async () => {
  const application = outboxApplication(300_001);
  const { page, context } = await openPage(browser);
  try {
    await seedOutbox(context, application);
    // The done step's chunk cannot be fetched (a dropped connection at that moment): the server registers, the
    // number cannot be shown.
    const doneChunk = /\/chunks\/done-[^/]*\.js$/;
    await page.route(doneChunk, (route) => route.abort('connectionreset'));
    await page.goto(`${demo.url}/`);
    await page.waitForFunction(() => (window as unknown as { __ak1?: { events: Array<{ type: string }> } }).__ak1?.events.some((e) => e.type === 'ak1-success'), undefined, { timeout: 60_000 });
    await inForm(page, '[role=alert]').first().waitFor({ timeout: 10_000 });
    assert.equal(demo.registrations(application.nik as string).length, 1, 'registered once');
    assert.ok(oursIn(await readDevice(page)).includes('sessionStorage ak1-form:outbox'), 'the outbox is kept while no number is shown');

    await page.unroute(doneChunk);
    await page.reload();
    await waitForStep(page, 'done');
    const stored = demo.registrations(application.nik as string);
    assert.equal(stored.length, 1, 'the resend is the same registration');
    assert.equal(await registrationNumber(page), stored[0]!.registration_number);
    // The number is on the screen: now every trace leaves the device.
    for (let i = 0; i < 50 && oursIn(await readDevice(page)).length; i++) await page.waitForTimeout(100);
    assert.deepEqual(oursIn(await readDevice(page)), []);
  } finally {
    await context.close();
  }
});
