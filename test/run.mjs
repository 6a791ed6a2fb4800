#!/usr/bin/env node
// `npm test`: installs what the tests need where it is missing, type-checks, builds, runs the Node tests,
// the browser tests and the end-to-end tests (the built bundle in chromium against the demo server), and
// then the reliability run (test/reliability/run.mjs: faults, load, flood, XSS, fuzz and issue 12's items, ending
// with its table), and ends with one line adding up every runner: `tests: N passed, N failed`. The Node tests also
// run twice more under a moved system clock (libfaketime), so that no test depends on the day it runs.
//   --only node|clock|browser|e2e|reliability   run one runner (still installs, type-checks and builds)
//   --only wordpress   the opt-in run of the WordPress plugin in Debian's WordPress (never part of `npm test`)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const chromium = process.env.CHROME_PATH || '/usr/bin/chromium';
const totals = { passed: 0, failed: 0 };
let broken = false;
/** What each Node runner said of its failures, printed again at the end: CI keeps only the output's last lines. */
const failureReports = [];

ensureSystemPackages();
step('type-check', 'npx', ['tsc', '--noEmit', '-p', '.']);
step('build', 'npm', ['run', '--silent', 'build']);
if (!only || only === 'node') await runNodeTests();
if (!only || only === 'clock') {
  for (const { label, at } of movedClocks()) {
    await runNodeTests('test/node', `node tests with the clock at ${at} (${label})`, ['faketime', at]);
  }
}
if (!only || only === 'browser') await runBrowserTests();
if (!only || only === 'e2e') await runNodeTests('test/e2e', 'end-to-end tests (chromium against npm start’s server)');
if (!only || only === 'reliability') await runReliability();
if (only === 'wordpress') await runNodeTests('test/wordpress', 'the WordPress plugin in Debian’s WordPress');

printFailureReports();
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(broken || totals.failed > 0 ? 1 : 0);

