import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Ak1Application } from '../../src/schema/index.js';
import type { Ak1HistoryEntry } from '../../src/schema/lifecycle.js';
import type { Ak1Slot } from '../../src/server/calendar.js';
import {
  Ak1StoreUnavailableError,
  type Ak1RegisterRequest,
  type Ak1Store,
  type Ak1StoredOfficer,
  type Ak1StoredRecord,
  type Ak1StoredRegistration,
  type Ak1UpdateDecision,
} from '../../src/server/store.js';
import { testApplicant, testNik } from './helpers/applicants.js';

/*
 * One suite that every `Ak1Store` passes: the memory store, the SQLite store, and (issue 16) PostgreSQL. A store
 * joins by calling `storeSuite(name, makeStore)` from its own test file. The cases talk to the store directly, as
 * the handler and the office routes do, so a failure names the store's rule that broke rather than a route.
 */

export interface StoreUnderTest {
  store: Ak1Store;
  /**
   * A second store on the same data, as another server process would open it (SQLite: the same file). Absent for
   * a store whose data lives in one process only (memory).
   */
  another?: () => Promise<Ak1Store>;
}

const REGISTRATION_DATE = '2026-11-28';
const OFFSET = '+07:00';

/** Two windows a day, two seats each, on two days. */
const SLOTS: Ak1Slot[] = ['2026-12-01', '2026-12-02'].flatMap((date) => [
  { date, start: '08:00', end: '10:00', queue: 'A', windowCapacity: 2, dayCapacity: 4 },
  { date, start: '10:00', end: '12:00', queue: 'B', windowCapacity: 2, dayCapacity: 4 },
]);

let sequence = 0;

