// The benches' figures for the one table `npm run bench` ends with. run.mjs gives every bench the same folder
// (AK1_BENCH_RESULTS); each writes its own figures there as <bench>.json, and run.mjs reads them all when the
// last one is done. A bench run on its own (no folder) writes nothing.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const RESULTS_ENV = 'AK1_BENCH_RESULTS';

/** Writes a bench's figures for the combined table, when run by run.mjs. */
export function recordResult(bench, figures) {
  const dir = process.env[RESULTS_ENV];
  if (dir) writeFileSync(join(dir, `${bench}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

/** Every bench's figures in the folder, by bench. */
export function readResults(dir) {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [basename(file, '.json'), JSON.parse(readFileSync(join(dir, file), 'utf8'))]),
  );
}

/** Issue 17's ceiling for the card's median render in chromium. */
export const CARD_CEILING_MS = 15;

const ms = (n) => `${Math.round(n).toLocaleString('en')} ms`;
const msFine = (n) => `${n.toFixed(1)} ms`;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const perSecond = (n) => `${n.toFixed(1)}/s`;

/**
 * The combined table: each figure beside what it is held against, measured in the same run (the floors, the
 * card with the full jsPDF) or set by issue 17 (the card's ceiling), and the ratio. Parts whose bench did not
 * run are left out; the first step's ratios need `bench peers` (the floor is measured there).
 */
export function combinedTable(results) {
  const rows = [];
  const row = (part, what, figure, against, base, show) => rows.push([part, what, show(figure), against, base === undefined ? '—' : show(base), base === undefined ? '—' : `${(figure / base).toFixed(2)}×`]);
  const peers = results.peers?.pages;
  const floor = peers?.find((page) => page.name === 'floor');
  const firstStep = results['first-step'];
  if (firstStep) {
    row('first step', 'ak1-form, `npm start`\'s portal page: first field usable', firstStep.usableMs, 'the floor (bench peers)', floor?.usableMs, ms);
    row('first step', 'ak1-form, the portal page: on the wire until then', firstStep.bytes, 'the floor (bench peers)', floor?.bytes, kb);
  }
  for (const page of peers ?? []) {
    if (page === floor) {
      row('first step', `${page.title}: first field usable (on the wire: ${kb(page.bytes)})`, page.usableMs, '—', undefined, ms);
      continue;
    }
    row('first step', `${page.title}: first field usable`, page.usableMs, 'the floor, same run', floor.usableMs, ms);
    row('first step', `${page.title}: on the wire until then`, page.bytes, 'the floor, same run', floor.bytes, kb);
  }
  const server = results.server;
  if (server) {
    const [serverFloor, ...stores] = server.rows;
    for (const store of stores) {
      row('server', `${store.label}: registrations`, store.perSecond, `${serverFloor.label}, same run`, serverFloor.perSecond, perSecond);
      row('server', `${store.label}: p99`, store.p99, 'the floor, same run', serverFloor.p99, ms);
    }
  }
  const card = results.card;
  if (card) {
    row('card', 'Chromium, median render', card.chromiumMedianMs, "issue 17's ceiling", CARD_CEILING_MS, msFine);
    row('card', 'Chromium, main-thread CPU time per render', card.chromiumCpuMs, "issue 17's ceiling", CARD_CEILING_MS, msFine);
    row('card', 'what printing the first card downloads (gzip)', card.downloadGz, 'the same with the full jsPDF, same run', card.fullJsPdfDownloadGz, kb);
  }
  if (!rows.length) return '';
  return [
    '| part | measured | figure | against | its figure | ratio |',
    '|---|---|---:|---|---:|---:|',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
}
