// The IPK route on a full district (issue 15): a SQLite database of REGISTRATIONS (50,000) made through the store's
// API over fourteen months with their histories (most verified and signed, some placed, cancelled or left waiting),
// then `GET {endpoint}/office/reports/ipk?month=` through the reference handler with an officer's session. Figures,
// never pass or fail (these machines are shared and noisy). Aim: within 1 s.
// Run with `npm run bench reports` (REGISTRATIONS=… RUNS=… to change the size and the repetitions).
//
// The database lives on /dev/shm where there is one: the seeding's 200,000 transactions each wait for fsync on a
// disk, which measures the disk, not the report. The route's reads are the same either way.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ak1DemoDistrict, createAk1Handler, createSqliteStore } from '../../src/server/index.ts';
import { addOfficer } from '../../src/server/office/accounts.ts';
import { createWebCryptoHasher } from '../../src/server/office/passwords.ts';
import { testApplicant } from '../node/helpers/applicants.ts';

const REGISTRATIONS = Number(process.env.REGISTRATIONS ?? 50_000);
const RUNS = Number(process.env.RUNS ?? 5);
const MONTH = '2026-12';
const NOW = new Date('2027-01-20T03:00:00Z');
const ENDPOINT = 'https://disnaker.example.go.id/api/ak1';
const PASSWORD = 'kata-sandi-bench-laporan';

const folder = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'ak1-reports-bench-'));
const store = await createSqliteStore(join(folder, 'ak1.sqlite'));

/** mulberry32: the same database on every run. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
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

async function seed() {
  const next = random(15);
  const started = performance.now();
  let signed = 0;
  for (let i = 0; i < REGISTRATIONS; i++) {
    let t = Math.floor(next() * SPAN_MINUTES * 0.9);
    const registeredAt = wib(t);
    const level = LEVELS[Math.floor(next() * LEVELS.length)];
    const application = testApplicant(200_000 + i, {
      birthDate: `${1965 + Math.floor(next() * 42)}-${pad(1 + Math.floor(next() * 12))}-${pad(1 + Math.floor(next() * 28))}`,
      sex: next() < 0.5 ? 'L' : 'P',
      education: [{ level, institution: 'Sekolah Bench', graduationYear: 2010 }],
    });
    application.jobPreferences = { ...application.jobPreferences, positions: [{ title: 'Posisi', ...(next() < 0.7 ? { kbji: `${Math.floor(next() * 10)}110` } : {}) }] };
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
    const write = async (event, minutesLater, to) => {
      t += minutesLater;
      const entry = { at: wib(t), actor: officer, event, ...(to ? { from: status, to } : {}) };
      const result = await store.update(number, (record) =>
        record.registration.version === version ? { write: { ...(to ? { status: to } : {}), history: entry } } : { refuse: 'version-conflict' },
      );
      if (result.outcome !== 'updated') throw new Error(`${number} ${event}: ${result.outcome}`);
      if (to) {
        status = to;
        version++;
      }
    };
    const fate = next();
    if (fate < 0.1) {
      await write('cancel', 60 * 24 * 3, 'CANCELLED');
      continue;
    }
    if (fate < 0.2) continue; // still waiting for the visit
    await write('verify', 60 * 24 * (1 + Math.floor(next() * 10)), 'VERIFIED');
    await write('sign', 30, 'SIGNED');
    signed++;
    const after = next();
    if (after < 0.25) await write('place', 60 * 24 * Math.floor(next() * 200), 'PLACED');
    else if (after < 0.33) await write('cancel', 60 * 24 * Math.floor(next() * 200), 'CANCELLED');
    if ((i + 1) % 10_000 === 0) console.log(`  ${i + 1} registrations made (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  return { seconds: (performance.now() - started) / 1000, signed };
}

try {
  console.log(`Seeding ${REGISTRATIONS} registrations into SQLite at ${folder} …`);
  const made = await seed();
  console.log(`Seeded in ${made.seconds.toFixed(0)} s (${made.signed} signed).`);

  const passwordHasher = createWebCryptoHasher({ iterations: 1000 });
  await addOfficer(store, passwordHasher, { username: 'bench', name: 'Petugas Bench', roles: ['petugas'], password: PASSWORD, now: NOW });
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
  console.log(`GET office/reports/ipk?month=${MONTH}, first of the day (with the expiry sweep): ${first.ms.toFixed(0)} ms`);
  const times = [];
  for (let run = 0; run < RUNS; run++) times.push((await report()).ms);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const total = (rows, key) => rows.reduce((sum, row) => sum + row[key], 0);
  const byAge = first.body.byAge;
  console.log(
    `${MONTH}: start ${total(byAge, 'start')}, registered ${total(byAge, 'registered')}, placed ${total(byAge, 'placed')}, removed ${total(byAge, 'removed')}, end ${total(byAge, 'end')}`,
  );
  console.log(`| store | registrations | IPK route, median of ${RUNS} | min | max |\n| --- | --- | --- | --- | --- |`);
  console.log(`| SQLite | ${REGISTRATIONS} | ${median.toFixed(0)} ms | ${times[0].toFixed(0)} ms | ${times[times.length - 1].toFixed(0)} ms |`);
  console.log(median < 1000 ? 'Within the aim of 1 s.' : 'Over the aim of 1 s.');
} finally {
  await store.close();
  if (process.env.KEEP) console.log(`kept ${folder}`);
  else rmSync(folder, { recursive: true, force: true });
}
