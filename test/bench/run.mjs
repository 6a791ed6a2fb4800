#!/usr/bin/env node
// `npm run bench`: runs every test/bench/*.bench.mjs in turn (or those named on the command line) and
// lets each print its own table. Figures, not pass/fail: these machines are shared and noisy.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => !wanted.length || wanted.some((name) => file.startsWith(name)))
  .sort();

let failed = false;
for (const file of benches) {
  console.log(`\n## ${file.replace('.bench.mjs', '')}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
