// The reference server under load, on each store in one run: one server process on SQLite (a file in a
// temporary folder, WAL, fsync on every commit), then one and two server processes on one PostgreSQL (a
// throwaway cluster from test/node/helpers/postgres.ts, fsync on, Unix socket), each on loopback with autocannon
// holding 20 connections for 10 s after 3 s of warm-up (spread evenly over the processes, as a proxy would), every request a new
// applicant (own NIK, own Idempotency-Key) with the fixtures' 41 kB JPEG pas foto
// (a real JPEG: the server decodes its header) and a KTP picture (server-floor.mjs). Capacity is set high so that booking never
// turns a registration away. Prints one table: registrations per second, latency over every reply, non-2xx
// replies, the rows stored, and the servers' peak memory (RSS sampled every 50 ms). Run by `npm run bench` (or
// `npm run bench -- server`), under tsx.
// The first row is the floor (server-floor-process.mjs: node:http, JSON.parse, one better-sqlite3 insert, WAL,
// synchronous=FULL) under the same load; below the table, the SQLite handler's ratios to it (issue 17).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { testNik } from '../node/helpers/applicants.ts';
import { startPostgres } from '../node/helpers/postgres.ts';
import { startServer } from '../node/helpers/processes.ts';
import { benchBody, floorRows, startFloor } from './server-floor.mjs';
import { recordResult } from './results.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');

const CONNECTIONS = 20;
const DURATION_SECONDS = Number(process.env.AK1_BENCH_SECONDS ?? 10);
// Each configuration is loaded this long before it is measured, and those replies are not counted: the
// first requests of a fresh process (its JIT, tsx compiling what loads lazily) were most of the p99.
const WARMUP_SECONDS = 3;
// One body template (photo and KTP picture); each request swaps in its own NIK and birth date (string work,
// not JSON work, so the load generator sharing these cores spends little).
const template = benchBody();
const serverConfig = {
  now: '2026-11-28T02:00:00Z',
  district: { capacityPerDay: 1_000_000, windows: [{ start: '08:00', end: '16:00', capacity: 1_000_000 }] },
};
// NIKs and keys run on across the configurations: each is a new applicant whichever store it lands in.
let sent = 0;

/**
 * Autocannon against each server at once, the connections shared out among them; latencies are collected
 * from every reply, so the percentiles are over all the processes together.
 */
async function load(urls, seconds = DURATION_SECONDS) {
  const statuses = new Map();
  const latencies = [];
  const results = await Promise.all(
    urls.map((url, n) =>
      autocannon({
        url,
        connections: Math.floor(CONNECTIONS / urls.length) + (n < CONNECTIONS % urls.length ? 1 : 0),
        duration: seconds,
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
          client.on('response', (status, _bytes, milliseconds) => {
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            latencies.push(milliseconds);
          });
        },
      }),
    ),
  );
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    statuses,
    seconds: Math.max(...results.map((r) => r.duration)),
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? 0,
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
  };
}

/** Runs one configuration: its servers, the load, then the servers stopped and the rows counted. */
async function measure(label, configs, countRows) {
  const servers = await Promise.all(configs.map((config) => (config.floor ? startFloor(config.floor) : startServer(config))));
  const warmup = await load(servers.map((server) => server.url), WARMUP_SECONDS);
  const result = await load(servers.map((server) => server.url));
  const stopped = await Promise.all(servers.map((server) => server.stop()));
  const stored = await countRows();
  const created = result.statuses.get(201) ?? 0;
  // Requests still in flight when autocannon stops are committed without their reply being counted.
  const inFlightAtEnd = stored.n - created - (warmup.statuses.get(201) ?? 0);
  const clean =
    stopped.every((s) => s.code === 0) &&
    stored.n === stored.last &&
    inFlightAtEnd >= 0 &&
    inFlightAtEnd <= 2 * CONNECTIONS &&
    result.non2xx + warmup.non2xx === 0 &&
    result.errors + warmup.errors === 0;
  return {
    label,
    clean,
    statuses: result.statuses,
    perSecond: created / result.seconds,
    p99: result.p99,
    cells: [
      label,
      (created / result.seconds).toFixed(1),
      `${Math.round(result.p50)} ms`,
      `${Math.round(result.p99)} ms`,
      `${Math.round(result.max)} ms`,
      String(created),
      `${result.non2xx} / ${result.errors}`,
      `${stored.n}, 1..${stored.last}`,
      stopped.map((s) => `${((s.maxRssBytes ?? 0) / 1024 / 1024).toFixed(0)}`).join(' + ') + ' MB',
    ],
  };
}

