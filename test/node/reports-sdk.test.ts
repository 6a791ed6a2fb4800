import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import {
  Ak1HttpError,
  Ak1ResponseError,
  createAk1Client,
  createAk1OfficeClient,
  EDUCATION_LEVELS,
  highestEducationLevel,
  IPK_AGE_GROUPS,
  IPK_JOB_GROUPS,
  SEXES,
  type Ak1IpkReport,
} from '../../src/index.js';
import { createAk1Handlers } from '../../src/mocks/index.js';
import { runConformance } from '../../src/conformance/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import { ipkReport } from '../../src/server/reports/ipk.js';
import { testApplicant } from './helpers/applicants.js';

/*
 * The IPK tables through the SDK: `createAk1OfficeClient().ipkReport` against the msw mocks (which count the mock's
 * own registrations with the reference server's countIpk), and the conformance check `office-ipk-report`, which must
 * fail a backend whose tables do not add up or lack a row.
 */

const ENDPOINT = 'https://disnaker.example.go.id/api/ak1';
const NOW = new Date('2026-11-28T02:00:00Z');
const MONTH = '2026-11';
const OFFICER = { username: 'pk.uji', password: 'kata-sandi-uji-laporan', name: 'Pengantar Kerja Uji', roles: ['pengantar-kerja' as const] };

describe('ipkReport through the SDK and the mocks', () => {
  const server = setupServer();
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  after(() => server.close());

  it("counts the mock's own registrations: signed, placed and cancelled in the month, by age, education and KBJI group", async () => {
    const store = createMemoryStore();
    server.use(...createAk1Handlers({ endpoint: ENDPOINT, store, officers: [OFFICER], now: () => NOW }));
    const applicants = createAk1Client({ endpoint: ENDPOINT, today: '2026-11-28' });
    const office = createAk1OfficeClient({ endpoint: ENDPOINT });
    await office.login({ username: OFFICER.username, password: OFFICER.password });

    // Who, with which first position, and what happens after signing.
    const people = [
      { sex: 'L', positions: [{ title: 'Staf Administrasi', kbji: '4110' }], then: undefined },
      { sex: 'P', positions: [{ title: 'Tukang Las', kbji: '7212' }], then: 'place' },
      { sex: 'L', positions: [{ title: 'Apa saja' }], then: 'cancel' },
      { sex: 'P', positions: [{ title: 'Kasir', kbji: '5230' }, { title: 'Staf Administrasi', kbji: '4110' }], then: undefined },
      // Verified but never signed: not on the books, in no table.
      { sex: 'L', positions: [{ title: 'Sopir', kbji: '8322' }], then: 'unsigned' },
    ] as const;
    const made = [];
    for (const [i, person] of people.entries()) {
      const application = testApplicant(100 + i, { sex: person.sex, jobPreferences: { positions: person.positions, location: 'DALAM_NEGERI' } });
      const { registrationNumber } = await applicants.submit(application);
      let { version } = await office.open(registrationNumber);
      ({ version } = await office.act(registrationNumber, { action: 'verify', version }));
      if (person.then !== 'unsigned') ({ version } = await office.act(registrationNumber, { action: 'sign', version }));
      if (person.then === 'place') await office.act(registrationNumber, { action: 'place', version, placement: { kind: 'placed', employer: 'PT Uji' } });
      if (person.then === 'cancel') await office.act(registrationNumber, { action: 'cancel', version, note: 'mengundurkan diri' });
      made.push({ ...person, education: highestEducationLevel(application.education), birthDate: application.birthDate as string });
    }

    const report = await office.ipkReport({ month: MONTH });
    assert.equal(report.month, MONTH);
    // One row per group and sex, in the contract's order.
    assert.deepEqual(report.byAge.map((row) => `${row.group} ${row.sex}`), IPK_AGE_GROUPS.flatMap((g) => SEXES.map((s) => `${g} ${s}`)));
    assert.deepEqual(report.byEducation.map((row) => `${row.group} ${row.sex}`), EDUCATION_LEVELS.flatMap((g) => SEXES.map((s) => `${g} ${s}`)));
    assert.deepEqual(report.byJobGroup.map((row) => `${row.group} ${row.sex}`), IPK_JOB_GROUPS.flatMap((g) => SEXES.map((s) => `${g} ${s}`)));

    // Expected, from what was done above: four signed, one placed, one removed, two on the books.
    const signed = made.filter((person) => person.then !== 'unsigned');
    const sum = (rows: Ak1IpkReport['byAge'], key: 'start' | 'registered' | 'placed' | 'removed' | 'end') => rows.reduce((total, row) => total + row[key], 0);
    for (const table of [report.byAge, report.byEducation]) {
      assert.deepEqual(
        { start: sum(table, 'start'), registered: sum(table, 'registered'), placed: sum(table, 'placed'), removed: sum(table, 'removed'), end: sum(table, 'end') },
        { start: 0, registered: 4, placed: 1, removed: 1, end: 2 },
      );
    }
    for (const sex of SEXES) {
      for (const level of EDUCATION_LEVELS) {
        const row = report.byEducation.find((r) => r.group === level && r.sex === sex)!;
        assert.equal(row.registered, signed.filter((p) => p.sex === sex && p.education === level).length, `${level} ${sex}`);
      }
      // Born in 1975 (the test NIKs): 51 at the month's end.
      assert.equal(report.byAge.find((r) => r.group === '45-54' && r.sex === sex)!.registered, signed.filter((p) => p.sex === sex).length);
    }
    const jobs = Object.fromEntries(report.byJobGroup.filter((row) => row.registered > 0).map((row) => [`${row.group} ${row.sex}`, row.registered]));
    assert.deepEqual(jobs, { '4 L': 1, '7 P': 1, '5 P': 1, '- L': 1 });

    // The mocks answer with the reference server's count of the mock's store.
    assert.deepEqual(report, await ipkReport(store, MONTH, 'Asia/Jakarta'));
    // The month before: nothing yet.
    const before = await office.ipkReport({ month: '2026-10' });
    assert.equal(sum(before.byAge, 'registered') + sum(before.byAge, 'end'), 0);
  });

  it('refuses a month that is not YYYY-MM before asking, and passes on the 400 for a month not yet begun', async () => {
    server.use(...createAk1Handlers({ endpoint: ENDPOINT, officers: [OFFICER], now: () => NOW }));
    let asked = 0;
    const office = createAk1OfficeClient({
      endpoint: ENDPOINT,
      fetch: (url, init) => {
        asked++;
        return fetch(url, init);
      },
    });
    await office.login({ username: OFFICER.username, password: OFFICER.password });
    const before = asked;
    for (const month of ['2026-13', '2026-1', '', '2026-11-01']) {
      await assert.rejects(office.ipkReport({ month }), RangeError, month);
    }
    assert.equal(asked, before, 'nothing was sent');
    await assert.rejects(office.ipkReport({ month: '2026-12' }), (error: unknown) => error instanceof Ak1HttpError && error.status === 400 && error.type === 'invalid-request');
  });

  it('rejects a reply that is not the tables (a row without its sex) with Ak1ResponseError', async () => {
    server.use(...createAk1Handlers({ endpoint: ENDPOINT, officers: [OFFICER], now: () => NOW }));
    const office = createAk1OfficeClient({ endpoint: ENDPOINT, retries: 0 });
    await office.login({ username: OFFICER.username, password: OFFICER.password });
    const good = await office.ipkReport({ month: MONTH });
    server.use(
      http.get(`${ENDPOINT}/office/reports/ipk`, () =>
        Response.json({ ...good, byAge: [{ group: '20-29', start: 0, registered: 1, placed: 0, removed: 0, end: 1 }] }),
      ),
    );
    await assert.rejects(office.ipkReport({ month: MONTH }), Ak1ResponseError);
  });
});

