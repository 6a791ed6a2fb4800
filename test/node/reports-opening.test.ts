import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Ak1AuthError, Ak1HttpError, createAk1Client, createAk1OfficeClient, type Ak1IpkReport, type Ak1OpeningBalance } from '../../src/index.js';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore } from '../../src/server/index.js';
import { addOfficer } from '../../src/server/office/accounts.js';
import { createWebCryptoHasher } from '../../src/server/office/passwords.js';
import { base32Decode, totpCode, totpStep } from '../../src/server/office/totp.js';
import { countIpk } from '../../src/server/reports/ipk.js';
import { enOffice } from '../../src/i18n/en/office.js';
import { idOffice } from '../../src/i18n/id/office.js';
import { testApplicant } from './helpers/applicants.js';

/*
 * The opening balance: paper-era holders an admin enters per group and sex for the office's first month. The IPK
 * tables add them to that month's start and carry them to every later month (start and end alike, so each row
 * still adds up); months before it have none; the last balance entered is in force, even when entered later.
 */

const ENDPOINT = 'https://disnaker.example.go.id/api/ak1';
const PASSWORD = 'kata-sandi-saldo-awal';
const ZONE = 'Asia/Jakarta';

const BALANCE: Ak1OpeningBalance = {
  month: '2026-11',
  byAge: [
    { group: '20-29', sex: 'L', count: 40 },
    { group: '20-29', sex: 'P', count: 35 },
    { group: '55+', sex: 'L', count: 2 },
  ],
  byEducation: [
    { group: 'SMA', sex: 'L', count: 30 },
    { group: 'SMK', sex: 'L', count: 12 },
    { group: 'SMA', sex: 'P', count: 35 },
  ],
};

const row = (report: Ak1IpkReport, table: 'byAge' | 'byEducation', group: string, sex: 'L' | 'P') =>
  report[table].find((r) => r.group === group && r.sex === sex)!;
const addsUp = (report: Ak1IpkReport) =>
  [...report.byAge, ...report.byEducation].every((r) => r.start + r.registered - r.placed - r.removed === r.end);

describe('the opening balance in countIpk', () => {
  it('is added to the start and end of its month and every later one, never before; rows still add up', () => {
    const before = countIpk('2026-10', ZONE, [], BALANCE);
    assert.ok([...before.byAge, ...before.byEducation].every((r) => r.start === 0 && r.end === 0));
    for (const month of ['2026-11', '2026-12', '2027-06']) {
      const report = countIpk(month, ZONE, [], BALANCE);
      assert.deepEqual(pick(row(report, 'byAge', '20-29', 'L')), { start: 40, registered: 0, placed: 0, removed: 0, end: 40 }, month);
      assert.equal(row(report, 'byEducation', 'SMA', 'P').start, 35);
      assert.equal(row(report, 'byAge', '30-44', 'L').start, 0);
      assert.equal(report.byAge.reduce((sum, r) => sum + r.end, 0), 77);
      assert.ok(addsUp(report));
    }
    assert.deepEqual(countIpk('2026-12', ZONE, []), countIpk('2026-12', ZONE, [], undefined));
  });
});

