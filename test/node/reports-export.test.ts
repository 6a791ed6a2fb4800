import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, createAk1Client, createAk1OfficeClient, type Ak1Registration } from '../../src/index.js';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore } from '../../src/server/index.js';
import { addOfficer } from '../../src/server/office/accounts.js';
import { createWebCryptoHasher } from '../../src/server/office/passwords.js';
import { testApplicant } from './helpers/applicants.js';

/*
 * The office export of a range of registration dates (`from`/`to`), for the office's own analysis: the registrations
 * of every day of the range and of no other, in date order; a range that is reversed, open on one side, mixed with
 * another filter or longer than a year is 400; the client sends it and checks the dates first.
 */

const ENDPOINT = 'https://disnaker.example.go.id/api/ak1';
const FIRST_DAY = '2026-12-01';
const PASSWORD = 'kata-sandi-ekspor-panjang';

async function setUp() {
  const store = createMemoryStore();
  const passwordHasher = createWebCryptoHasher({ iterations: 1000 });
  const clock = { now: new Date(`${FIRST_DAY}T02:00:00Z`) };
  const handler = createAk1Handler({
    store,
    endpointPath: '/api/ak1',
    publicUrl: 'https://disnaker.example.go.id',
    district: ak1DemoDistrict,
    corsOrigins: [],
    passwordHasher,
    now: () => clock.now,
  });
  const fetch = (url: string, init: RequestInit) => handler(new Request(url, init));
  await addOfficer(store, passwordHasher, { username: 'ani', name: 'Ani Petugas', roles: ['petugas'], password: PASSWORD, now: clock.now });
  // Two registrations on each of six days, a week apart (the district's day: 09.00 WIB).
  const made: Array<{ day: string; registration: Ak1Registration }> = [];
  for (let week = 0; week < 6; week++) {
    const day = addDays(FIRST_DAY, 7 * week);
    clock.now = new Date(`${day}T02:00:00Z`);
    const applicants = createAk1Client({ endpoint: ENDPOINT, fetch, today: day });
    for (let i = 0; i < 2; i++) made.push({ day, registration: await applicants.submit(testApplicant(500 + week * 2 + i)) });
  }
  const office = createAk1OfficeClient({ endpoint: ENDPOINT, fetch, retries: 0 });
  await office.login({ username: 'ani', password: PASSWORD });
  const get = (query: string) =>
    handler(new Request(`${ENDPOINT}/office/export.csv?${query}`, { headers: { authorization: `Bearer ${office.token}` } }));
  return { office, made, get };
}

/** The registration numbers of a CSV's rows, in order. */
function numbersIn(csv: string, made: Array<{ registration: Ak1Registration }>): string[] {
  const known = new Set(made.map((m) => m.registration.registrationNumber));
  return csv
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(',')[0]!.replace(/^"|"$/g, ''))
    .filter((cell) => known.has(cell));
}

describe('the office export of a range of registration dates', () => {
  it('holds the registrations of every day from `from` to `to` and of no other, in date order', async () => {
    const { office, made, get } = await setUp();
    const from = addDays(FIRST_DAY, 7);
    const to = addDays(FIRST_DAY, 21);
    const csv = await office.exportCsv({ from, to });
    const expected = made.filter((m) => m.day >= from && m.day <= to).map((m) => m.registration.registrationNumber);
    assert.equal(expected.length, 6);
    assert.deepEqual(numbersIn(csv, made), expected);
    // The whole period, and one day as a range: the same as registeredOn.
    assert.deepEqual(numbersIn(await office.exportCsv({ from: FIRST_DAY, to: addDays(FIRST_DAY, 35) }), made), made.map((m) => m.registration.registrationNumber));
    assert.equal(await office.exportCsv({ from, to: from }), await office.exportCsv({ registeredOn: from }));
    const reply = await get(`from=${from}&to=${to}`);
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('content-disposition'), `attachment; filename="ak1-pendaftaran-${from}_${to}.csv"`);
    // A year (leap day included) is allowed.
    assert.equal((await get('from=2027-01-01&to=2027-12-31')).status, 200);
    assert.equal((await get('from=2028-01-01&to=2028-12-31')).status, 200);
  });

  it('is 400 invalid-request for a reversed, one-sided, mixed, malformed or over-long range', async () => {
    const { office, get } = await setUp();
    for (const query of [
      'from=2026-11-20&to=2026-11-10',
      'from=2026-11-10',
      'to=2026-11-10',
      'from=2026-11-10&to=2026-11-20&registeredOn=2026-11-12',
      'from=2026-11-10&to=2026-11-20&date=2026-11-12',
      'from=2026-11-10&to=2026-02-30',
      'from=10-11-2026&to=2026-11-20',
      'from=2026-01-01&to=2027-01-02',
    ]) {
      const reply = await get(query);
      assert.equal(reply.status, 400, query);
      assert.equal(((await reply.json()) as { type: string }).type, 'urn:ak1:problem:invalid-request', query);
    }
    await assert.rejects(office.exportCsv({ from: '2026-11-20', to: '2026-11-10' }), RangeError);
    await assert.rejects(office.exportCsv({ from: '2026-11-20' } as never), RangeError);
    await assert.rejects(office.exportCsv({ from: '2026-01-01', to: '2027-06-01' }), { name: 'Ak1HttpError', status: 400 });
  });
});
