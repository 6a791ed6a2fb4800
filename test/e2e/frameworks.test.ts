/**
 * The package as framework and bundler users meet it (issue 18, items 1 and 11, and the examples): the
 * package packed as npm would publish it, installed into temporary copies of the apps in test/e2e/apps/,
 * their types checked with strict options (tsc on TSX, vue-tsc with strictTemplates), built with Vite, served
 * from their own origin, and driven in chromium against the demo server on another origin. The plain page and
 * the WordPress-like page take the bundle from a third origin, a "CDN" serving the unpacked package.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { APPS, packPackage, prepareApp, run, scratch, serveStatic, type StaticServer } from './apps.js';
import {
  applicant,
  fillContact,
  fillIdentity,
  launchBrowser,
  openPage,
  pressContinue,
  startDemo,
  waitForStep,
  type Demo,
  type OpenedPage,
} from './helpers.js';

const tmp = scratch('ak1-apps-');
let pack: { tarball: string; dir: string };
let demo: Demo;
let browser: Browser;
const servers: Record<string, StaticServer> = {};
const apps: Record<string, string> = {};
const opened: OpenedPage[] = [];

const VITE_APPS = ['react-vite', 'vue-vite', 'sdk-only'] as const;

before(async () => {
  pack = packPackage();
  for (const name of VITE_APPS) apps[name] = prepareApp(name, pack.tarball, tmp.dir);
  // The "CDN": the package's files as the registry has them (what jsDelivr or unpkg would serve).
  servers.cdn = await serveStatic(join(apps['react-vite']!, 'node_modules/ak1-form'), { cors: true });
  for (const name of VITE_APPS) servers[name] = await serveStatic(join(apps[name]!, 'dist'), { spa: true });
  for (const name of ['plain-cross-origin', 'wordpress-like']) {
    mkdirSync(join(tmp.dir, name));
    servers[name] = await serveStatic(join(tmp.dir, name));
  }
  // The backend on a third origin, allowing the pages' origins.
  process.env.AK1_CORS_ORIGINS = Object.entries(servers)
    .filter(([name]) => name !== 'cdn')
    .map(([, server]) => server.origin)
    .join(',');
  demo = await startDemo();
  const endpoint = `${demo.url}/api/ak1`;
  for (const name of ['plain-cross-origin', 'wordpress-like']) {
    const html = readFileSync(join(APPS, name, 'index.html'), 'utf8').replaceAll('%CDN%', servers.cdn!.origin).replaceAll('%ENDPOINT%', endpoint);
    writeFileSync(join(tmp.dir, name, 'index.html'), html);
  }
  browser = await launchBrowser();
});

after(async () => {
  for (const page of opened) await page.context.close().catch(() => {});
  await browser?.close();
  await demo?.stop();
  for (const server of Object.values(servers)) await server.close();
  tmp.remove();
  if (pack) rmSync(pack.dir, { recursive: true, force: true });
});

/** A page of an app, recording what the helpers record; fails on an ak1-form console error or a page error. */
async function visit(url: string): Promise<{ page: Page; console: string[] }> {
  const o = await openPage(browser);
  opened.push(o);
  await o.page.goto(url);
  return { page: o.page, console: o.console };
}

/** Console errors and uncaught exceptions, except the browser's note of a missing favicon. */
const errorsIn = (console: string[]) =>
  console.filter((line) => /^pageerror:/.test(line) || (/^error:/.test(line) && !/Failed to load resource: the server responded with a status of 404/.test(line)));

/** Identity, then the address step with its four region selects, then on to education. */
async function throughTheAddressStep(page: Page): Promise<void> {
  const a = applicant(7);
  await waitForStep(page, 'identity');
  await fillIdentity(page, a);
  await pressContinue(page);
  await waitForStep(page, 'contact');
  await fillContact(page, a);
  await pressContinue(page);
  await waitForStep(page, 'education');
}

