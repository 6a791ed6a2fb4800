// The card renderer's figures: the time renderCardPdf takes in Chromium (and Node, for comparison), the
// PDF's size, and what printing the first card downloads. Run with `npm run bench card` (tsx loads it).
//
// 1. Bundles src/card/index.ts alone with esbuild, as the lazy part of the script-tag bundle it will be:
//    browser, ESM, minified, code splitting on, so jsPDF, the renderer and the font stay separate chunks
//    that renderCardPdf imports on its first call. jsPDF's optional html2canvas/dompurify/canvg (only for
//    .html() and SVG, never used) are left out, as rollup.config.mjs does.
// 2. Serves it on 127.0.0.1 and opens it in Debian's chromium (playwright-core).
// 3. Renders the full fixture application with a ~40 kB 300×400 JPEG photo, the QR code, a logo and the
//    officer, 51 times; the first run (which also loads the chunks) is reported apart. Then the signed card
//    (the counter's print: signer, signing date, a report made), 51 times.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { renderCardPdf } from '../../src/card/index.ts';
import { cardApplication, photoJpeg } from '../fixtures/card-photo.ts';
import { cardRegistration, signedRegistration, CARD_DISTRICT, CARD_OFFICER, FIXED_OUTPUT } from '../fixtures/card.ts';
import { recordResult } from './results.mjs';

const RUNS = 51;
const root = new URL('../..', import.meta.url).pathname;
const outdir = mkdtempSync(join(tmpdir(), 'ak1-card-bench-'));

const describe = (inputs) =>
  inputs.some((i) => i.includes('src/card/jspdf/'))
    ? "jsPDF, the card's cut (+ fflate, fast-png)"
    : inputs.some((i) => i.includes('node_modules/jspdf'))
    ? 'jsPDF (+ fflate, fast-png)'
    : inputs.some((i) => i.includes('font/noto-sans'))
      ? 'font subset (Noto Sans Regular + Bold)'
      : inputs.some((i) => i.includes('card/render'))
        ? 'renderer: layout, QR (uqr), checks (zod/mini, schema), id catalogue'
        : inputs.some((i) => i.includes('card/index'))
          ? 'entry: renderCardPdf, Ak1CardError'
          : inputs.map((i) => i.replace(/.*node_modules\//, '')).slice(0, 2).join(', ') || '(shared)';
/**
 * The card's entry bundled alone, and its chunks: which printing fetches, each minified and gzipped. `plugins`:
 * the same with the full jsPDF, for comparison.
 */
async function cardBundle(outdir, plugins = []) {
  const result = await build({
    entryPoints: { card: join(root, 'src/card/index.ts') },
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    outdir,
    metafile: true,
    external: ['html2canvas', 'dompurify', 'canvg'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
    plugins,
  });
  // What printing fetches: the entry, what it imports, the chunks renderCardPdf imports on its first call
  // (the renderer, jsPDF, the font) and what those import. Chunks only reachable otherwise (the English
  // catalogue that i18n can load) are listed apart.
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint?.endsWith('src/card/index.ts'));
  const fetched = new Set();
  const visit = (file, followDynamic) => {
    if (fetched.has(file)) return;
    fetched.add(file);
    for (const imported of outputs[file].imports) {
      if (imported.external) continue;
      if (imported.kind === 'import-statement' || (followDynamic && imported.kind === 'dynamic-import')) visit(imported.path, false);
    }
  };
  visit(entry, true);
  return Object.entries(outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => {
      const bytes = readFileSync(resolve(root, file));
      return {
        file: file.slice(file.lastIndexOf('/') + 1),
        label: describe(Object.keys(output.inputs)),
        fetched: fetched.has(file),
        min: bytes.length,
        gz: gzipSync(bytes, { level: 9 }).length,
      };
    })
    .sort((a, b) => b.gz - a.gz);
}

const chunks = await cardBundle(outdir);
// The same card with jsPDF's own ES build in place of the card's cut of it (src/card/jspdf/).
const fullOutdir = mkdtempSync(join(tmpdir(), 'ak1-card-bench-full-'));
const fullJsPdf = {
  name: 'full-jspdf',
  setup(b) {
    b.onResolve({ filter: /^\.\/jspdf\/jspdf\.js$/ }, (args) => b.resolve('jspdf', { kind: args.kind, resolveDir: args.resolveDir }));
  },
};
const fullChunks = await cardBundle(fullOutdir, [fullJsPdf]);
rmSync(fullOutdir, { recursive: true, force: true });

const photo = photoJpeg();
const application = cardApplication(photo);
const registration = cardRegistration();
// The counter's print of the signed card (signedBy, issuedAt, a report made), measured the same way.
const signed = signedRegistration();
const options = { district: CARD_DISTRICT, officer: CARD_OFFICER, ...FIXED_OUTPUT };

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === '/') {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><meta charset="utf-8"><title>card bench</title>');
    return;
  }
  try {
    const body = readFileSync(join(outdir, path.replace(/^\/+/, '').replace(/\.\.+/g, '')));
    response.writeHead(200, { 'content-type': 'text/javascript' });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
let browserFigures;
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  browserFigures = await page.evaluate(
    async ({ application, registration, signed, options, runs }) => {
      options.creationDate = new Date(options.creationDate);
      const start = performance.now();
      const { renderCardPdf } = await import('/card.js');
      const times = [];
      let bytes;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        bytes = await renderCardPdf(application, registration, options);
        times.push(performance.now() - t0);
      }
      const loadAndFirst = performance.now() - start - times.slice(1).reduce((a, b) => a + b, 0);
      const signedTimes = [];
      let signedBytes;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        signedBytes = await renderCardPdf(application, signed, options);
        signedTimes.push(performance.now() - t0);
      }
      return { times, firstWithLoad: times[0] + 0, loadAndFirst, size: bytes.length, signedTimes, signedSize: signedBytes.length };
    },
    { application, registration, signed, options: { ...options, creationDate: options.creationDate.toISOString() }, runs: RUNS },
  );
  // The main thread's CPU time per render (Chrome's ThreadTime metric over batches of 5): on a shared, busy
  // machine the wall times above include the waits for a core; this does not.
  await page.evaluate(
    async ({ application, registration, signed, options }) => {
      options.creationDate = new Date(options.creationDate);
      const { renderCardPdf } = await import('/card.js');
      globalThis.benchRender = (which) => renderCardPdf(application, which === 'signed' ? signed : registration, options);
    },
    { application, registration, signed, options: { ...options, creationDate: options.creationDate.toISOString() } },
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value;
  const BATCH = 5;
  browserFigures.cpu = { provisional: [], signed: [] };
  for (let round = 0; round < Math.floor(RUNS / BATCH); round++) {
    for (const which of ['provisional', 'signed']) {
      const t0 = await threadTime();
      await page.evaluate(async ({ which, n }) => {
        for (let i = 0; i < n; i++) await globalThis.benchRender(which);
      }, { which, n: BATCH });
      browserFigures.cpu[which].push((((await threadTime()) - t0) * 1000) / BATCH);
    }
  }
} finally {
  await browser.close();
  server.close();
  rmSync(outdir, { recursive: true, force: true });
}

