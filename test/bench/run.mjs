#!/usr/bin/env node
// `npm run bench`: runs every test/bench/*.bench.mjs in turn (or those named on the command line) and
// lets each print its own table. Figures, not pass/fail: these machines are shared and noisy.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const wanted = process.argv.slice(2);
// peers/ keeps its own package.json and node_modules (the peers are never ak1-form's dependencies).
const benches = [...readdirSync(dir), 'peers/peers.bench.mjs']
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => !wanted.length || wanted.some((name) => basename(file).startsWith(name)))
  .sort();

let failed = false;
for (const file of benches) {
  console.log(`\n## ${basename(file, '.bench.mjs')}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
