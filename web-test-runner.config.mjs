// Browser tests: Debian's chromium driven by @web/test-runner (see test/run.mjs, which installs it where missing).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const require = createRequire(import.meta.url);

/** Writes the totals where test/run.mjs reads them, so one line can add up every runner. */
function totalsReporter(file) {
  const count = (suite, totals) => {
    for (const test of suite.tests ?? []) {
      if (test.skipped) totals.skipped++;
      else if (test.passed) totals.passed++;
      else totals.failed++;
    }
    for (const child of suite.suites ?? []) count(child, totals);
    return totals;
  };
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, errors: 0 };
      for (const session of sessions) {
        const before = totals.passed + totals.failed + totals.skipped;
        if (session.testResults) count(session.testResults, totals);
        // A file that registered no test at all (a broken import, a misnamed describe) is a failure, not a pass.
        if (totals.passed + totals.failed + totals.skipped === before) totals.errors++;
        // A file that failed to load has no results but errors: count it as a failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.errors++;
      }
      if (file) writeFileSync(file, JSON.stringify(totals));
    },
  };
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['browser', 'development'] },
  concurrency: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'auto' }),
    {
      // write-excel-file's entry files end right after an import's closing quote, with no newline, and the dev
      // server's import rewriting then drops that quote (a SyntaxError in the browser). A newline keeps them whole;
      // rollup reads the files as they are and needs nothing.
      name: 'write-excel-file-eof',
      transform(context) {
        if (/[\\/]write-excel-file[\\/]\w+[\\/]index\.js$/.test(context.path)) return { body: `${context.body}\n` };
      },
    },
    {
      // msw's service worker must be served from the root so that its scope covers the test pages.
      name: 'msw-worker',
      serve(context) {
        if (context.path === '/mockServiceWorker.js') {
          return { body: readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8'), type: 'js' };
        }
      },
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
      },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), totalsReporter(process.env.AK1_BROWSER_TOTALS)],
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 20000 } },
};
