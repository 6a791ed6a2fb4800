import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ak1Application } from '../../../src/schema/index.js';
import { createPostgresStore, createSqliteStore, type Ak1RegisterRequest, type Ak1Store } from '../../../src/server/index.js';
import { testApplicant } from './applicants.js';
import { startPostgres } from './postgres.js';

/*
 * The stores' register alone, under concurrent clients (docs/scaling.md's locking table): PostgreSQL with one and
 * with two store instances on one schema (a throwaway cluster, fsync on), then SQLite, in one run.
 *   node --import tsx test/node/helpers/store-bench.ts [registrations=2000] [clients=20]
 * Not the server bench (`npm run bench server` goes through HTTP and the handler); a measure of the lock.
 */

const total = Number(process.argv[2] ?? 2000);
const clients = Number(process.argv[3] ?? 20);
const slots = Array.from({ length: 30 }, (_, d) =>
  ['08:00', '10:00'].map((start, w) => ({
    date: `2026-12-${String(d + 1).padStart(2, '0')}`,
    start,
    end: w ? '12:00' : '10:00',
    queue: w ? 'B' : 'A',
    windowCapacity: 40,
    dayCapacity: 80,
  })),
).flat();

let n = 0;
function request(): Ak1RegisterRequest {
  const i = ++n;
  return {
    id: `bench-${i}-${Math.random().toString(36).slice(2)}`,
    idempotencyKey: `bench-key-${i}-${Math.random().toString(36).slice(2)}`,
    fingerprint: `fingerprint-${i}`,
    application: testApplicant(100_000 + i) as unknown as Ak1Application,
    registeredAt: '2026-11-28T08:00:00+07:00',
    registrationDate: '2026-11-28',
    validUntil: '2028-11-28',
    reportDueDates: ['2027-05-28', '2027-11-28', '2028-05-28'],
    token: `token-${i}`,
    serialScope: '3604/2026',
    formatNumber: (serial) => `3604-${String(serial).padStart(6, '0')}-281126`,
    slots,
    clientKey: `10.0.${i % 250}.1`,
    maxSeatsPerClient: 100,
  };
}

async function run(name: string, stores: Ak1Store[]): Promise<void> {
  const latencies: number[] = [];
  let left = total;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (left-- > 0) {
        const t = performance.now();
        const outcome = await stores[c % stores.length]!.register(request());
        if (outcome.outcome !== 'created') throw new Error(`register answered ${outcome.outcome}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]!.toFixed(0);
  console.log(`| ${name} | ${(total / seconds).toFixed(0)} | ${at(0.5)} ms | ${at(0.99)} ms |`);
}

const cluster = await startPostgres({ fsync: true });
const folder = mkdtempSync(join(tmpdir(), 'ak1-store-bench-'));
try {
  console.log(`${total} registrations from ${clients} clients\n| store | registrations/s | p50 | p99 |\n| --- | --- | --- | --- |`);
  const one = await createPostgresStore({ connectionString: cluster.connectionString, schema: 'one' });
  await run('PostgreSQL, 1 instance', [one]);
  await one.close();
  const two = [
    await createPostgresStore({ connectionString: cluster.connectionString, schema: 'two' }),
    await createPostgresStore({ connectionString: cluster.connectionString, schema: 'two' }),
  ];
  await run('PostgreSQL, 2 instances', two);
  await Promise.all(two.map((store) => store.close()));
  const sqlite = await createSqliteStore(join(folder, 'bench.sqlite'));
  await run('SQLite, 1 instance', [sqlite]);
  await sqlite.close();
} finally {
  await cluster.stop();
  rmSync(folder, { recursive: true, force: true });
}
