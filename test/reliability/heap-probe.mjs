// Preloaded (NODE_OPTIONS=--import) into the server process of load.test.ts: on SIGUSR2 it collects garbage
// fully and prints `{"heapUsedBytes":N,"rssBytes":N}`, design.md's memory figure for load tests.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
process.on('SIGUSR2', () => {
  gc();
  process.stdout.write(`${JSON.stringify({ heapUsedBytes: process.memoryUsage().heapUsed, rssBytes: process.memoryUsage.rss() })}\n`);
});
