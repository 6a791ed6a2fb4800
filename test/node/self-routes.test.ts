import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { ak1AvailabilitySchema, ak1RegistrationSchema } from '../../src/schema/index.js';
import { ak1SelfActionReplySchema, ak1SelfLookupReplySchema, ACCESS_CODE_PATTERN } from '../../src/schema/self.js';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore, createSqliteStore, type Ak1Store } from '../../src/server/index.js';
import type { Ak1DistrictOptions } from '../../src/server/district.js';
import { startSession } from '../../src/server/office/sessions.js';
import { testApplicant, testNik } from './helpers/applicants.js';

/*
 * The applicant's return routes (`{endpoint}/self/…`, issue 14) through `createAk1Handler`, on the memory store and
 * on SQLite: the access code only in the 201, the lookup and its one 404 for every mismatch, its throttle, and each
 * action with its refusals (no token, wrong status, stale version, outside the report window, a full calendar).
 */

/** 09:00 in Serang on Saturday 28 November 2026; visits from Tuesday 1 December. */
const NOW = new Date('2026-11-28T02:00:00Z');
const ORIGIN = 'http://localhost:8080';
const API = `${ORIGIN}/api/ak1`;

const temp = mkdtempSync(join(tmpdir(), 'ak1-self-routes-'));
after(() => rmSync(temp, { recursive: true, force: true }));
let databases = 0;

const STORES: Array<[string, () => Promise<Ak1Store>]> = [
  ['memory', async () => createMemoryStore()],
  ['SQLite', () => createSqliteStore(join(temp, `self-${++databases}.sqlite`))],
];

interface Registered {
  registrationNumber: string;
  accessCode: string;
  nik: string;
  appointment?: { date: string; start: string; queueNumber?: string };
  verification: { token: string };
}

