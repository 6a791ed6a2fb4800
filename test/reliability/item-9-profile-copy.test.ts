/*
 * Issue 12, item 9: docs/storage.md and sealed-store.ts said a browser profile copied from disk yields only
 * ciphertext. In Chromium the non-extractable AES key is written into the profile's IndexedDB files with the
 * records, so a copy of the profile opens the remembered draft on any machine. This test proves it, and holds
 * the corrected claim in both places.
 *
 * chromium (playwright-core, Debian's binary) with a persistent user-data-dir serves a page on localhost that
 * remembers a draft through the real device store; the browser closes; the profile folder is copied; a second
 * chromium opened on the copy, on the same origin, reads the draft back in clear, with no password asked.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { figure } from './figures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
const SECRET_NIK = '3604055209900003';
const temp = mkdtempSync(join(tmpdir(), 'ak1-item-9-'));
let server: Server;
let origin: string;

before(async () => {
  // The real storage module, bundled for the page as the form bundles it.
  const bundle = await build({
    entryPoints: [join(ROOT, 'src/storage/index.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
  });
  const script = bundle.outputFiles[0]!.text;
  const page = '<!doctype html><html lang="id"><title>ak1 item 9</title><script type="module" src="/storage.js"></script></html>';
  server = createServer((request, response) => {
    const js = request.url === '/storage.js';
    response.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html; charset=utf-8' });
    response.end(js ? `${script}\nglobalThis.ak1Storage = { createDeviceStore };` : page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  // localhost is a secure context, so "Ingat di perangkat ini" is offered there.
  origin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
});

after(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(temp, { recursive: true, force: true });
});

/** Runs `work` in a page of a chromium whose profile is `userDataDir`, then closes the browser. */
async function inProfile<T>(userDataDir: string, work: string): Promise<T> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    // No OS keyring: what the profile holds is all there is (as on a shared café PC without a login keyring).
    args: ['--no-sandbox', '--password-store=basic'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'ak1Storage' in globalThis);
    return (await page.evaluate(`(async () => { ${work} })()`)) as T;
  } finally {
    await context.close();
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('item 9: what "Ingat di perangkat ini" protects', () => {
  it('a copy of the browser profile from disk opens the remembered draft in clear, without any password', async (t) => {
    const profile = join(temp, 'profile');
    const remembered = await inProfile<{ canRemember: boolean }>(
      profile,
      `const store = ak1Storage.createDeviceStore();
       await store.remember({ answers: { nik: '${SECRET_NIK}', fullName: 'Siti Nur’aini' }, step: 'contact', attachments: {} });
       return { canRemember: store.canRemember };`,
    );
    assert.equal(remembered.canRemember, true);

    // What is on disk is not plaintext: the NIK is in no file of the profile (it is sealed with AES-GCM).
    const idbFiles = filesUnder(profile).filter((file) => file.includes('IndexedDB'));
    assert.ok(idbFiles.length > 0, 'the profile has IndexedDB files');
    for (const file of filesUnder(profile)) {
      if (statSync(file).size > 50_000_000) continue;
      const bytes = readFileSync(file);
      assert.equal(bytes.includes(SECRET_NIK, 0, 'latin1'), false, `${file} holds the NIK in clear`);
      assert.equal(bytes.includes(Buffer.from(SECRET_NIK, 'utf16le')), false, `${file} holds the NIK in UTF-16`);
    }

    // …but the key is there too: the copied folder, opened by another browser, decrypts it.
    const copy = join(temp, 'copied-profile');
    cpSync(profile, copy, { recursive: true });
    rmSync(profile, { recursive: true, force: true });
    const read = await inProfile<{ nik?: string; step?: string }>(
      copy,
      `const store = ak1Storage.createDeviceStore();
       const draft = await store.loadRemembered();
       return { nik: draft?.answers?.nik, step: draft?.step };`,
    );
    figure(t, 'item-9', 'remembered NIK read from a copied profile', read.nik === SECRET_NIK ? 'yes (in clear)' : 'no');
    assert.deepEqual(read, { nik: SECRET_NIK, step: 'contact' });
  });

  it('docs/storage.md and sealed-store.ts say so, and what "Ingat" protects against', () => {
    for (const file of ['docs/storage.md', 'src/storage/sealed-store.ts']) {
      const text = readFileSync(join(ROOT, file), 'utf8').replace(/\s*\n\s*(\*\s*)?/g, ' ');
      assert.ok(!/profile on disk[^.]*finds only ciphertext/.test(text), `${file} still claims a profile copy yields only ciphertext`);
      assert.ok(/copy of the browser profile/i.test(text), `${file} says what a copy of the profile yields`);
    }
    const doc = readFileSync(join(ROOT, 'docs/storage.md'), 'utf8').replace(/\s+/g, ' ');
    assert.ok(doc.includes('someone with the disk or the same browser profile'), 'docs/storage.md says what it does not protect against');
  });
});
