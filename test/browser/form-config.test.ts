import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { id } from '../../src/i18n/index.js';
import type { Ak1Form } from '../../src/components/ak1-form.js';
import { $, REGIONS_URL, resetDevice, settle } from './form-helpers.js';

/*
 * The configuration's check comes with the checks' chunk, after the first step (issue 17): the first step
 * renders from the configuration as set, the chunk is fetched without the applicant doing anything, and a
 * mistake then replaces the form with the notice and one `Ak1ConfigError` in the console. A form made once the
 * chunk is on the page checks at once.
 */

const GOOD = `endpoint="/api/ak1" district-code="36.04" district-name="Kabupaten Serang" regions-url="${REGIONS_URL}"`;

/** A form with these attributes only (the helpers' `newForm` sets a good endpoint of its own). */
async function formWith(attributes: string): Promise<Ak1Form> {
  await resetDevice();
  const container = document.createElement('div');
  container.innerHTML = `<ak1-form ${attributes}></ak1-form>`;
  return fixture<Ak1Form>(html`${container.firstElementChild}`);
}

const notice = (el: Ak1Form) => [...el.shadowRoot!.querySelectorAll('[role="alert"]')].find((node) => node.textContent!.includes(id.ui.configError));
const checked = (el: Ak1Form) => (el as unknown as { configChecked: boolean }).configChecked;
const checksRequested = () => performance.getEntriesByType('resource').some((entry) => /\/components\/form\/checks\.[jt]s/.test(entry.name));

/** Every `Ak1ConfigError` logged while `run` runs (and the form settles). */
async function configErrorsDuring(run: () => Promise<void>): Promise<Error[]> {
  const logged: Error[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    for (const arg of args) if (arg instanceof Error && arg.name === 'Ak1ConfigError') logged.push(arg);
    original(...args);
  };
  try {
    await run();
  } finally {
    console.error = original;
  }
  return logged;
}

describe('<ak1-form>: the configuration is checked after the first step', function () {
  this.timeout(30_000);

  // First in this file: nothing on the page has fetched the checks before, so both forms render their first step
  // from the configuration as set, and are checked when the chunk comes.
  it('fetches the checks without any interaction; then a mistake replaces the form with the notice, and a good configuration never shows it', async () => {
    expect(checksRequested(), 'no form has asked for the checks yet').to.equal(false);
    let bad!: Ak1Form;
    let good!: Ak1Form;
    let noticeSeen = false;
    const errors = await configErrorsDuring(async () => {
      bad = await formWith(`${GOOD} min-age="abc"`);
      good = await formWith(GOOD);
      const watch = new MutationObserver(() => (noticeSeen ||= !!notice(good)));
      watch.observe(good.shadowRoot!, { childList: true, subtree: true, characterData: true });
      try {
        noticeSeen ||= !!notice(good);
        await waitUntil(checksRequested, 'the checks were not requested', { timeout: 15_000 });
        await waitUntil(() => notice(bad), 'no notice for the mistake', { timeout: 15_000 });
        await waitUntil(() => checked(good), 'the good configuration was not checked', { timeout: 15_000 });
        await settle(good);
        await settle(bad, 50);
      } finally {
        watch.disconnect();
      }
    });
    expect(errors, 'one Ak1ConfigError').to.have.length(1);
    expect((errors[0] as Error & { problems: string[] }).problems.some((line) => line.startsWith('minAge:')), String(errors[0])).to.equal(true);
    expect($(bad, '[name="nik"]'), 'the form is gone').to.equal(null);
    expect(checked(bad)).to.equal(false);
    expect(noticeSeen, 'the notice showed for a good configuration').to.equal(false);
    for (const el of [bad, good]) expect(el.shadowRoot!.activeElement, 'nothing was focused').to.equal(null);
    expect($(good, '.step-heading')!.textContent).to.equal(id.form.identity.title);
    expect($(good, '[name="nik"]')).to.exist;
  });

  it('once the checks are on the page, a javascript: endpoint shows the notice in the first render and logs one Ak1ConfigError', async () => {
    let el!: Ak1Form;
    const errors = await configErrorsDuring(async () => {
      el = await formWith('endpoint="javascript:x" district-code="36.04"');
      // No first step from the unchecked values: the checks are here.
      expect(notice(el), 'the notice in the first render').to.exist;
      expect($(el, '[name="nik"]')).to.equal(null);
      await settle(el, 50);
    });
    expect(errors).to.have.length(1);
    expect((errors[0] as Error & { problems: string[] }).problems.some((line) => line.startsWith('endpoint:')), String(errors[0])).to.equal(true);
  });
});