/** What the tests need comes from Debian; as root we install it, otherwise we say what is missing. */
function ensureSystemPackages() {
  const missing = [];
  if (only === 'wordpress') {
    const wordpress = { '/usr/share/wordpress/wp-settings.php': 'wordpress', '/usr/sbin/mariadbd': 'mariadb-server', '/usr/bin/php': 'php-cli' };
    for (const [file, name] of Object.entries(wordpress)) if (!existsSync(file)) missing.push(name);
    if (missing.length) missing.push('php-mysql');
  }
  if (!existsSync(chromium)) missing.push('chromium');
  if (!onPath('pdftotext') || !onPath('pdftoppm')) missing.push('poppler-utils');
  if ((!only || only === 'clock') && !onPath('faketime')) missing.push('faketime');
  // The PostgreSQL store's tests start a throwaway cluster (test/node/helpers/postgres.ts) with the server's binaries.
  if ((!only || only === 'node' || only === 'clock') && !hasPostgres()) missing.push('postgresql');
  if (!missing.length) return;
  const canApt = process.getuid?.() === 0 && onPath('apt-get');
  if (!canApt) {
    console.error(
      `The tests need ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed.\n` +
        `On Debian or Ubuntu: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n` +
        'Elsewhere, install Chromium, poppler (pdftotext, pdftoppm), libfaketime and the PostgreSQL server, and set CHROME_PATH to the browser.',
    );
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} from Debian…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // WordPress's recommends bring apache2, which the test does not use (it serves with php -S).
  const install = only === 'wordpress' ? ['install', '-y', '--no-install-recommends'] : ['install', '-y'];
  for (const args of [['update'], [...install, ...missing]]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (exit ${result.status}).`);
      process.exit(1);
    }
  }
}

/** Debian keeps the server's binaries out of PATH, under /usr/lib/postgresql/<version>/bin. */
function hasPostgres() {
  if (onPath('initdb') && onPath('pg_ctl')) return true;
  const root = '/usr/lib/postgresql';
  return existsSync(root) && readdirSync(root).some((version) => existsSync(join(root, version, 'bin', 'initdb')));
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function step(name, command, args) {
  console.log(`\n== ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${name} failed (exit ${result.status}).`);
    console.log(`tests: ${totals.passed} passed, ${totals.failed + 1} failed`);
    process.exit(1);
  }
}

/** Runs a command, echoing its output, and resolves with the exit code and everything it printed. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * The clocks the Node tests run under besides the real one. Far ahead: 23:30 UTC on 28 February 2031 is already
 * 1 March in Jakarta (a month and a day apart in the two time zones). This month's last day at 23:30 in Jakarta:
 * the month turns while the tests run.
 */
function movedClocks() {
  const now = new Date();
  const lastDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  return [
    { label: 'years ahead', at: '2031-02-28 23:30:00 UTC' },
    { label: 'the last evening of this month in Jakarta', at: `${lastDay} 16:30:00 UTC` },
  ];
}

/**
 * node:test files of a folder (the Node tests, and the end-to-end tests, which drive chromium from Node), run
 * through `wrapper` (e.g. faketime and its time) when given.
 */
async function runNodeTests(dir = 'test/node', title = 'node tests', wrapper = []) {
  console.log(`\n== ${title}`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f));
  const [command, ...args] = [...wrapper, 'node', '--import', 'tsx', '--test', '--test-reporter=spec', ...files];
  const { code, output } = await run(command, args, {
    // The spec reporter's summary is parsed below; colours would get in the way.
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  });
  const count = (label) => Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(output)?.[1] ?? NaN);
  const passed = count('pass');
  const failed = count('fail') + (count('cancelled') || 0);
  if (Number.isNaN(passed) || Number.isNaN(failed)) {
    console.error(`The Node test runner printed no summary for ${dir}.`);
    broken = true;
    totals.failed++;
    return;
  }
  totals.passed += passed;
  totals.failed += failed;
  if (failed > 0) failureReports.push({ title, report: failingTestsBlock(output) });
  if (code !== 0 && failed === 0) {
    broken = true;
    totals.failed++;
  }
}

/** The spec reporter's closing "✖ failing tests:" block: each failed test with its error and the stack's first lines. */
function failingTestsBlock(output) {
  const start = output.lastIndexOf('✖ failing tests:');
  if (start < 0) return '(the runner printed no list of failing tests)';
  return output
    .slice(start)
    .split('\n')
    .filter((line) => !/^ℹ /.test(line) && !/^\s+at .*\(?node:/.test(line))
    .join('\n')
    .trim();
}

/** At most about 150 lines in all, so that the final count stays in sight. */
function printFailureReports() {
  if (!failureReports.length) return;
  const budget = Math.max(20, Math.floor(150 / failureReports.length));
  console.log('\n== what failed, again (the whole output is above)');
  for (const { title, report } of failureReports) {
    const lines = report.split('\n');
    console.log(`-- ${title}`);
    console.log(lines.slice(0, budget).join('\n'));
    if (lines.length > budget) console.log(`… ${lines.length - budget} more lines above`);
  }
}

/** The reliability run counts its own tests (its table is printed before the count). */
async function runReliability() {
  console.log('\n== reliability run (issue 12)');
  const { code, output } = await run('node', ['test/reliability/run.mjs'], { NO_COLOR: '1', FORCE_COLOR: '0' });
  const match = /^reliability tests: (\d+) passed, (\d+) failed$/m.exec(output);
  if (!match) {
    console.error('The reliability run printed no count.');
    broken = true;
    totals.failed++;
    return;
  }
  totals.passed += Number(match[1]);
  totals.failed += Number(match[2]);
  if (code !== 0 && Number(match[2]) === 0) {
    broken = true;
    totals.failed++;
  }
}

async function runBrowserTests() {
  console.log('\n== browser tests (chromium)');
  const dir = mkdtempSync(join(tmpdir(), 'ak1-wtr-'));
  const file = join(dir, 'totals.json');
  const { code } = await run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], {
    AK1_BROWSER_TOTALS: file,
    CHROME_PATH: chromium,
  });
  if (!existsSync(file)) {
    console.error('The browser test runner wrote no totals.');
    broken = true;
    totals.failed++;
    return;
  }
  const result = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  totals.passed += result.passed;
  totals.failed += result.failed + result.errors;
  if (code !== 0 && result.failed + result.errors === 0) {
    broken = true;
    totals.failed++;
  }
}
