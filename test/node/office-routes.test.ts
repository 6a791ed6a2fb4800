import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import * as z from 'zod/mini';
import { ak1VerificationSchema } from '../../src/schema/index.js';
import {
  ak1AuditSchema,
  ak1OfficeActionReplySchema,
  ak1OfficeRecordSchema,
  ak1OfficeSettingsSchema,
  ak1RegistrationListSchema,
} from '../../src/schema/office.js';
import type { Ak1OfficerRole } from '../../src/schema/lifecycle.js';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore, createSqliteStore, type Ak1Store } from '../../src/server/index.js';
import { startSession } from '../../src/server/office/sessions.js';
import { sweepExpired } from '../../src/server/office/expiry.js';
import { testApplicant } from './helpers/applicants.js';

/** 09:00 in Serang on Saturday 28 November 2026; visits from Tuesday 1 December. */
const NOW = new Date('2026-11-28T02:00:00Z');
const ORIGIN = 'http://localhost:8080';
const API = `${ORIGIN}/api/ak1`;
const NIP = '196903121994032001';
const EXPORT_TOKEN = 'rahasia-kantor-123';

const OFFICERS: Record<string, { name: string; roles: Ak1OfficerRole[]; nip?: string }> = {
  budi: { name: 'Budi Santoso', roles: ['petugas'] },
  rina: { name: 'Rina Wati', roles: ['petugas'] },
  siti: { name: 'Siti Aminah', roles: ['pengantar-kerja'], nip: NIP },
  ani: { name: 'Ani Admin', roles: ['admin'] },
};

const temp = mkdtempSync(join(tmpdir(), 'ak1-office-routes-'));
after(() => rmSync(temp, { recursive: true, force: true }));
let databases = 0;

