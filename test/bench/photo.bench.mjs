// The photo step's heaviest moment (issue 17): preparePhoto of a 12 MB phone picture (4000×3000, EXIF
// orientation 6, GPS; test/browser/media-corpus.ts makes it) in Debian's chromium, with the main thread watched
// as test/browser/media.test.ts watches it: the longest gap between animation frames and the long tasks
// (over 50 ms) the browser reports. Targets: under 300 ms, no frame gap over 50 ms. Figures, not pass/fail.
// Run with `npm run bench photo` (tsx loads it).
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const RUNS = 7;
const root = new URL('../..', import.meta.url).pathname;
const outdir = mkdtempSync(join(tmpdir(), 'ak1-photo-bench-'));
const entry = join(outdir, 'entry.ts');
writeFileSync(
  entry,
  `export { preparePhoto } from ${JSON.stringify(join(root, 'src/media/index.ts'))};
export { phoneJpeg } from ${JSON.stringify(join(root, 'test/browser/media-corpus.ts'))};`,
);
await build({
  entryPoints: { photo: entry },
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  outdir,
  logLevel: 'error',
});

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === '/photo.js') {
    response.writeHead(200, { 'content-type': 'text/javascript' });
    response.end(readFileSync(join(outdir, 'photo.js')));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/html' });
  response.end('<!doctype html><meta charset="utf-8"><title>photo bench</title>');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
let runs;
let inputBytes;
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  ({ runs, inputBytes } = await page.evaluate(async (count) => {
    const { preparePhoto, phoneJpeg } = await import('/photo.js');
    const phone = await phoneJpeg();
    const watch = async (work) => {
      const longTasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(Math.round(entry.duration));
      });
      observer.observe({ type: 'longtask' });
      let running = true;
      let maxGap = 0;
      let last = performance.now();
      const onFrame = (now) => {
        maxGap = Math.max(maxGap, now - last);
        last = now;
        if (running) requestAnimationFrame(onFrame);
      };
      requestAnimationFrame(onFrame);
      await new Promise((resolve) => setTimeout(resolve, 100));
      maxGap = 0;
      const start = performance.now();
      const photo = await work();
      const elapsed = performance.now() - start;
      await new Promise((resolve) => setTimeout(resolve, 50));
      running = false;
      observer.disconnect();
      return { elapsed, maxGap, longTasks, bytes: photo.byteLength, size: `${photo.width}×${photo.height}` };
    };
    const runs = [];
    for (let i = 0; i < count; i++) runs.push(await watch(() => preparePhoto(phone.file)));
    return { runs, inputBytes: phone.file.size };
  }, RUNS));
} finally {
  await browser.close();
  server.close();
  rmSync(outdir, { recursive: true, force: true });
}

const ms = (n) => `${Math.round(n)} ms`;
const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const later = runs.slice(1);
console.log(`\npreparePhoto of a ${(inputBytes / 1024 / 1024).toFixed(1)} MiB phone JPEG (4000×3000, orientation 6) in chromium, ${RUNS} runs, the first apart`);
console.log('');
console.log('| | time | longest frame gap | long tasks (> 50 ms) | output |');
console.log('|---|---:|---:|---|---|');
console.log(`| first run | ${ms(runs[0].elapsed)} | ${ms(runs[0].maxGap)} | ${runs[0].longTasks.join(', ') || 'none'} | ${runs[0].size}, ${(runs[0].bytes / 1024).toFixed(1)} kB |`);
console.log(
  `| runs 2–${RUNS}, median (max) | ${ms(median(later.map((r) => r.elapsed)))} (${ms(Math.max(...later.map((r) => r.elapsed)))}) | ` +
    `${ms(median(later.map((r) => r.maxGap)))} (${ms(Math.max(...later.map((r) => r.maxGap)))}) | ` +
    `${later.flatMap((r) => r.longTasks).join(', ') || 'none'} | |`,
);
console.log(`targets: under 300 ms, no frame gap over 50 ms`);
console.log(`load average while measuring: ${loadavg().map((n) => n.toFixed(2)).join(' ')} on ${cpus().length} cores`);
