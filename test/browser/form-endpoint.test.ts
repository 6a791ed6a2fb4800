import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { idJourney } from '../../src/i18n/id/journey.js';
import { createAk1Handlers } from '../../src/mocks/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import { $, IDENTITY, fill, heading, journeyToReview, newForm, pressContinue, settle } from './form-helpers.js';
import type { Ak1Form } from '../../src/components/ak1-form.js';

/*
 * A wrong endpoint is found once the applicant leaves the first step, not at Kirim on step 7: the applicant is
 * told plainly, the webmaster finds `endpoint` named in the console, and Kirim never promises to send later
 * what cannot be sent (the queued promise is for failures that may cure themselves).
 */

const ENDPOINT = `${location.origin}/api/ak1`;
const worker = setupWorker();
const WRONG = idJourney.review.failed.endpoint;

function spyOnConsoleError() {
  const logged: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    logged.push(args.map(String).join(' '));
    original(...args);
  };
  return { logged, restore: () => (console.error = original) };
}

const notice = (el: Ak1Form) => [...el.shadowRoot!.querySelectorAll('[role="alert"]')].find((node) => node.textContent!.includes(WRONG));

async function submitAndGetError(el: Ak1Form): Promise<string> {
  const codes: string[] = [];
  el.addEventListener('ak1-error', (event) => codes.push(event.detail.code));
  $<HTMLButtonElement>(el, 'button[type=submit]')!.click();
  await waitUntil(() => codes.length > 0, 'no ak1-error', { timeout: 30_000 });
  await settle(el);
  return codes[0]!;
}

describe('<ak1-form> with a wrong endpoint', function () {
  this.timeout(90_000);
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
  });
  after(() => worker.stop());
  beforeEach(() => {
    sessionStorage.clear();
    worker.resetHandlers(
      ...createAk1Handlers({ endpoint: ENDPOINT, store: createMemoryStore() }),
      // Another site's path: the district site answers, but no ak1 backend is there.
      http.all(`${location.origin}/wrong/*`, () => new HttpResponse('Not found', { status: 404 })),
    );
  });
  afterEach(() => sessionStorage.clear());

  it('a path with no backend (404): told after the first step, logged naming endpoint, and Kirim says it cannot be sent', async () => {
    const spy = spyOnConsoleError();
    try {
      const el = await newForm();
      el.endpoint = '/wrong/api/ak1';
      await settle(el);
      expect(notice(el)).to.equal(undefined);
      await fill(el, IDENTITY);
      await pressContinue(el);
      expect(heading(el)).to.equal('Kontak dan alamat');
      await waitUntil(() => notice(el), 'the applicant was not told', { timeout: 10_000 });
      const logged = spy.logged.find((line) => line.includes('/wrong/api/ak1'));
      expect(logged, spy.logged.join('\n')).to.match(/endpoint/);
      expect(logged).to.match(/404/);

      // The applicant may still go on (the answers are kept); Kirim does not promise anything.
      el.remove();
      const again = await newForm();
      again.endpoint = '/wrong/api/ak1';
      await settle(again);
      await journeyToReview(again);
      expect(await submitAndGetError(again)).to.equal('endpoint');
      expect($(again, '.notice')!.textContent).to.not.contain(idJourney.review.queued);
      expect(again.shadowRoot!.textContent).to.contain(WRONG);
      expect(sessionStorage.getItem('ak1-form:outbox'), 'nothing waits to be sent').to.equal(null);
    } finally {
      spy.restore();
    }
  });

  it('a backend whose CORS does not allow this page: told after the first step, Kirim gives no queued promise and keeps the outbox', async () => {
    // The same server under another origin (127.0.0.1 instead of localhost): it answers without CORS headers.
    const foreign = `${location.protocol}//127.0.0.1:${location.port}/api/ak1`;
    const spy = spyOnConsoleError();
    try {
      const el = await newForm();
      el.endpoint = foreign;
      await settle(el);
      await journeyToReview(el);
      await waitUntil(() => notice(el), 'the applicant was not told', { timeout: 10_000 });
      expect(spy.logged.find((line) => line.includes(foreign)), spy.logged.join('\n')).to.match(/CORS/);
      const code = await submitAndGetError(el);
      expect(code).to.equal('endpoint');
      expect(el.shadowRoot!.textContent).to.not.contain(idJourney.review.queued);
      // No reply is not a refusal: the outbox and its key wait for the endpoint to be mended.
      expect(sessionStorage.getItem('ak1-form:outbox'), 'the outbox is kept').to.not.equal(null);
    } finally {
      spy.restore();
    }
  });

  it('a working endpoint: no notice, nothing logged', async () => {
    const spy = spyOnConsoleError();
    try {
      const el = await newForm();
      await fill(el, IDENTITY);
      await pressContinue(el);
      await settle(el, 200);
      expect(notice(el)).to.equal(undefined);
      expect(spy.logged).to.deep.equal([]);
    } finally {
      spy.restore();
    }
  });
});
