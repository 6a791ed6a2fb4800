// Where the reference server's time goes under the server bench's load: the handler process (as
// server-floor.mjs starts it) runs with `node --cpu-prof`, autocannon loads it as the bench does, and the
// profile's self time is summed by function and by area (src/ folder, node_modules package, Node internals).
//
//   node --import tsx test/bench/server-profile.mjs [seconds]
//
// Prints the top functions and areas with their share of the process's samples, and where the .cpuprofile
// was written (open it in Chrome DevTools' Performance panel for the call tree). Not part of `npm run bench`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { testNik } from '../node/helpers/applicants.ts';
import { benchBody } from './server-floor.mjs';


/** autocannon against `url`'s POST path, each request a new applicant; the figures and the replies by status. */
async function load(url, path, template, { connections = 20, duration = 10 } = {}) {
  let sent = 0;
  const statuses = new Map();
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        setupRequest(request) {
          const i = sent++;
          const { nik, birthDate } = testNik(i);
          return {
            ...request,
            headers: { ...request.headers, 'idempotency-key': `bench-${i}` },
            body: template.replace('__NIK__', nik).replace('__BIRTH__', birthDate),
          };
        },
      },
    ],
    setupClient(client) {
      client.on('response', (status) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
    },
  });
  const created = statuses.get(201) ?? 0;
  return {
    perSecond: created / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    created,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    duration: result.duration,
    statuses: Object.fromEntries(statuses),
  };
}

const seconds = Number(process.argv[2] ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'ak1-profile-'));
const script = new URL('../node/helpers/server-process.ts', import.meta.url).pathname;
const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', script], {
  env: {
    ...process.env,
    AK1_TEST_SERVER: JSON.stringify({
      database: join(dir, 'bench.sqlite'),
      keyFile: join(dir, 'key.jwk'),
      now: '2026-11-28T02:00:00Z',
      district: { capacityPerDay: 1_000_000, windows: [{ start: '08:00', end: '16:00', capacity: 1_000_000 }] },
    }),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise((resolve) => {
  createInterface({ input: child.stdout }).on('line', (line) => {
    const report = JSON.parse(line);
    if (typeof report.port === 'number') resolve(report.port);
  });
});
const figures = await load(`http://127.0.0.1:${port}`, '/api/ak1', benchBody(), { duration: seconds });
await new Promise((resolve) => {
  child.once('close', resolve);
  child.kill('SIGTERM');
});

const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const samples = new Map();
for (const id of profile.samples) samples.set(id, (samples.get(id) ?? 0) + 1);
const total = profile.samples.length;

const area = (url) => {
  if (!url) return '(native / GC / idle)';
  const modules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (modules) return modules[1];
  const source = url.match(/\/(src\/.*?)(?:\/[^/]+)?$/);
  if (source) return source[1];
  if (url.startsWith('node:')) return 'node internals';
  return url.replace(/.*\//, '');
};
const functions = new Map();
const areas = new Map();
for (const [id, count] of samples) {
  const { callFrame } = byId.get(id);
  const name = `${callFrame.functionName || '(anonymous)'} ${callFrame.url ? `${callFrame.url.replace(/.*\/(src|node_modules)\//, '$1/')}:${callFrame.lineNumber + 1}` : ''}`.trim();
  functions.set(name, (functions.get(name) ?? 0) + count);
  const where = area(callFrame.url);
  areas.set(where, (areas.get(where) ?? 0) + count);
}
const share = (count) => `${((count / total) * 100).toFixed(1)} %`;
const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);

console.log(`${figures.perSecond.toFixed(1)} registrations/s, p99 ${figures.p99} ms, ${figures.created} created; ${total} samples`);
console.log('\n| function (self time) | share |\n|---|---:|');
for (const [name, count] of top(functions, 25)) console.log(`| ${name} | ${share(count)} |`);
console.log('\n| area (self time) | share |\n|---|---:|');
for (const [name, count] of top(areas, 15)) console.log(`| ${name} | ${share(count)} |`);
console.log(`\nprofile: ${join(dir, file)}`);
