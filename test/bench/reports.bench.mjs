// The IPK route on a full district (issue 15): a SQLite database of REGISTRATIONS (50,000) made through the store's
// API over fourteen months with their histories (most verified and signed, some placed, cancelled or left waiting),
// then `GET {endpoint}/office/reports/ipk?month=` through the reference handler with an officer's session. Figures,
// never pass or fail (these machines are shared and noisy). Aim: within 1 s. Then the same on PostgreSQL, in a
// throwaway cluster (test/node/helpers/postgres.ts) when its server programs are installed.
// Run with `npm run bench reports` (REGISTRATIONS=… RUNS=… to change the size and the repetitions; SQLITE=0 or
// POSTGRES=0 leaves that store out). The table ends with the machine's load average, to read the figures by.
// POSTGRES_URL=<connection string> uses that PostgreSQL server (schema `bench`) instead of a throwaway cluster and
// keeps what it seeds there: a second run finds the registrations and times the route at once (for profiling).
// After seeding PostgreSQL the bench vacuums and analyses its tables (below); VACUUM=0 times them as seeded.
//
// The database lives on /dev/shm where there is one: the seeding's 200,000 transactions each wait for fsync on a
// disk, which measures the disk, not the report. The route's reads are the same either way.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ak1DemoDistrict, createAk1Handler, createPostgresStore, createSqliteStore } from '../../src/server/index.ts';
import { addOfficer } from '../../src/server/office/accounts.ts';
import { createWebCryptoHasher } from '../../src/server/office/passwords.ts';
import { testApplicant } from '../node/helpers/applicants.ts';
import { findPostgresBin, startPostgres } from '../node/helpers/postgres.ts';
import { seededRandom } from '../../src/mocks/random.ts';

const REGISTRATIONS = Number(process.env.REGISTRATIONS ?? 50_000);
const RUNS = Number(process.env.RUNS ?? 5);
const MONTH = '2026-12';
const NOW = new Date('2027-01-20T03:00:00Z');
const ENDPOINT = 'https://disnaker.example.go.id/api/ak1';
const PASSWORD = 'kata-sandi-bench-laporan';

const folder = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'ak1-reports-bench-'));
const store = await createSqliteStore(join(folder, 'ak1.sqlite'));

