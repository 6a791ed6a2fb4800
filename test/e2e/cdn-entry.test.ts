import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT, applicant, fieldValue, fillIdentity, inForm, launchBrowser, openPage, press, pressContinue, requireBuild, waitForStep } from './helpers.js';

/*
 * The script-tag entry, dist/cdn/ak1-form.js, as one file with the element: the first step needs the page and
 * that one script; the later steps' code comes after it is usable. The same file, run a second time or in a
 * browser that lacks what the form needs, does nothing harmful: a warning, or the office's address.
 */

const SITE = 'https://www.serangkab.example';
const ENTRY = `${SITE}/ak1/cdn/ak1-form.js`;

function page(scripts: string[]): string {
  return `<!doctype html>
<html lang="id">
  <head><meta charset="utf-8" /><title>AK/I</title><link rel="icon" href="data:," />
    ${scripts.map((src) => `<script type="module" src="${src}"></script>`).join('\n    ')}
  </head>
  <body>
    <ak1-form endpoint="${SITE}/api/ak1" district-code="36.04" office-name="Disnakertrans Kabupaten Serang"
      office-address="Jl. Veteran No. 1, Serang"></ak1-form>
  </body>
</html>`;
}

/** Serves the page and dist/ under /ak1/ (self-hosted, as docs/component.md describes); notes every script asked for. */
async function serve(tab: Page, scripts: string[]): Promise<string[]> {
  const asked: string[] = [];
  await tab.route(`${SITE}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/') return route.fulfill({ status: 200, contentType: 'text/html', body: page(scripts) });
    if (url.pathname.startsWith('/api/')) return route.fulfill({ status: 503, body: '' });
    const file = normalize(join(ROOT, 'dist', decodeURIComponent(url.pathname.slice('/ak1/'.length))));
    if (!url.pathname.startsWith('/ak1/') || !file.startsWith(join(ROOT, 'dist')) || !existsSync(file)) return route.fulfill({ status: 404, body: '' });
    if (file.endsWith('.js')) asked.push(url.pathname + url.search);
    return route.fulfill({ status: 200, contentType: file.endsWith('.js') ? 'text/javascript' : 'application/json', body: readFileSync(file) });
  });
  return asked;
}

let browser: Browser;
before(async () => {
  requireBuild();
  browser = await launchBrowser();
});
after(() => browser?.close());

describe('the script-tag entry', () => {
  test('shows the first step from the one script, then fetches the checks unasked, and the next step only after it', async () => {
    const { page: tab, context, console: logged } = await openPage(browser);
    try {
      const asked = await serve(tab, [ENTRY]);
      // Added after serve(): Playwright asks the newest route first. The checks' chunk is held back until the
      // first step has shown, so the step cannot be waiting for it (nor for the configuration's check in it).
      let checksAsked = false;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await tab.route(/\/chunks\/checks-[^/]*\.js$/, async (route) => {
        checksAsked = true;
        await held;
        await route.fallback();
      });
      await tab.goto(`${SITE}/`);
      await waitForStep(tab, 'identity');
      // The page, then this one script: nothing else was fetched by the time the first step showed.
      assert.deepEqual(asked, ['/ak1/cdn/ak1-form.js']);
      // The checks are asked for right after, without the applicant doing anything.
      for (let i = 0; i < 100 && !checksAsked; i++) await tab.waitForTimeout(100);
      assert.ok(checksAsked, 'the checks were not asked for');
      release();
      // The next step comes with the applicant's first answers: Continue works as before.
      await fillIdentity(tab, applicant(41));
      await pressContinue(tab);
      await waitForStep(tab, 'contact');
      assert.ok(asked.some((path) => /\/chunks\/contact-/.test(path)), asked.join(' '));
      assert.deepEqual(logged.filter((line) => line.startsWith('pageerror')), []);
    } finally {
      await context.close();
    }
  });

  test('the checks cannot be fetched at Continue: the step stays with its answers, and Coba lagi fetches them and goes on', async () => {
    const { page: tab, context, console: logged } = await openPage(browser);
    try {
      await serve(tab, [ENTRY]);
      // Added after serve(): Playwright asks the newest route first. Offline for the checks' chunk only.
      let offline = true;
      await tab.route(/\/chunks\/checks-[^/]*\.js$/, (route) => (offline ? route.abort('internetdisconnected') : route.fallback()));
      await tab.goto(`${SITE}/`);
      await waitForStep(tab, 'identity');
      const a = applicant(42);
      await fillIdentity(tab, a);
      await pressContinue(tab);
      await inForm(tab, '[role=alert]').filter({ hasText: 'Bagian berikutnya tidak dapat dimuat' }).waitFor({ timeout: 30_000 });
      assert.equal(await fieldValue(tab, '#f-nik'), a.nik);
      assert.equal(await fieldValue(tab, '#f-fullName'), a.fullName);
      offline = false;
      await press(tab, 'Coba lagi');
      await waitForStep(tab, 'contact');
      assert.equal(await tab.evaluate(() => document.querySelector('ak1-form')!.shadowRoot!.querySelectorAll('[role=alert]').length), 0);
      assert.deepEqual(logged.filter((line) => line.startsWith('pageerror')), []);
    } finally {
      await context.close();
    }
  });

  test('included twice, the second copy warns and the first one works', async () => {
    const { page: tab, context, console: logged } = await openPage(browser);
    try {
      // Two addresses of the same file (another version on the page would be another address too).
      await serve(tab, [ENTRY, `${ENTRY}?copy=2`]);
      await tab.goto(`${SITE}/`);
      await waitForStep(tab, 'identity');
      // Module scripts run in order: the second copy's warning comes once it has run.
      for (let i = 0; i < 100 && !logged.some((line) => line.includes('already defined')); i++) await tab.waitForTimeout(100);
      const warnings = logged.filter((line) => line.startsWith('warning:') && line.includes('already defined'));
      assert.equal(warnings.length, 1, logged.join('\n'));
      assert.deepEqual(logged.filter((line) => line.startsWith('pageerror')), []);
      assert.equal(await tab.evaluate(() => document.querySelectorAll('ak1-form [role=alert]').length), 0);
    } finally {
      await context.close();
    }
  });

  test('in a browser without shadow DOM, each form shows the office instead and nothing throws', async () => {
    const { page: tab, context, console: logged } = await openPage(browser);
    try {
      await tab.addInitScript(() => {
        delete (Element.prototype as { attachShadow?: unknown }).attachShadow;
      });
      await serve(tab, [ENTRY]);
      await tab.goto(`${SITE}/`);
      const notice = tab.locator('ak1-form [role=alert]');
      await notice.waitFor({ timeout: 30_000 });
      assert.match((await notice.textContent()) ?? '', /Disnakertrans Kabupaten Serang, Jl\. Veteran No\. 1, Serang/);
      assert.equal(await tab.evaluate(() => customElements.get('ak1-form') === undefined), true);
      assert.deepEqual(logged.filter((line) => line.startsWith('pageerror')), []);
    } finally {
      await context.close();
    }
  });
});