/** A registration request for the `i`-th test applicant; each call is a new submission (new id, key and time). */
export function storeRequest(i: number, changes: Omit<Partial<Ak1RegisterRequest>, 'application'> & { application?: Record<string, unknown> } = {}): Ak1RegisterRequest {
  const n = ++sequence;
  // 08:00:01, 08:00:02 …: distinct, in order of submission, and before the officers' 09:00 in the cases.
  const time = `08:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
  const { application: applicationChanges, ...rest } = changes;
  return {
    id: `id-${n}-${Math.random().toString(36).slice(2)}`,
    idempotencyKey: `key-${n}-${Math.random().toString(36).slice(2)}`,
    fingerprint: `fingerprint-${i}`,
    application: testApplicant(i, applicationChanges) as unknown as Ak1Application,
    registeredAt: `${REGISTRATION_DATE}T${time}${OFFSET}`,
    registrationDate: REGISTRATION_DATE,
    validUntil: '2028-11-28',
    reportDueDates: ['2027-05-28', '2027-11-28', '2028-05-28'],
    token: `token-${n}`,
    serialScope: '3604/2026',
    formatNumber: (serial) => `3604-${String(serial).padStart(6, '0')}-281126`,
    slots: SLOTS,
    ...rest,
  };
}

async function created(store: Ak1Store, req: Ak1RegisterRequest): Promise<Ak1StoredRegistration> {
  const outcome = await store.register(req);
  assert.equal(outcome.outcome, 'created');
  return (outcome as { registration: Ak1StoredRegistration }).registration;
}

function officerEntry(event: string, at: string, extra: Partial<Ak1HistoryEntry> = {}): Ak1HistoryEntry {
  return { at, actor: { kind: 'officer', id: 'officer-1', name: 'Siti Aminah' }, event, ...extra };
}

/** A decision that writes only if the record is still at `version`, as the office routes decide. */
function atVersion(version: number, write: Exclude<Ak1UpdateDecision, { refuse: string }>['write']) {
  return (record: Ak1StoredRecord): Ak1UpdateDecision =>
    record.registration.version === version ? { write } : { refuse: 'version-conflict' };
}

function officer(username: string, changes: Partial<Ak1StoredOfficer> = {}): Ak1StoredOfficer {
  return {
    id: `officer-${username}`,
    username,
    name: `Petugas ${username}`,
    roles: ['petugas'],
    passwordHash: 'scrypt$32768$8$1$salt$hash',
    passwordChangeRequired: true,
    disabled: false,
    createdAt: `2026-11-28T08:00:00${OFFSET}`,
    ...changes,
  };
}

const at = (time: string) => `${REGISTRATION_DATE}T${time}${OFFSET}`;

export function storeSuite(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`Ak1Store: ${name}`, () => {
    const open: Ak1Store[] = [];
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close().catch(() => {});
    });
    const make = async () => {
      const made = await makeStore();
      open.push(made.store);
      const another = made.another
        ? async () => {
            const store = await made.another!();
            open.push(store);
            return store;
          }
        : undefined;
      return { store: made.store, another };
    };

    describe('register', () => {
      it('creates version 1 with its NIK, the reports due and one submit entry; serials count 1, 2, 3', async () => {
        const { store } = await make();
        const first = await created(store, storeRequest(1, { accessCodeHash: 'a'.repeat(64) }));
        assert.equal(first.registrationNumber, '3604-000001-281126');
        assert.equal(first.status, 'RECEIVED');
        assert.equal(first.version, 1);
        assert.equal(first.nik, testNik(1).nik);
        assert.equal(first.accessCodeHash, 'a'.repeat(64));
        assert.deepEqual(first.reports, [{ due: '2027-05-28' }, { due: '2027-11-28' }, { due: '2028-05-28' }]);
        assert.equal(first.issuedAt, undefined);
        const second = await created(store, storeRequest(2));
        const third = await created(store, storeRequest(3));
        assert.deepEqual([second.registrationNumber, third.registrationNumber], ['3604-000002-281126', '3604-000003-281126']);
        assert.equal(second.accessCodeHash, undefined);

        const record = await store.getRecord(first.registrationNumber);
        assert.ok(record);
        assert.deepEqual(record.registration, first);
        assert.deepEqual(record.history, [{ at: first.registeredAt, actor: { kind: 'applicant' }, event: 'submit', to: 'RECEIVED' }]);
        assert.equal(record.application.nik, testNik(1).nik);
        assert.ok(record.application.photo, 'the record has the attachments');
      });

      it('answers a replay, refuses a reused key and a second active registration of a NIK', async () => {
        const { store } = await make();
        const req = storeRequest(1);
        const first = await created(store, req);
        assert.deepEqual(await store.register(req), { outcome: 'replayed', registration: first });
        assert.deepEqual(await store.register({ ...req, fingerprint: 'another' }), { outcome: 'key-reused' });
        assert.deepEqual(await store.register(storeRequest(1)), { outcome: 'already-registered' });
        assert.deepEqual(await store.findByKey(req.idempotencyKey), { fingerprint: req.fingerprint, registration: first });
        assert.deepEqual(await store.findById(req.id), first);
        assert.equal(await store.findById('nobody'), undefined);
        assert.equal(await store.findByKey('nobody'), undefined);
        const history = (await store.getRecord(first.registrationNumber))!.history;
        assert.equal(history.length, 1, 'a replay writes no second submit entry');
      });

      it('books the first window with room and keeps the renewal link', async () => {
        const { store } = await make();
        const visits = [];
        for (let i = 0; i < 5; i++) visits.push((await created(store, storeRequest(i))).appointment);
        assert.deepEqual(
          visits.map((v) => `${v?.date} ${v?.queueNumber}`),
          ['2026-12-01 A-001', '2026-12-01 A-002', '2026-12-01 B-001', '2026-12-01 B-002', '2026-12-02 A-001'],
        );
        assert.deepEqual(await store.countBookings('2026-12-01', '2026-12-02').then(sorted), [
          { date: '2026-12-01', start: '08:00', count: 2 },
          { date: '2026-12-01', start: '10:00', count: 2 },
          { date: '2026-12-02', start: '08:00', count: 1 },
        ]);
        const renewal = await created(store, storeRequest(9, { application: { previousRegistrationNumber: '3604-000077-011124' } }));
        assert.equal(renewal.previousRegistrationNumber, '3604-000077-011124');
      });

      it('gives no visit over the per-address cap', async () => {
        const { store } = await make();
        const capped = { clientKey: '203.0.113.7', maxSeatsPerClient: 2 };
        assert.ok((await created(store, storeRequest(1, capped))).appointment);
        assert.ok((await created(store, storeRequest(2, capped))).appointment);
        assert.equal((await created(store, storeRequest(3, capped))).appointment, undefined);
        assert.ok((await created(store, storeRequest(4, { ...capped, clientKey: '198.51.100.20' }))).appointment);
      });
    });

    describe('update', () => {
      it('bumps the version only when the status, the application or the appointment is written', async () => {
        const { store } = await make();
        const { registrationNumber } = await created(store, storeRequest(1));
        const checkIn = await store.update(registrationNumber, () => ({
          write: { set: { checkedInAt: at('08:01:00') }, history: officerEntry('check-in', at('08:01:00')) },
        }));
        assert.equal(checkIn.outcome, 'updated');
        assert.equal((checkIn as { registration: { version: number } }).registration.version, 1, 'a check-in changes no version');
        const record = (await store.getRecord(registrationNumber))!;
        assert.equal(record.registration.checkedInAt, at('08:01:00'));
        assert.equal(record.registration.version, 1);

        const verified = await store.update(registrationNumber, atVersion(1, {
          status: 'VERIFIED',
          history: officerEntry('verify', at('08:02:00'), { from: 'RECEIVED', to: 'VERIFIED' }),
        }));
        assert.equal(verified.outcome, 'updated');
        assert.equal((await store.findById(record.registration.id))!.status, 'VERIFIED');
        assert.equal((await store.findById(record.registration.id))!.version, 2);

        const edited = { ...record.application, fullName: 'Siti Rahmawati', nik: testNik(500).nik };
        await store.update(registrationNumber, atVersion(2, {
          application: edited,
          history: officerEntry('edit', at('08:03:00'), { changes: [{ path: ['fullName'], before: 'Uji Coba', after: 'Siti Rahmawati' }] }),
        }));
        const after = (await store.getRecord(registrationNumber))!;
        assert.equal(after.registration.version, 3);
        assert.equal(after.registration.fullName, 'Siti Rahmawati', 'the name column follows the application');
        assert.equal(after.registration.nik, testNik(500).nik, 'the NIK column follows the application');
        assert.equal(after.application.fullName, 'Siti Rahmawati');
        assert.ok(after.application.photo, 'the attachments are written with the application');
        assert.deepEqual((await store.getApplication(after.registration.id))!.fullName, 'Siti Rahmawati');
        assert.equal((await store.listRegistrations({ query: 'rahmawati' })).length, 1);
        assert.equal((await store.listRegistrations({ query: testNik(500).nik })).length, 1);
        assert.equal((await store.listRegistrations({ query: testNik(1).nik })).length, 0);
        // The edited NIK now holds the registration; the old one is free.
        assert.deepEqual(await store.register(storeRequest(500)), { outcome: 'already-registered' });
        await created(store, storeRequest(1));

        const moved = await store.update(registrationNumber, atVersion(3, {
          appointment: { date: '2026-12-02', start: '10:00', end: '12:00', queueNumber: 'B-001' },
          history: officerEntry('reschedule', at('08:04:00')),
        }));
        assert.equal((moved as { registration: { version: number } }).registration.version, 4);
        assert.deepEqual(after.history.map((h) => h.event), ['submit', 'check-in', 'verify', 'edit']);
      });

      it('writes the signing fields and the reports; reports follow the due dates until written', async () => {
        const { store } = await make();
        const { registrationNumber } = await created(store, storeRequest(1));
        const signedBy = { officerId: 'officer-2', name: 'Dra. Hj. Siti Aminah', nip: '196901011990032001', title: 'Pengantar Kerja Ahli Muda' };
        const dueDates = ['2027-06-01', '2027-12-01', '2028-06-01'] as const;
        const signed = await store.update(registrationNumber, () => ({
          write: {
            status: 'SIGNED',
            set: { issuedAt: '2026-12-01', validUntil: '2028-12-01', reportDueDates: dueDates, signedBy, karirhubNumber: 'KH-123' },
            history: officerEntry('sign', at('09:00:00'), { from: 'VERIFIED', to: 'SIGNED' }),
          },
        }));
        assert.equal(signed.outcome, 'updated');
        const registration = (await store.getRecord(registrationNumber))!.registration;
        assert.equal(registration.issuedAt, '2026-12-01');
        assert.equal(registration.validUntil, '2028-12-01');
        assert.deepEqual(registration.reportDueDates, dueDates);
        assert.deepEqual(registration.signedBy, signedBy);
        assert.equal(registration.karirhubNumber, 'KH-123');
        assert.deepEqual(registration.reports, dueDates.map((due) => ({ due })));

        const reports = [{ due: '2027-06-01', madeAt: at('10:00:00'), kind: 'seeking' as const }, { due: '2027-12-01' }, { due: '2028-06-01' }];
        await store.update(registrationNumber, () => ({ write: { set: { reports }, history: officerEntry('report', at('10:00:00')) } }));
        const reported = (await store.findById(registration.id))!;
        assert.deepEqual(reported.reports, reports);
        assert.equal(reported.version, 2, 'a report changes no version');
      });

      it('writes nothing when the decision refuses, or throws; an unknown number is not-found', async () => {
        const { store } = await make();
        const { registrationNumber, id } = await created(store, storeRequest(1));
        assert.deepEqual(await store.update('3604-999999-281126', () => assert.fail('decided without a record')), { outcome: 'not-found' });
        assert.deepEqual(await store.update(registrationNumber, () => ({ refuse: 'transition-not-allowed' })), {
          outcome: 'refused',
          reason: 'transition-not-allowed',
        });
        await assert.rejects(
          store.update(registrationNumber, () => {
            throw new Error('a bug in a decision');
          }),
          /a bug in a decision/,
        );
        const record = (await store.getRecord(registrationNumber))!;
        assert.equal(record.registration.version, 1);
        assert.equal(record.registration.status, 'RECEIVED');
        assert.equal(record.history.length, 1);
        assert.deepEqual(await store.findById(id), record.registration);
      });

      it('refuses an edit that gives the NIK of another active registration', async () => {
        const { store } = await make();
        const first = await created(store, storeRequest(1));
        await created(store, storeRequest(2));
        const record = (await store.getRecord(first.registrationNumber))!;
        const outcome = await store.update(first.registrationNumber, () => ({
          write: { application: { ...record.application, nik: testNik(2).nik }, history: officerEntry('edit', at('09:00:00')) },
        }));
        assert.deepEqual(outcome, { outcome: 'refused', reason: 'already-registered' });
        assert.equal((await store.getRecord(first.registrationNumber))!.registration.nik, testNik(1).nik);
      });

      it('lets only one of two decisions taken on the same version win', async () => {
        const { store, another } = await make();
        const second = another ? await another() : store;
        const { registrationNumber } = await created(store, storeRequest(1));
        // Both officers opened the record at version 1.
        const [seenByFirst, seenBySecond] = await Promise.all([store.getRecord(registrationNumber), second.getRecord(registrationNumber)]);
        assert.equal(seenByFirst!.registration.version, 1);
        assert.equal(seenBySecond!.registration.version, 1);
        const outcomes = await Promise.all([
          store.update(registrationNumber, atVersion(1, { status: 'VERIFIED', history: officerEntry('verify', at('09:00:00'), { from: 'RECEIVED', to: 'VERIFIED' }) })),
          second.update(registrationNumber, atVersion(1, {
            status: 'NEEDS_CORRECTION',
            history: officerEntry('request-correction', at('09:00:01'), { from: 'RECEIVED', to: 'NEEDS_CORRECTION', reason: [{ code: 'photo', path: ['photo'] }] }),
          })),
        ]);
        assert.deepEqual(outcomes.map((o) => o.outcome).sort(), ['refused', 'updated']);
        const record = (await second.getRecord(registrationNumber))!;
        assert.equal(record.registration.version, 2);
        assert.deepEqual(record.history.map((h) => h.event), ['submit', outcomes[0]!.outcome === 'updated' ? 'verify' : 'request-correction']);
        assert.deepEqual(await store.getRecord(registrationNumber), record, 'both stores see the one outcome');
      });
    });

    describe('the lifecycle frees the NIK and the seat', () => {
      for (const status of ['CANCELLED', 'REJECTED', 'PLACED'] as const) {
        it(`a ${status} registration lets its NIK register again and frees its visit's seat`, async () => {
          const { store } = await make();
          const first = await created(store, storeRequest(1));
          await created(store, storeRequest(2));
          assert.deepEqual(await store.countBookings('2026-12-01', '2026-12-01'), [{ date: '2026-12-01', start: '08:00', count: 2 }]);
          assert.deepEqual(await store.register(storeRequest(1)), { outcome: 'already-registered' });
          await store.update(first.registrationNumber, () => ({ write: { status, history: officerEntry('cancel', at('09:00:00'), { from: 'RECEIVED', to: status }) } }));
          assert.deepEqual(await store.countBookings('2026-12-01', '2026-12-01'), [{ date: '2026-12-01', start: '08:00', count: 1 }]);
          const again = await created(store, storeRequest(1));
          // The seat is booked again, under a queue number never given before in that window.
          assert.deepEqual(again.appointment, { date: '2026-12-01', start: '08:00', end: '10:00', queueNumber: 'A-003' });
          assert.deepEqual((await store.findById(first.id))!.appointment, first.appointment, 'the old visit stays on its record');
        });
      }

      it('an appointment written as null frees the seat; the per-address cap counts only held seats', async () => {
        const { store } = await make();
        const capped = { clientKey: '203.0.113.7', maxSeatsPerClient: 1 };
        const first = await created(store, storeRequest(1, capped));
        assert.equal((await created(store, storeRequest(2, capped))).appointment, undefined);
        await store.update(first.registrationNumber, () => ({ write: { appointment: null, history: officerEntry('reschedule', at('09:00:00')) } }));
        const freed = (await store.findById(first.id))!;
        assert.equal(freed.appointment, undefined);
        assert.equal(freed.version, 2);
        assert.deepEqual(await store.countBookings('2026-12-01', '2026-12-02'), []);
        assert.ok((await created(store, storeRequest(3, capped))).appointment, 'the address holds no seat now');
      });
    });

    describe('rebook (the applicant\'s reschedule)', () => {
      const applicantEntry = (time: string) => ({ at: at(time), actor: { kind: 'applicant' as const }, event: 'reschedule' });
      const day = (date: string) => SLOTS.filter((slot) => slot.date === date);

      it('books the first slot with room counted in the transaction, frees the old seat and records the change', async () => {
        const { store } = await make();
        const first = await created(store, storeRequest(1));
        for (const i of [2, 3, 4]) await created(store, storeRequest(i));
        // 1 December is full (4 of 4); 2 December has room.
        const outcome = await store.update(first.registrationNumber, () => ({ write: { rebook: day('2026-12-02'), history: applicantEntry('09:00:00') } }));
        assert.equal(outcome.outcome, 'updated');
        const moved = (outcome as { registration: Ak1StoredRegistration }).registration;
        assert.deepEqual(moved.appointment, { date: '2026-12-02', start: '08:00', end: '10:00', queueNumber: 'A-001' });
        assert.equal(moved.version, 2);
        assert.deepEqual(sorted(await store.countBookings('2026-12-01', '2026-12-02')), [
          { date: '2026-12-01', start: '08:00', count: 1 },
          { date: '2026-12-01', start: '10:00', count: 2 },
          { date: '2026-12-02', start: '08:00', count: 1 },
        ]);
        const entry = (await store.getRecord(first.registrationNumber))!.history.at(-1)!;
        assert.deepEqual(entry.changes, [{ path: ['appointment'], before: first.appointment, after: moved.appointment }]);
        // Back into its old day, where its seat was freed: under a number after the highest that window has given.
        const back = await store.update(first.registrationNumber, () => ({ write: { rebook: day('2026-12-01'), history: applicantEntry('09:01:00') } }));
        assert.deepEqual((back as { registration: Ak1StoredRegistration }).registration.appointment, {
          date: '2026-12-01', start: '08:00', end: '10:00', queueNumber: 'A-003',
        });
      });

      it('keeps the seat and number of the window it holds, and writes nothing when no slot has room', async () => {
        const { store } = await make();
        const first = await created(store, storeRequest(1));
        const same = await store.update(first.registrationNumber, () => ({ write: { rebook: day('2026-12-01'), history: applicantEntry('09:00:00') } }));
        assert.deepEqual((same as { registration: Ak1StoredRegistration }).registration.appointment, first.appointment);
        const other = await created(store, storeRequest(2, { slots: day('2026-12-02') }));
        for (const i of [3, 4, 5]) await created(store, storeRequest(i, { slots: day('2026-12-02') }));
        const full = await store.update(first.registrationNumber, () => ({ write: { rebook: day('2026-12-02'), history: applicantEntry('09:01:00') } }));
        assert.deepEqual(full, { outcome: 'refused', reason: 'no-room' });
        const record = (await store.getRecord(first.registrationNumber))!;
        assert.deepEqual(record.registration.appointment, first.appointment);
        assert.equal(record.registration.version, 2);
        assert.equal(record.history.length, 2);
        assert.ok(other.appointment);
      });
    });

    describe('history', () => {
      it('lists every registration’s entries and the logins in a range, oldest first, without idempotency keys', async () => {
        const { store } = await make();
        const one = await created(store, storeRequest(1, { registeredAt: at('08:00:00') }));
        const two = await created(store, storeRequest(2, { registeredAt: at('08:30:00') }));
        await store.recordEvent(officerEntry('login', at('07:59:00')));
        await store.update(one.registrationNumber, () => ({
          write: { set: { checkedInAt: at('09:00:00') }, history: { ...officerEntry('check-in', at('09:00:00')), idempotencyKey: 'office-key-1' } },
        }));
        await store.recordEvent(officerEntry('logout', '2026-11-28T02:30:00Z')); // 09:30 in Serang, written in UTC
        await store.update(two.registrationNumber, () => ({ write: { history: officerEntry('view', at('10:00:00')) } }));

        const all = await store.listHistory({ from: at('00:00:00'), to: at('23:59:59') });
        assert.deepEqual(
          all.map((e) => `${e.event} ${e.registrationNumber ?? '-'}`),
          ['login -', `submit ${one.registrationNumber}`, `submit ${two.registrationNumber}`, `check-in ${one.registrationNumber}`, 'logout -', `view ${two.registrationNumber}`],
        );
        assert.ok(all.every((e) => !('idempotencyKey' in e)), 'the keys stay in the store');
        assert.equal((await store.getRecord(one.registrationNumber))!.history[1]!.idempotencyKey, 'office-key-1');

        const inclusive = await store.listHistory({ from: at('08:30:00'), to: '2026-11-28T02:30:00Z' });
        assert.deepEqual(inclusive.map((e) => e.event), ['submit', 'check-in', 'logout']);
        assert.deepEqual((await store.listHistory({ from: at('00:00:00'), to: at('23:59:59'), limit: 2 })).map((e) => e.event), ['login', 'submit']);
        assert.deepEqual(await store.listHistory({ from: at('11:00:00'), to: at('12:00:00') }), []);
        await assert.rejects(store.listHistory({ from: 'yesterday', to: at('12:00:00') }), RangeError);
      });

      it('keeps reasons, changes and notes as written', async () => {
        const { store } = await make();
        const { registrationNumber } = await created(store, storeRequest(1));
        const entry = officerEntry('request-correction', at('09:00:00'), {
          from: 'RECEIVED',
          to: 'NEEDS_CORRECTION',
          reason: [{ code: 'photo', path: ['photo'] }, { code: 'other', note: 'Alamat tidak sesuai KTP' }],
          changes: [{ path: ['address', 'street'], before: 'Jl. Lama', after: 'Jl. Baru 1' }],
          note: 'Pemohon datang pukul 09.00',
        });
        await store.update(registrationNumber, () => ({ write: { status: 'NEEDS_CORRECTION', history: entry } }));
        assert.deepEqual((await store.getRecord(registrationNumber))!.history[1], entry);
        const [listed] = await store.listHistory({ from: at('09:00:00'), to: at('09:00:00') });
        assert.deepEqual(listed, { ...entry, registrationNumber });
      });
    });

    describe('the IPK read', () => {
      it('listIpkSources: the registrations signed by then, their status changes up to then, the fields the tables group by', async () => {
        const { store } = await make();
        assert.ok(store.listIpkSources && store.listEvents, 'every store of the project has the IPK read');
        const signed = await created(store, storeRequest(1, { application: { sex: 'P', jobPreferences: { positions: [{ title: 'Tukang Las', kbji: '7212' }], location: 'DALAM_NEGERI' } } }));
        const later = await created(store, storeRequest(2));
        const never = await created(store, storeRequest(3));
        const move = async (number: string, from: string, to: string, time: string) => {
          const outcome = await store.update(number, () => ({ write: { status: to as 'SIGNED', history: officerEntry('x', time, { from, to }) } }));
          assert.equal(outcome.outcome, 'updated');
        };
        await move(signed.registrationNumber, 'RECEIVED', 'VERIFIED', at('09:00:00'));
        await store.update(signed.registrationNumber, () => ({ write: { history: officerEntry('view', at('09:05:00')) } }));
        await move(signed.registrationNumber, 'VERIFIED', 'SIGNED', at('09:10:00'));
        await move(signed.registrationNumber, 'SIGNED', 'PLACED', '2026-12-05T10:00:00+07:00');
        await move(later.registrationNumber, 'RECEIVED', 'VERIFIED', at('09:00:00'));
        await move(later.registrationNumber, 'VERIFIED', 'SIGNED', '2026-12-02T09:00:00+07:00');
        await move(never.registrationNumber, 'RECEIVED', 'VERIFIED', at('09:00:00'));

        const endOfNovember = Date.parse('2026-11-30T23:59:59+07:00');
        const sources = await store.listIpkSources!({ toMs: endOfNovember });
        assert.deepEqual(sources.map((s) => s.registrationNumber), [signed.registrationNumber]);
        const [source] = sources;
        assert.deepEqual(source!.history.map((h) => h.to), ['RECEIVED', 'VERIFIED', 'SIGNED'], 'status changes only, none after the bound');
        assert.equal(source!.history[2]!.at, at('09:10:00'));
        assert.equal(source!.application.sex, 'P');
        assert.equal(source!.application.birthDate, testNik(1).birthDate);
        assert.equal(source!.application.jobPreferences.positions[0]?.kbji, '7212', "the first position's KBJI code");
        assert.ok(Array.isArray(source!.application.education));
        assert.ok(!('photo' in source!.application), 'no attachments');

        const december = await store.listIpkSources!({ toMs: Date.parse('2026-12-31T23:59:59+07:00') });
        assert.deepEqual(december.map((s) => s.registrationNumber).sort(), [signed.registrationNumber, later.registrationNumber].sort());
        assert.deepEqual(december.find((s) => s.registrationNumber === signed.registrationNumber)!.history.map((h) => h.to), ['RECEIVED', 'VERIFIED', 'SIGNED', 'PLACED']);
      });

      it('listEvents: the entries of no registration with one event name, oldest first', async () => {
        const { store } = await make();
        const { registrationNumber } = await created(store, storeRequest(1));
        await store.recordEvent(officerEntry('opening-balance', at('10:00:00'), { changes: [{ path: ['openingBalance'], after: { month: '2026-11', n: 1 } }] }));
        await store.recordEvent(officerEntry('login', at('10:30:00')));
        await store.update(registrationNumber, () => ({ write: { history: officerEntry('opening-balance', at('10:40:00')) } }));
        await store.recordEvent(officerEntry('opening-balance', at('11:00:00'), { changes: [{ path: ['openingBalance'], after: { month: '2026-11', n: 2 } }] }));
        const events = await store.listEvents!('opening-balance');
        assert.deepEqual(events.map((e) => [e.at, e.changes?.[0]?.after]), [
          [at('10:00:00'), { month: '2026-11', n: 1 }],
          [at('11:00:00'), { month: '2026-11', n: 2 }],
        ]);
        assert.equal(events[0]!.actor.kind, 'officer');
        assert.deepEqual(await store.listEvents!('nothing-of-the-kind'), []);
      });
    });

    describe('the expiry sweep\'s read', () => {
      it('listExpiryDue: the registrations in an active status past validUntil on the day, by validUntil, at most limit', async () => {
        const { store } = await make();
        assert.ok(store.listExpiryDue, 'every store of the project has the sweep\'s read');
        const due = async (i: number, validUntil: string, status?: 'VERIFIED' | 'SIGNED' | 'PLACED' | 'CANCELLED') => {
          const { registrationNumber } = await created(store, storeRequest(i, { validUntil }));
          if (status) await store.update(registrationNumber, () => ({ write: { status, history: officerEntry('x', at('09:00:00')) } }));
          return registrationNumber;
        };
        const later = await due(1, '2027-01-05');
        const signed = await due(2, '2027-01-02', 'SIGNED');
        const received = await due(3, '2027-01-03');
        await due(4, '2027-01-01', 'PLACED');
        await due(5, '2027-01-01', 'CANCELLED');
        const verified = await due(6, '2027-01-04', 'VERIFIED');
        const today = await due(7, '2027-01-06', 'SIGNED');
        const listed = await store.listExpiryDue!({ before: '2027-01-06', limit: 100 });
        assert.deepEqual(
          listed.map((r) => [r.registrationNumber, r.status, r.validUntil]),
          [
            [signed, 'SIGNED', '2027-01-02'],
            [received, 'RECEIVED', '2027-01-03'],
            [verified, 'VERIFIED', '2027-01-04'],
            [later, 'RECEIVED', '2027-01-05'],
          ],
          'not the placed or cancelled ones, nor the one valid through the day itself',
        );
        assert.ok(!listed.some((r) => r.registrationNumber === today));
        assert.match(listed[0]!.registeredAt, /^2026-11-28T08:/);
        assert.deepEqual((await store.listExpiryDue!({ before: '2027-01-06', limit: 2 })).map((r) => r.registrationNumber), [signed, received]);
        assert.deepEqual(await store.listExpiryDue!({ before: '2027-01-02', limit: 100 }), []);
      });
    });

    describe('listRegistrations', () => {
      it('by visit day, registration day, status and search', async () => {
        const { store } = await make();
        const siti = await created(store, storeRequest(1, { application: { fullName: 'SITI NUR’AINI' } }));
        const budi = await created(store, storeRequest(2, { application: { fullName: 'Budi Santoso' } }));
        const dewi = await created(store, storeRequest(3, { application: { fullName: 'Dewi Siti Lestari' }, registrationDate: '2026-11-29', registeredAt: '2026-11-29T08:00:00+07:00' }));
        await store.update(budi.registrationNumber, () => ({ write: { status: 'VERIFIED', history: officerEntry('verify', at('09:00:00')) } }));

        const numbers = (list: Array<{ registrationNumber: string }>) => list.map((r) => r.registrationNumber);
        assert.deepEqual(numbers(await store.listRegistrations({ visitDate: '2026-12-01' })), numbers([siti, budi, dewi]), 'by window');
        assert.deepEqual(numbers(await store.listRegistrations({ registrationDate: '2026-11-29' })), numbers([dewi]));
        assert.deepEqual(numbers(await store.listRegistrations({ status: 'RECEIVED' })), numbers([dewi, siti]), 'newest first');
        assert.deepEqual(numbers(await store.listRegistrations({ status: 'VERIFIED' })), numbers([budi]));
        assert.deepEqual(numbers(await store.listRegistrations({ status: 'RECEIVED', limit: 1 })), numbers([dewi]));
        assert.deepEqual(numbers(await store.listRegistrations({ status: 'SIGNED' })), []);

        assert.deepEqual(numbers(await store.listRegistrations({ query: 'siti' })), numbers([dewi, siti]), 'part of a name, any case');
        assert.deepEqual(numbers(await store.listRegistrations({ query: '  nur’aini ' })), numbers([siti]));
        assert.deepEqual(numbers(await store.listRegistrations({ query: 'siti', limit: 1 })), numbers([dewi]));
        assert.deepEqual(numbers(await store.listRegistrations({ query: budi.registrationNumber })), numbers([budi]));
        assert.deepEqual(numbers(await store.listRegistrations({ query: testNik(2).nik })), numbers([budi]));
        const spaced = testNik(2).nik.replace(/(\d{4})/g, '$1 ').trim();
        assert.deepEqual(numbers(await store.listRegistrations({ query: spaced })), numbers([budi]), 'a NIK typed in groups');
        assert.deepEqual(numbers(await store.listRegistrations({ query: testNik(2).nik.slice(0, 12) })), [], 'no part of a NIK');
        assert.deepEqual(numbers(await store.listRegistrations({ query: '3604-000002' })), [], 'no part of a number');
        assert.deepEqual(await store.listRegistrations({ query: '   ' }), []);

        const [listed] = await store.listRegistrations({ query: budi.registrationNumber });
        assert.equal(listed!.status, 'VERIFIED');
        assert.equal(listed!.application.fullName, 'Budi Santoso');
        assert.equal('photo' in listed!.application, false, 'listings carry no attachments');
      });
    });

    describe('officers and sessions', () => {
      it('adds, finds, updates, disables and lists accounts; a username is taken whatever its case', async () => {
        const { store } = await make();
        const { officers } = store;
        assert.equal(await officers.add(officer('siti', { nip: '196901011990032001', roles: ['pengantar-kerja'] })), 'added');
        assert.equal(await officers.add(officer('budi', { roles: ['petugas', 'admin'], totpSecret: 'JBSWY3DPEHPK3PXP' })), 'added');
        assert.equal(await officers.add({ ...officer('Siti'), id: 'officer-other' }), 'username-taken');
        assert.deepEqual(await officers.findByUsername('siti'), officer('siti', { nip: '196901011990032001', roles: ['pengantar-kerja'] }));
        assert.equal((await officers.findByUsername('SITI'))?.id, 'officer-siti');
        assert.equal(await officers.findByUsername('nobody'), undefined);
        assert.deepEqual((await officers.findById('officer-budi'))?.roles, ['petugas', 'admin']);
        assert.equal((await officers.findById('officer-budi'))?.totpSecret, 'JBSWY3DPEHPK3PXP');
        assert.equal(await officers.findById('nobody'), undefined);

        const changed = await officers.update('officer-siti', { passwordHash: 'scrypt$new', passwordChangeRequired: false, name: 'Siti Aminah' });
        assert.deepEqual(changed, officer('siti', { nip: '196901011990032001', roles: ['pengantar-kerja'], passwordHash: 'scrypt$new', passwordChangeRequired: false, name: 'Siti Aminah' }));
        assert.deepEqual(await officers.findById('officer-siti'), changed);
        assert.equal((await officers.update('officer-budi', { disabled: true }))?.disabled, true);
        assert.equal((await officers.findByUsername('budi'))?.disabled, true);
        assert.equal(await officers.update('nobody', { disabled: true }), undefined);
        await assert.rejects(officers.update('officer-budi', { username: 'SITI' }), /taken/);
        assert.equal((await officers.update('officer-budi', { username: 'budi.s' }))?.username, 'budi.s');
        assert.equal(await officers.findByUsername('budi'), undefined);
        assert.equal(await officers.add(officer('budi', { id: 'officer-budi-2' })), 'added', 'the old username is free');

        assert.deepEqual((await officers.list()).map((o) => o.username), ['budi', 'budi.s', 'siti']);
      });

      it('creates, finds, touches and ends sessions', async () => {
        const { store } = await make();
        const { officers } = store;
        await officers.add(officer('siti'));
        await officers.add(officer('budi'));
        const session = (tokenHash: string, officerId: string) => ({
          tokenHash,
          officerId,
          createdAt: at('08:00:00'),
          expiresAt: at('16:00:00'),
          lastSeenAt: at('08:00:00'),
        });
        await officers.createSession(session('hash-1', 'officer-siti'));
        await officers.createSession(session('hash-2', 'officer-siti'));
        await officers.createSession(session('hash-3', 'officer-budi'));
        assert.deepEqual(await officers.findSession('hash-1'), session('hash-1', 'officer-siti'));
        assert.equal(await officers.findSession('hash-9'), undefined);
        await officers.touchSession('hash-1', at('08:20:00'));
        assert.equal((await officers.findSession('hash-1'))?.lastSeenAt, at('08:20:00'));
        await officers.touchSession('hash-9', at('08:20:00'));
        await officers.deleteSession('hash-3');
        assert.equal(await officers.findSession('hash-3'), undefined);
        await officers.deleteSessionsOf('officer-siti');
        assert.equal(await officers.findSession('hash-1'), undefined);
        assert.equal(await officers.findSession('hash-2'), undefined);
      });
    });

    it('refuses every call once closed', async () => {
      const { store } = await make();
      await created(store, storeRequest(1));
      await store.close();
      await store.close();
      await assert.rejects(store.register(storeRequest(2)), Ak1StoreUnavailableError);
      await assert.rejects(store.getRecord('3604-000001-281126'), Ak1StoreUnavailableError);
      await assert.rejects(store.update('3604-000001-281126', () => ({ refuse: 'x' })), Ak1StoreUnavailableError);
      await assert.rejects(store.listHistory({ from: at('00:00:00'), to: at('23:59:59') }), Ak1StoreUnavailableError);
      await assert.rejects(store.officers.findByUsername('siti'), Ak1StoreUnavailableError);
    });
  });
}

function sorted<T extends { date: string; start: string }>(counts: T[]): T[] {
  return [...counts].sort((a, b) => `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`));
}