/** Every case runs on both stores: memory, and SQLite on a real file. */
const STORES: Array<[string, () => Promise<Ak1Store>]> = [
  ['memory', async () => createMemoryStore()],
  ['SQLite', () => createSqliteStore(join(temp, `office-${++databases}.sqlite`))],
];
async function office(makeStore: () => Promise<Ak1Store>, setup: { card?: boolean } = {}) {
  const store = await makeStore();
  after(() => store.close());
  const clock = { now: NOW };
  const handler = createAk1Handler({
    store,
    endpointPath: '/api/ak1',
    publicUrl: ORIGIN,
    district: {
      ...ak1DemoDistrict,
      ...(setup.card === false ? {} : { card: { signerTitle: 'Pengantar Kerja Ahli Muda', terms: ['Kartu ini berlaku 2 tahun.'] } }),
    },
    corsOrigins: [],
    exportToken: EXPORT_TOKEN,
    now: () => clock.now,
  });
  for (const [username, officer] of Object.entries(OFFICERS)) {
    await store.officers.add({
      id: `o-${username}`,
      username,
      name: officer.name,
      ...(officer.nip ? { nip: officer.nip } : {}),
      roles: officer.roles,
      passwordHash: 'not-used-here',
      passwordChangeRequired: false,
      disabled: false,
      createdAt: NOW.toISOString(),
    });
  }
  /** A fresh session at the clock's time (a jump of months ends the old ones). */
  const tokenOf = async (username: string) => (await startSession(store.officers, `o-${username}`, clock.now)).token;
  const tokens = Object.fromEntries(await Promise.all(Object.keys(OFFICERS).map(async (name) => [name, await tokenOf(name)])));
  let keys = 0;

  const call = (method: string, path: string, as: string | undefined, body?: unknown, headers: Record<string, string> = {}) =>
    handler(
      new Request(path.startsWith('http') ? path : `${API}${path}`, {
        method,
        headers: {
          ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
  const get = (path: string, as?: string, headers?: Record<string, string>) => call('GET', path, as, undefined, headers);
  const act = (number: string, as: string, body: Record<string, unknown>, key = `act-${++keys}`) =>
    call('POST', `/office/registrations/${encodeURIComponent(number)}/actions`, as, body, { 'idempotency-key': key });
  const record = async (number: string, as = 'budi') => {
    const response = await get(`/office/registrations/${encodeURIComponent(number)}`, as);
    assert.equal(response.status, 200);
    return z.parse(ak1OfficeRecordSchema, await response.json());
  };
  const register = async (i: number, visit = '2026-12-01') => {
    const response = await call('POST', '', undefined, testApplicant(i, { preferredVisitDate: visit }), { 'idempotency-key': `reg-${i}` });
    assert.equal(response.status, 201);
    return (await response.json()) as { registrationNumber: string; verification: { url: string; token: string } };
  };
  return {
    store,
    clock,
    handler,
    tokens,
    call,
    get,
    act,
    record,
    register,
    async relogin() {
      for (const name of Object.keys(OFFICERS)) tokens[name] = await tokenOf(name);
    },
  };
}

async function problemOf(response: Response, status: number, type: string): Promise<Record<string, any>> {
  assert.equal(response.status, status, `expected ${status} ${type}, got ${response.status}: ${await response.clone().text()}`);
  const body = await response.json();
  assert.equal(body.type, `urn:ak1:problem:${type}`);
  return body;
}

async function reply(response: Response) {
  assert.equal(response.status, 200, await response.clone().text());
  return z.parse(ak1OfficeActionReplySchema, await response.json());
}

for (const [storeName, make] of STORES) {
  describe(`${storeName}: office routes: the queue and the search`, () => {
    it('lists the day\'s visits in queue order with the NIK masked, for the counter\'s roles only', async () => {
      const o = await office(make);
      const first = await o.register(1);
      const second = await o.register(2);
      await o.register(3, '2026-12-02');
      const response = await o.get('/office/registrations?visitDate=2026-12-01', 'budi');
      assert.equal(response.status, 200);
      const { registrations } = z.parse(ak1RegistrationListSchema, await response.json());
      assert.deepEqual(registrations.map((r) => r.registrationNumber), [first.registrationNumber, second.registrationNumber]);
      assert.equal(registrations[0]!.nikMasked, `••••••••••••${testApplicant(1).nik.slice(-4)}`);
      assert.equal(registrations[0]!.fullName, 'Uji Coba');
      assert.equal(registrations[0]!.appointment?.queueNumber, 'A-001');
      assert.ok(!JSON.stringify(registrations).includes(testApplicant(1).nik));

      await problemOf(await o.get('/office/registrations?visitDate=2026-12-01'), 401, 'unauthenticated');
      await problemOf(await o.get('/office/registrations?visitDate=2026-12-01', 'ani'), 403, 'forbidden');
      await problemOf(await o.get(`/office/registrations?q=${testApplicant(1).nik}`, 'budi'), 400, 'invalid-request');
      await problemOf(await o.get('/office/registrations?visitDate=2026-13-01', 'budi'), 400, 'invalid-request');
      await problemOf(await o.get('/office/registrations?status=DONE', 'budi'), 400, 'invalid-request');

      const received = z.parse(ak1RegistrationListSchema, await (await o.get('/office/registrations?status=RECEIVED', 'siti')).json());
      assert.equal(received.registrations.length, 3);
    });

    it('searches by number, NIK (spaces allowed) and part of a name, by POST', async () => {
      const o = await office(make);
      const { registrationNumber } = await o.register(1);
      await o.call('POST', '', undefined, testApplicant(2, { fullName: 'Dewi Lestari' }), { 'idempotency-key': 'other' });
      const search = async (q: string) => {
        const response = await o.call('POST', '/office/registrations/search', 'budi', { q });
        assert.equal(response.status, 200);
        return z.parse(ak1RegistrationListSchema, await response.json()).registrations.map((r) => r.fullName);
      };
      assert.deepEqual(await search(registrationNumber), ['Uji Coba']);
      const nik = testApplicant(1).nik;
      assert.deepEqual(await search(nik), ['Uji Coba']);
      assert.deepEqual(await search(`${nik.slice(0, 4)} ${nik.slice(4, 8)} ${nik.slice(8)}`), ['Uji Coba']);
      assert.deepEqual(await search('lestari'), ['Dewi Lestari']);
      assert.deepEqual(await search('Tidak Ada'), []);
      await problemOf(await o.call('POST', '/office/registrations/search', 'budi', { q: 'x' }), 400, 'invalid-body');
      await problemOf(await o.call('POST', '/office/registrations/search', 'budi', { query: 'Uji' }), 400, 'invalid-body');
      await problemOf(await o.call('POST', '/office/registrations/search', undefined, { q: nik }), 401, 'unauthenticated');
    });
  });

  describe(`${storeName}: office routes: the record`, () => {
    it('opens with the application, attachments and history, and every opening is recorded with the officer\'s name', async () => {
      const o = await office(make);
      const { registrationNumber } = await o.register(1);
      const first = await o.record(registrationNumber, 'budi');
      assert.equal(first.registration.registrationNumber, registrationNumber);
      assert.equal(first.registration.status, 'RECEIVED');
      assert.equal(first.version, 1);
      assert.equal((first.application.photo as { mediaType: string }).mediaType, 'image/jpeg');
      assert.equal((first.application.documents as unknown[]).length, 1);
      assert.deepEqual(
        first.history.map((entry) => [entry.event, entry.actor.kind, entry.actor.name]),
        [
          ['submit', 'applicant', undefined],
          ['view', 'officer', 'Budi Santoso'],
        ],
      );
      const second = await o.record(registrationNumber, 'siti');
      assert.equal(second.version, 1, 'opening a record never changes its version');
      assert.deepEqual(second.history.map((entry) => entry.actor.name ?? '-'), ['-', 'Budi Santoso', 'Siti Aminah']);
      assert.ok(!JSON.stringify(second.history).includes('idempotencyKey'));

      await problemOf(await o.get('/office/registrations/3604-999999-281126', 'budi'), 404, 'not-found');
      await problemOf(await o.get(`/office/registrations/${registrationNumber}`), 401, 'unauthenticated');
      await problemOf(await o.get(`/office/registrations/${registrationNumber}`, 'ani'), 403, 'forbidden');
    });
  });

  describe(`${storeName}: office routes: actions`, () => {
    it('takes the counter path: check-in, a correction refused without reasons, an edit, verify; a petugas cannot sign, a Pengantar Kerja signs', async () => {
      const o = await office(make);
      const { registrationNumber: number } = await o.register(1);
      const checkedIn = await reply(await o.act(number, 'budi', { action: 'check-in', version: 1 }));
      assert.equal(checkedIn.registration.checkedInAt, '2026-11-28T09:00:00+07:00');
      assert.equal(checkedIn.version, 1, 'a check-in does not change the version');

      const missing = await problemOf(await o.act(number, 'budi', { action: 'request-correction', version: 1 }), 422, 'invalid-action');
      assert.deepEqual(missing.errors, [{ path: ['reason'], code: 'reason.required' }]);
      await problemOf(await o.act(number, 'budi', { action: 'frobnicate', version: 1 }), 400, 'invalid-body');

      const edited = await reply(await o.act(number, 'budi', { action: 'edit', version: 1, changes: [{ path: ['birthPlace'], after: 'Cilegon' }] }));
      assert.equal(edited.version, 2);
      const invalid = await problemOf(await o.act(number, 'budi', { action: 'edit', version: 2, changes: [{ path: ['phone'], after: '12' }] }), 422, 'invalid-application');
      assert.equal(invalid.errors[0].path[0], 'phone');

      const verified = await reply(await o.act(number, 'budi', { action: 'verify', version: 2 }));
      assert.equal(verified.registration.status, 'VERIFIED');

      await problemOf(await o.act(number, 'budi', { action: 'sign', version: 3 }), 403, 'forbidden');
      await problemOf(await o.act(number, 'ani', { action: 'check-in', version: 3 }), 403, 'forbidden');
      await problemOf(await o.act(number, 'siti', { action: 'place', version: 3, placement: { kind: 'placed' } }), 422, 'transition-not-allowed');

      const signed = await reply(await o.act(number, 'siti', { action: 'sign', version: 3 }));
      assert.equal(signed.registration.status, 'SIGNED');
      assert.equal(signed.registration.issuedAt, '2026-11-28');
      assert.equal(signed.registration.validUntil, '2028-11-28');
      assert.deepEqual(signed.registration.reportDueDates, ['2027-05-28', '2027-11-28', '2028-05-28']);
      assert.deepEqual(signed.registration.signedBy, { name: 'Siti Aminah', nip: NIP, title: 'Pengantar Kerja Ahli Muda' });

      for (const action of ['print', 'collect'] as const) assert.equal((await reply(await o.act(number, 'budi', { action, version: 4 }))).version, 4);
      o.clock.now = new Date('2027-05-20T03:00:00Z');
      await o.relogin();
      const reported = await reply(await o.act(number, 'budi', { action: 'report', version: 4, report: { kind: 'seeking' } }));
      assert.deepEqual(reported.registration.reports?.[0], { due: '2027-05-28', madeAt: '2027-05-20T10:00:00+07:00', kind: 'seeking' });
      const placed = await reply(await o.act(number, 'budi', { action: 'place', version: 4, placement: { kind: 'placed', employer: 'PT Indah Kiat', position: 'Admin' } }));
      assert.equal(placed.registration.status, 'PLACED');

      const history = (await o.record(number, 'budi')).history;
      assert.deepEqual(
        history.map((entry) => entry.event),
        ['submit', 'check-in', 'edit', 'verify', 'sign', 'print', 'collect', 'report', 'place', 'view'],
      );
      const edit = history.find((entry) => entry.event === 'edit')!;
      assert.deepEqual(edit.changes, [{ path: ['birthPlace'], before: 'Serang', after: 'Cilegon' }]);
      assert.deepEqual(edit.actor, { kind: 'officer', id: 'o-budi', name: 'Budi Santoso' });
      const place = history.find((entry) => entry.event === 'place')!;
      assert.deepEqual([place.from, place.to], ['SIGNED', 'PLACED']);
      assert.deepEqual(place.changes, [
        { path: ['placement', 'employer'], after: 'PT Indah Kiat' },
        { path: ['placement', 'position'], after: 'Admin' },
      ]);
    });

    it('two officers on one record: the second gets 409 with the current version, then sees the first\'s change', async () => {
      const o = await office(make);
      const { registrationNumber: number } = await o.register(1);
      const budiSaw = await o.record(number, 'budi');
      const rinaSaw = await o.record(number, 'rina');
      assert.equal(budiSaw.version, rinaSaw.version);
      await reply(await o.act(number, 'budi', { action: 'verify', version: budiSaw.version }));
      const conflict = await problemOf(
        await o.act(number, 'rina', { action: 'request-correction', version: rinaSaw.version, reason: [{ code: 'photo' }] }),
        409,
        'version-conflict',
      );
      assert.equal(conflict.version, 2);
      assert.match(conflict.detail, /version 2/);
      const now = await o.record(number, 'rina');
      assert.equal(now.registration.status, 'VERIFIED');
      assert.equal(now.version, 2);
      assert.ok(now.history.some((entry) => entry.event === 'verify' && entry.actor.name === 'Budi Santoso'));
      // Nothing of Rina's request was taken; taken again at the version she now sees, it is.
      assert.ok(!now.history.some((entry) => entry.event === 'request-correction'));
      const corrected = await reply(await o.act(number, 'rina', { action: 'request-correction', version: 2, reason: [{ code: 'photo' }] }));
      assert.equal(corrected.registration.status, 'NEEDS_CORRECTION');
    });

    it('a retried action (the same Idempotency-Key) is answered with the record as it is, never taken twice', async () => {
      const o = await office(make);
      const { registrationNumber: number } = await o.register(1);
      const first = await reply(await o.act(number, 'budi', { action: 'verify', version: 1 }, 'retry-1'));
      const again = await reply(await o.act(number, 'budi', { action: 'verify', version: 1 }, 'retry-1'));
      assert.deepEqual(again, first);
      const history = (await o.record(number)).history;
      assert.equal(history.filter((entry) => entry.event === 'verify').length, 1);
      await problemOf(
        await o.call('POST', `/office/registrations/${encodeURIComponent(number)}/actions`, 'budi', { action: 'print', version: 2 }),
        400,
        'idempotency-key-missing',
      );
    });

    it('reissue-code answers a new code once and keeps only its hash', async () => {
      const o = await office(make);
      const { registrationNumber: number } = await o.register(1);
      const issued = await reply(await o.act(number, 'budi', { action: 'reissue-code', version: 1 }, 'code-1'));
      assert.match(issued.accessCode!, /^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}$/);
      const stored = await o.store.getRecord(number);
      assert.equal(stored!.registration.accessCodeHash, createHash('sha256').update(issued.accessCode!).digest('hex'));
      const retried = await reply(await o.act(number, 'budi', { action: 'reissue-code', version: 1 }, 'code-1'));
      assert.equal(retried.accessCode, undefined, 'a code is shown once');
      const record = await o.record(number);
      assert.ok(!JSON.stringify(record).includes(issued.accessCode!));
    });

    it('an edit may correct the NIK and birth date, but not to a NIK another active registration holds', async () => {
      const o = await office(make);
      await o.register(1);
      const { registrationNumber: number } = await o.register(2);
      const taken = testApplicant(1);
      await problemOf(
        await o.act(number, 'budi', { action: 'edit', version: 1, changes: [{ path: ['nik'], after: taken.nik }, { path: ['birthDate'], after: taken.birthDate }] }),
        409,
        'already-registered',
      );
      const free = testApplicant(7);
      const edited = await reply(
        await o.act(number, 'budi', { action: 'edit', version: 1, changes: [{ path: ['nik'], after: free.nik }, { path: ['birthDate'], after: free.birthDate }] }),
      );
      assert.equal(edited.version, 2);
      const search = await o.call('POST', '/office/registrations/search', 'budi', { q: free.nik });
      assert.deepEqual(z.parse(ak1RegistrationListSchema, await search.json()).registrations.map((r) => r.registrationNumber), [number]);
    });

    it('a malformed body, a wrong content type and an unknown record are refused', async () => {
      const o = await office(make);
      const { registrationNumber: number } = await o.register(1);
      const path = `${API}/office/registrations/${encodeURIComponent(number)}/actions`;
      const raw = (body: string, type = 'application/json') =>
        o.handler(new Request(path, { method: 'POST', headers: { authorization: `Bearer ${o.tokens.budi}`, 'content-type': type, 'idempotency-key': 'k' }, body }));
      await problemOf(await raw('{'), 400, 'malformed-json');
      await problemOf(await raw('{}', 'text/plain'), 415, 'unsupported-media-type');
      await problemOf(await o.act('3604-999999-281126', 'budi', { action: 'verify', version: 1 }), 404, 'not-found');
    });
  });

  describe(`${storeName}: office routes: audit, settings, export`, () => {
    it('the audit is for admins: every record\'s entries with their numbers, no idempotency keys', async () => {
      const o = await office(make);
      const { registrationNumber: number } = await o.register(1);
      await o.record(number, 'budi');
      await reply(await o.act(number, 'budi', { action: 'check-in', version: 1 }));
      await problemOf(await o.get('/office/audit?from=2026-11-28&to=2026-11-28', 'budi'), 403, 'forbidden');
      await problemOf(await o.get('/office/audit?from=2026-11-28&to=2026-11-28', 'siti'), 403, 'forbidden');
      const response = await o.get('/office/audit?from=2026-11-28&to=2026-11-28', 'ani');
      assert.equal(response.status, 200);
      const text = await response.text();
      assert.ok(!text.includes('idempotencyKey'));
      const { entries } = z.parse(ak1AuditSchema, JSON.parse(text));
      assert.deepEqual(
        entries.map((entry) => [entry.event, entry.registrationNumber]),
        [
          ['submit', number],
          ['view', number],
          ['check-in', number],
        ],
      );
      const stamped = await o.get(`/office/audit?from=${encodeURIComponent('2026-11-28T09:00:00+07:00')}&to=${encodeURIComponent('2026-11-28T02:00:00Z')}`, 'ani');
      assert.equal(z.parse(ak1AuditSchema, await stamped.json()).entries.length, 3);
      const earlier = await o.get('/office/audit?from=2026-11-27&to=2026-11-27', 'ani');
      assert.deepEqual(z.parse(ak1AuditSchema, await earlier.json()).entries, []);
      await problemOf(await o.get('/office/audit?from=2026-11-29&to=2026-11-28', 'ani'), 400, 'invalid-request');
      await problemOf(await o.get('/office/audit?from=yesterday', 'ani'), 400, 'invalid-request');
    });

    it('the settings give the district and its card options to any officer', async () => {
      const o = await office(make);
      const settings = z.parse(ak1OfficeSettingsSchema, await (await o.get('/office/settings', 'budi')).json());
      assert.deepEqual(settings, {
        district: { name: 'Kabupaten Serang', officeName: 'Disnakertrans Kabupaten Serang', timeZone: 'Asia/Jakarta' },
        card: { signerTitle: 'Pengantar Kerja Ahli Muda', terms: ['Kartu ini berlaku 2 tahun.'] },
      });
      const plain = await office(make, { card: false });
      assert.deepEqual(await (await plain.get('/office/settings', 'ani')).json(), {
        district: { name: 'Kabupaten Serang', officeName: 'Disnakertrans Kabupaten Serang', timeZone: 'Asia/Jakarta' },
      });
      await problemOf(await o.get('/office/settings'), 401, 'unauthenticated');
    });

    it('a district card option that cannot work stops the handler at start-up', () => {
      const make = (card: unknown) => () =>
        createAk1Handler({ store: createMemoryStore(), endpointPath: '/api/ak1', publicUrl: ORIGIN, corsOrigins: [], district: { ...ak1DemoDistrict, card: card as never } });
      assert.throws(make({ signerTitle: '' }), /card\.signerTitle/);
      assert.throws(make({ terms: ['x'.repeat(501)] }), /card\.terms/);
      assert.throws(make({ overlay: [] }), /card\.overlay/);
      assert.throws(make({ logo: 'https://example.com/logo.png' }), /card\.logo/);
    });

    it('the CSV export is behind an officer\'s session; the token route stays for scripts', async () => {
      const o = await office(make);
      await o.register(1);
      await problemOf(await o.get('/office/export.csv?date=2026-12-01'), 401, 'unauthenticated');
      await problemOf(await o.get('/office/export.csv?date=2026-12-01', undefined, { authorization: `Bearer ${EXPORT_TOKEN}` }), 401, 'unauthenticated');
      const response = await o.get('/office/export.csv?date=2026-12-01', 'ani');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
      const rows = parse((await response.text()).replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!['Nama Lengkap'], 'Uji Coba');
      await problemOf(await o.get('/office/export.csv', 'budi'), 400, 'invalid-request');
      const script = await o.get('/export.csv?date=2026-12-01', undefined, { authorization: `Bearer ${EXPORT_TOKEN}` });
      assert.equal(script.status, 200);
    });
  });

  describe(`${storeName}: office routes: the IPK report`, () => {
    it('counts a card signed in the month for admins and the counter; refuses a bad or future month and no session', async () => {
      const o = await office(make);
      const { registrationNumber: number } = await o.register(1);
      await o.register(2); // never signed: not on the books
      await reply(await o.act(number, 'budi', { action: 'verify', version: 1 }));
      await reply(await o.act(number, 'siti', { action: 'sign', version: 2 }));
      for (const as of ['budi', 'siti', 'ani']) {
        const response = await o.get('/office/reports/ipk?month=2026-11', as);
        assert.equal(response.status, 200, as);
        const report = await response.json();
        assert.equal(report.month, '2026-11');
        assert.equal(report.byAge.length, 10);
        // The test applicant: a man born on 1 January 1975 (51 at the month's end), SMK, KBJI 4110 first.
        const counted = (rows: Array<Record<string, unknown>>) => rows.filter((row) => row.registered !== 0 || (row.end ?? 0) !== 0);
        assert.deepEqual(counted(report.byAge), [{ group: '45-54', sex: 'L', start: 0, registered: 1, placed: 0, removed: 0, end: 1 }]);
        assert.deepEqual(counted(report.byEducation), [{ group: 'SMK', sex: 'L', start: 0, registered: 1, placed: 0, removed: 0, end: 1 }]);
        assert.deepEqual(counted(report.byJobGroup), [{ group: '4', sex: 'L', registered: 1 }]);
      }
      const october = await (await o.get('/office/reports/ipk?month=2026-10', 'budi')).json();
      assert.ok([...october.byAge, ...october.byJobGroup].every((row: Record<string, unknown>) => row.registered === 0));
      await problemOf(await o.get('/office/reports/ipk?month=2026-11'), 401, 'unauthenticated');
      for (const month of ['2026-13', '2026-1', 'november', '', '2026-12']) {
        await problemOf(await o.get(`/office/reports/ipk?month=${month}`, 'budi'), 400, 'invalid-request');
      }
    });
  });

  describe(`${storeName}: office routes: expiry`, () => {
    it('a record past validUntil gets one system expire entry dated the day after, on read and by the sweep', async () => {
      const o = await office(make);
      const { registrationNumber: number } = await o.register(1);
      await o.register(2);
      o.clock.now = new Date('2028-12-01T03:00:00Z');
      await o.relogin();
      const first = await o.record(number);
      assert.equal(first.registration.status, 'EXPIRED');
      assert.equal(first.version, 2);
      const expire = first.history.filter((entry) => entry.event === 'expire');
      assert.deepEqual(expire, [{ at: '2028-11-29T00:00:00+07:00', actor: { kind: 'system' }, event: 'expire', from: 'RECEIVED', to: 'EXPIRED' }]);
      const again = await o.record(number);
      assert.equal(again.history.filter((entry) => entry.event === 'expire').length, 1, 'written once');
      await problemOf(await o.act(number, 'budi', { action: 'verify', version: 2 }), 422, 'transition-not-allowed');

      // The queue's daily sweep expired the other one already; a second sweep finds nothing.
      const list = z.parse(ak1RegistrationListSchema, await (await o.get('/office/registrations?status=EXPIRED', 'budi')).json());
      assert.equal(list.registrations.length, 2);
      assert.equal(await sweepExpired(o.store, '2028-12-01'), 0);
    });

    it('the audit of the day after validUntil holds the expiries the day\'s sweep wrote', async () => {
      const o = await office(make);
      const numbers = [(await o.register(1)).registrationNumber, (await o.register(2)).registrationNumber];
      o.clock.now = new Date('2029-01-05T03:00:00Z');
      await o.relogin();
      const { entries } = z.parse(ak1AuditSchema, await (await o.get('/office/audit?from=2028-11-29&to=2028-11-29', 'ani')).json());
      assert.deepEqual(
        entries.map((entry) => [entry.event, entry.registrationNumber, entry.at]),
        numbers.map((number) => ['expire', number, '2028-11-29T00:00:00+07:00']),
      );
    });

    it('an action on a record that expired since it was read is a version conflict, and the record then says EXPIRED', async () => {
      const o = await office(make);
      const { registrationNumber: number } = await o.register(1);
      o.clock.now = new Date('2028-11-30T03:00:00Z');
      await o.relogin();
      const conflict = await problemOf(await o.act(number, 'budi', { action: 'verify', version: 1 }), 409, 'version-conflict');
      assert.equal(conflict.version, 2);
    });
  });

  describe(`${storeName}: office routes: verification per status`, () => {
    async function verification(o: Awaited<ReturnType<typeof office>>, token: string) {
      const response = await o.get(`/verify/${token}`);
      assert.equal(response.status, 200);
      return z.parse(ak1VerificationSchema, await response.json());
    }
    async function page(o: Awaited<ReturnType<typeof office>>, url: string, lang = 'id') {
      const response = await o.get(url, undefined, { 'accept-language': lang });
      assert.equal(response.status, 200);
      return response.text();
    }

    it('the reply and the page show the number, the status in words, and once signed the signing date and validity', async () => {
      const o = await office(make);
      const { registrationNumber: number, verification: v } = await o.register(1);
      const received = await verification(o, v.token);
      assert.deepEqual(received, {
        valid: true,
        status: 'RECEIVED',
        registrationNumber: number,
        initials: 'U. C.',
        registeredAt: '2026-11-28T09:00:00+07:00',
        validUntil: '2028-11-28',
      });
      let html = await page(o, v.url);
      assert.match(html, /Kartu ini terdaftar/);
      assert.match(html, /Terkirim, menunggu verifikasi/);
      assert.match(html, /belum sah/);
      assert.ok(html.includes(number));

      await reply(await o.act(number, 'budi', { action: 'verify', version: 1 }));
      html = await page(o, v.url);
      assert.match(html, /Terverifikasi/);
      assert.match(html, /belum sah/);

      o.clock.now = new Date('2026-12-01T02:00:00Z');
      await o.relogin();
      await reply(await o.act(number, 'siti', { action: 'sign', version: 2 }));
      const signed = await verification(o, v.token);
      assert.equal(signed.status, 'SIGNED');
      assert.equal(signed.issuedAt, '2026-12-01');
      assert.equal(signed.validUntil, '2028-12-01');
      html = await page(o, v.url);
      assert.match(html, /Kartu ini sah/);
      assert.match(html, /Kartu sah/);
      assert.match(html, /Dikeluarkan<\/dt><dd>1 Desember 2026/);
      assert.match(html, /Berlaku sampai<\/dt><dd>1 Desember 2028/);
      assert.doesNotMatch(html, /belum sah/);
      const english = await page(o, v.url, 'en');
      assert.match(english, /This card is valid/);
      assert.match(english, /Issued on/);
      assert.ok(!html.includes(testApplicant(1).nik) && !html.includes('Uji Coba'));

      await reply(await o.act(number, 'budi', { action: 'place', version: 3, placement: { kind: 'placed' } }));
      html = await page(o, v.url);
      assert.match(html, /Kartu ini sah/);
      assert.match(html, /Sudah bekerja/);
    });

    it('rejected, cancelled and expired cards say they are not valid, without the "belum sah" note', async () => {
      const o = await office(make);
      const rejected = await o.register(1);
      const cancelled = await o.register(2);
      const expired = await o.register(3);
      await reply(await o.act(rejected.registrationNumber, 'budi', { action: 'reject', version: 1, reason: [{ code: 'duplicate' }] }));
      await reply(await o.act(cancelled.registrationNumber, 'budi', { action: 'cancel', version: 1 }));
      for (const [registration, words] of [
        [rejected, 'Ditolak'],
        [cancelled, 'Dibatalkan'],
      ] as const) {
        const html = await page(o, registration.verification.url);
        assert.match(html, /Kartu ini tidak berlaku/);
        assert.ok(html.includes(words));
        assert.doesNotMatch(html, /belum sah/);
      }
      o.clock.now = new Date('2028-12-01T03:00:00Z');
      assert.equal((await verification(o, expired.verification.token)).status, 'EXPIRED');
      const html = await page(o, expired.verification.url);
      assert.match(html, /Tidak berlaku lagi/);
      assert.match(html, /Kartu ini tidak berlaku/);
      // Reading the card wrote its expiry.
      const stored = await o.store.getRecord(expired.registrationNumber);
      assert.equal(stored!.registration.status, 'EXPIRED');
      assert.equal(stored!.history.filter((entry) => entry.event === 'expire').length, 1);
      // The rejected one stays rejected, not expired.
      assert.equal((await verification(o, rejected.verification.token)).status, 'REJECTED');
    });
  });
}