describe('the opening balance through the office routes', () => {
  it('is entered by an admin only, checked, in force for the IPK route, and replaced by a later entry', async () => {
    const store = createMemoryStore();
    const passwordHasher = createWebCryptoHasher({ iterations: 1000 });
    const clock = { now: new Date('2026-11-29T02:00:00Z') };
    const handler = createAk1Handler({ store, endpointPath: '/api/ak1', publicUrl: 'https://disnaker.example.go.id', district: ak1DemoDistrict, corsOrigins: [], passwordHasher, now: () => clock.now });
    const fetch = (url: string, init: RequestInit) => handler(new Request(url, init));
    await addOfficer(store, passwordHasher, { username: 'pk', name: 'Pengantar Kerja', roles: ['pengantar-kerja'], password: PASSWORD, now: clock.now });
    const admin = await addOfficer(store, passwordHasher, { username: 'admin', name: 'Admin Dinas', roles: ['admin'], now: clock.now });
    await store.officers.update(admin.officer.id, { passwordHash: await passwordHasher.hash(PASSWORD), passwordChangeRequired: false });
    const adminClient = createAk1OfficeClient({ endpoint: ENDPOINT, fetch, retries: 0 });
    const loginAdmin = async () =>
      adminClient.login({ username: 'admin', password: PASSWORD, code: await totpCode(base32Decode(admin.totpSecret!)!, totpStep(clock.now)) });
    await loginAdmin();
    const counter = createAk1OfficeClient({ endpoint: ENDPOINT, fetch, retries: 0 });
    await counter.login({ username: 'pk', password: PASSWORD });

    assert.equal(await counter.openingBalance(), undefined);
    await assert.rejects(counter.setOpeningBalance(BALANCE), (error: unknown) => error instanceof Ak1AuthError && error.type === 'forbidden');
    for (const bad of [
      { ...BALANCE, byAge: [{ group: '10-14', sex: 'L', count: 1 }] },
      { ...BALANCE, byEducation: [...BALANCE.byEducation, { group: 'SMA', sex: 'L', count: 1 }] },
      { ...BALANCE, byAge: [{ group: '20-29', sex: 'L', count: -1 }] },
      { ...BALANCE, month: '2026-13' },
      { ...BALANCE, month: '2027-01' },
    ]) {
      await assert.rejects(adminClient.setOpeningBalance(bad as Ak1OpeningBalance), (error: unknown) => error instanceof Ak1HttpError && error.status === 400, JSON.stringify(bad));
    }
    assert.deepEqual(await adminClient.setOpeningBalance(BALANCE), BALANCE);
    assert.deepEqual(await counter.openingBalance(), BALANCE);

    // One card signed in November on top of the paper-era holders.
    const applicants = createAk1Client({ endpoint: ENDPOINT, fetch, today: '2026-11-29' });
    const { registrationNumber } = await applicants.submit(testApplicant(900));
    let { version } = await counter.open(registrationNumber);
    ({ version } = await counter.act(registrationNumber, { action: 'verify', version }));
    await counter.act(registrationNumber, { action: 'sign', version });
    const november = await counter.ipkReport({ month: '2026-11' });
    assert.ok(addsUp(november));
    assert.equal(november.byAge.reduce((sum, r) => sum + r.start, 0), 77);
    assert.equal(november.byAge.reduce((sum, r) => sum + r.end, 0), 78);
    assert.deepEqual(pick(row(november, 'byAge', '20-29', 'P')), { start: 35, registered: 0, placed: 0, removed: 0, end: 35 });
    assert.equal((await counter.ipkReport({ month: '2026-10' })).byAge.reduce((sum, r) => sum + r.start + r.end, 0), 0);

    // In January an admin corrects the November balance: November's tables take the new one too.
    clock.now = new Date('2027-01-05T02:00:00Z');
    await loginAdmin();
    await counter.login({ username: 'pk', password: PASSWORD });
    const corrected = { ...BALANCE, byAge: [{ group: '20-29', sex: 'L' as const, count: 41 }, ...BALANCE.byAge.slice(1)] };
    await adminClient.setOpeningBalance(corrected);
    assert.equal(row(await counter.ipkReport({ month: '2026-11' }), 'byAge', '20-29', 'L').start, 41);
    assert.equal(row(await counter.ipkReport({ month: '2027-01' }), 'byAge', '20-29', 'L').start, 41);
    // Recorded in the audit: who entered which numbers.
    const audit = await adminClient.audit({ from: '2026-11-01T00:00:00+07:00', to: '2027-01-31T00:00:00+07:00' });
    const entered = audit.filter((entry) => entry.event === 'opening-balance');
    assert.equal(entered.length, 2);
    assert.equal(entered[1]!.actor.name, 'Admin Dinas');
    // The office reads every event of the audit by a label of its own, in both languages.
    for (const texts of [idOffice, enOffice]) {
      const events = texts.events as Record<string, string>;
      for (const entry of audit) assert.ok(events[entry.event], `${texts === idOffice ? 'id' : 'en'}: no label for ${entry.event}`);
    }
    assert.notEqual(idOffice.events['opening-balance'], enOffice.events['opening-balance']);
  });
});

function pick({ start, registered, placed, removed, end }: Ak1IpkReport['byAge'][number]) {
  return { start, registered, placed, removed, end };
}