describe('types against the packed package', () => {
  it('tsc compiles a React 19 TSX file using <ak1-form> (attributes, properties, onak1-* events) with strict options', () => {
    run(process.execPath, [join(apps['react-vite']!, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.'], apps['react-vite']!);
  });

  it('tsc refuses a wrong event detail and a wrong attribute type: the JSX types are not `any`', () => {
    const app = apps['react-vite']!;
    writeFileSync(
      join(app, 'src/wrong.tsx'),
      `import 'ak1-form/react';\nexport const a = <ak1-form debug="yes" onak1-success={(event) => event.detail.registrationNumbr} />;\n`,
    );
    try {
      assert.throws(
        () => run(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.'], app),
        (error: Error) => /wrong\.tsx.*TS2322/s.test(error.message) && /registrationNumbr/.test(error.message),
      );
    } finally {
      rmSync(join(app, 'src/wrong.tsx'));
    }
  });

  it('vue-tsc checks a Vue 3 SFC using <ak1-form> with strictTemplates, and refuses an unknown prop and a wrong event detail', () => {
    const app = apps['vue-vite']!;
    run(process.execPath, [join(app, 'node_modules/vue-tsc/bin/vue-tsc.js'), '--noEmit', '-p', '.'], app);
    writeFileSync(
      join(app, 'src/Wrong.vue'),
      `<template><ak1-form district-cod="36.04" @ak1-success="(event) => event.detail.registrationNumbr" /></template>\n`,
    );
    try {
      assert.throws(
        () => run(process.execPath, [join(app, 'node_modules/vue-tsc/bin/vue-tsc.js'), '--noEmit', '-p', '.'], app),
        (error: Error) => /districtCod|district-cod/.test(error.message) && /registrationNumbr/.test(error.message),
      );
    } finally {
      rmSync(join(app, 'src/Wrong.vue'));
    }
  });

  it('ships VS Code custom data and web-types made from the manifest, and package.json points editors at them', () => {
    const root = join(apps['react-vite']!, 'node_modules/ak1-form');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(root, pkg.customElements), 'utf8'));
    const form = manifest.modules.flatMap((m: { declarations?: unknown[] }) => m.declarations ?? []).find((d: { tagName?: string }) => d.tagName === 'ak1-form');
    const vscode = JSON.parse(readFileSync(join(root, 'dist/vscode.html-custom-data.json'), 'utf8'));
    const tag = vscode.tags.find((t: { name: string }) => t.name === 'ak1-form');
    assert.deepEqual(tag.attributes.map((a: { name: string }) => a.name), form.attributes.map((a: { name: string }) => a.name));
    assert.equal(tag.attributes.find((a: { name: string }) => a.name === 'debug').valueSet, 'v');
    const webTypes = JSON.parse(readFileSync(join(root, pkg['web-types']), 'utf8'));
    const element = webTypes.contributions.html.elements.find((e: { name: string }) => e.name === 'ak1-form');
    assert.deepEqual(element.events.map((e: { name: string }) => e.name), form.events.map((e: { name: string }) => e.name));
    assert.ok(element.css.properties.some((p: { name: string }) => p.name === '--ak1-color-primary'));
    assert.equal(webTypes.version, pkg.version);
    // Only public elements (those a package export registers): <ak1-photo-step> lives inside the form's shadow root.
    assert.deepEqual(vscode.tags.map((t: { name: string }) => t.name), ['ak1-form', 'ak1-office']);
  });
});

describe('Vite apps with the packed package', () => {
  before(() => {
    const env = { VITE_AK1_ENDPOINT: `${demo.url}/api/ak1` };
    for (const name of VITE_APPS) run('npm', ['run', '--silent', 'build'], apps[name]!, env);
  });

  for (const name of ['react-vite', 'vue-vite'] as const) {
    it(`${name}: the form renders, the region lists load from the app, the address step completes and the app hears ak1-step-change`, async () => {
      const { page, console } = await visit(`${servers[name]!.origin}/`);
      await throughTheAddressStep(page);
      // The app's own state, set by its event prop (React: onak1-step-change, Vue: @ak1-step-change).
      await page.waitForFunction(() => document.getElementById('app-step')?.textContent === 'education', undefined, { timeout: 5_000 });
      const lists = servers[name]!.requests.filter((r) => r.path.startsWith('/region-data/'));
      assert.ok(lists.length >= 3, `region lists asked of the app: ${JSON.stringify(lists)}`);
      assert.deepEqual(lists.filter((r) => r.status !== 200), []);
      assert.deepEqual(errorsIn(console), []);
    });
  }

  it('sdk-only: a page with its own small UI reads a NIK, checks an application with the schema, lists regencies and asks the backend for open days', async () => {
    const { page, console } = await visit(`${servers['sdk-only']!.origin}/`);
    await page.waitForFunction(() => (document.getElementById('regency') as HTMLSelectElement).options.length > 5, undefined, { timeout: 10_000 });
    await page.locator('#nik').pressSequentially('3604055209900003');
    assert.match(await page.locator('#nik-info').innerText(), /Lahir 1990-09-12, perempuan, terdaftar di 36\.04/);
    await page.locator('#regency').selectOption('36.04');
    await page.getByRole('button', { name: 'Periksa' }).press('Enter');
    assert.match(await page.locator('#issues').innerText(), /isian perlu dilengkapi/);
    await page.waitForFunction(() => /hari buka/.test(document.getElementById('open-days')?.textContent ?? ''), undefined, { timeout: 10_000 });
    assert.equal(await page.locator('ak1-form').count(), 0);
    assert.deepEqual(errorsIn(console), []);
  });
});

describe('script-tag pages with the bundle from another origin', () => {
  it('plain HTML: the first step renders from the CDN origin and the region lists come from it too', async () => {
    const { page, console } = await visit(`${servers['plain-cross-origin']!.origin}/`);
    const a = applicant(8);
    await waitForStep(page, 'identity');
    await fillIdentity(page, a);
    await pressContinue(page);
    await waitForStep(page, 'contact');
    await page.waitForFunction(
      () => (document.querySelector('ak1-form')?.shadowRoot?.querySelector('[name="address.provinceCode"]') as HTMLSelectElement | null)?.options.length! > 30,
    );
    assert.ok(servers.cdn!.requests.some((r) => r.path === '/dist/cdn/ak1-form.js' && r.status === 200));
    assert.deepEqual(errorsIn(console), []);
  });

  it('WordPress-like page: the snippet in a Custom HTML block renders the first step, untouched by the theme’s global CSS', async () => {
    const { page, console } = await visit(`${servers['wordpress-like']!.origin}/`);
    await waitForStep(page, 'identity');
    const looks = await page.evaluate(() => {
      const root = document.querySelector('ak1-form')!.shadowRoot!;
      const nik = getComputedStyle(root.querySelector('#f-nik')!);
      const label = getComputedStyle(root.querySelector('label[for="f-nik"]')!);
      const fallback = document.querySelector('ak1-form > p') as HTMLElement;
      return { border: nik.borderTopStyle, labelDisplay: label.display, fallbackShown: fallback.getClientRects().length > 0 };
    });
    assert.notEqual(looks.border, 'dashed', 'the theme’s input border reached the form');
    assert.notEqual(looks.labelDisplay, 'none', 'the theme’s label rule reached the form');
    assert.equal(looks.fallbackShown, false, 'the fallback text stays visible beside the rendered form');
    assert.deepEqual(errorsIn(console), []);
  });
});