const dir = mkdtempSync(join(tmpdir(), 'ak1-bench-'));
// AK1_BENCH_POSTGRES=off measures the floor and SQLite only (half a minute, for trying a change).
const withPostgres = process.env.AK1_BENCH_POSTGRES !== 'off';
const cluster = withPostgres ? await startPostgres({ fsync: true }) : undefined;
const rows = [];
try {
  const floorDatabase = join(dir, 'floor.sqlite');
  rows.push(
    await measure('floor: node:http + JSON.parse + 1 insert', [{ floor: floorDatabase }], async () => {
      const db = new Database(floorDatabase, { readonly: true });
      const stored = db.prepare('SELECT COUNT(*) AS n, MAX(id) AS last FROM floor').get();
      db.close();
      return stored;
    }),
  );
  const database = join(dir, 'bench.sqlite');
  rows.push(
    await measure('SQLite, 1 process', [{ ...serverConfig, database, keyFile: join(dir, 'key.jwk') }], async () => {
      const db = new Database(database, { readonly: true });
      const stored = db.prepare('SELECT COUNT(*) AS n, MAX(serial) AS last FROM ak1_registrations').get();
      db.close();
      return stored;
    }),
  );
  for (const processes of withPostgres ? [1, 2] : []) {
    const schema = `bench_${processes}`;
    const config = { ...serverConfig, database: '', keyFile: join(dir, `${schema}.jwk`), postgres: { connectionString: cluster.connectionString, schema } };
    // The first process makes the schema (a migration under its lock); the others start on it.
    const configs = Array.from({ length: processes }, () => config);
    rows.push(
      await measure(`PostgreSQL, ${processes} process${processes > 1 ? 'es' : ''}`, configs, async () => {
        const client = new pg.Client({ connectionString: cluster.connectionString });
        await client.connect();
        try {
          const { rows: [stored] } = await client.query(`SELECT COUNT(*)::int AS n, MAX(serial) AS last FROM ${schema}.ak1_registrations`);
          return stored;
        } finally {
          await client.end();
        }
      }),
    );
  }
} finally {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}

const bodyKb = Math.round(Buffer.byteLength(template) / 1024);
console.log(
  `\nReference server on loopback, ${CONNECTIONS} connections for ${DURATION_SECONDS} s per store after ${WARMUP_SECONDS} s of warm-up (shared out evenly over the processes), ` +
    `~${bodyKb} kB bodies (41 kB JPEG photo, 12 kB KTP picture); SQLite in ${tmpdir()} (WAL, synchronous=FULL); PostgreSQL a throwaway ` +
    `cluster on a Unix socket (fsync on); Node ${process.version}\n`,
);
const header = ['store', 'registrations/s', 'p50', 'p99', 'max', '201 replies', 'non-2xx / errors', 'rows, serials', 'server peak RSS'];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.cells.join(' | ')} |`);
console.log(`\n${floorRows(rows[0], rows[1])}`);
recordResult('server', { rows: rows.map(({ label, perSecond, p99, clean }) => ({ label, perSecond, p99, clean })) });
for (const row of rows) {
  if (row.statuses.size > 1 || !row.statuses.has(201)) console.log(`  ${row.label} statuses: ${JSON.stringify(Object.fromEntries(row.statuses))}`);
}
if (rows.some((row) => !row.clean)) {
  console.error(`\nThe run was not clean (${rows.filter((row) => !row.clean).map((row) => row.label).join(', ')}): see the table.`);
  process.exitCode = 1;
}
