import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ak1Application } from '../../src/schema/index.js';
import type { Ak1HistoryEntry } from '../../src/schema/lifecycle.js';
import { countIpk } from '../../src/server/reports/ipk.js';
import { createPostgresStore } from '../../src/server/postgres-store.js';
import { createSqliteStore } from '../../src/server/sqlite-store.js';
import type { Ak1Store } from '../../src/server/store.js';
import { testApplicant } from './helpers/applicants.js';
import { startPostgres } from './helpers/postgres.js';
import { seededRandom } from '../../src/mocks/random.js';

/*
 * The SQL stores' month read for the IPK tables (listIpkSources with `fromMs`: each registration's status at the
 * month's start instead of its earlier changes) gives the same tables as the whole history, month by month, with
 * changes of the same second (verified and signed at once) and several changes before a month.
 */

const ZONE = 'Asia/Jakarta';
const MONTHS = ['2026-08', '2026-09', '2026-10', '2026-11', '2026-12'];
const pad = (n: number) => String(n).padStart(2, '0');


/** A WIB time `minutes` after 1 August 2026 00:00 WIB. */
function wib(minutes: number): string {
  const d = new Date(Date.UTC(2026, 7, 1) + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+07:00`;
}

async function populate(store: Ak1Store): Promise<void> {
  const next = seededRandom(151207);
  const day = 24 * 60;
  for (let i = 0; i < 300; i++) {
    let t = Math.floor(next() * 120 * day);
    const at = wib(t);
    const outcome = await store.register({
      id: `id-${i}`,
      idempotencyKey: `key-${i}`,
      fingerprint: `fp-${i}`,
      application: testApplicant(i, { sex: next() < 0.5 ? 'L' : 'P' }) as unknown as Ak1Application,
      registeredAt: at,
      registrationDate: at.slice(0, 10),
      validUntil: '2029-01-01',
      reportDueDates: ['2027-06-01', '2027-12-01', '2028-06-01'],
      token: `token-${i}`,
      serialScope: '3604',
      formatNumber: (serial) => `3604-${String(serial).padStart(6, '0')}`,
      slots: [],
    });
    assert.equal(outcome.outcome, 'created');
    const number = (outcome as { registration: { registrationNumber: string } }).registration.registrationNumber;
    let status = 'RECEIVED';
    let version = 1;
    const write = async (event: string, minutes: number, to: string) => {
      t += minutes;
      const entry: Ak1HistoryEntry = { at: wib(t), actor: { kind: 'officer', id: 'o', name: 'Petugas' }, event, from: status, to };
      const result = await store.update(number, (record) =>
        record.registration.version === version ? { write: { status: to as 'SIGNED', history: entry } } : { refuse: 'version-conflict' },
      );
      assert.equal(result.outcome, 'updated');
      status = to;
      version++;
    };
    if (next() < 0.1) continue;
    // Verified and signed in the same minute now and then: the last written is the status after.
    await write('verify', Math.floor(next() * 20 * day), 'VERIFIED');
    await write('sign', next() < 0.3 ? 0 : Math.floor(next() * 3 * day), 'SIGNED');
    const fate = next();
    if (fate < 0.3) await write('place', Math.floor(next() * 60 * day), 'PLACED');
    else if (fate < 0.45) await write('cancel', Math.floor(next() * 60 * day), 'CANCELLED');
  }
}

const monthBounds = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { fromMs: Date.UTC(y, m - 1, 1) - 7 * 3_600_000, toMs: Date.UTC(y, m, 1) - 7 * 3_600_000 - 1000 };
};

async function sameTablesMonthByMonth(store: Ak1Store): Promise<void> {
  await populate(store);
  let fewer = false;
  let onBooks = 0;
  for (const month of MONTHS) {
    const { fromMs, toMs } = monthBounds(month);
    const whole = await store.listIpkSources!({ toMs });
    const fromStart = await store.listIpkSources!({ toMs, fromMs });
    const report = countIpk(month, ZONE, fromStart);
    assert.deepEqual(report, countIpk(month, ZONE, whole), month);
    const changes = (sources: typeof whole) => sources.reduce((sum, source) => sum + source.history.length, 0);
    if (changes(fromStart) < changes(whole)) fewer = true;
    onBooks += report.byAge.reduce((sum, row) => sum + row.start + row.registered, 0);
  }
  assert.ok(fewer, 'the month read leaves earlier changes out');
  assert.ok(onBooks > 100, `the months count people (${onBooks})`);
}

describe('listIpkSources from the month start', () => {
  it('SQLite: counts every month as the whole history does, and sends fewer changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ak1-ipk-sources-'));
    const store = await createSqliteStore(join(dir, 'ak1.sqlite'));
    try {
      await sameTablesMonthByMonth(store);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: the same', async () => {
    const cluster = await startPostgres();
    const store = await createPostgresStore({ connectionString: cluster.connectionString, schema: 'ipk_sources' });
    try {
      await sameTablesMonthByMonth(store);
    } finally {
      await store.close();
      await cluster.stop();
    }
  });
});
