/**
 * `npm run screenshots:office`: the README's two pictures of the counter, at 1280×800 (an office PC), against
 * `npm start`'s server with the demo's fixed officers: "Hari ini" with a morning's visits, two of them checked
 * in (docs/images/office-queue.png), and the record of a visitor still waiting, with its status, actions and photo
 * (docs/images/office-record.png). Not part of `npm test`; needs the build.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, launchBrowser, openPage, startDemo } from './helpers.js';
import { OFFICERS, counterSettings, loginByApi, officeApi, registerByApi, waitForOfficeText, type MadeRegistration } from './office-helpers.js';

const OUT = join(ROOT, 'docs/images');
mkdirSync(OUT, { recursive: true });

const NAMES = ['Agus Salim', 'Dedi Kurniawan', 'Bambang Supriyadi', 'Rudi Hartono', 'Eko Prasetyo', 'Joko Susilo', 'Hendra Gunawan'];

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    (active as HTMLElement | null)?.blur?.();
    window.scrollTo(0, 0);
  });
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled', caret: 'hide' });
  console.log(`  docs/images/${name}.png`);
}

const demo = await startDemo(counterSettings());
const browser = await launchBrowser();
try {
  // A morning's visits on the first open day, in the order the applicants registered.
  const first = await registerByApi(demo.url, 4001, { fullName: NAMES[0]! });
  const visitDate = first.appointment!.date;
  const made: MadeRegistration[] = [first];
  for (const [i, fullName] of NAMES.slice(1).entries()) made.push(await registerByApi(demo.url, 4002 + i, { visitDate, fullName }));
  const token = await loginByApi(demo.url, OFFICERS.petugas);
  for (const registration of made.slice(0, 2)) {
    const path = `registrations/${encodeURIComponent(registration.registrationNumber)}`;
    const { body } = await officeApi(demo.url, token, path);
    await officeApi(demo.url, token, `${path}/actions`, { action: 'check-in', version: body.version });
  }

  const { page } = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(`${demo.url}/office`);
  const office = page.locator('ak1-office');
  await office.getByLabel('Nama pengguna').fill(OFFICERS.petugas.username);
  await office.getByLabel('Kata sandi', { exact: true }).fill(OFFICERS.petugas.password);
  await office.getByRole('button', { name: 'Masuk', exact: true }).click();
  await waitForOfficeText(page, `Masuk sebagai ${OFFICERS.petugas.name}`);
  await office.getByLabel('Tanggal kunjungan').fill(visitDate);
  await office.getByRole('button', { name: 'Tampilkan', exact: true }).click();
  await waitForOfficeText(page, NAMES.at(-1)!);
  await shoot(page, 'office-queue');

  // A visitor still waiting: the record as the officer first sees it, every action its status allows.
  await office.getByRole('button', { name: `Buka ${NAMES[2]}`, exact: true }).click();
  await waitForOfficeText(page, `Pendaftaran ${made[2]!.registrationNumber}`);
  await shoot(page, 'office-record');
} finally {
  await browser.close();
  await demo.stop();
}