async function server(makeStore: () => Promise<Ak1Store>, district: Partial<Ak1DistrictOptions> = {}) {
  const store = await makeStore();
  after(() => store.close());
  const clock = { now: NOW };
  const handler = createAk1Handler({
    store,
    endpointPath: '/api/ak1',
    publicUrl: ORIGIN,
    district: { ...ak1DemoDistrict, ...district },
    corsOrigins: [],
    now: () => clock.now,
  });
  await store.officers.add({
    id: 'o-siti',
    username: 'siti',
    name: 'Siti Aminah',
    nip: '196903121994032001',
    roles: ['pengantar-kerja'],
    passwordHash: 'not-used-here',
    passwordChangeRequired: false,
    disabled: false,
    createdAt: NOW.toISOString(),
  });
  let keys = 0;
  const call = (path: string, body?: unknown, headers: Record<string, string> = {}, address = '203.0.113.7') =>
    handler(
      new Request(`${API}${path}`, {
        method: body === undefined && !path.startsWith('/self') ? 'GET' : 'POST',
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
      { clientAddress: address },
    );
  const register = async (i: number, visit = '2026-12-01', key = `reg-${i}`): Promise<Registered> => {
    const response = await call('', testApplicant(i, { preferredVisitDate: visit }), { 'idempotency-key': key });
    assert.equal(response.status, 201, await response.clone().text());
    const body = await response.json();
    return { ...body, nik: testNik(i).nik };
  };
  const lookup = (r: Pick<Registered, 'registrationNumber' | 'nik' | 'accessCode'>, address?: string) =>
    call('/self/lookup', { registrationNumber: r.registrationNumber, nik: r.nik, accessCode: r.accessCode }, { 'idempotency-key': `look-${++keys}` }, address);
  const open = async (r: Registered) => {
    const response = await lookup(r);
    assert.equal(response.status, 200, await response.clone().text());
    return z.parse(ak1SelfLookupReplySchema, await response.json());
  };
  const self = (path: string, token: string | undefined, body?: unknown, key: string | null = `self-${++keys}`) =>
    call(`/self/${path}`, body, {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key === null ? {} : { 'idempotency-key': key }),
    });
  const officeToken = async () => (await startSession(store.officers, 'o-siti', clock.now)).token;
  const office = async (number: string, body: Record<string, unknown>) => {
    const response = await call(`/office/registrations/${encodeURIComponent(number)}/actions`, body, {
      authorization: `Bearer ${await officeToken()}`,
      'idempotency-key': `office-${++keys}`,
    });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as { version: number; accessCode?: string };
  };
  const remaining = async (date: string) => {
    const response = await call(`/availability?from=${date}&to=${date}`);
    return z.parse(ak1AvailabilitySchema, await response.json()).days[0]!.remaining;
  };
  return { store, clock, handler, call, register, lookup, open, self, office, remaining };
}

async function problemOf(response: Response, status: number, type: string): Promise<Record<string, any>> {
  assert.equal(response.status, status, `expected ${status} ${type}, got ${response.status}: ${await response.clone().text()}`);
  const body = await response.json();
  assert.equal(body.type, `urn:ak1:problem:${type}`);
  return body;
}

async function actionReply(response: Response) {
  assert.equal(response.status, 200, await response.clone().text());
  return z.parse(ak1SelfActionReplySchema, await response.json());
}

for (const [storeName, make] of STORES) {
  describe(`${storeName}: the access code and the lookup`, () => {
    it('gives the access code in the 201 only, stored as a hash, never in a replay', async () => {
      const s = await server(make);
      const first = await s.register(1);
      assert.match(first.accessCode, ACCESS_CODE_PATTERN);
      assert.equal(z.parse(ak1RegistrationSchema, first).accessCode, first.accessCode);
      const replay = await s.call('', testApplicant(1, { preferredVisitDate: '2026-12-01' }), { 'idempotency-key': 'reg-1' });
      assert.equal(replay.status, 200);
      const replayed = await replay.json();
      assert.equal(replayed.registrationNumber, first.registrationNumber);
      assert.equal('accessCode' in replayed, false);
      const record = await s.store.getRecord(first.registrationNumber);
      assert.match(record!.registration.accessCodeHash!, /^[0-9a-f]{64}$/);
      assert.equal(JSON.stringify(record).includes(first.accessCode), false);
    });

    it('opens the record with the number, the NIK (spaces allowed) and the code (any case): photo, document kinds, history without officers', async () => {
      const s = await server(make);
      const r = await s.register(2);
      await s.office(r.registrationNumber, {
        action: 'request-correction',
        version: 1,
        reason: [{ code: 'photo', note: 'Latar belakang harus merah' }],
      });
      const spaced = r.nik.replace(/^(\d{4})(\d{4})(\d{4})(\d{4})$/, '$1 $2 $3 $4');
      const response = await s.lookup({ ...r, nik: spaced, accessCode: r.accessCode.toLowerCase() });
      assert.equal(response.status, 200, await response.clone().text());
      const body = z.parse(ak1SelfLookupReplySchema, await response.json());
      assert.equal(body.registration.status, 'NEEDS_CORRECTION');
      assert.equal(body.version, 2);
      assert.ok(Date.parse(body.expiresAt) - NOW.getTime() === 30 * 60 * 1000, body.expiresAt);
      const application = body.application as Record<string, any>;
      assert.match(application.photo.dataBase64, /^[A-Za-z0-9+/]/);
      assert.deepEqual(application.documents, [{ kind: 'KTP', mediaType: 'image/jpeg' }]);
      const correction = body.history.find((entry) => entry.event === 'request-correction')!;
      assert.deepEqual(correction.actor, { kind: 'officer' });
      assert.deepEqual(correction.reason, [{ code: 'photo', path: ['photo'], note: 'Latar belakang harus merah' }]);
      const text = JSON.stringify(body);
      for (const secret of ['Siti Aminah', 'o-siti', 'idempotencyKey', 'accessCodeHash', r.accessCode]) assert.equal(text.includes(secret), false, secret);
      assert.equal('warnings' in body.registration, false);
    });

    it('answers every mismatch with the same 404', async () => {
      const s = await server(make);
      const r = await s.register(3);
      const other = await s.register(4);
      const wrongCode = r.accessCode[0] === 'A' ? `B${r.accessCode.slice(1)}` : `A${r.accessCode.slice(1)}`;
      const tries = [
        { ...r, accessCode: wrongCode },
        { ...r, nik: other.nik },
        { ...r, accessCode: other.accessCode },
        { ...r, registrationNumber: '3604-999999-281126' },
        { ...r, registrationNumber: 'not a number' },
      ];
      const bodies = [];
      for (const attempt of tries) bodies.push(await problemOf(await s.lookup(attempt, `198.51.100.${bodies.length + 1}`), 404, 'not-found'));
      for (const body of bodies) assert.deepEqual(body, bodies[0]);
    });

    it('throttles 5 failures for one number (even the right code then) and 20 from one address, for an hour', async () => {
      const s = await server(make);
      const r = await s.register(5);
      for (let i = 0; i < 5; i++) await problemOf(await s.lookup({ ...r, accessCode: 'ZZZZZZZZ' }, `198.51.100.${i + 1}`), 404, 'not-found');
      const locked = await problemOf(await s.lookup(r, '192.0.2.1'), 429, 'rate-limited');
      assert.ok(locked);
      const waited = await s.lookup(r, '192.0.2.1');
      assert.ok(Number(waited.headers.get('retry-after')) > 3000);
      s.clock.now = new Date(NOW.getTime() + 61 * 60 * 1000);
      assert.equal((await s.lookup(r, '192.0.2.1')).status, 200);

      // From one address: 20 failures over many numbers, then even a right lookup from it waits.
      const other = await s.register(6);
      for (let i = 0; i < 20; i++) {
        await problemOf(await s.lookup({ ...other, registrationNumber: `3604-99${String(i).padStart(4, '0')}-281126` }, '192.0.2.9'), 404, 'not-found');
      }
      await problemOf(await s.lookup(other, '192.0.2.9'), 429, 'rate-limited');
      assert.equal((await s.lookup(other, '192.0.2.10')).status, 200);
    });

    it('needs a token of its own kind, unexpired, of the current code; every POST needs an Idempotency-Key', async () => {
      const s = await server(make);
      const r = await s.register(7);
      await problemOf(await s.self('cancel', undefined, {}), 401, 'unauthenticated');
      // The card's verification token (printed, public) is not a lookup's token.
      await problemOf(await s.self('cancel', r.verification.token, {}), 401, 'unauthenticated');
      await problemOf(
        await s.call('/self/lookup', { registrationNumber: r.registrationNumber, nik: r.nik, accessCode: r.accessCode }),
        400,
        'idempotency-key-missing',
      );
      const { token } = await s.open(r);
      await problemOf(await s.self('cancel', token, {}, null), 400, 'idempotency-key-missing');
      s.clock.now = new Date(NOW.getTime() + 31 * 60 * 1000);
      await problemOf(await s.self('cancel', token, {}), 401, 'unauthenticated');
      s.clock.now = NOW;
      // A code reissued at the counter ends the old code's tokens, and the old code's lookups.
      const reissued = await s.office(r.registrationNumber, { action: 'reissue-code', version: 1 });
      await problemOf(await s.self('cancel', token, {}), 401, 'unauthenticated');
      await problemOf(await s.lookup(r), 404, 'not-found');
      const fresh = await s.open({ ...r, accessCode: reissued.accessCode! });
      assert.equal((await s.self('cancel', fresh.token, {})).status, 200);
    });
  });

  describe(`${storeName}: the applicant's actions`, () => {
    it('correction: only while NEEDS_CORRECTION, at the current version; back to RECEIVED with the changed paths, documents kept', async () => {
      const s = await server(make);
      const r = await s.register(10);
      const seen = await s.open(r);
      const application = { ...(seen.application as Record<string, any>), fullName: 'Uji Coba Diperbaiki' };
      await problemOf(await s.self('correction', seen.token, { application, version: seen.version }), 422, 'transition-not-allowed');

      await s.office(r.registrationNumber, { action: 'request-correction', version: 1, reason: [{ code: 'data-mismatch', path: ['fullName'] }] });
      const again = await s.open(r);
      await problemOf(await s.self('correction', again.token, { application, version: 1 }), 409, 'version-conflict');
      const changedNik = await problemOf(
        await s.self('correction', again.token, { application: { ...application, nik: testNik(11).nik }, version: again.version }),
        422,
        'invalid-application',
      );
      assert.deepEqual(changedNik.errors, [{ path: ['nik'], code: 'nik.notChangeable' }]);
      await problemOf(
        await s.self('correction', again.token, { application: { ...application, birthDate: '1980-01-01' }, version: again.version }),
        422,
        'invalid-application',
      );
      const invalid = await problemOf(
        await s.self('correction', again.token, { application: { ...application, fullName: '' }, version: again.version }),
        422,
        'invalid-application',
      );
      assert.ok(invalid.errors.some((error: { path: unknown[] }) => error.path[0] === 'fullName'));

      const key = 'correct-once';
      const body = { application: { ...application, preferredVisitDate: '2026-12-20' }, version: again.version };
      const done = await actionReply(await s.self('correction', again.token, body, key));
      assert.equal(done.registration.status, 'RECEIVED');
      assert.equal(done.version, again.version + 1);
      // A retry under the same key is answered, not taken twice.
      const retried = await actionReply(await s.self('correction', again.token, body, key));
      assert.equal(retried.version, done.version);

      const record = (await s.store.getRecord(r.registrationNumber))!;
      assert.equal(record.application.fullName, 'Uji Coba Diperbaiki');
      assert.equal(record.application.documents?.[0]?.dataBase64, testApplicant(10).documents[0].dataBase64);
      assert.equal(record.application.preferredVisitDate, '2026-12-01');
      const corrections = record.history.filter((entry) => entry.event === 'correct');
      assert.equal(corrections.length, 1);
      assert.deepEqual(corrections[0]!.actor, { kind: 'applicant' });
      assert.equal(corrections[0]!.from, 'NEEDS_CORRECTION');
      assert.equal(corrections[0]!.to, 'RECEIVED');
      assert.deepEqual(corrections[0]!.changes, [{ path: ['fullName'], before: 'Uji Coba', after: 'Uji Coba Diperbaiki' }]);
      // The registration keeps its fingerprint: the first request's replay is still a replay.
      const replay = await s.call('', testApplicant(10, { preferredVisitDate: '2026-12-01' }), { 'idempotency-key': 'reg-10' });
      assert.equal(replay.status, 200);
    });

    it('reschedule: the day asked for under the same capacity, the old seat released, a reschedule entry', async () => {
      const s = await server(make, { windows: [{ start: '08:00', end: '09:00', capacity: 1 }], capacityPerDay: 1 });
      const r = await s.register(20, '2026-12-01');
      assert.equal(r.appointment?.date, '2026-12-01');
      const blocker = await s.register(21, '2026-12-02');
      assert.equal(blocker.appointment?.date, '2026-12-02');
      const seen = await s.open(r);
      await problemOf(await s.self('reschedule', seen.token, { preferredVisitDate: '2026-12-03', version: 7 }), 409, 'version-conflict');
      const moved = await actionReply(await s.self('reschedule', seen.token, { preferredVisitDate: '2026-12-03', version: seen.version }));
      assert.equal(moved.registration.appointment?.date, '2026-12-03');
      assert.equal(moved.version, seen.version + 1);
      assert.equal(await s.remaining('2026-12-01'), 1);
      assert.equal(await s.remaining('2026-12-03'), 0);
      // A full day is not given: the first open day with room instead (Monday 30 November).
      const full = await actionReply(await s.self('reschedule', seen.token, { preferredVisitDate: '2026-12-02' }));
      assert.equal(full.registration.appointment?.date, '2026-11-30');
      assert.equal(await s.remaining('2026-12-03'), 1);
      const record = (await s.store.getRecord(r.registrationNumber))!;
      const entries = record.history.filter((entry) => entry.event === 'reschedule');
      assert.equal(entries.length, 2);
      assert.deepEqual(entries[0]!.actor, { kind: 'applicant' });
      assert.equal((entries[0]!.changes![0]!.after as { date: string }).date, '2026-12-03');
      assert.equal((entries[0]!.changes![0]!.before as { date: string }).date, '2026-12-01');
    });

    it('reschedule: 409 visit-unavailable when no day has room, the visit kept; 422 once signed', async () => {
      const s = await server(make, { windows: [{ start: '08:00', end: '09:00', capacity: 1 }], capacityPerDay: 1, horizonDays: 2 });
      // Monday 30 November is the only office day within two days of a Saturday.
      const r = await s.register(30, '2026-11-30');
      const other = await s.register(31);
      assert.equal(other.appointment, undefined);
      const seen = await s.open(other);
      await problemOf(await s.self('reschedule', seen.token, { preferredVisitDate: '2026-11-30' }), 409, 'visit-unavailable');
      // Moving within the window it holds keeps its seat and number.
      const mine = await s.open(r);
      const same = await actionReply(await s.self('reschedule', mine.token, { preferredVisitDate: '2026-11-30' }));
      assert.deepEqual(same.registration.appointment, (await s.open(r)).registration.appointment);
      assert.equal(same.registration.appointment?.queueNumber, r.appointment?.queueNumber);
      await problemOf(await s.self('reschedule', mine.token, { preferredVisitDate: 'besok' }), 400, 'invalid-body');

      await s.office(r.registrationNumber, { action: 'verify', version: same.version });
      await s.office(r.registrationNumber, { action: 'sign', version: same.version + 1 });
      await problemOf(await s.self('reschedule', mine.token, { preferredVisitDate: '2026-11-30' }), 422, 'transition-not-allowed');
    });

    it('cancel: CANCELLED, the seat and the NIK free again, registering again works; a second cancel is refused', async () => {
      const s = await server(make);
      const r = await s.register(40, '2026-12-01');
      const before = await s.remaining('2026-12-01');
      const seen = await s.open(r);
      await problemOf(await s.self('cancel', seen.token, { version: 9 }), 409, 'version-conflict');
      const cancelled = await actionReply(await s.self('cancel', seen.token));
      assert.equal(cancelled.registration.status, 'CANCELLED');
      assert.equal(await s.remaining('2026-12-01'), before + 1);
      const record = (await s.store.getRecord(r.registrationNumber))!;
      const entry = record.history.at(-1)!;
      assert.deepEqual([entry.event, entry.from, entry.to, entry.actor], ['cancel', 'RECEIVED', 'CANCELLED', { kind: 'applicant' }]);
      await problemOf(await s.self('cancel', seen.token, {}), 422, 'transition-not-allowed');
      // The NIK is free: a new registration under a new key is made.
      const again = await s.register(40, '2026-12-01', 'reg-40-again');
      assert.notEqual(again.registrationNumber, r.registrationNumber);
      assert.equal(again.appointment?.date, '2026-12-01');
      // The old registration can still be looked up, and shows that it was cancelled.
      assert.equal((await s.open(r)).registration.status, 'CANCELLED');
    });

    it('report: only once signed, inside a window of 30 days around a due date, once each; placed moves to PLACED', async () => {
      const s = await server(make);
      const r = await s.register(50);
      const seen = await s.open(r);
      await problemOf(await s.self('report', seen.token, { kind: 'seeking' }), 422, 'transition-not-allowed');
      await s.office(r.registrationNumber, { action: 'verify', version: 1 });
      await s.office(r.registrationNumber, { action: 'sign', version: 2 });
      const signed = await s.open(r);
      assert.equal(signed.registration.status, 'SIGNED');
      assert.equal(signed.registration.signedBy?.name, 'Siti Aminah');
      const due = signed.registration.reports![0]!.due;
      assert.equal(due, '2027-05-28');

      const closed = await problemOf(await s.self('report', signed.token, { kind: 'seeking' }), 422, 'report-window-closed');
      assert.equal(closed.opensOn, '2027-04-28');
      // 31 days before the due date: still closed; 30 days before: open.
      s.clock.now = new Date(Date.parse('2027-04-27T02:00:00Z'));
      const later = await s.open(r);
      await problemOf(await s.self('report', later.token, { kind: 'seeking' }), 422, 'report-window-closed');
      s.clock.now = new Date(Date.parse('2027-04-28T02:00:00Z'));
      const opened = await s.open(r);
      const made = await actionReply(await s.self('report', opened.token, { kind: 'seeking', version: opened.version }));
      assert.equal(made.registration.status, 'SIGNED');
      assert.equal(made.version, opened.version, 'a report changes no version');
      assert.equal(made.registration.reports![0]!.kind, 'seeking');
      assert.ok(made.registration.reports![0]!.madeAt?.startsWith('2027-04-28'));
      // Made once: the same window is closed for it now.
      await problemOf(await s.self('report', opened.token, { kind: 'seeking' }), 422, 'report-window-closed');

      s.clock.now = new Date(Date.parse('2027-12-20T02:00:00Z'));
      const second = await s.open(r);
      const placed = await actionReply(
        await s.self('report', second.token, { kind: 'placed', employer: 'PT Maju Jaya', position: 'Operator', startDate: '2027-12-01' }),
      );
      assert.equal(placed.registration.status, 'PLACED');
      assert.equal(placed.registration.reports![1]!.kind, 'placed');
      const record = (await s.store.getRecord(r.registrationNumber))!;
      const entry = record.history.at(-1)!;
      assert.deepEqual([entry.event, entry.from, entry.to, entry.actor], ['place', 'SIGNED', 'PLACED', { kind: 'applicant' }]);
      assert.ok(entry.changes!.some((change) => change.path.join('.') === 'placement.employer' && change.after === 'PT Maju Jaya'));
      await problemOf(await s.self('report', second.token, { kind: 'seeking' }), 422, 'transition-not-allowed');
    });

    it('a district may set the report window', async () => {
      const s = await server(make, { reportWindowDays: 7 });
      const r = await s.register(60);
      await s.office(r.registrationNumber, { action: 'verify', version: 1 });
      await s.office(r.registrationNumber, { action: 'sign', version: 2 });
      s.clock.now = new Date(Date.parse('2027-05-20T02:00:00Z'));
      const seen = await s.open(r);
      const closed = await problemOf(await s.self('report', seen.token, { kind: 'seeking' }), 422, 'report-window-closed');
      assert.equal(closed.opensOn, '2027-05-21');
      s.clock.now = new Date(Date.parse('2027-06-04T02:00:00Z'));
      assert.equal((await s.self('report', seen.token, { kind: 'seeking' })).status, 401, 'the token of a week ago has ended');
      const fresh = await s.open(r);
      assert.equal((await s.self('report', fresh.token, { kind: 'seeking' })).status, 200);
    });
  });
}

describe('self routes over CORS', () => {
  it('allow Authorization in the preflight under /self', async () => {
    const handler = createAk1Handler({
      store: createMemoryStore(),
      endpointPath: '/api/ak1',
      publicUrl: ORIGIN,
      district: ak1DemoDistrict,
      corsOrigins: ['https://portal.example.go.id'],
    });
    const response = await handler(
      new Request(`${API}/self/cancel`, {
        method: 'OPTIONS',
        headers: { origin: 'https://portal.example.go.id', 'access-control-request-method': 'POST' },
      }),
    );
    assert.equal(response.status, 204);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  });
});
