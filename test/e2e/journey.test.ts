/**
 * Issue 7: the whole registration, keyboard only, against `npm start`'s server and its SQLite store, on
 * three pages that load the built script-tag bundle: the portal page, a page under the strict CSP with
 * Trusted Types enforced, and a page whose global CSS attacks every element. Issue 8: no NIK or phone in
 * the console or in any `ak1-*` event but `ak1-submit`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  REGISTRATION_NUMBER,
  STEPS,
  applicant,
  completeJourney,
  downloadCardText,
  inForm,
  launchBrowser,
  leaks,
  openPage,
  recorded,
  secretsOf,
  startDemo,
  type Demo,
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

describe('the registration, keyboard only, on the portal page', () => {
  const siti = applicant(3);
  let page: Page;
  let number: string;
  let consoleLines: string[];

  before(async () => {
    const opened = await openPage(browser);
    page = opened.page;
    consoleLines = opened.console;
    await page.goto(`${demo.url}/`);
    number = await completeJourney(page, siti);
  });

  after(() => page?.context().close());

  test('goes through every step in order to the done screen with a registration number', async () => {
    const { steps } = await recorded(page);
    assert.deepEqual(steps.filter((step, i) => step !== steps[i - 1]), STEPS.slice(1), 'the steps shown, in order');
    assert.match(number, REGISTRATION_NUMBER);
    // Sent, not yet approved: the card is valid once signed at the office (issue 14's wording).
    assert.equal(await inForm(page, '.step-heading').textContent(), 'Terkirim, menunggu verifikasi');
  });

  test('the server stored exactly one registration, with that number and the name as typed', () => {
    const rows = demo.registrations(siti.nik);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.registration_number, number);
    assert.equal(rows[0]!.full_name, 'Siti Nur’aini');
  });

  test('"Unduh kartu (PDF)" downloads the card, whose text holds the name (character for character) and the number', async () => {
    const { fileName, text } = await downloadCardText(page);
    assert.equal(fileName, `kartu-ak1-${number}.pdf`);
    assert.ok(text.includes('Siti Nur’aini'), 'the name with its U+2019 apostrophe');
    assert.ok(text.includes(number), 'the registration number');
  });

  test('no NIK or phone in the console, in any ak1-* event but ak1-submit, or in the server log', async () => {
    const { events } = await recorded(page);
    const secrets = secretsOf(siti);
    const submit = events.filter((event) => event.type === 'ak1-submit');
    // The recorder sees personal data where it is allowed: without this the audit below could pass blind.
    assert.equal(submit.length, 1);
    assert.deepEqual(leaks([['ak1-submit', submit[0]!.detail]], secrets), ['ak1-submit: NIK', 'ak1-submit: phone']);
    const types = new Set(events.map((event) => event.type));
    for (const type of ['ak1-step-change', 'ak1-success', 'ak1-card-ready']) assert.ok(types.has(type), `${type} was recorded`);
    const others = events.filter((event) => event.type !== 'ak1-submit').map((event): [string, string] => [event.type, event.detail]);
    assert.deepEqual(leaks(others, secrets), []);
    assert.deepEqual(leaks(consoleLines.map((line): [string, string] => ['console', line]), secrets), []);
    assert.deepEqual(leaks([['server log', demo.output()]], secrets), []);
    // No URL the page asked for carries them either.
    const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
    assert.deepEqual(leaks(urls.map((url): [string, string] => ['url', url]), secrets), []);
  });
});

describe('the built bundle on a strict-CSP page with Trusted Types enforced', () => {
  test('the same journey completes with zero securitypolicyviolation events', async () => {
    const { page, context } = await openPage(browser);
    try {
      const response = await page.goto(`${demo.url}/strict-csp.html`);
      // The page's own policy and npm start's header each enforce Trusted Types, and each reports a refusal.
      const policies =
        (await page.locator('meta[http-equiv="Content-Security-Policy"]').count()) +
        ((await response?.headerValue('content-security-policy'))?.includes('require-trusted-types-for') ? 1 : 0);
      const number = await completeJourney(page, applicant(4));
      assert.match(number, REGISTRATION_NUMBER);
      // The card is made under the policy too.
      const { text } = await downloadCardText(page);
      assert.ok(text.includes(number));
      assert.deepEqual((await recorded(page)).violations, []);
      assert.equal(await page.locator('#csp-violations').textContent(), 'Pelanggaran CSP: 0');
      // The policy is in force and the listeners hear it: a string to innerHTML is refused and counted.
      const refused = await page.evaluate(() => {
        try {
          document.createElement('div').innerHTML = '<b>x</b>';
          return false;
        } catch (error) {
          return error instanceof TypeError;
        }
      });
      assert.ok(refused, 'Trusted Types are enforced');
      await page.waitForFunction(
        (count) => (window as unknown as { __ak1: { violations: unknown[] } }).__ak1.violations.length === count,
        policies,
      );
      assert.match((await page.locator('#csp-violations').textContent()) ?? '', new RegExp(`^Pelanggaran CSP: ${policies} `));
    } finally {
      await context.close();
    }
  });
});

describe('the built bundle on a page with hostile global CSS', () => {
  /** Controls of the step that a person should see: every input, select, button and link but the visually hidden ones. */
  async function invisibleControls(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const root = document.querySelector('ak1-form')!.shadowRoot!;
      const hidden: string[] = [];
      for (const element of root.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href], label')) {
        // File inputs are visually hidden on purpose: their labels are the buttons people see and press.
        if (element.matches('.ak1-media-file, .visually-hidden *, .ak1-media-vh *, details:not([open]) *')) continue;
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (box.width < 1 || box.height < 1 || style.display === 'none' || style.visibility !== 'visible' || Number(style.opacity) === 0) {
          hidden.push(`${element.localName}${element.id ? `#${element.id}` : ''} ${Math.round(box.width)}×${Math.round(box.height)} ${style.display}`);
        }
      }
      return hidden;
    });
  }

  /**
   * What hostile.css sets on every element that would reach inside by inheritance (the font is inherited on
   * purpose: the form takes the site's font).
   */
  async function inheritedFromHost(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const root = document.querySelector('ak1-form')!.shadowRoot!;
      const found: string[] = [];
      for (const element of root.querySelectorAll<HTMLElement>('h2, h3, p, label, legend, input, select, button, a, dt, dd, li')) {
        const style = getComputedStyle(element);
        // Its own letter-spacing; and a <details>' content, whose flat-tree parent is the browser's own slot.
        if (element.closest('.panel-number, details')) continue;
        if (style.textTransform !== 'none' || style.letterSpacing !== 'normal' || style.boxSizing !== 'border-box') {
          found.push(`${element.localName}${element.id ? `#${element.id}` : ''}: ${style.textTransform} ${style.letterSpacing} ${style.boxSizing}`);
        }
      }
      return found.slice(0, 5);
    });
  }

  test('the same journey completes, every control visible on every step, and the host page’s form is never submitted', async () => {
    const { page, context } = await openPage(browser);
    const hostSubmits: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/tidak-boleh-terkirim')) hostSubmits.push(request.method());
    });
    try {
      await page.goto(`${demo.url}/hostile.html`);
      const hiddenBySteps: Array<[Step, string[]]> = [];
      const leakedBySteps: Array<[Step, string[]]> = [];
      const number = await completeJourney(page, applicant(5), {
        onStep: async (step) => {
          const hidden = await invisibleControls(page);
          if (hidden.length) hiddenBySteps.push([step, hidden]);
          const leaked = await inheritedFromHost(page);
          if (leaked.length) leakedBySteps.push([step, leaked]);
        },
      });
      assert.match(number, REGISTRATION_NUMBER);
      assert.deepEqual(hiddenBySteps, []);
      assert.deepEqual(leakedBySteps, [], 'the page’s text-transform, letter-spacing and box-sizing stop at the form');
      assert.deepEqual(hostSubmits, [], 'Enter inside <ak1-form> never submits the host page’s <form>');
      assert.equal(new URL(page.url()).pathname, '/hostile.html');
    } finally {
      await context.close();
    }
  });
});
