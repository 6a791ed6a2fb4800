// The reference server under load: one server process (createAk1Handler + createSqliteStore on a file in a
// temporary folder, WAL, fsync on every commit) on loopback, autocannon with 20 connections for 10 s, every
// request a new applicant (own NIK, own Idempotency-Key) with a 40 kB JPEG photo. Capacity is set high so
// that booking never turns a registration away. Prints registrations per second, latency, non-2xx replies
// and the server's peak memory (its RSS sampled every 50 ms). Run by `npm run bench` (or
// `npm run bench -- server`), under tsx.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { testApplicant, testNik } from '../node/helpers/applicants.ts';
import { startServer } from '../node/helpers/processes.ts';

const CONNECTIONS = 20;
const DURATION_SECONDS = 10;
const PHOTO_BYTES = 40 * 1024;

/** A deterministic 40 kB "JPEG": the signature, pseudo-random bytes, the end marker. */
function photo() {
  const bytes = new Uint8Array(PHOTO_BYTES);
  let seed = 0x2604;
  for (let i = 0; i < bytes.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    bytes[i] = seed >>> 24;
  }
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  bytes.set([0xff, 0xd9], bytes.length - 2);
  return Buffer.from(bytes).toString('base64');
}

const dir = mkdtempSync(join(tmpdir(), 'ak1-bench-'));
const database = join(dir, 'bench.sqlite');
const server = await startServer({
  database,
  keyFile: join(dir, 'key.jwk'),
  now: '2026-11-28T02:00:00Z',
  district: { capacityPerDay: 1_000_000, windows: [{ start: '08:00', end: '16:00', capacity: 1_000_000 }] },
});

// One body template; each request swaps in its own NIK and birth date (string work, not JSON work, so the
// load generator sharing these cores spends little).
const template = JSON.stringify(
  testApplicant(0, { nik: '__NIK__', birthDate: '__BIRTH__', photo: { mediaType: 'image/jpeg', dataBase64: photo() } }),
);
let sent = 0;
const statuses = new Map();

const result = await autocannon({
  url: server.url,
  connections: CONNECTIONS,
  duration: DURATION_SECONDS,
  requests: [
    {
      method: 'POST',
      path: '/api/ak1',
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

const { maxRssBytes, code } = await server.stop();
const db = new Database(database, { readonly: true });
const stored = db.prepare('SELECT COUNT(*) AS n, MAX(serial) AS last FROM ak1_registrations').get();
db.close();
rmSync(dir, { recursive: true, force: true });

const created = statuses.get(201) ?? 0;
const bodyKb = Math.round(Buffer.byteLength(template) / 1024);
const rows = [
  ['registrations/s', (created / result.duration).toFixed(1)],
  ['requests/s (autocannon mean)', result.requests.average.toFixed(1)],
  ['latency p50', `${result.latency.p50} ms`],
  ['latency p99', `${result.latency.p99} ms`],
  ['latency max', `${result.latency.max} ms`],
  ['201 replies', String(created)],
  ['non-2xx replies', String(result.non2xx)],
  ['errors / timeouts', `${result.errors} / ${result.timeouts}`],
  ['rows in SQLite', `${stored.n}, serials 1..${stored.last} (replies cut off at the end: ${stored.n - created})`],
  ['server peak RSS', `${(maxRssBytes / 1024 / 1024).toFixed(1)} MB`],
];
console.log(
  `\nReference server, SQLite (WAL, synchronous=FULL) in ${tmpdir()}, loopback, ${CONNECTIONS} connections, ` +
    `${result.duration} s, ~${bodyKb} kB bodies (40 kB JPEG photo); Node ${process.version}\n`,
);
const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
if (statuses.size > 1 || !statuses.has(201)) console.log(`  statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);

// Requests still in flight when autocannon stops are committed without their reply being counted.
const inFlightAtEnd = stored.n - created;
if (code !== 0 || stored.n !== stored.last || inFlightAtEnd < 0 || inFlightAtEnd > CONNECTIONS || result.non2xx > 0 || result.errors > 0) {
  console.error('\nThe run was not clean: see the table.');
  process.exitCode = 1;
}
