import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Ak1ConflictError, Ak1HttpError, createAk1Client, createAk1OfficeClient } from '../../src/index.js';
import { serverTexts } from '../../src/i18n/server.js';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore } from '../../src/server/index.js';
import { addOfficer } from '../../src/server/office/accounts.js';
import { createWebCryptoHasher } from '../../src/server/office/passwords.js';
import { testApplicant } from './helpers/applicants.js';

/*
 * The hand-over to Karirhub: the export of signed cards not yet entered there (one per row, in the order of
 * Karirhub's AK/I data entry, cells neutralised), the `karirhub` action that records the number (only on a signed
 * card, in the history, without a new version), and the home screen's count of cards still waiting.
 */

const ENDPOINT = 'https://disnaker.example.go.id/api/ak1';
const PASSWORD = 'kata-sandi-karirhub-uji';
const DAY = '2026-12-01';

/** RFC 4180 with every cell quoted or empty, as the exports write it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  // The client's text decoding may drop the byte order mark the backend sends for Excel.
  for (const line of text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)) {
    const cells: string[] = [];
    const pattern = /(?:"((?:[^"]|"")*)"|([^,]*))(,|$)/g;
    for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
      cells.push(match[1] !== undefined ? match[1].replaceAll('""', '"') : match[2]!);
      if (match[3] === '') break;
    }
    rows.push(cells);
  }
  return rows;
}

async function setUp() {
  const store = createMemoryStore();
  const passwordHasher = createWebCryptoHasher({ iterations: 1000 });
  const clock = { now: new Date(`${DAY}T02:00:00Z`) };
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
  await addOfficer(store, passwordHasher, { username: 'pk', name: 'Pengantar Kerja', roles: ['pengantar-kerja'], password: PASSWORD, now: clock.now });
  const office = createAk1OfficeClient({ endpoint: ENDPOINT, fetch, retries: 0 });
  await office.login({ username: 'pk', password: PASSWORD });
  const applicants = createAk1Client({ endpoint: ENDPOINT, fetch, today: DAY });
  return { office, applicants, clock };
}

describe('the Karirhub hand-over', () => {
  it('lists the signed cards not yet in Karirhub in data-entry order, and the action takes each off the list', async () => {
    const { office, applicants, clock } = await setUp();
    const names = ['Ahmad Fauzi', 'Dewi Lestari', 'Rina Marlina'];
    const made = [];
    for (const [i, fullName] of names.entries()) {
      const application = testApplicant(700 + i, {
        fullName,
        // Text an applicant may type that a spreadsheet would run as a formula.
        address: { ...testApplicant(0).address, street: i === 1 ? '=HYPERLINK("http://x.example";"klik") No. 5' : 'Jl. Raya Serang No. 12' },
        jobPreferences: { positions: [{ title: 'Tukang Las', kbji: '7212' }, { title: 'Apa saja' }], location: 'DALAM_NEGERI' },
      });
      made.push((await applicants.submit(application)).registrationNumber);
    }
    assert.deepEqual(await office.summary(), { karirhubPending: 0 });
    // Rina is signed first, then Ahmad and Dewi; Dewi's cell holds the formula.
    const sign = async (number: string) => {
      let { version } = await office.open(number);
      ({ version } = await office.act(number, { action: 'verify', version }));
      clock.now = new Date(clock.now.getTime() + 60_000);
      return office.act(number, { action: 'sign', version });
    };
    await sign(made[2]!);
    clock.now = new Date(`2026-12-02T02:00:00Z`);
    await office.login({ username: 'pk', password: PASSWORD });
    await sign(made[0]!);
    await sign(made[1]!);
    assert.deepEqual(await office.summary(), { karirhubPending: 3 });

    const rows = parseCsv(await office.karirhubCsv());
    const headings = serverTexts.id.karirhubColumns;
    assert.deepEqual(rows[0]!.slice(0, 5), [headings.registrationNumber, headings.issuedAt, headings.validUntil, headings.nik, headings.fullName]);
    // Identity, then address, education, skills, experience, the positions sought.
    const at = (name: keyof typeof headings) => rows[0]!.indexOf(headings[name]);
    assert.ok(at('nik') < at('provinceCode') && at('provinceCode') < at('educationLevel') && at('educationLevel') < at('skills'));
    assert.ok(at('skills') < at('experience') && at('experience') < at('position1') && at('position1') < at('expectedWage'));
    assert.deepEqual(rows.slice(1).map((row) => row[at('fullName')]), ['Rina Marlina', 'Ahmad Fauzi', 'Dewi Lestari'], 'the longest-waiting first');
    const dewi = rows[3]!;
    assert.equal(dewi.length, rows[0]!.length);
    assert.equal(dewi[at('street')], `'=HYPERLINK("http://x.example";"klik") No. 5`);
    assert.match(dewi[at('nik')]!, /^="\d{16}"$/);
    assert.equal(dewi[at('position1')], 'Tukang Las');
    assert.equal(dewi[at('kbji1')], '7212');
    assert.equal(dewi[at('position2')], 'Apa saja');
    assert.equal(dewi[at('kbji2')], '');
    assert.equal(dewi[at('issuedAt')], '2026-12-02');
    // In English, with ';'.
    const english = await office.karirhubCsv({ lang: 'en', delimiter: ';' });
    assert.ok(english.replace(/^\uFEFF/, '').startsWith(`"${serverTexts.en.karirhubColumns.registrationNumber}";`));

    // Entered in Karirhub: recorded in the history, the version stays, the card leaves the list.
    const before = await office.open(made[2]!);
    const marked = await office.act(made[2]!, { action: 'karirhub', version: before.version, karirhubNumber: ' KH-3604-0001 ' });
    assert.equal(marked.version, before.version, 'metadata, like a view: no new version');
    assert.equal(marked.registration.karirhubNumber, 'KH-3604-0001');
    assert.equal(marked.registration.status, 'SIGNED');
    const record = await office.open(made[2]!);
    const entry = [...record.history].reverse().find((e) => e.event === 'karirhub')!;
    assert.equal(entry.actor.kind, 'officer');
    assert.deepEqual(entry.changes, [{ path: ['karirhubNumber'], after: 'KH-3604-0001' }]);
    assert.deepEqual(await office.summary(), { karirhubPending: 2 });
    assert.deepEqual(parseCsv(await office.karirhubCsv()).slice(1).map((row) => row[at('fullName')]), ['Ahmad Fauzi', 'Dewi Lestari']);
    // A mistyped number corrected: before and after in the history.
    await office.act(made[2]!, { action: 'karirhub', version: record.version, karirhubNumber: 'KH-3604-0002' });
    const corrected = [...(await office.open(made[2]!)).history].reverse().find((e) => e.event === 'karirhub')!;
    assert.deepEqual(corrected.changes, [{ path: ['karirhubNumber'], before: 'KH-3604-0001', after: 'KH-3604-0002' }]);

    // A placed card is no longer a job seeker's: off the list even without the number.
    const ahmad = await office.open(made[0]!);
    await office.act(made[0]!, { action: 'place', version: ahmad.version, placement: { kind: 'placed', employer: 'PT Uji' } });
    assert.deepEqual(await office.summary(), { karirhubPending: 1 });
  });

  it('is refused without a number, before signing, and at a stale version', async () => {
    const { office, applicants } = await setUp();
    const { registrationNumber } = await applicants.submit(testApplicant(800));
    const { version } = await office.open(registrationNumber);
    await assert.rejects(office.act(registrationNumber, { action: 'karirhub', version, karirhubNumber: 'KH-1' }), (error: unknown) => {
      assert.ok(error instanceof Ak1ConflictError);
      assert.equal(error.type, 'transition-not-allowed');
      return true;
    });
    const verified = await office.act(registrationNumber, { action: 'verify', version });
    const signed = await office.act(registrationNumber, { action: 'sign', version: verified.version });
    await assert.rejects(office.act(registrationNumber, { action: 'karirhub', version: signed.version }), (error: unknown) => {
      assert.ok(error instanceof Ak1HttpError);
      assert.equal(error.status, 422);
      assert.deepEqual(error.errors?.map((e) => e.code), ['karirhubNumber.required']);
      return true;
    });
    await assert.rejects(office.act(registrationNumber, { action: 'karirhub', version: signed.version - 1, karirhubNumber: 'KH-1' }), { name: 'Ak1ConflictError', type: 'version-conflict' });
    assert.equal((await office.open(registrationNumber)).registration.karirhubNumber, undefined);
  });
});
