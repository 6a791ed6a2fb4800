import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore } from '../../src/server/index.js';
import { ROOT, applicant, choose, fillIdentity, launchBrowser, openPage, pressContinue, recorded, waitForStep } from './helpers.js';

/*
 * The webmaster's setup as docs/component.md writes it, on three origins: the district's page, the bundle on a
 * CDN and the backend. The browser's requests to them are answered here (playwright routes): the CDN serves
 * dist/ (as `ak1-form@<version>/dist/…`), the backend is the reference handler. What is under test is the
 * documented Content-Security-Policy (it must let the region lists load from the CDN) and the documented
 * snippet's fallback (visible when the script does not load, hidden once the element renders).
 */

const PAGE = 'https://www.serangkab.example';
const CDN = 'https://cdn.example';
const API = 'https://disnaker.example.go.id';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const BUNDLE = `${CDN}/ak1-form@${VERSION}/dist/cdn/ak1-form.js`;

const COMPONENT_DOC = readFileSync(join(ROOT, 'docs/component.md'), 'utf8');

/** The policy of docs/component.md's "Content-Security-Policy" section, as one header value. */
function documentedPolicy(): string {
  const section = COMPONENT_DOC.slice(COMPONENT_DOC.indexOf('## Content-Security-Policy'));
  const block = /```\n([\s\S]*?)```/.exec(section)![1]!;
  return block.replace(/\s+/g, ' ').trim();
}

/** The documented snippet's element, fallback content and all. */
function documentedElement(): string {
  const snippet = /```html\n([\s\S]*?)```/.exec(COMPONENT_DOC)![1]!;
  return /<ak1-form\s[\s\S]*?<\/ak1-form>/.exec(snippet)![0];
}

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.map': 'application/json' };

