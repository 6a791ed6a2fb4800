/**
 * Issue 8: the storage audit, in the real page against the reference server. After each step and after
 * success, everything the origin keeps (sessionStorage, localStorage, cookies, every IndexedDB database and
 * object store, bytes read as Latin-1, UTF-8 and UTF-16) is searched for the NIK, the phone and slices of the
 * prepared photo and KTP:
 * - without "Ingat di perangkat ini": only the tab draft in sessionStorage may hold the typed answers (never
 *   the photo); nothing anywhere after success or after "Hapus data saya";
 * - with it: only ciphertext anywhere, nothing after success, and nothing after 72 hours (controlled clock).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  STEPS,
  applicant,
  attachmentSecrets,
  chooseKtp,
  choosePhoto,
  completeStep,
  fillIdentity,
  inForm,
  launchBrowser,
  leaks,
  openPage,
  oursIn,
  pageNow,
  places,
  press,
  pressContinue,
  readDevice,
  recorded,
  secretsOf,
  startDemo,
  submit,
  tick,
  typeInto,
  waitForDraftWith,
  waitForNoDatabase,
  waitForSealedDraft,
  waitForStep,
  type DeviceContents,
  type Demo,
  type Secret,
  type Step,
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

const HOUR = 3600 * 1000;

/** Waits until the tab draft was written after `sinceMs` (its savedAt), so an audit sees the latest write. */
async function waitForDraftSince(page: Page, sinceMs: number): Promise<void> {
  await page.waitForFunction(
    (since) => {
      try {
        return JSON.parse(sessionStorage.getItem('ak1-form:draft') ?? '{}').savedAt >= since;
      } catch {
        return false;
      }
    },
    sinceMs,
    { timeout: 10_000 },
  );
}

/** Nothing of ak1-form's left, and no secret anywhere (sessionStorage included). */
function assertNothingLeft(contents: DeviceContents, secrets: Secret[], when: string): void {
  assert.deepEqual(oursIn(contents), [], `nothing of ak1-form's ${when}`);
  assert.deepEqual(leaks(places(contents), secrets), [], `no NIK, phone or photo bytes ${when}`);
}

test('without "Ingat": after each step, the typed answers only in the tab draft, never the photo; nothing after success', { timeout: 120_000 }, async () => {
  const a = applicant(20);
  const { page, context } = await openPage(browser);
  const personal = secretsOf(a);
  let secrets = personal;
  const audits: string[] = [];
  /** Outside sessionStorage: nothing of ours at all. Inside: the tab draft only, with no photo bytes. */
  const audit = async (when: string) => {
    const contents = await readDevice(page);
    assert.deepEqual(oursIn(contents).filter((place) => !place.startsWith('sessionStorage')), [], `no localStorage key, database or cookie of ours ${when}`);
    assert.deepEqual(leaks(places(contents, { withSession: false }), secrets), [], `nothing personal outside the tab ${when}`);
    assert.deepEqual(
      contents.sessionStorage.map(([key]) => key).filter((key) => key.startsWith('ak1-form')),
      ['ak1-form:draft'],
      `only the tab draft ${when}`,
    );
    const attachments = secrets.filter((secret) => !personal.includes(secret));
    assert.deepEqual(leaks(places(contents), attachments), [], `no photo or document bytes in the tab draft ${when}`);
    audits.push(when);
  };
  try {
    await page.goto(`${demo.url}/`);
    await waitForStep(page, 'identity');
    assert.deepEqual(oursIn(await readDevice(page)), [], 'a first visit writes nothing');
    await fillIdentity(page, a);
    await waitForDraftWith(page, [a.nik, a.fullName]);
    await audit('on the identity step');
    for (const step of STEPS.slice(0, 7)) {
      if (step === 'documents') {
        await choosePhoto(page);
        // Each attachment saves the draft again (without it): audit the write after the last one.
        const since = await pageNow(page);
        await chooseKtp(page);
        secrets = [...personal, ...(await attachmentSecrets(page))];
        await waitForDraftSince(page, since);
        await audit('with the photo and KTP chosen');
        await pressContinue(page);
        await waitForStep(page, 'visit');
      } else if (step !== 'identity') {
        await completeStep(page, step, a);
      } else {
        await pressContinue(page);
        await waitForStep(page, 'contact');
      }
      const next = STEPS[STEPS.indexOf(step) + 1]!;
      await waitForDraftWith(page, [`"step":"${next}"`]);
      await audit(`after ${step}, on ${next}`);
    }
    await submit(page);
    await waitForStep(page, 'done');
    assertNothingLeft(await readDevice(page), secrets, 'after success');
    assert.equal(audits.length, 9);
    assert.equal(demo.registrations(a.nik).length, 1);
  } finally {
    await context.close();
  }
});

