/**
 * `npm run screenshots`: the README's pictures of the journey. Every step of the registration at 360×740 (a
 * common cheap Android phone's viewport), filled in with the fixture applicant against `npm start`'s server,
 * plus the error summary of an empty first step, written to docs/images/step-<n>-<id>.png. Not part of
 * `npm test`; needs the build.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  ROOT,
  STEPS,
  applicant,
  chooseVisit,
  fillContact,
  fillDocuments,
  fillEducation,
  fillIdentity,
  fillWork,
  giveConsent,
  launchBrowser,
  openPage,
  pressContinue,
  startDemo,
  submit,
  waitForStep,
  type Step,
} from './helpers.js';

const OUT = join(ROOT, 'docs/images');
mkdirSync(OUT, { recursive: true });

/** Scrolls the form's top (or `selector` in it) to the top of the screen, without focus rings from the filling. */
async function frame(page: Page, selector?: string): Promise<void> {
  await page.evaluate((selector) => {
    const root = document.querySelector('ak1-form')!;
    (document.activeElement as HTMLElement | null)?.blur?.();
    (root.shadowRoot!.activeElement as HTMLElement | null)?.blur?.();
    const target = (selector && root.shadowRoot!.querySelector(selector)) || root;
    window.scrollTo(0, target.getBoundingClientRect().top + window.scrollY - 8);
  }, selector);
  // Lazily loaded pictures and fonts settle before the picture is taken.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
}

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  console.log(`  docs/images/${name}.png`);
}

const FILL: Partial<Record<Step, (page: Page) => Promise<unknown>>> = {
  identity: (page) => fillIdentity(page, applicant(3)),
  contact: (page) => fillContact(page, applicant(3)),
  education: (page) => fillEducation(page, applicant(3)),
  work: (page) => fillWork(page, applicant(3)),
  documents: (page) => fillDocuments(page),
  visit: (page) => chooseVisit(page),
  consent: (page) => giveConsent(page),
};
/** What each picture shows first: the step's top, or the part that tells the most. */
const FRAME: Partial<Record<Step, string>> = { documents: 'ak1-photo-step', consent: '#f-consent' };

const demo = await startDemo();
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser, { viewport: { width: 360, height: 740 }, mobile: true });
  await page.goto(`${demo.url}/`);
  await waitForStep(page, 'identity');
  // The error state: Continue on the empty first step.
  await pressContinue(page);
  await page.locator('ak1-form').locator('.error-summary').waitFor();
  await frame(page);
  await shoot(page, 'step-1-identity-errors');

  for (const [index, step] of STEPS.entries()) {
    const fill = FILL[step];
    if (fill) await fill(page);
    await frame(page, FRAME[step]);
    await shoot(page, `step-${index + 1}-${step}`);
    if (step === 'done') break;
    if (step === 'review') await submit(page);
    else await pressContinue(page);
    await waitForStep(page, STEPS[index + 1]!);
  }
} finally {
  await browser.close();
  await demo.stop();
}
