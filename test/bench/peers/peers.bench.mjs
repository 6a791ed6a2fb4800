// `npm run bench peers`: the first step beside the peers. The same 20-control registration step (step.mjs)
// built with a bare Lit + zod/mini element (the floor), ak1-form (docs/component.md's snippet, self-hosted),
// JSON Forms + React, SurveyJS and the Form.io renderer, every page served gzipped by one local server
// (server.mjs), each loaded in Debian's chromium on Fast 3G (562.5 ms round trip, 1.44 Mbit/s down and up),
// the CPU slowed 4×, a cold cache (a new browser context per load, the HTTP cache off), 360×740, median of 5
// (`RUNS=9` for more). The pages take turns within each run, so a noisy moment falls on all of them.
//
// "Usable" as in first-step.bench.mjs: the page's first field (the NIK) is in the document, enabled and laid
// out, noted as performance.now() from the navigation's start; the run then focuses it and types, and fails if
// the digits do not arrive. Bytes: encodedDataLength (what came over the wire, headers included) of the
// responses finished by then; requests: those started by then (data: URLs are not requests).
import { spawnSync } from 'node:child_process';
import { launchBrowser, requireBuild } from '../../e2e/helpers.ts';
import { buildPages, PAGES } from './build.mjs';
import { startPeersServer } from './server.mjs';
import { recordResult } from '../results.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (1.44 * 1024 * 1024) / 8 };
const CPU_SLOWDOWN = 4;

// A build under way (they hold this lock) has emptied dist/ for a while: wait for it to end.
spawnSync('flock', ['-s', '/tmp/ak1-dist.lock', 'true']);
requireBuild();
const notes = await buildPages();
const server = await startPeersServer();
const browser = await launchBrowser();
const results = new Map(PAGES.map((page) => [page.name, []]));
try {
  for (const page of PAGES) await measure(page, { warmUp: true });
  for (let run = 1; run <= RUNS; run++) {
    for (const page of PAGES) results.get(page.name).push(await measure(page, { warmUp: false }));
  }
} finally {
  await browser.close();
  await server.stop();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const summary = new Map(
  PAGES.map(({ name }) => {
    const runs = results.get(name);
    return [name, { usableMs: median(runs.map((r) => r.usableMs)), bytes: median(runs.map((r) => r.bytes)), requests: median(runs.map((r) => r.requests)) }];
  }),
);
const floor = summary.get('floor');
const ms = (n) => `${Math.round(n).toLocaleString('en')} ms`;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const ratio = (n, of) => `${(n / of).toFixed(2)}×`;

console.log(`\nfirst step usable beside the peers: 360×740, Fast 3G (562.5 ms RTT, 1.44 Mbit/s), CPU ${CPU_SLOWDOWN}× slower, cold cache, median of ${RUNS}`);
console.log('');
console.log('| page | first field usable | on the wire until then | requests | time ÷ floor | bytes ÷ floor |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const page of PAGES) {
  const s = summary.get(page.name);
  console.log(`| ${page.title} | ${ms(s.usableMs)} | ${kb(s.bytes)} | ${s.requests} | ${ratio(s.usableMs, floor.usableMs)} | ${ratio(s.bytes, floor.bytes)} |`);
}
console.log('');
console.log('runs (first field usable, ms):');
for (const page of PAGES) {
  const runs = results.get(page.name);
  console.log(`  ${page.name.padEnd(10)} ${runs.map((r) => String(Math.round(r.usableMs)).padStart(6)).join('')}   ${runs[0].files.join(' ')}`);
}
for (const note of notes) console.log(`note: ${note}`);
console.log(`(machine: shared, figures are indicative; each page served gzipped at level 9 from one local server)`);
recordResult('peers', { runs: RUNS, pages: PAGES.map(({ name, title }) => ({ name, title, ...summary.get(name) })) });

async function measure(page, { warmUp }) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    // Polls for the first field; notes the moment it can take typing.
    await context.addInitScript(`(() => {
      const check = () => {
        const input = ${page.first};
        const box = input?.getBoundingClientRect();
        if (input instanceof HTMLInputElement && !input.disabled && box && box.width > 0 && box.height > 0) {
          window.__firstFieldUsable = performance.now();
          return;
        }
        setTimeout(check, 5);
      };
      check();
    })()`);
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
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
      // A data: URL (the date input's calendar icon in chromium's own stylesheet) never reaches the network.
      if (!/^https?:/.test(event.request.url)) return;
      requests.set(event.requestId, { url: event.request.url, started: event.timestamp, finished: undefined, bytes: 0 });
    });
    cdp.on('Network.loadingFinished', (event) => {
      const request = requests.get(event.requestId);
      if (request) Object.assign(request, { finished: event.timestamp, bytes: event.encodedDataLength });
    });
    await tab.goto(`${server.url}/${page.name}/`, { waitUntil: 'commit', timeout: 120_000 });
    await tab.waitForFunction(() => window.__firstFieldUsable !== undefined, undefined, { timeout: 120_000, polling: 50 });
    const usableMs = await tab.evaluate(() => window.__firstFieldUsable);
    // Usable means typing works: four digits at a quick human pace (keys sent back to back, JSON Forms + React
    // once lost one under the slowed CPU: its data goes round through the page's state), given 5 s to show.
    const input = await tab.evaluateHandle(page.first);
    await input.asElement().focus();
    await tab.keyboard.type('3604', { delay: 100 });
    const typed = await input
      .evaluate((element) => new Promise((resolve) => {
        const started = performance.now();
        const poll = () => (element.value.includes('3604') || performance.now() - started > 5000 ? resolve(element.value) : setTimeout(poll, 50));
        poll();
      }));
    if (!typed.includes('3604')) throw new Error(`${page.name}: the first field showed, but typing 3604 into it gave ${JSON.stringify(typed)}`);
    const until = documentStart + usableMs / 1000;
    const before = [...requests.values()].filter((r) => r.started <= until);
    const finished = before.filter((r) => r.finished !== undefined && r.finished <= until);
    return {
      usableMs,
      requests: before.length,
      bytes: finished.reduce((sum, r) => sum + r.bytes, 0),
      files: before.map((r) => new URL(r.url).pathname.split('/').filter(Boolean).slice(1).join('/') || '/'),
    };
  } finally {
    await context.close();
  }
}
