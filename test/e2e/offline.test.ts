/**
 * Issue 8: the network cut while submitting, then restored: exactly one registration in the server's SQLite
 * file, sent under one idempotency key; the same with a reload while offline and the page opened again
 * online. Keyboard only up to the check page, as in journey.test.ts.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  REGISTRATION_NUMBER,
  STEPS,
  applicant,
  completeStep,
  inForm,
  launchBrowser,
  openPage,
  oursIn,
  readDevice,
  registrationNumber,
  startDemo,
  startGate,
  tick,
  submit,
  waitForStep,
  type Applicant,
  type Demo,
  type Gate,
  type OpenedPage,
} from './helpers.js';

let demo: Demo;
let gate: Gate;
let browser: Browser;

before(async () => {
  demo = await startDemo();
  gate = await startGate(demo.url);
});

// A browser of its own for each test: nothing of one offline spell carries over to the next.
beforeEach(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  await browser?.close();
});

after(async () => {
  await gate?.close();
  await demo?.stop();
});

/** The notice the check page shows while the submission waits on the device for the connection. */
const QUEUED = 'Belum tersambung ke kantor';

async function toReview(opened: OpenedPage, a: Applicant, { url = demo.url, remember = false } = {}): Promise<void> {
  await opened.page.goto(`${url}/`);
  await waitForStep(opened.page, 'identity');
  // "Ingat di perangkat ini": the outbox then waits encrypted in IndexedDB instead of the tab's sessionStorage.
  if (remember) await tick(opened.page, '#ak1-remember');
  for (const step of STEPS.slice(0, 7)) await completeStep(opened.page, step, a);
  await waitForStep(opened.page, 'review');
}

/** The client retries a few times with backoff before it queues: up to about 16 s. */
async function waitForQueued(page: Page): Promise<void> {
  await inForm(page, '#submit-status').filter({ hasText: QUEUED }).waitFor({ timeout: 45_000 });
}

function postKeys(opened: OpenedPage): string[] {
  return opened.apiRequests.filter((request) => request.method === 'POST').map((request) => request.idempotencyKey ?? '(none)');
}

test('the network cut before sending, then restored: queued on the device, then exactly one registration', { timeout: 120_000 }, async () => {
  const a = applicant(10);
  const opened = await openPage(browser);
  const { page, context } = opened;
  try {
    await toReview(opened, a);
    await context.setOffline(true);
    await submit(page);
    await waitForQueued(page);
    assert.deepEqual(demo.registrations(a.nik), [], 'nothing reached the server while offline');
    // Kept in the tab until the server confirms: the outbox is there, with the application.
    assert.ok((await readDevice(page)).sessionStorage.some(([key]) => key === 'ak1-form:outbox'), 'the outbox is kept in the tab');

    await context.setOffline(false);
    await waitForStep(page, 'done');
    const number = await registrationNumber(page);
    assert.match(number, REGISTRATION_NUMBER);
    const rows = demo.registrations(a.nik);
    assert.equal(rows.length, 1, 'exactly one registration');
    assert.equal(rows[0]!.registration_number, number);
    const keys = new Set(postKeys(opened));
    assert.deepEqual([...keys], [rows[0]!.idempotency_key], 'every attempt carried the one key the server stored');
    assert.deepEqual(oursIn(await readDevice(page)), [], 'the outbox and draft are gone once the server confirmed');
  } finally {
    await context.close();
  }
});

test('the reply lost after the server registered it, then the network back: the resend gets the same registration', { timeout: 120_000 }, async () => {
  const a = applicant(11);
  const opened = await openPage(browser);
  const { page, context } = opened;
  try {
    await toReview(opened, a);
    const statuses: number[] = [];
    // The first request reaches the server and is committed; the connection drops before the reply arrives,
    // and stays down for the client's retries.
    await page.route('**/api/ak1', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      if (statuses.length) return route.abort('internetdisconnected');
      statuses.push((await route.fetch()).status());
      await context.setOffline(true);
      await route.abort('internetdisconnected');
    });
    await submit(page);
    await waitForQueued(page);
    assert.deepEqual(statuses, [201], 'the first attempt was registered');
    const stored = demo.registrations(a.nik);
    assert.equal(stored.length, 1, 'the server registered the first attempt');

    await page.unroute('**/api/ak1');
    await context.setOffline(false);
    await waitForStep(page, 'done');
    assert.equal(await registrationNumber(page), stored[0]!.registration_number, 'the replay returns the stored registration');
    assert.deepEqual(demo.registrations(a.nik), stored, 'still exactly one registration');
    assert.deepEqual([...new Set(postKeys(opened))], [stored[0]!.idempotency_key]);
    assert.match(demo.output(), /POST \/api\/ak1 200 /, 'the server answered the resend as a replay (200)');
  } finally {
    await context.close();
  }
});

/**
 * Offline for the page and airtight: chromium lifts its offline emulation from the document it swaps out
 * when a reload fails (the error page commits in another process), and that document then hears `online`
 * and reaches the network. The gate cuts the server off for real meanwhile.
 */
async function goOffline(opened: OpenedPage): Promise<void> {
  await opened.context.setOffline(true);
  gate.shut();
}

async function goOnline(opened: OpenedPage): Promise<void> {
  gate.open();
  await opened.context.setOffline(false);
}

for (const remember of [false, true]) {
  test(
    `a reload while offline, then the page opened again online, sends the queued registration by itself, exactly once${remember ? ' (with "Ingat")' : ''}`,
    { timeout: 120_000 },
    async () => {
      const a = applicant(remember ? 13 : 12);
      const opened = await openPage(browser);
      const { page, context } = opened;
      try {
        await toReview(opened, a, { url: gate.url, remember });
        await goOffline(opened);
        await submit(page);
        await waitForQueued(page);
        const key = postKeys(opened)[0];
        assert.ok(key, 'the first attempt carried a key');

        // Offline, the reload cannot load the page: the browser shows its own error page.
        await assert.rejects(page.reload(), /ERR_INTERNET_DISCONNECTED/);
        await page.waitForURL(/^chrome-error:/);
        assert.deepEqual(demo.registrations(a.nik), []);

        await goOnline(opened);
        await page.goto(`${gate.url}/`);
        // No key press: the form finds its outbox on the device and sends it.
        await waitForStep(page, 'done', 20_000);
        const number = await registrationNumber(page);
        assert.match(number, REGISTRATION_NUMBER);
        const rows = demo.registrations(a.nik);
        assert.equal(rows.length, 1, 'exactly one registration');
        assert.equal(rows[0]!.registration_number, number);
        assert.deepEqual([...new Set(postKeys(opened))], [rows[0]!.idempotency_key]);
        assert.equal(rows[0]!.idempotency_key, key, 'the key from before the reload');
        assert.deepEqual(oursIn(await readDevice(page)), []);
      } finally {
        await context.close();
      }
    },
  );
}
