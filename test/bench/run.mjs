#!/usr/bin/env node
// `npm run bench`: runs every test/bench/*.bench.mjs in turn (or those named on the command line), lets each
// print its own table, and ends with one table of them all (results.mjs): the first step beside its floor and
// the peers, the server beside its floor, the card. Figures, not pass/fail: these machines are shared and noisy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { combinedTable, readResults, RESULTS_ENV } from './results.mjs';

const dir = new URL('.', import.meta.url).pathname;
const wanted = process.argv.slice(2);
// peers/ keeps its own package.json and node_modules (the peers are never ak1-form's dependencies).
const benches = [...readdirSync(dir), 'peers/peers.bench.mjs']
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => !wanted.length || wanted.some((name) => basename(file).startsWith(name)))
  .sort();

const results = mkdtempSync(join(tmpdir(), 'ak1-bench-results-'));
let failed = false;
try {
  for (const file of benches) {
    console.log(`\n## ${basename(file, '.bench.mjs')}`);
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit', env: { ...process.env, [RESULTS_ENV]: results } });
    if (result.status !== 0) failed = true;
  }
  const table = combinedTable(readResults(results));
  if (table) {
    console.log('\n## all together\n');
    console.log(table);
    console.log(`\nload average at the end: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  }
} finally {
  rmSync(results, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
