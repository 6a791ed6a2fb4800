import { expect, waitUntil } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createAk1Handlers } from '../../src/mocks/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import { calendarDate } from '../../src/schema/index.js';
import { KBJI_SUGGESTED_CODES } from '../../src/schema/kbji.js';
import { $, $$, CONTACT, attach, EDUCATION, IDENTITY, fill, heading, jpegBase64, newForm, pressContinue, settle } from './form-helpers.js';

/*
 * The work step's position suggestions carry KBJI 2014 codes: a title chosen from them is stored with its code, a
 * title typed freely (or a suggestion typed on into something else) without one, and the list offers every code.
 */

const ENDPOINT = `${location.origin}/api/ak1`;
const worker = setupWorker();

describe('<ak1-form> position suggestions with KBJI codes', () => {
  let store: ReturnType<typeof createMemoryStore>;
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
  });
  after(() => worker.stop());
  beforeEach(() => {
    sessionStorage.clear();
    store = createMemoryStore();
    worker.resetHandlers(...createAk1Handlers({ endpoint: ENDPOINT, store }));
  });
  afterEach(() => sessionStorage.clear());

  it('stores a chosen suggestion with its code and a freely typed title without one', async () => {
    const el = await newForm();
    await fill(el, IDENTITY);
    await pressContinue(el);
    await fill(el, CONTACT);
    await pressContinue(el);
    await fill(el, EDUCATION);
    await pressContinue(el);
    expect(heading(el)).to.contain('Pengalaman');

    const options = $$<HTMLOptionElement>(el, '#ak1-position-suggestions option').map((option) => option.value);
    expect(options.length).to.equal(KBJI_SUGGESTED_CODES.length);
    expect(options).to.include('Tukang Las');

    // As the browser does when a datalist option is picked: the value, then an input event.
    await fill(el, { 'jobPreferences.positions.0.title': 'tukang  las ', 'jobPreferences.location': 'DALAM_NEGERI' });
    $$<HTMLButtonElement>(el, 'button').find((button) => button.textContent!.includes('Tambah pilihan pekerjaan'))!.click();
    await settle(el);
    // A suggestion first, then typed on into a title of the applicant's own.
    await fill(el, { 'jobPreferences.positions.1.title': 'Operator Produksi' });
    await fill(el, { 'jobPreferences.positions.1.title': 'Operator Produksi Sepatu' });
    await expect(el).to.be.accessible();
    await pressContinue(el);

    const photo = await jpegBase64(300, 400);
    attach(el, { photo: { mediaType: 'image/jpeg', dataBase64: photo }, documents: [{ kind: 'KTP', mediaType: 'image/jpeg', dataBase64: photo }] });
    await settle(el);
    await pressContinue(el);
    await pressContinue(el);
    await fill(el, { consent: true });
    await pressContinue(el);
    expect(heading(el)).to.equal('Periksa jawaban Anda');
    $<HTMLButtonElement>(el, 'button[type=submit]')!.click();
    await waitUntil(() => $(el, '.panel-number'), 'no registration number', { timeout: 10_000 });

    const [stored] = await store.listRegistrations({ registrationDate: calendarDate() });
    expect(stored!.application.jobPreferences.positions).to.deep.equal([{ title: 'tukang las', kbji: '7212' }, { title: 'Operator Produksi Sepatu' }]);
  });
});
