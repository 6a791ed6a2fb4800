import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setDefaultRegionsUrl } from '../../src/element.js';
import type { Ak1Form } from '../../src/components/ak1-form.js';
import { $, IDENTITY, REGIONS_URL, fill, pressContinue, resetDevice, settle } from './form-helpers.js';

/** Where the library build's element module is, as the runner serves it (src/ here, dist/ in the package). */
const COMPONENTS_MODULE = new URL('/src/components/ak1-form.ts', location.href);

/** A form without `regions-url`, on the contact step; every URL it fetches is recorded. */
async function contactStep(fetched: string[]): Promise<Ak1Form> {
  await resetDevice();
  const realFetch = window.fetch;
  window.fetch = (input, init) => {
    fetched.push(String(input instanceof Request ? input.url : input));
    return realFetch(input, init);
  };
  const container = document.createElement('div');
  container.innerHTML = `<ak1-form endpoint="/api/ak1" district-code="36.04" district-name="Kabupaten Serang"
    office-name="Disnakertrans Kabupaten Serang" office-address="Jl. Veteran No. 1, Serang"></ak1-form>`;
  const el = await fixture<Ak1Form>(html`${container.firstElementChild}`);
  await settle(el);
  await fill(el, IDENTITY);
  await pressContinue(el);
  return el;
}

describe('<ak1-form> region lists without regions-url', () => {
  const realFetch = window.fetch;
  const realError = console.error;
  let errors: string[];
  /**
   * The form's own console errors, less the endpoint check's: these pages have no backend at /api/ak1, and the
   * check that says so after the first step is form-endpoint.test.ts's business.
   */
  const formErrors = () => errors.filter((e) => e.startsWith('ak1-form:') && !e.startsWith('ak1-form: the endpoint'));
  beforeEach(() => {
    errors = [];
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  });
  afterEach(() => {
    window.fetch = realFetch;
    console.error = realError;
    setDefaultRegionsUrl(new URL('../region-data/', COMPONENTS_MODULE));
  });

  it('looks in the package’s region-data/ folder, one up from the element’s module, not beside it', async () => {
    const fetched: string[] = [];
    const el = await contactStep(fetched);
    await fill(el, { 'address.provinceCode': '36' });
    await waitUntil(() => fetched.some((url) => url.includes('/regencies/36.json')), 'no regency list was asked for');
    const url = fetched.find((u) => u.includes('/regencies/36.json'))!;
    expect(url).to.equal(new URL('../region-data/regencies/36.json', COMPONENTS_MODULE).href);
    expect(url).not.to.contain('/components/region-data/');
  });

  it('logs one console error naming regions-url and the URL when a list fails to load (an app’s HTML fallback)', async () => {
    const fetched: string[] = [];
    const el = await contactStep(fetched);
    // What a bundled app's preview server answers for a folder it does not have: its index page.
    window.fetch = async (input) => {
      fetched.push(String(input));
      return new Response('<!doctype html><title>App</title>', { status: 200, headers: { 'content-type': 'text/html' } });
    };
    await fill(el, { 'address.provinceCode': '36' });
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Daftar wilayah tidak dapat dimuat'), 'no failure shown', { timeout: 5000 });
    const ours = formErrors();
    expect(ours).to.have.length(1);
    expect(ours[0]).to.contain('regions-url');
    expect(ours[0]).to.contain('setDefaultRegionsUrl');
    expect(ours[0]).to.contain(new URL('../region-data/', COMPONENTS_MODULE).href);
    expect(ours[0]).to.contain('regencies/36.json');
  });

  it('takes the whole app’s folder from one setDefaultRegionsUrl line, relative to the page', async () => {
    setDefaultRegionsUrl(REGIONS_URL);
    const fetched: string[] = [];
    const el = await contactStep(fetched);
    await fill(el, { 'address.provinceCode': '36', 'address.regencyCode': '36.04' });
    const regency = () => $<HTMLSelectElement>(el, '[name="address.regencyCode"]')?.value;
    await waitUntil(() => regency() === '36.04', `the regency was not chosen (${regency()})`, { timeout: 5000 });
    expect(fetched).to.include(new URL(`${REGIONS_URL}regencies/36.json`, location.href).href);
    expect(formErrors()).to.deep.equal([]);
  });
});