// Node 20, for comparison (the source through tsx, with the card's jsPDF as the browser has it).
const nodeTimes = [];
let nodeSize = 0;
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  nodeSize = (await renderCardPdf(application, registration, options)).length;
  nodeTimes.push(performance.now() - t0);
}

const ms = (n) => `${n.toFixed(1)} ms`;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const stats = (times) => {
  const sorted = times.slice(1).sort((a, b) => a - b);
  return { median: sorted[Math.floor((sorted.length - 1) / 2)], p90: sorted[Math.ceil(sorted.length * 0.9) - 1], min: sorted[0], first: times[0] };
};
const chrome = stats(browserFigures.times);
const chromeSigned = stats(browserFigures.signedTimes);
const node = stats(nodeTimes);
console.log(`photo: 300×400 JPEG, ${kb(photo.length)}; QR of a ${registration.verification.url.length}-character URL; ${RUNS} runs, first reported apart`);
console.log('');
// The minimum says what a render costs on an idle core when the machine is shared and busy.
console.log('| where | median (runs 2–51) | p90 | min | first run | PDF size |');
console.log('|---|---:|---:|---:|---:|---:|');
console.log(`| Chromium (${process.env.CHROME_PATH || '/usr/bin/chromium'}) | ${ms(chrome.median)} | ${ms(chrome.p90)} | ${ms(chrome.min)} | ${ms(chrome.first)} (incl. chunk load) | ${kb(browserFigures.size)} (${browserFigures.size} B) |`);
console.log(`| Chromium, the signed card | ${ms(chromeSigned.median)} | ${ms(chromeSigned.p90)} | ${ms(chromeSigned.min)} | ${ms(chromeSigned.first)} | ${kb(browserFigures.signedSize)} (${browserFigures.signedSize} B) |`);
const cpuMedian = (times) => times.slice().sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)];
console.log(`| Chromium, main-thread CPU time per render (not yet signed / signed) | ${ms(cpuMedian(browserFigures.cpu.provisional))} / ${ms(cpuMedian(browserFigures.cpu.signed))} | | | | |`);
console.log(`| Node ${process.version} (source via tsx) | ${ms(node.median)} | ${ms(node.p90)} | ${ms(node.min)} | ${ms(node.first)} | ${kb(nodeSize)} (${nodeSize} B) |`);
console.log('');
console.log('What printing the first card downloads (src/card/index.ts bundled alone: esbuild, browser, ESM, minified, split):');
console.log('');
console.log('| chunk | what | min | gzip |');
console.log('|---|---|---:|---:|');
const printed = chunks.filter((chunk) => chunk.fetched);
for (const chunk of printed) console.log(`| ${chunk.file} | ${chunk.label} | ${kb(chunk.min)} | ${kb(chunk.gz)} |`);
const total = (list, key) => list.reduce((sum, chunk) => sum + chunk[key], 0);
console.log(`| total fetched | ${printed.length} files | ${kb(total(printed, 'min'))} | ${kb(total(printed, 'gz'))} |`);
for (const chunk of chunks.filter((c) => !c.fetched)) {
  console.log(`(not fetched by printing: ${chunk.file}, ${chunk.label}, ${kb(chunk.min)} min, ${kb(chunk.gz)} gzip)`);
}
const fetchedGz = (list) => total(list.filter((chunk) => chunk.fetched), 'gz');
console.log(`with jsPDF's own ES build in place of the card's cut: ${kb(fetchedGz(fullChunks))} gzip fetched (jsPDF's chunk ${kb(fullChunks.find((c) => c.label.startsWith('jsPDF'))?.gz ?? 0)})`);
console.log(`load average while measuring: ${loadavg().map((n) => n.toFixed(2)).join(' ')} on ${cpus().length} cores`);
recordResult('card', {
  chromiumMedianMs: chrome.median,
  chromiumSignedMedianMs: chromeSigned.median,
  chromiumCpuMs: cpuMedian(browserFigures.cpu.provisional),
  nodeMedianMs: node.median,
  pdfBytes: browserFigures.size,
  downloadGz: fetchedGz(chunks),
  fullJsPdfDownloadGz: fetchedGz(fullChunks),
});