test('"Hapus data saya" removes everything of ak1-form’s, the tab draft and the remembered draft alike', { timeout: 120_000 }, async () => {
  const a = applicant(21);
  const { page, context } = await openPage(browser);
  try {
    await page.goto(`${demo.url}/`);
    await waitForStep(page, 'identity');
    await fillIdentity(page, a);
    await pressContinue(page);
    await waitForStep(page, 'contact');
    await typeInto(page, '#f-phone', a.phone);
    await waitForDraftWith(page, [a.phone]);
    assert.deepEqual(oursIn(await readDevice(page)), ['sessionStorage ak1-form:draft']);
    await press(page, 'Hapus data saya dari perangkat ini');
    await inForm(page, '#device-notice').filter({ hasText: 'Semua data Anda sudah dihapus' }).waitFor();
    assertNothingLeft(await readDevice(page), secretsOf(a), 'after "Hapus data saya" (tab draft)');
    await waitForStep(page, 'identity');
    assert.equal(await inForm(page, '#f-nik').inputValue(), '');

    // Again with the answers remembered on the device (IndexedDB, encrypted).
    await fillIdentity(page, a);
    const since = await pageNow(page);
    await tick(page, '#ak1-remember');
    await waitForSealedDraft(page, since);
    assert.ok((await readDevice(page)).databases.includes('ak1-form'));
    await press(page, 'Hapus data saya dari perangkat ini');
    await inForm(page, '#device-notice').filter({ hasText: 'Semua data Anda sudah dihapus' }).waitFor();
    await waitForNoDatabase(page);
    assertNothingLeft(await readDevice(page), secretsOf(a), 'after "Hapus data saya" (remembered)');
    assert.equal(await inForm(page, '#ak1-remember').isChecked(), false);
  } finally {
    await context.close();
  }
});

/**
 * With "Ingat": fills to the check page, auditing after each step that the latest encrypted write holds
 * nothing readable. Returns the page's clock at the last write.
 */
async function rememberedToReview(page: Page, a: ReturnType<typeof applicant>): Promise<{ lastWrite: number; secrets: Secret[] }> {
  let secrets = secretsOf(a);
  const audit = async (when: string) => {
    // The encrypted write removes the tab draft once it has committed (a moment after other readers see it).
    await page
      .waitForFunction(() => sessionStorage.getItem('ak1-form:draft') === null, undefined, { timeout: 5_000 })
      .catch(() => assert.fail(`the plaintext tab draft stays beside the encrypted one ${when}`));
    const contents = await readDevice(page);
    assert.deepEqual(leaks(places(contents), secrets), [], `only ciphertext ${when}`);
    const stored = Object.entries(contents.indexedDB);
    assert.ok(stored.some(([place, texts]) => place === 'ak1-form/records' && texts.length > 0), `the encrypted draft is there ${when}`);
    const keys = stored.filter(([place]) => place === 'ak1-form/keys').flatMap(([, texts]) => texts);
    assert.ok(keys.some((text) => text.includes('extractable=false')), 'the device key is a non-extractable CryptoKey');
    assert.ok(!keys.some((text) => text.includes('extractable=true')));
  };
  await page.goto(`${demo.url}/`);
  await waitForStep(page, 'identity');
  await fillIdentity(page, a);
  await waitForDraftWith(page, [a.nik]);
  let since = await pageNow(page);
  await tick(page, '#ak1-remember');
  await waitForSealedDraft(page, since);
  await audit('after ticking "Ingat" on the identity step');
  for (const step of STEPS.slice(0, 7) as Step[]) {
    await completeStep(page, step, a);
    if (step === 'documents') secrets = [...secretsOf(a), ...(await attachmentSecrets(page))];
    // Opening a step schedules the (debounced) write of everything so far: wait for that one.
    const events = (await recorded(page)).events.filter((event) => event.type === 'ak1-step-change');
    since = events.at(-1)!.at;
    await waitForSealedDraft(page, since);
    await audit(`after ${step}`);
  }
  // Nothing was typed on the check page: that write was the last, none is pending.
  return { lastWrite: since, secrets };
}

test('with "Ingat": only ciphertext after each step; offered again within 72 hours, nothing left after them', { timeout: 120_000 }, async () => {
  const a = applicant(22);
  const { page, context } = await openPage(browser);
  try {
    const { lastWrite, secrets } = await rememberedToReview(page, a);
    await page.close();

    // Within 72 hours, a new visit on this device is offered the remembered registration (a control for below).
    await context.clock.install({ time: lastWrite + 71 * HOUR });
    const before72 = await context.newPage();
    await before72.goto(`${demo.url}/`);
    await waitForStep(before72, 'identity');
    await inForm(before72, '#ak1-remembered-title').waitFor({ timeout: 15_000 });
    assert.ok((await readDevice(before72)).databases.includes('ak1-form'));
    await before72.close();

    // 72 hours and a minute after the last write: the visit finds it expired and removes every trace.
    await context.clock.setSystemTime(lastWrite + 72 * HOUR + 60_000);
    const after72 = await context.newPage();
    await after72.goto(`${demo.url}/`);
    await waitForStep(after72, 'identity');
    await waitForNoDatabase(after72);
    assertNothingLeft(await readDevice(after72), secrets, 'after 72 hours');
    assert.equal(await inForm(after72, '#ak1-remembered-title').count(), 0, 'nothing is offered');
  } finally {
    await context.close();
  }
});

test('with "Ingat": nothing of ak1-form’s left after success', { timeout: 120_000 }, async () => {
  const a = applicant(23);
  const { page, context } = await openPage(browser);
  try {
    const { secrets } = await rememberedToReview(page, a);
    await submit(page);
    await waitForStep(page, 'done');
    await waitForNoDatabase(page);
    assertNothingLeft(await readDevice(page), secrets, 'after success');
    assert.equal(demo.registrations(a.nik).length, 1);
  } finally {
    await context.close();
  }
});