describe('conformance: office-ipk-report', () => {
  const server = setupServer();
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  after(() => server.close());
  const officer = { username: OFFICER.username, password: OFFICER.password };
  const ipkResult = async () => (await runConformance({ endpoint: ENDPOINT, officer })).checks.find((check) => check.id === 'office-ipk-report')!;

  /** The mocks, with the IPK reply changed by `change`. */
  function tampered(change: (report: Ak1IpkReport) => unknown) {
    const mocks = createAk1Handlers({ endpoint: ENDPOINT, officers: [OFFICER] });
    server.use(
      http.get(`${ENDPOINT}/office/reports/ipk`, async ({ request }) => {
        const reply = await fetchThrough(mocks, request);
        if (reply.status !== 200) return reply;
        return Response.json(change((await reply.json()) as Ak1IpkReport));
      }),
      ...mocks,
    );
  }

  it('passes against the mocks', async () => {
    server.use(...createAk1Handlers({ endpoint: ENDPOINT, officers: [OFFICER] }));
    const check = await ipkResult();
    assert.equal(check.passed, true, check.detail);
    assert.match(check.detail, /every row adds up/);
  });

  it('fails a backend whose row does not add up', async () => {
    tampered((report) => ({ ...report, byAge: report.byAge.map((row, i) => (i === 3 ? { ...row, registered: row.registered + 1 } : row)) }));
    const check = await ipkResult();
    assert.equal(check.passed, false);
    assert.match(check.detail, /byAge 20-29 P: start 0 \+ registered 1 − placed 0 − removed 0 is not end 0/);
  });

  it('fails a backend that leaves out the rows of zeros', async () => {
    tampered((report) => ({ ...report, byEducation: report.byEducation.filter((row) => row.registered + row.end > 0) }));
    const check = await ipkResult();
    assert.equal(check.passed, false);
    assert.match(check.detail, /byEducation: no row for BELUM_TAMAT_SD L/);
  });
});

/** Sends `request` through msw handlers made by createAk1Handlers, as the mocks would answer it. */
async function fetchThrough(handlers: ReturnType<typeof createAk1Handlers>, request: Request): Promise<Response> {
  for (const handler of handlers) {
    const result = await handler.run({ request: request.clone(), requestId: crypto.randomUUID() });
    if (result?.response) return result.response;
  }
  throw new Error('no mock handler answered');
}
