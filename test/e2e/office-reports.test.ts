/**
 * Issue 15, the counter's "Laporan" on `npm start`'s /office page, under the demo's strict CSP: a card signed today
 * is counted in this month's tables, and both downloads (CSV, and the spreadsheet from its lazily loaded chunk)
 * arrive as files, with no CSP violation and nothing on the console. The screen's details are the browser test's
 * (test/browser/office-reports.test.ts); this one holds the built bundle under the real policy.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { idOfficeReports as R } from '../../src/i18n/id/office-reports.js';
import { idOffice as T } from '../../src/i18n/id/office.js';
import { openPage, recorded, startDemo, type Demo, type OpenedPage } from './helpers.js';
import { axeViolations, counterSettings, jakartaToday, launchCounter, loginByApi, OFFICERS, officeApi, registerByApi, waitForOfficeText } from './office-helpers.js';

let demo: Demo;
let browser: Browser;
let counter: OpenedPage;

before(async () => {
  [demo, browser] = await Promise.all([startDemo(counterSettings()), launchCounter()]);
});

after(async () => {
  await counter?.context.close();
  await browser?.close();
  await demo?.stop();
});

const office = (page: Page) => page.locator('ak1-office');

async function download(page: Page, name: RegExp): Promise<{ file: string; bytes: Buffer }> {
  const arrived = page.waitForEvent('download', { timeout: 30_000 });
  await office(page).getByRole('button', { name }).first().click();
  const file = await arrived;
  const path = await file.path();
  return { file: file.suggestedFilename(), bytes: readFileSync(path) };
}

describe('the counter’s monthly report under the strict CSP', () => {
  test('a card signed today is in this month’s tables; CSV and spreadsheet download; no CSP violation', { timeout: 180_000 }, async () => {
    const made = await registerByApi(demo.url, 1501);
    const token = await loginByApi(demo.url, OFFICERS.pengantar);
    for (const action of ['verify', 'sign']) {
      const { body } = await officeApi(demo.url, token, `registrations/${made.registrationNumber}`);
      const done = await officeApi(demo.url, token, `registrations/${made.registrationNumber}/actions`, { action, version: body.version });
      assert.equal(done.status, 200, `${action}: ${JSON.stringify(done.body)}`);
    }

    counter = await openPage(browser);
    const { page } = counter;
    await page.goto(`${demo.url}/office`);
    await office(page).getByLabel(T.login.username).fill(OFFICERS.petugas.username);
    await office(page).getByLabel(T.login.password, { exact: true }).fill(OFFICERS.petugas.password);
    await office(page).getByRole('button', { name: T.login.submit, exact: true }).click();
    await waitForOfficeText(page, T.nav.signedInAs(OFFICERS.petugas.name));
    await office(page).getByRole('navigation').getByRole('button', { name: R.nav, exact: true }).click();
    await waitForOfficeText(page, R.title);
    // The screen opens on last month; this month is the first in the list.
    const month = jakartaToday().slice(0, 7);
    await office(page).getByLabel(R.monthLabel).selectOption(month);
    await office(page).getByRole('button', { name: R.show, exact: true }).click();
    const total = office(page).locator('#table-byAge tfoot tr');
    await total.filter({ hasText: `${R.total}` }).waitFor();
    await page.waitForFunction(
      () => document.querySelector('ak1-office')?.shadowRoot?.querySelector('#table-byAge caption')?.textContent?.includes('berjalan') === true,
    );
    const totals = (await total.locator('td').allTextContents()).map((t) => t.trim()).filter(Boolean);
    assert.deepEqual(totals.slice(1, 2), ['1'], 'one registered this month');
    await waitForOfficeText(page, R.funnel.title);

    const csv = await download(page, new RegExp(`^${R.downloads.csv}`));
    assert.equal(csv.file, `${R.downloads.files.byAge(month)}.csv`);
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with its byte-order mark');
    assert.match(csv.bytes.toString('utf8'), new RegExp(`"${R.columns.age}","${R.columns.sex}"`));

    const xlsx = await download(page, new RegExp(`^${R.downloads.xlsx.replace(/[().]/g, '\\$&')}`));
    assert.equal(xlsx.file, `${R.downloads.files.byAge(month)}.xlsx`);
    assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip');
    assert.ok(xlsx.bytes.includes(Buffer.from('xl/worksheets/sheet1.xml')), 'with a worksheet');

    const { violations } = await recorded(page);
    assert.deepEqual(violations, [], 'no CSP violation');
    assert.deepEqual(counter.console.filter((line) => /^(error|pageerror)/.test(line)), [], 'nothing wrong on the console');
    assert.deepEqual(await axeViolations(page), [], 'axe on the report screen');
  });
});
