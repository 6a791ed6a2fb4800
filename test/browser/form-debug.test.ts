import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { enDebug } from '../../src/i18n/en/debug.js';
import { idDebug } from '../../src/i18n/id/debug.js';
import { createAk1Handlers } from '../../src/mocks/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import type { Ak1Form } from '../../src/components/ak1-form.js';
import { newForm, settle } from './form-helpers.js';

/*
 * `debug` as a setup self-check: with it, the form checks the endpoint (https, reachable, CORS for the page and
 * for the form's headers, the schedule answering), the region lists and the later chunks, and reports each in
 * a panel in the page (Indonesian or English) and in the console, a failure with its fix. Without it, none of
 * this loads.
 */

const ENDPOINT = `${location.origin}/api/ak1`;
const worker = setupWorker();

function spyOnConsole() {
  const lines: Array<{ level: 'info' | 'error'; text: string }> = [];
  const original = { info: console.info, error: console.error };
  for (const level of ['info', 'error'] as const) {
    console[level] = (...args: unknown[]) => {
      lines.push({ level, text: args.map(String).join(' ') });
      original[level](...args);
    };
  }
  return { lines, restore: () => Object.assign(console, original) };
}

const outcomes = (el: Ak1Form) =>
  Object.fromEntries([...el.shadowRoot!.querySelectorAll<HTMLElement>('.self-check-list li')].map((li) => [li.dataset.check, li.dataset.outcome]));

async function panelDone(el: Ak1Form) {
  await waitUntil(() => el.shadowRoot!.querySelector('.self-check-list'), 'no self-check results', { timeout: 20_000 });
  await settle(el);
}

describe('<ak1-form debug>: the setup self-check', function () {
  this.timeout(60_000);
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
  });
  after(() => worker.stop());
  beforeEach(() => {
    sessionStorage.clear();
    worker.resetHandlers(
      ...createAk1Handlers({ endpoint: ENDPOINT, store: createMemoryStore() }),
      http.all(`${location.origin}/wrong/*`, () => new HttpResponse('Not found', { status: 404 })),
    );
  });

  it('without debug: no panel, and the self-check is never loaded', async () => {
    // The first test of this page: nothing has loaded the self-check before.
    const el = await newForm();
    await settle(el, 100);
    expect(el.shadowRoot!.querySelector('.self-check')).to.equal(null);
    // (This file imports the debug texts itself, to compare; the form's own modules are what must not load.)
    const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(loaded.filter((name) => /components\/form\/(self-check|debug)/.test(name))).to.deep.equal([]);
  });

  it('passes every check of a working setup, in the panel and the console', async () => {
    const spy = spyOnConsole();
    try {
      const el = await newForm('debug');
      await panelDone(el);
      expect(outcomes(el)).to.deep.equal({
        configuration: 'passed',
        endpointHttps: 'passed',
        endpointReachable: 'passed',
        endpointCors: 'passed',
        endpointHeaders: 'passed',
        availability: 'passed',
        regionLists: 'passed',
        chunks: 'passed',
      });
      const panel = el.shadowRoot!.querySelector('.self-check')!;
      expect(panel.textContent).to.contain(idDebug.title);
      expect(panel.textContent).to.contain(idDebug.summary(0, 8));
      expect(spy.lines.filter((line) => line.level === 'error')).to.deep.equal([]);
      expect(spy.lines.some((line) => line.text.includes(idDebug.summary(0, 8)))).to.equal(true);
      await expect(el).to.be.accessible();
    } finally {
      spy.restore();
    }
  });

  it('names what fails and how to fix it: a path with no backend, region lists that are not there (in English)', async () => {
    const spy = spyOnConsole();
    try {
      const el = await newForm('debug lang="en"');
      el.endpoint = '/wrong/api/ak1';
      el.regionsUrl = '/nowhere/region-data/';
      await settle(el);
      await waitUntil(() => outcomes(el).availability === 'failed' && outcomes(el).regionLists === 'failed', 'the failures were not found', { timeout: 20_000 });
      const text = el.shadowRoot!.querySelector('.self-check')!.textContent!;
      expect(text).to.contain(enDebug.title);
      expect(text).to.contain(enDebug.checks.availability.fix);
      expect(text).to.contain(enDebug.checks.regionLists.fix);
      const errors = spy.lines.filter((line) => line.level === 'error').map((line) => line.text);
      expect(errors.some((line) => line.includes(enDebug.checks.availability.fix) && line.includes('/wrong/api/ak1/availability'))).to.equal(true);
      expect(errors.some((line) => line.includes(enDebug.checks.regionLists.fix))).to.equal(true);
    } finally {
      spy.restore();
    }
  });

  it('finds CORS refusing this page on a backend that answers', async () => {
    const spy = spyOnConsole();
    try {
      const el = await newForm('debug');
      // The same server under another origin: it answers without CORS headers.
      el.endpoint = `${location.protocol}//127.0.0.1:${location.port}/api/ak1`;
      await settle(el);
      await waitUntil(() => outcomes(el).endpointCors === 'failed', 'CORS was not found refusing', { timeout: 20_000 });
      expect(outcomes(el)).to.include({ endpointHttps: 'passed', endpointReachable: 'passed', endpointCors: 'failed', availability: 'skipped' });
      expect(el.shadowRoot!.textContent).to.contain(idDebug.checks.endpointCors.fix);
    } finally {
      spy.restore();
    }
  });

});
