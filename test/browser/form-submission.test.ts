import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { createAk1Handlers } from '../../src/mocks/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import { calendarDate } from '../../src/schema/index.js';
import { $, heading, journeyToReview, newForm, pressContinue, fill, IDENTITY } from './form-helpers.js';

/*
 * The submission controller and the focus controller inside the form: the outbox and its key are dropped only
 * when the backend refused for good (the client's `isRefusedForGood`), and focus moved for a render gives
 * back the `tabindex` it added.
 */

const ENDPOINT = `${location.origin}/api/ak1`;
const worker = setupWorker();

describe('<ak1-form> submission', () => {
  let store: ReturnType<typeof createMemoryStore>;
  let keys: string[];
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
  });
  after(() => worker.stop());
  beforeEach(() => {
    sessionStorage.clear();
    store = createMemoryStore();
    keys = [];
    worker.resetHandlers(...createAk1Handlers({ endpoint: ENDPOINT, store }));
  });
  afterEach(() => sessionStorage.clear());

  /** Records each registration's Idempotency-Key; returning nothing, it leaves the answer to the handlers after it. */
  const recordKeys = () =>
    http.post(ENDPOINT, ({ request }) => {
      keys.push(request.headers.get('Idempotency-Key') ?? '');
    });

  it('keeps the outbox and its key when a registered reply comes back garbled, so the next press gets the number', async () => {
    const el = await newForm();
    await journeyToReview(el);
    // The backend registers, and its reply arrives cut in half: the outcome is unknown to the form.
    worker.use(recordKeys(), ...createAk1Handlers({ endpoint: ENDPOINT, store, faults: { sequence: ['garbled-reply'] } }));
    const errors: string[] = [];
    el.addEventListener('ak1-error', (event) => errors.push(event.detail.code));
    $<HTMLButtonElement>(el, 'button[type=submit]')!.click();
    await waitUntil(() => errors.length > 0, 'no ak1-error', { timeout: 10_000 });
    expect(errors).to.deep.equal(['queued']);
    expect(await store.listRegistrations({ registrationDate: calendarDate() })).to.have.length(1);
    expect(sessionStorage.getItem('ak1-form:outbox'), 'the outbox stays on the device').to.not.equal(null);
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'submit-status', 'focus on the status', { timeout: 5000 });

    $<HTMLButtonElement>(el, 'button[type=submit]')!.click();
    await waitUntil(() => $(el, '.panel-number'), 'no registration number', { timeout: 10_000 });
    expect(keys).to.have.length(2);
    expect(keys[1], 'the second press resends with the same key').to.equal(keys[0]);
    expect(await store.listRegistrations({ registrationDate: calendarDate() })).to.have.length(1);
    expect(sessionStorage.getItem('ak1-form:outbox')).to.equal(null);
  });

  it('keeps the outbox when a working backend’s 403 arrives without its problem type (cut short on the way), and the next press registers', async () => {
    const el = await newForm();
    await journeyToReview(el);
    // The first POST meets a 403 whose body was cut: no `proof-required` left to read, so the client cannot retry it.
    worker.use(
      recordKeys(),
      http.post(ENDPOINT, () => new HttpResponse('{"type":"urn:ak1:problem:pro', { status: 403, headers: { 'content-type': 'application/problem+json' } }), { once: true }),
    );
    const errors: string[] = [];
    el.addEventListener('ak1-error', (event) => errors.push(event.detail.code));
    $<HTMLButtonElement>(el, 'button[type=submit]')!.click();
    await waitUntil(() => errors.length > 0, 'no ak1-error', { timeout: 10_000 });
    // The endpoint check finds the backend well: not a wrong endpoint, and nothing is dropped.
    expect(errors).to.deep.equal(['queued']);
    expect(sessionStorage.getItem('ak1-form:outbox'), 'the outbox stays on the device').to.not.equal(null);

    $<HTMLButtonElement>(el, 'button[type=submit]')!.click();
    await waitUntil(() => $(el, '.panel-number'), 'no registration number', { timeout: 10_000 });
    expect(keys[1], 'the second press resends with the same key').to.equal(keys[0]);
    expect(await store.listRegistrations({ registrationDate: calendarDate() })).to.have.length(1);
  });

  it('drops the outbox when the backend refuses for good (already registered), so nothing is sent again', async () => {
    const first = await newForm();
    await journeyToReview(first);
    $<HTMLButtonElement>(first, 'button[type=submit]')!.click();
    await waitUntil(() => $(first, '.panel-number'), 'no registration number', { timeout: 10_000 });
    first.remove();

    const second = await newForm();
    await journeyToReview(second, '0813-0000-1111');
    $<HTMLButtonElement>(second, 'button[type=submit]')!.click();
    await waitUntil(() => $(second, '#submit-status .notice'), 'no failure shown', { timeout: 10_000 });
    expect(sessionStorage.getItem('ak1-form:outbox')).to.equal(null);
  });
});

describe('<ak1-form> focus', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => sessionStorage.clear());

  it('focuses the new step\'s heading and removes the tabindex it added when the heading loses focus', async () => {
    const el = await newForm();
    await fill(el, IDENTITY);
    await pressContinue(el);
    expect(heading(el)).to.equal('Kontak dan alamat');
    const h2 = $(el, '.step-heading')!;
    expect(el.shadowRoot!.activeElement).to.equal(h2);
    expect(h2.getAttribute('tabindex')).to.equal('-1');
    $<HTMLInputElement>(el, '#f-phone')!.focus();
    expect(h2.hasAttribute('tabindex')).to.be.false;
  });

  it('a Change link on the check page opens the step with its field focused, and Continue comes back', async () => {
    const el = await newForm();
    await journeyToReview(el);
    const change = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('.summary-row a')].find((a) => a.textContent!.includes('Nomor HP'))!;
    change.click();
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'f-phone', 'the phone field is focused', { timeout: 5000 });
    expect(heading(el)).to.equal('Kontak dan alamat');
    await pressContinue(el);
    expect(heading(el)).to.equal('Periksa jawaban Anda');
  });
});
