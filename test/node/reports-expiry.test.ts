import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ak1Application } from '../../src/schema/index.js';
import { createMemoryStore } from '../../src/server/memory-store.js';
import { sweepExpired } from '../../src/server/office/expiry.js';
import { createSqliteStore } from '../../src/server/sqlite-store.js';
import type { Ak1Store } from '../../src/server/store.js';
import { testApplicant } from './helpers/applicants.js';

/*
 * The daily expiry sweep on the stores' read of the due registrations (listExpiryDue), which keeps the IPK route's
 * first call of the day from listing every active registration: the same registrations expire, in the same order,
 * as through the old listing a custom store without the read still gets; the SQLite store answers it through the
 * index of the migration `report-indexes`.
 */

const temp = mkdtempSync(join(tmpdir(), 'ak1-expiry-test-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** Ten registrations, valid until 1 … 10 January 2027, in several statuses; resolves their numbers. */
async function populate(store: Ak1Store): Promise<string[]> {
  const numbers: string[] = [];
  const statuses = ['RECEIVED', 'SIGNED', 'PLACED', 'VERIFIED', 'CANCELLED', 'NEEDS_CORRECTION', 'SIGNED', 'RECEIVED', 'SIGNED', 'VERIFIED'] as const;
  for (let i = 0; i < statuses.length; i++) {
    // Registered in the reverse order of their dates, so that the order of writing is not the order of expiry.
    const registeredAt = `2025-12-${String(20 - i).padStart(2, '0')}T08:00:00+07:00`;
    const outcome = await store.register({
      id: `id-${i}`,
      idempotencyKey: `key-${i}`,
      fingerprint: `fp-${i}`,
      application: testApplicant(400 + i) as unknown as Ak1Application,
      registeredAt,
      registrationDate: registeredAt.slice(0, 10),
      validUntil: `2027-01-${String(1 + i).padStart(2, '0')}`,
      reportDueDates: ['2026-06-01', '2026-12-01', '2027-01-01'],
      token: `token-${i}`,
      serialScope: '3604',
      formatNumber: (serial) => `3604-${String(serial).padStart(6, '0')}`,
      slots: [],
    });
    assert.equal(outcome.outcome, 'created');
    const number = (outcome as { registration: { registrationNumber: string } }).registration.registrationNumber;
    const to = statuses[i]!;
    if (to !== 'RECEIVED') {
      const written = await store.update(number, () => ({
        write: { status: to, history: { at: '2025-12-21T09:00:00+07:00', actor: { kind: 'system' }, event: 'x', from: 'RECEIVED', to } },
      }));
      assert.equal(written.outcome, 'updated');
    }
    numbers.push(number);
  }
  return numbers;
}

/** The store as a custom one without the sweep's read, counting its status listings. */
function withoutDueRead(store: Ak1Store): { store: Ak1Store; listings: () => number } {
  let listings = 0;
  const custom: Ak1Store = {
    ...store,
    listExpiryDue: undefined,
    listRegistrations: (filter) => {
      if ('status' in filter) listings++;
      return store.listRegistrations(filter);
    },
  };
  return { store: custom, listings: () => listings };
}

/** Each registration's expire entry: [number, at], in the order the sweep wrote them. */
async function expiries(store: Ak1Store): Promise<Array<[string, string]>> {
  const entries = await store.listHistory({ from: '2020-01-01T00:00:00+07:00', to: '2030-01-01T00:00:00+07:00' });
  return entries.filter((e) => e.event === 'expire').map((e) => [e.registrationNumber!, e.at]);
}

for (const [name, open] of [
  ['memory', async () => createMemoryStore()],
  ['SQLite', async () => createSqliteStore(join(temp, `${Math.random().toString(36).slice(2)}.sqlite`))],
] as const) {
  describe(`the expiry sweep (${name} store)`, () => {
    it('expires through listExpiryDue the same registrations as through the old listing, without listing the active ones', async () => {
      const withRead = await open();
      const without = await open();
      try {
        const numbers = await populate(withRead);
        await populate(without);
        let listed = 0;
        const counted: Ak1Store = {
          ...withRead,
          listRegistrations: (filter) => {
            listed++;
            return withRead.listRegistrations(filter);
          },
        };
        assert.equal(await sweepExpired(counted, '2027-01-08'), 5);
        assert.equal(listed, 0, 'the sweep read only the due registrations');
        const custom = withoutDueRead(without);
        assert.equal(await sweepExpired(custom.store, '2027-01-08'), 5);
        assert.ok(custom.listings() > 0, 'a store without the read is listed by status');

        const expected = [0, 1, 3, 5, 6].map((i) => numbers[i]!);
        assert.deepEqual((await expiries(withRead)).map(([number]) => number), expected, 'by validUntil, placed and cancelled left');
        assert.deepEqual(await expiries(withRead), await expiries(without));
        assert.equal((await withRead.getRecord(numbers[6]!))!.history.at(-1)!.at, '2027-01-08T00:00:00+07:00', 'dated the day after validUntil');
        assert.equal((await withRead.getRecord(numbers[7]!))!.registration.status, 'RECEIVED', 'valid through the day itself');
        assert.equal(await sweepExpired(counted, '2027-01-08'), 0, 'a second sweep finds nothing');
      } finally {
        await withRead.close();
        await without.close();
      }
    });
  });
}

describe('the SQLite store\'s report indexes', () => {
  it('the expiry read goes through the index on (status, valid_until), the IPK read through its covering index', async () => {
    const path = join(temp, 'plan.sqlite');
    const store = await createSqliteStore(path);
    await store.close();
    const Database = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Database(path, { readonly: true });
    try {
      const { EXPIRY_DUE_SQL } = await import('../../src/server/office/expiry.js');
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${EXPIRY_DUE_SQL.replace(/\$\d+/g, '?')}`).all('2027-01-08', 10) as Array<{ detail: string }>;
      assert.ok(plan.some((step) => /ak1_registrations_expiry/.test(step.detail)), plan.map((step) => step.detail).join('; '));
      assert.ok(!plan.some((step) => /^SCAN ak1_registrations\b/.test(step.detail)), 'no scan of the table');
      // And the IPK read's fields come out of an index, no application parsed (its expressions match the index's).
      const { SQLITE_IPK_APPLICATIONS } = await import('../../src/server/reports/ipk-sources.js');
      const ipk = db.prepare(`EXPLAIN QUERY PLAN ${SQLITE_IPK_APPLICATIONS}`).all() as Array<{ detail: string }>;
      assert.ok(ipk.some((step) => /COVERING INDEX ak1_registrations_ipk/.test(step.detail)), ipk.map((step) => step.detail).join('; '));
    } finally {
      db.close();
    }
  });
});
