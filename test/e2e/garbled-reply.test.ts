/**
 * Issue 11, part 3: the server registers the applicant, but the reply arrives garbled (a proxy, a cut
 * connection: a 2xx whose body the schema refuses). The outcome is unknown to the form, so it keeps the
 * outbox and its Idempotency-Key: pressing "Kirim pendaftaran" again resends with the same key (no
 * `already-registered`), and after a reload the queued submission is sent by itself and shows the number the
 * server stored. Exactly one registration, every request under one key. Keyboard only up to the check page.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import type { Browser, Page, Route } from 'playwright-core';
import {
  REGISTRATION_NUMBER,
  STEPS,
  applicant,
  completeStep,
  launchBrowser,
  openPage,
  oursIn,
  readDevice,
  recorded,
  registrationNumber,
  startDemo,
  submit,
  tick,
  waitForStep,
  type Applicant,
  type Demo,
  type OpenedPage,
} from './helpers.js';

let demo: Demo;
let browser: Browser;

before(async () => {
  demo = await startDemo();
});

beforeEach(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  await browser?.close();
});

after(async () => {
  await demo?.stop();
});

async function toReview(opened: OpenedPage, a: Applicant, remember: boolean): Promise<void> {
  await opened.page.goto(`${demo.url}/`);
  await waitForStep(opened.page, 'identity');
  if (remember) await tick(opened.page, '#ak1-remember');
  for (const step of STEPS.slice(0, 7)) await completeStep(opened.page, step, a);
  await waitForStep(opened.page, 'review');
}

/** The real reply with its body cut in half: still the real status and headers, no longer the registration. */
async function garbled(route: Route, statuses: number[]): Promise<void> {
  const response = await route.fetch();
  statuses.push(response.status());
  const text = await response.text();
  const headers = { ...response.headers() };
  delete headers['content-length'];
  await route.fulfill({ status: response.status(), headers, body: text.slice(0, Math.floor(text.length / 2)) });
}

/** Waits until the form has reported `count` failures in all (`ak1-error`), and returns their details. */
async function waitForErrors(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction(
    (count) => (window as unknown as { __ak1: { events: Array<{ type: string }> } }).__ak1.events.filter((event) => event.type === 'ak1-error').length >= count,
    count,
    { timeout: 30_000 },
  );
  return (await recorded(page)).events.filter((event) => event.type === 'ak1-error').map((event) => event.detail);
}

function postKeys(opened: OpenedPage): string[] {
  return opened.apiRequests.filter((request) => request.method === 'POST').map((request) => request.idempotencyKey ?? '(none)');
}

for (const remember of [false, true]) {
  test(
    `a garbled reply after the server registered: Kirim again, then a reload, shows the number; exactly one registration${remember ? ' (with "Ingat")' : ''}`,
    { timeout: 180_000 },
    async () => {
      const a = applicant(remember ? 21 : 20);
      const opened = await openPage(browser);
      const { page, context } = opened;
      try {
        await toReview(opened, a, remember);
        const statuses: number[] = [];
        await page.route('**/api/ak1', (route) => (route.request().method() === 'POST' ? garbled(route, statuses) : route.continue()));

        await submit(page);
        const first = await waitForErrors(page, 1);
        assert.deepEqual(statuses, [201], 'the server registered the first request; its reply was garbled and not retried');
        assert.match(first[0]!, /Ak1ResponseError/);
        const stored = demo.registrations(a.nik);
        assert.equal(stored.length, 1, 'the server holds the registration the form could not read');

        // The applicant sees a failure and presses again: the same key, so the server replays (200), not 409.
        await submit(page);
        await waitForErrors(page, 2);
        assert.deepEqual(statuses, [201, 200], 'the second press was answered as a replay of the first, not as already-registered');
        assert.deepEqual(demo.registrations(a.nik), stored, 'still one registration');

        // The reply is readable again; the applicant reloads, and the form sends what waits on the device.
        await page.unroute('**/api/ak1');
        await page.reload();
        await waitForStep(page, 'done', 30_000);
        const number = await registrationNumber(page);
        assert.match(number, REGISTRATION_NUMBER);
        assert.equal(number, stored[0]!.registration_number, 'the number the server stored with the first request');
        assert.deepEqual(demo.registrations(a.nik), stored, 'exactly one registration');
        const keys = postKeys(opened);
        assert.equal(keys.length, 3, 'two presses and one resend after the reload');
        assert.deepEqual([...new Set(keys)], [stored[0]!.idempotency_key], 'every request carried the key the server stored');
        assert.deepEqual(oursIn(await readDevice(page)), [], 'the outbox and draft are gone once the server confirmed');
      } finally {
        await context.close();
      }
    },
  );
}