async function serve(page: Page, { policy, bundle = BUNDLE, cdnDown = false }: { policy: string; bundle?: string; cdnDown?: boolean }) {
  const html = `<!doctype html>
<html lang="id">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${policy}" />
    <title>Pendaftaran kartu kuning – Kabupaten Serang</title>
    <link rel="icon" href="data:," />
    <script type="module" src="${bundle}"></script>
  </head>
  <body>
    <main>${documentedElement()}</main>
  </body>
</html>`;
  await page.route(`${PAGE}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await page.route(`${CDN}/**`, (route) => {
    if (cdnDown) return route.abort('connectionrefused');
    const { pathname } = new URL(route.request().url());
    const prefix = `/ak1-form@${VERSION}/dist/`;
    const file = pathname.startsWith(prefix) ? normalize(join(ROOT, 'dist', decodeURIComponent(pathname.slice(prefix.length)))) : '';
    const headers = { 'access-control-allow-origin': '*' };
    if (!file.startsWith(join(ROOT, 'dist')) || !existsSync(file)) return route.fulfill({ status: 404, headers, body: 'Not found' });
    return route.fulfill({ status: 200, headers: { ...headers, 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }, body: readFileSync(file) });
  });
  const handler = createAk1Handler({
    store: createMemoryStore(),
    endpointPath: '/api/ak1',
    publicUrl: API,
    district: ak1DemoDistrict,
    corsOrigins: [PAGE],
  });
  await page.route(`${API}/**`, async (route) => {
    const request = route.request();
    const reply = await handler(new Request(request.url(), { method: request.method(), headers: request.headers(), body: request.postData() ?? undefined }));
    await route.fulfill({ status: reply.status, headers: Object.fromEntries(reply.headers), body: Buffer.from(await reply.arrayBuffer()) });
  });
}

/** The regencies of the chosen province in the address step's select, once loaded (or a failure notice). */
async function regencyListOutcome(page: Page): Promise<'loaded' | 'failed'> {
  const handle = await page.waitForFunction(
    () => {
      const root = document.querySelector('ak1-form')!.shadowRoot!;
      if (/Daftar wilayah tidak dapat dimuat/.test(root.textContent ?? '')) return 'failed';
      const options = root.querySelectorAll('[name="address.regencyCode"] option');
      return [...options].some((option) => option.textContent!.includes('Kabupaten Serang')) ? 'loaded' : false;
    },
    undefined,
    { timeout: 30_000 },
  );
  return (await handle.jsonValue()) as 'loaded' | 'failed';
}

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

describe('the documented Content-Security-Policy, with the page, the CDN and the backend on three origins', () => {
  test('names the CDN in script-src and connect-src and the endpoint in connect-src', () => {
    const policy = documentedPolicy();
    const directive = (name: string) => policy.split(';').map((part) => part.trim().split(/\s+/)).find(([key]) => key === name)?.slice(1) ?? [];
    assert.ok(directive('script-src').includes(CDN), policy);
    assert.ok(directive('connect-src').includes(CDN), policy);
    assert.ok(directive('connect-src').includes(API), policy);
  });

  test('lets the address step load its region lists from the CDN, without a violation', async () => {
    const { page, context, console: logged } = await openPage(browser);
    try {
      await serve(page, { policy: documentedPolicy() });
      await page.goto(`${PAGE}/daftar-kartu-kuning/`);
      await waitForStep(page, 'identity');
      await fillIdentity(page, applicant(5));
      await pressContinue(page);
      await waitForStep(page, 'contact');
      await choose(page, '[name="address.provinceCode"]', 'Banten');
      assert.equal(await regencyListOutcome(page), 'loaded', logged.join('\n'));
      assert.deepEqual((await recorded(page)).violations, []);
    } finally {
      await context.close();
    }
  });

  test('without the CDN in connect-src (the policy documented before), the lists are blocked: what the test above guards', async () => {
    const { page, context } = await openPage(browser);
    try {
      const policy = documentedPolicy().replace(/connect-src ([^;]*)/, (_, sources: string) => `connect-src ${sources.replace(CDN, '').trim()}`);
      assert.notEqual(policy, documentedPolicy());
      await serve(page, { policy });
      await page.goto(`${PAGE}/daftar-kartu-kuning/`);
      await waitForStep(page, 'identity');
      await fillIdentity(page, applicant(6));
      await pressContinue(page);
      await waitForStep(page, 'contact');
      await choose(page, '[name="address.provinceCode"]', 'Banten');
      assert.equal(await regencyListOutcome(page), 'failed');
      const { violations } = await recorded(page);
      assert.ok(violations.some((v) => v.directive === 'connect-src' && v.blocked.startsWith(`${CDN}/`)), JSON.stringify(violations));
    } finally {
      await context.close();
    }
  });
});

describe("the documented snippet's fallback", () => {
  const fallback = (page: Page) => page.locator('ak1-form > p');

  for (const [what, options] of [
    ['a 404 on the bundle (a version that is not there)', { bundle: `${CDN}/ak1-form@0.0.0-missing/dist/cdn/ak1-form.js` }],
    ['a CDN that cannot be reached (down, or blocked on the applicant\'s network)', { cdnDown: true }],
  ] as const) {
    test(`shows the office's address when the script does not load: ${what}`, async () => {
      const { page, context } = await openPage(browser);
      try {
        const failed = page.waitForEvent('requestfinished', { predicate: (request) => request.url().endsWith('/ak1-form.js') }).catch(() => undefined);
        const refused = page.waitForEvent('requestfailed', { predicate: (request) => request.url().endsWith('/ak1-form.js') }).catch(() => undefined);
        await serve(page, { policy: documentedPolicy(), ...options });
        await page.goto(`${PAGE}/daftar-kartu-kuning/`, { waitUntil: 'load' });
        await Promise.race([failed, refused]);
        // Give a module that did load every chance to define the element.
        await page.waitForTimeout(500);
        assert.equal(await page.evaluate(() => customElements.get('ak1-form') === undefined), true);
        assert.equal(await fallback(page).isVisible(), true);
        assert.match((await fallback(page).textContent()) ?? '', /Disnakertrans Kabupaten Serang, Jl\. Veteran No\. 1, Serang/);
      } finally {
        await context.close();
      }
    });
  }

  test('is hidden once the element renders', async () => {
    const { page, context } = await openPage(browser);
    try {
      await serve(page, { policy: documentedPolicy() });
      await page.goto(`${PAGE}/daftar-kartu-kuning/`);
      await waitForStep(page, 'identity');
      assert.equal(await fallback(page).count(), 1);
      assert.equal(await fallback(page).isVisible(), false);
    } finally {
      await context.close();
    }
  });
});
