import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ak1Application } from '../../src/schema/index.js';
import { createSqliteStore } from '../../src/server/sqlite-store.js';
import type { Ak1RegisterOutcome, Ak1RegisterRequest, Ak1Store } from '../../src/server/store.js';
import { testApplicant } from './helpers/applicants.js';

/*
 * The SQLite store writes the registrations that reach it in one turn of the event loop in one transaction
 * (group commit, docs/performance.md), and keeps the seat counts and queue places it read between
 * registrations. These are the cases where that could have changed an answer: several started at once must each
 * be answered as if they had come one after another, and what another process or an update changed must count.
 */

const dir = mkdtempSync(join(tmpdir(), 'ak1-group-commit-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
let sequence = 0;

async function openStore(): Promise<{ store: Ak1Store; path: string }> {
  const path = join(dir, `store-${++files}.sqlite`);
  return { store: await createSqliteStore(path), path };
}

function request(i: number, changes: Partial<Ak1RegisterRequest> = {}): Ak1RegisterRequest {
  const n = ++sequence;
  return {
    id: `id-${n}`,
    idempotencyKey: `key-${n}`,
    fingerprint: `fingerprint-${i}`,
    application: testApplicant(i) as unknown as Ak1Application,
    registeredAt: `2026-11-28T08:00:${String(n % 60).padStart(2, '0')}+07:00`,
    registrationDate: '2026-11-28',
    validUntil: '2028-11-28',
    reportDueDates: ['2027-05-28', '2027-11-28', '2028-05-28'],
    token: `token-${n}`,
    serialScope: '3604/2026',
    formatNumber: (serial) => `3604-${String(serial).padStart(6, '0')}-281126`,
    slots: [{ date: '2026-12-01', start: '08:00', end: '10:00', queue: 'A', windowCapacity: 2, dayCapacity: 2 }],
    ...changes,
  };
}

const numberOf = (outcome: Ak1RegisterOutcome) => ('registration' in outcome ? outcome.registration.registrationNumber : outcome.outcome);
const queueOf = (outcome: Ak1RegisterOutcome) => ('registration' in outcome ? (outcome.registration.appointment?.queueNumber ?? 'none') : outcome.outcome);

describe('SQLite store: registrations started at once, and the counts it keeps', () => {
  it('are numbered and seated in the order they were started, as if one after another', async () => {
    const { store } = await openStore();
    const outcomes = await Promise.all([1, 2, 3].map((i) => store.register(request(i))));
    assert.deepEqual(outcomes.map(numberOf), ['3604-000001-281126', '3604-000002-281126', '3604-000003-281126']);
    // Two seats in the one window: the third is registered without a visit.
    assert.deepEqual(outcomes.map(queueOf), ['A-001', 'A-002', 'none']);
    await store.close();
  });

  it('see each other: the same key is a replay or a reused key, the same NIK is already registered', async () => {
    const { store } = await openStore();
    const first = request(4);
    const outcomes = await Promise.all([
      store.register(first),
      store.register({ ...first }),
      store.register({ ...first, fingerprint: 'another' }),
      store.register(request(4)),
    ]);
    assert.deepEqual(
      outcomes.map((o) => o.outcome),
      ['created', 'replayed', 'key-reused', 'already-registered'],
    );
    assert.deepEqual((outcomes[1] as { registration: unknown }).registration, (outcomes[0] as { registration: unknown }).registration);
    await store.close();
  });

  it('fail alone: one that throws is rolled back, the others keep their answers and the serials stay gapless', async () => {
    const { store } = await openStore();
    const broken = request(6, {
      formatNumber: () => {
        throw new RangeError('no number');
      },
    });
    const results = await Promise.allSettled([store.register(request(5)), store.register(broken), store.register(request(7))]);
    assert.equal(results[0].status, 'fulfilled');
    assert.equal(results[1].status, 'rejected');
    assert.ok((results[1] as PromiseRejectedResult).reason instanceof RangeError);
    assert.deepEqual(
      results.filter((r) => r.status === 'fulfilled').map((r) => numberOf((r as PromiseFulfilledResult<Ak1RegisterOutcome>).value)),
      ['3604-000001-281126', '3604-000002-281126'],
    );
    assert.equal(await store.findByKey(broken.idempotencyKey), undefined);
    await store.close();
  });

  it("count another process's bookings and a seat an update freed, though the store keeps its counts", async () => {
    const { store, path } = await openStore();
    const other = await createSqliteStore(path);
    const first = await store.register(request(10));
    assert.equal(queueOf(first), 'A-001');
    // Another process (its own connection to the file) books the window's second and last seat.
    assert.equal(queueOf(await other.register(request(11))), 'A-002');
    assert.equal(queueOf(await store.register(request(12))), 'none');
    // Cancelling the first frees its seat; its number is not given again.
    const number = numberOf(first);
    const update = await store.update(number, () => ({
      write: { status: 'CANCELLED', history: { at: '2026-11-28T09:00:00+07:00', actor: { kind: 'applicant' }, event: 'cancel', from: 'RECEIVED', to: 'CANCELLED' } },
    }));
    assert.equal(update.outcome, 'updated');
    assert.equal(queueOf(await store.register(request(13))), 'A-003');
    assert.equal(queueOf(await other.register(request(14))), 'none');
    await other.close();
    await store.close();
  });

  it('are written, and answered, when the store is closed before their turn ends', async () => {
    const { store, path } = await openStore();
    const pending = [store.register(request(8)), store.register(request(9))];
    await store.close();
    assert.deepEqual((await Promise.all(pending)).map(numberOf), ['3604-000001-281126', '3604-000002-281126']);
    const reopened = await createSqliteStore(path);
    assert.equal((await reopened.findByKey(`key-${sequence}`))?.registration.registrationNumber, '3604-000002-281126');
    await reopened.close();
  });
});