const pad = (n, width = 2) => String(n).padStart(width, '0');
const START = Date.UTC(2025, 11, 1);
const SPAN_MINUTES = (Date.UTC(2027, 0, 15) - START) / 60_000;
/** `minutes` after 1 December 2025 00:00 WIB, written as the server writes times. */
function wib(minutes) {
  const d = new Date(START + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+07:00`;
}
const officer = { kind: 'officer', id: 'officer-bench', name: 'Petugas Bench' };
const LEVELS = ['SD', 'SMP', 'SMA', 'SMK', 'D3', 'S1'];

/** What happens to the i-th registration, drawn in one sequence: the same database on every run and every store. */
function plans() {
  const next = seededRandom(15);
  const list = [];
  for (let i = 0; i < REGISTRATIONS; i++) {
    const t = Math.floor(next() * SPAN_MINUTES * 0.9);
    const level = LEVELS[Math.floor(next() * LEVELS.length)];
    const birthDate = `${1965 + Math.floor(next() * 42)}-${pad(1 + Math.floor(next() * 12))}-${pad(1 + Math.floor(next() * 28))}`;
    const sex = next() < 0.5 ? 'L' : 'P';
    const kbji = next() < 0.7 ? `${Math.floor(next() * 10)}110` : undefined;
    /** [event, minutes later, to] */
    const steps = [];
    const fate = next();
    if (fate < 0.1) steps.push(['cancel', 60 * 24 * 3, 'CANCELLED']);
    else if (fate >= 0.2) {
      // (0.1 … 0.2: still waiting for the visit)
      steps.push(['verify', 60 * 24 * (1 + Math.floor(next() * 10)), 'VERIFIED'], ['sign', 30, 'SIGNED']);
      const after = next();
      if (after < 0.25) steps.push(['place', 60 * 24 * Math.floor(next() * 200), 'PLACED']);
      else if (after < 0.33) steps.push(['cancel', 60 * 24 * Math.floor(next() * 200), 'CANCELLED']);
    }
    list.push({ i, t, level, birthDate, sex, kbji, steps });
  }
  return list;
}

/** Makes one planned registration and its history through the store's API; resolves whether it was signed. */
async function make(store, { i, t, level, birthDate, sex, kbji, steps }) {
  const registeredAt = wib(t);
  const application = testApplicant(200_000 + i, { birthDate, sex, education: [{ level, institution: 'Sekolah Bench', graduationYear: 2010 }] });
  application.jobPreferences = { ...application.jobPreferences, positions: [{ title: 'Posisi', ...(kbji ? { kbji } : {}) }] };
  const outcome = await store.register({
    id: `bench-${i}`,
    idempotencyKey: `bench-key-${i}`,
    fingerprint: `fingerprint-${i}`,
    application,
    registeredAt,
    registrationDate: registeredAt.slice(0, 10),
    validUntil: '2029-01-01',
    reportDueDates: ['2027-06-01', '2027-12-01', '2028-06-01'],
    token: `token-${i}`,
    serialScope: '3604',
    formatNumber: (serial) => `3604-${pad(serial, 6)}`,
    slots: [],
  });
  if (outcome.outcome !== 'created') throw new Error(`register answered ${outcome.outcome}`);
  const number = outcome.registration.registrationNumber;
  let version = 1;
  let status = 'RECEIVED';
  let at = t;
  for (const [event, minutesLater, to] of steps) {
    at += minutesLater;
    const entry = { at: wib(at), actor: officer, event, from: status, to };
    const result = await store.update(number, (record) =>
      record.registration.version === version ? { write: { status: to, history: entry } } : { refuse: 'version-conflict' },
    );
    if (result.outcome !== 'updated') throw new Error(`${number} ${event}: ${result.outcome}`);
    status = to;
    version++;
  }
  return steps.some(([, , to]) => to === 'SIGNED');
}

/**
 * Seeds the store, `parallel` registrations at a time (SQLite: one, its writes are synchronous anyway; PostgreSQL:
 * several, or its 200,000 round trips would take most of the run).
 */
async function seed(store, parallel) {
  const started = performance.now();
  const list = plans();
  let signed = 0;
  let made = 0;
  const worker = async () => {
    while (list.length) {
      if (await make(store, list.shift())) signed++;
      if (++made % 10_000 === 0) console.log(`  ${made} registrations made (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return { seconds: (performance.now() - started) / 1000, signed };
}

/** Times the route on one store: the first request (with the day's expiry sweep), then RUNS more. */
async function measure(label, store, parallel, settle) {
  const passwordHasher = createWebCryptoHasher({ iterations: 1000 });
  // A kept database (POSTGRES_URL) already has them.
  if (await store.findByKey('bench-key-0')) console.log(`${label} already holds the registrations: not seeded again.`);
  else {
    console.log(`Seeding ${REGISTRATIONS} registrations into ${label} …`);
    const made = await seed(store, parallel);
    console.log(`Seeded in ${made.seconds.toFixed(0)} s (${made.signed} signed).`);
    await settle?.();
    await addOfficer(store, passwordHasher, { username: 'bench', name: 'Petugas Bench', roles: ['petugas'], password: PASSWORD, now: NOW });
  }
  const handler = createAk1Handler({
    store,
    endpointPath: '/api/ak1',
    publicUrl: 'https://disnaker.example.go.id',
    district: ak1DemoDistrict,
    corsOrigins: [],
    passwordHasher,
    now: () => NOW,
  });
  const login = await handler(
    new Request(`${ENDPOINT}/office/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'bench-login' },
      body: JSON.stringify({ username: 'bench', password: PASSWORD }),
    }),
  );
  const { token } = await login.json();
  const report = async () => {
    const t = performance.now();
    const reply = await handler(new Request(`${ENDPOINT}/office/reports/ipk?month=${MONTH}`, { headers: { authorization: `Bearer ${token}` } }));
    if (reply.status !== 200) throw new Error(`the IPK route answered ${reply.status}: ${await reply.text()}`);
    const body = await reply.json();
    return { ms: performance.now() - t, body };
  };
  // The first request of the day also runs the expiry sweep: reported apart.
  const first = await report();
  console.log(`${label}: GET office/reports/ipk?month=${MONTH}, first of the day (with the expiry sweep): ${first.ms.toFixed(0)} ms`);
  const times = [];
  for (let run = 0; run < RUNS; run++) times.push((await report()).ms);
  times.sort((a, b) => a - b);
  const total = (rows, key) => rows.reduce((sum, row) => sum + row[key], 0);
  const byAge = first.body.byAge;
  console.log(
    `${MONTH}: start ${total(byAge, 'start')}, registered ${total(byAge, 'registered')}, placed ${total(byAge, 'placed')}, removed ${total(byAge, 'removed')}, end ${total(byAge, 'end')}`,
  );
  return { label, first: first.ms, median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1] };
}

/** PostgreSQL's row, when its server programs are installed (POSTGRES=0 leaves it out). */
async function postgresRow() {
  if (process.env.POSTGRES === '0') return undefined;
  if (!process.env.POSTGRES_URL) {
    try {
      findPostgresBin();
    } catch {
      console.log('PostgreSQL is not installed here: no PostgreSQL row.');
      return undefined;
    }
  }
  const cluster = process.env.POSTGRES_URL ? undefined : await startPostgres();
  const connectionString = process.env.POSTGRES_URL ?? cluster.connectionString;
  const store = await createPostgresStore({ connectionString, schema: 'bench', maxConnections: 8 });
  try {
    // 200,000 writes in minutes leave the tables with their old row versions and statistics of when they were
    // smaller, which autovacuum sets right over the months such a district takes to fill: done at once here.
    const settle = async () => {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString });
      await client.connect();
      for (const table of ['ak1_registrations', 'ak1_history']) await client.query(`VACUUM ANALYZE bench.${table}`);
      await client.end();
      console.log('Vacuumed and analysed (as autovacuum does).');
    };
    return await measure('PostgreSQL', store, 8, process.env.VACUUM === '0' ? undefined : settle);
  } finally {
    await store.close();
    await cluster?.stop();
  }
}

const rows = [];
try {
  if (process.env.SQLITE !== '0') rows.push(await measure(`SQLite at ${folder}`, store, 1));
} finally {
  await store.close();
  if (process.env.KEEP) console.log(`kept ${folder}`);
  else rmSync(folder, { recursive: true, force: true });
}
const postgres = await postgresRow();
if (postgres) rows.push(postgres);
const load = loadavg().map((n) => n.toFixed(2)).join(', ');
console.log(`\n| store | registrations | first call (with the expiry sweep) | IPK route, median of ${RUNS} | min | max |\n| --- | --- | --- | --- | --- | --- |`);
for (const row of rows) {
  const name = row.label.startsWith('SQLite') ? 'SQLite' : row.label;
  console.log(`| ${name} | ${REGISTRATIONS} | ${row.first.toFixed(0)} ms | ${row.median.toFixed(0)} ms | ${row.min.toFixed(0)} ms | ${row.max.toFixed(0)} ms |`);
}
console.log(`Load average at the end (1, 5, 15 min): ${load} on ${availableParallelism()} cores.`);
for (const row of rows) console.log(`${row.label.split(' ')[0]}: ${row.median < 1000 ? 'within' : 'over'} the aim of 1 s.`);
