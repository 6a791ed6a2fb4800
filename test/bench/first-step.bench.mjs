// The time to a usable first step: the demo portal page (`npm start`'s server, the built script-tag bundle)
// in Debian's chromium with Fast 3G emulated (562.5 ms round trip, 1.44 Mbit/s down and up) and the CPU
// slowed 4×, cold cache (a new browser context per run, the HTTP cache disabled), median of 5.
// Run with `npm run bench first-step` (tsx loads it); `RUNS=9` for more runs.
//
// "Usable": the NIK input is in the form's shadow root, enabled and laid out; the page notes
// performance.now() (from navigation start) the moment it is, and the run then types into it to check that
// typing works. Bytes are the responses' encodedDataLength (CDP: what came over the wire, headers included)
// of the requests finished by then; requests are those started by then.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, requireBuild, ROOT, startDemo } from '../e2e/helpers.ts';
import { recordResult } from './results.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (1.44 * 1024 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

requireBuild();
console.log(`initial payload (from dist/cdn, gzip -9): ${initialPayload()}`);

const demo = await startDemo();
const browser = await launchBrowser();
const results = [];
try {
  // The demo server compresses each file on its first request (brotli at its best level): one unmeasured
  // load first, so the runs time the page and the network, not the server's first compression.
  await measure({ warmUp: true });
  for (let run = 1; run <= RUNS; run++) results.push(await measure({ warmUp: false }));
} finally {
  await browser.close();
  await demo.stop();
}

const sorted = (key) => results.map((r) => r[key]).sort((a, b) => a - b);
const median = (values) => (values.length % 2 ? values[(values.length - 1) / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2);
const ms = (n) => `${Math.round(n)} ms`.padStart(9);
const kb = (n) => `${(n / 1024).toFixed(1)} kB`.padStart(9);

console.log(`\nfirst step usable: the portal page at 360×740 (phone), Fast 3G (562.5 ms RTT, 1.44 Mbit/s), CPU ${CPU_SLOWDOWN}× slower, cold cache`);
console.log(`  ${'run'.padEnd(6)} ${'usable'.padStart(9)} ${'requests'.padStart(9)} ${'bytes'.padStart(9)}  requests before usable`);
results.forEach((r, i) => console.log(`  ${String(i + 1).padEnd(6)} ${ms(r.usableMs)} ${String(r.requests).padStart(9)} ${kb(r.bytes)}  ${r.files.join(' ')}`));
const usable = sorted('usableMs');
console.log(`  ${'median'.padEnd(6)} ${ms(median(usable))} ${String(median(sorted('requests'))).padStart(9)} ${kb(median(sorted('bytes')))}`);
console.log(`  ${'min'.padEnd(6)} ${ms(usable[0])}`);
console.log(`  ${'max'.padEnd(6)} ${ms(usable.at(-1))}`);
console.log(`  (${RUNS} runs; machine: shared, figures are indicative)`);
recordResult('first-step', { runs: RUNS, usableMs: median(usable), bytes: median(sorted('bytes')), requests: median(sorted('requests')) });

async function measure({ warmUp }) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    await context.addInitScript(() => {
      // Polls for the first step; notes the moment its NIK input can take typing.
      const check = () => {
        const input = document.querySelector('ak1-form')?.shadowRoot?.querySelector('#f-nik');
        const box = input?.getBoundingClientRect();
        if (input instanceof HTMLInputElement && !input.disabled && box && box.width > 0 && box.height > 0) {
          window.__firstStepUsable = performance.now();
          return;
        }
        setTimeout(check, 5);
      };
      check();
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (!warmUp) {
      await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    const requests = new Map();
    let documentStart;
    cdp.on('Network.requestWillBeSent', (event) => {
      if (event.type === 'Document' && documentStart === undefined) documentStart = event.timestamp;
      requests.set(event.requestId, { url: event.request.url, started: event.timestamp, finished: undefined, bytes: 0 });
    });
    cdp.on('Network.loadingFinished', (event) => {
      const request = requests.get(event.requestId);
      if (request) Object.assign(request, { finished: event.timestamp, bytes: event.encodedDataLength });
    });
    await page.goto(`${demo.url}/`, { waitUntil: 'commit', timeout: 120_000 });
    await page.waitForFunction(() => window.__firstStepUsable !== undefined, undefined, { timeout: 120_000, polling: 50 });
    const usableMs = await page.evaluate(() => window.__firstStepUsable);
    // Usable means typing works.
    const nik = page.locator('ak1-form').locator('#f-nik');
    await nik.focus();
    await page.keyboard.type('3604');
    if ((await nik.inputValue()) !== '3604') throw new Error('The first step showed, but typing into the NIK did not work');
    // Performance's origin is the navigation's start, just before the document's request.
    const until = documentStart + usableMs / 1000;
    const before = [...requests.values()].filter((r) => r.started <= until);
    const finished = before.filter((r) => r.finished !== undefined && r.finished <= until);
    return {
      usableMs,
      requests: before.length,
      bytes: finished.reduce((sum, r) => sum + r.bytes, 0),
      files: before.map((r) => new URL(r.url).pathname.split('/').pop() || '/'),
    };
  } finally {
    await context.close();
  }
}

/**
 * What the build counts as the initial payload: the entry, the element chunk it loads at once (not the notice
 * for browsers that cannot run the form), and everything those import statically, each gzipped at level 9.
 */
function initialPayload() {
  const dir = join(ROOT, 'dist/cdn');
  const files = new Set();
  // The entry is the element with its first step: the entry and what it imports statically, never its import()s
  // (they load after the first step is usable).
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    const resolve = (specifier) => new URL(specifier, `file:///${base}`).pathname.slice(1);
    for (const [, specifier] of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.[^"']+)["']/g)) visit(resolve(specifier));
  };
  visit('ak1-form.js');
  const gz = [...files].reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file)), { level: 9 }).length, 0);
  return `${files.size} request(s), ${(gz / 1024).toFixed(1)} kB gzipped: ${[...files].join(', ')}`;
}
