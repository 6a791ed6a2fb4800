import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import {
  ak1AvailabilitySchema,
  ak1ProblemSchema,
  ak1RegistrationSchema,
  ak1VerificationSchema,
  isIdempotencyKey,
  MAX_AVAILABILITY_DAYS,
} from '../../src/schema/index.js';
import { createRegionLookup } from '../../src/regions/index.js';
import {
  Ak1StoreUnavailableError,
  ak1DemoDistrict,
  compileNumberPattern,
  createAk1Handler,
  createMemoryStore,
  createSqliteStore,
  generateSigningKey,
  initials,
  type Ak1DistrictOptions,
  type Ak1HandlerOptions,
  type Ak1LogEntry,
  type Ak1Store,
} from '../../src/server/index.js';
import { fullApplication, TINY_JPEG_BASE64 } from '../fixtures/application.js';
import { testApplicant } from './helpers/applicants.js';
import { startServer } from './helpers/processes.js';
import { ROUTES } from '../../src/server/routes/index.js';

/** 09:00 in Serang on 28 November 2026, a Saturday: the fixture's TODAY. */
const NOW = new Date('2026-11-28T02:00:00Z');
const ORIGIN = 'http://localhost:8080';
const API = `${ORIGIN}/api/ak1`;
const EXPORT_TOKEN = 'rahasia-kantor-123';

const temp = mkdtempSync(join(tmpdir(), 'ak1-server-test-'));
after(() => rmSync(temp, { recursive: true, force: true }));
let databases = 0;

/** Both stores run the same cases: SQLite on a real file, and memory. */
const STORES: Array<[string, () => Promise<Ak1Store>]> = [
  ['SQLite file', () => createSqliteStore(join(temp, `unit-${++databases}.sqlite`))],
  ['memory', async () => createMemoryStore()],
];

interface Setup {
  district?: Partial<Ak1DistrictOptions>;
  clock?: { now: Date };
  store?: Ak1Store;
  options?: Partial<Ak1HandlerOptions>;
}

async function server(setup: Setup = {}, makeStore: () => Promise<Ak1Store> = STORES[1]![1]) {
  const store = setup.store ?? (await makeStore());
  const clock = setup.clock ?? { now: NOW };
  const logs: Ak1LogEntry[] = [];
  const handler = createAk1Handler({
    store,
    endpointPath: '/api/ak1',
    publicUrl: ORIGIN,
    district: { ...ak1DemoDistrict, ...setup.district },
    corsOrigins: ['https://disnaker.serangkab.go.id'],
    exportToken: EXPORT_TOKEN,
    now: () => clock.now,
    log: (entry) => logs.push(entry),
    ...setup.options,
  });
  let keys = 0;
  const post = (body: unknown, key: string | null = `key-${++keys}`, headers: Record<string, string> = {}) =>
    handler(
      new Request(API, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'idempotency-key': key }), ...headers },
        body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
      }),
    );
  const get = (path: string, headers: Record<string, string> = {}) =>
    handler(new Request(path.startsWith('http') ? path : `${API}${path}`, { headers }));
  return { handler, store, clock, logs, post, get };
}

async function problemOf(response: Response, status: number, name: string) {
  assert.equal(response.status, status);
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  const body = await response.json();
  assert.ok(ak1ProblemSchema.safeParse(body).success);
  assert.equal(body.type, `urn:ak1:problem:${name}`);
  assert.equal(body.status, status);
  return body;
}

async function registration(response: Response, status = 201) {
  assert.equal(response.status, status, await response.clone().text());
  const body = await response.json();
  const parsed = ak1RegistrationSchema.safeParse(body);
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  return body;
}

for (const [storeName, makeStore] of STORES) {
  describe(`POST registration (${storeName} store)`, () => {
    it('registers with 201 and the reply of the contract', async () => {
      const { post } = await server({}, makeStore);
      const body = await registration(await post(fullApplication()));
      assert.equal(body.registrationNumber, '3604-000001-281126');
      assert.equal(body.registeredAt, '2026-11-28T09:00:00+07:00');
      assert.equal(body.validUntil, '2028-11-28');
      assert.deepEqual(body.reportDueDates, ['2027-05-28', '2027-11-28', '2028-05-28']);
      assert.equal(body.status, 'RECEIVED');
      assert.equal(body.verification.url, `${ORIGIN}/verify/${body.verification.token}`);
      assert.deepEqual(body.appointment, {
        date: '2026-12-01',
        start: '08:00',
        end: '09:00',
        place: 'Disnakertrans Kabupaten Serang, Jl. Veteran No. 1, Serang',
        queueNumber: 'A-001',
      });
      assert.ok(!JSON.stringify(body).includes('3604055209900003'), 'the reply carries no NIK');
    });

    it('numbers registrations 1, 2, 3 in order', async () => {
      const { post } = await server({}, makeStore);
      const numbers = [];
      for (let i = 0; i < 3; i++) numbers.push((await registration(await post(testApplicant(i)))).registrationNumber);
      assert.deepEqual(numbers, ['3604-000001-281126', '3604-000002-281126', '3604-000003-281126']);
    });

    it('replays the same key and application with 200 and the same registration', async () => {
      const { post } = await server({}, makeStore);
      const first = await registration(await post(fullApplication(), 'same-key'));
      const again = await registration(await post(fullApplication(), 'same-key'), 200);
      // The access code is in the 201 only: the server keeps its hash, not the code.
      const { accessCode, ...withoutCode } = first;
      assert.match(accessCode ?? '', /^[A-HJ-NP-Z2-9]{8}$/);
      assert.deepEqual(again, withoutCode);
    });

    it('takes the same application typed differently (spaces in the NIK, 08… phone, keys reordered) as a replay', async () => {
      const { post } = await server({}, makeStore);
      const first = await registration(await post(fullApplication(), 'k'));
      const { nik, phone, ...rest } = fullApplication();
      const retyped = { phone: '0812-3456-7890', ...rest, nik: '3604 0552 0990 0003' };
      assert.equal(phone, '+6281234567890');
      assert.equal(nik, '3604055209900003');
      const { accessCode: _code, ...withoutCode } = first;
      assert.deepEqual(await registration(await post(retyped, 'k'), 200), withoutCode);
    });

    it('refuses the same key with another application: 422 idempotency-key-reused', async () => {
      const { post } = await server({}, makeStore);
      await registration(await post(fullApplication(), 'k'));
      await problemOf(await post({ ...fullApplication(), heightCm: 159 }, 'k'), 422, 'idempotency-key-reused');
    });

    it('refuses a NIK with an active registration under another key: 409 already-registered, revealing nothing', async () => {
      const { post } = await server({}, makeStore);
      const first = await registration(await post(fullApplication(), 'k1'));
      const response = await post({ ...fullApplication(), fullName: 'Siti Aminah' }, 'k2');
      const text = await response.clone().text();
      await problemOf(response, 409, 'already-registered');
      for (const secret of [first.registrationNumber, first.verification.token, 'Nur’aini', '2026-12-01', 'A-001']) {
        assert.ok(!text.includes(secret), `the problem reveals ${secret}`);
      }
    });

    it('lets a NIK register again once its registration has passed validUntil', async () => {
      const clock = { now: NOW };
      const { post } = await server({ clock }, makeStore);
      await registration(await post(fullApplication(), 'k1'));
      clock.now = new Date('2028-11-28T16:59:59Z'); // 23:59:59 on validUntil: still active
      await problemOf(await post({ ...fullApplication(), preferredVisitDate: '2028-12-01', consent: { noticeVersion: '2026-11', acceptedAt: '2028-11-28T10:00:00Z' } }, 'k2'), 409, 'already-registered');
      clock.now = new Date('2028-11-28T17:00:00Z'); // the day after validUntil in Serang
      const again = await registration(
        await post({ ...fullApplication(), preferredVisitDate: '2028-12-01', consent: { noticeVersion: '2026-11', acceptedAt: '2028-11-28T10:00:00Z' } }, 'k3'),
      );
      assert.equal(again.registrationNumber, '3604-000001-291128');
    });

    it('books the preferred day, else the first open day with room, and numbers the queue per window', async () => {
      const { post } = await server(
        { district: { capacityPerDay: 3, windows: [{ start: '08:00', end: '09:00', capacity: 2 }, { start: '09:00', end: '10:00', capacity: 2 }] } },
        makeStore,
      );
      const visits = [];
      for (let i = 0; i < 5; i++) {
        const body = await registration(await post(testApplicant(i, { preferredVisitDate: '2026-12-01' })));
        visits.push(`${body.appointment.date} ${body.appointment.start} ${body.appointment.queueNumber}`);
      }
      // 2026-11-28 is a Saturday: the first open day after it is Monday 30 November.
      assert.deepEqual(visits, [
        '2026-12-01 08:00 A-001',
        '2026-12-01 08:00 A-002',
        '2026-12-01 09:00 B-001',
        '2026-11-30 08:00 A-001',
        '2026-11-30 08:00 A-002',
      ]);
    });
  });
}

describe('POST registration: refusals', () => {
  it('needs an Idempotency-Key of 1 to 255 visible ASCII characters: 400 idempotency-key-missing', async () => {
    const { post } = await server();
    await problemOf(await post(fullApplication(), null), 400, 'idempotency-key-missing');
    await problemOf(await post(fullApplication(), 'x'.repeat(256)), 400, 'idempotency-key-missing');
    await problemOf(await post(fullApplication(), 'has space'), 400, 'idempotency-key-missing');
    await registration(await post(fullApplication(), '~'.repeat(255)));
  });

  it('needs application/json: 415 unsupported-media-type', async () => {
    const { post } = await server();
    await problemOf(await post(fullApplication(), 'k', { 'content-type': 'text/plain' }), 415, 'unsupported-media-type');
    await problemOf(await post(fullApplication(), 'k', { 'content-type': 'application/json; charset=latin1' }), 415, 'unsupported-media-type');
    await registration(await post(fullApplication(), 'k', { 'content-type': 'application/json; charset=UTF-8' }));
  });

  it('refuses malformed JSON and non-UTF-8 bodies with 400 malformed-json, never echoing them', async () => {
    const { post } = await server();
    const body = await problemOf(await post('{"nik": <script>alert(1)</script>', 'k1'), 400, 'malformed-json');
    assert.ok(!JSON.stringify(body).includes('script'));
    await problemOf(await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'k2'), 400, 'malformed-json');
    await problemOf(await post('', 'k3'), 400, 'malformed-json');
  });

  it('refuses an invalid application with 422 invalid-application and every issue as {path, code}', async () => {
    const { post } = await server();
    const app = { ...fullApplication(), birthDate: '2010-01-01', phone: '021-555', fullName: '<b>Siti</b>', documents: [] };
    const response = await post(app);
    const text = await response.clone().text();
    const body = await problemOf(response, 422, 'invalid-application');
    const issues = body.errors.map((e: { path: unknown[]; code: string }) => `${e.path.join('.')} ${e.code}`).sort();
    assert.deepEqual(issues, [
      'birthDate birthDate.tooYoung',
      'documents.KTP documents.missing',
      'education.0.graduationYear education.graduationYear.beforeBirth',
      'fullName fullName.format',
      'phone phone.format',
      'skills.0.year skills.year.beforeBirth',
      'workExperience.0.startYear workExperience.startYear.beforeWorkingAge',
    ]);
    assert.ok(!text.includes('<b>'), 'the input is not echoed');
  });

  it('judges age by the district minAge and today in the district time zone', async () => {
    const clock = { now: new Date('2026-11-28T16:59:59Z') }; // 23:59:59 on 28 November in Serang
    const { post } = await server({ clock, district: { minAge: 17 } });
    const turning17Tomorrow = { ...testApplicant(1), nik: '3604052911090001', birthDate: '2009-11-29', education: [{ level: 'SMA', institution: 'SMA Negeri 1 Serang', graduationYear: 2026 }], workExperience: [], skills: [] };
    const refused = await problemOf(await post(turning17Tomorrow, 'a'), 422, 'invalid-application');
    assert.deepEqual(refused.errors, [{ path: ['birthDate'], code: 'birthDate.tooYoung' }]);
    clock.now = new Date('2026-11-28T17:00:00Z'); // midnight in Serang: the 17th birthday
    await registration(await post({ ...turning17Tomorrow, preferredVisitDate: '2026-12-02' }, 'b'));
  });

  it('checks region codes against the region lists when given them', async () => {
    const regions = createRegionLookup({ baseUrl: pathToFileURL('dist/region-data/') });
    const { post } = await server({ options: { regions } });
    const body = await problemOf(
      await post({ ...fullApplication(), address: { ...fullApplication().address, villageCode: '36.04.05.2999' } }),
      422,
      'invalid-application',
    );
    assert.deepEqual(body.errors, [{ path: ['address', 'villageCode'], code: 'address.villageCode.unknown' }]);
    await registration(await post(fullApplication()));
  });

  it('refuses a body over 4 MB with 413, whether announced or streamed', async () => {
    const { handler } = await server();
    const big = new Uint8Array(5 * 1024 * 1024).fill(0x20);
    const headers = { 'content-type': 'application/json', 'idempotency-key': 'k' };
    await problemOf(await handler(new Request(API, { method: 'POST', headers, body: big })), 413, 'payload-too-large');
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        if (pulled > 64 * 1024 * 1024) controller.close();
      },
    });
    const init = { method: 'POST', headers, body: stream, duplex: 'half' } as RequestInit;
    await problemOf(await handler(new Request(API, init)), 413, 'payload-too-large');
    assert.ok(pulled < 5 * 1024 * 1024, `stopped reading after ${pulled} bytes`);
  });

  it('answers a duplicate of a request still in flight with 409 request-in-progress and Retry-After', async () => {
    const inner = createMemoryStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: Ak1Store = { ...inner, register: async (request) => (await gate, inner.register(request)) };
    const { post } = await server({ store: slow });
    const first = post(fullApplication(), 'k');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const duplicate = await post(fullApplication(), 'k');
    assert.equal(duplicate.headers.get('retry-after'), '1');
    await problemOf(duplicate, 409, 'request-in-progress');
    release();
    await registration(await first);
    await registration(await post(fullApplication(), 'k'), 200);
  });

  it('turns 50 concurrent requests with one key into one registration', async () => {
    const store = createMemoryStore();
    const { post } = await server({ store });
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(fullApplication(), 'one-key')));
    const statuses = responses.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1);
    assert.ok(statuses.every((s) => s === 201 || s === 200 || s === 409), statuses.join());
    assert.equal((await store.listRegistrations({ registrationDate: '2026-11-28' })).length, 1);
  });

  it('answers a busy store with 503 unavailable and Retry-After, and a failure with a bare 500', async () => {
    const inner = createMemoryStore();
    let failure: Error = new Ak1StoreUnavailableError('busy');
    const failing: Ak1Store = { ...inner, register: async () => Promise.reject(failure) };
    const { post, logs } = await server({ store: failing });
    const busy = await post(fullApplication());
    assert.equal(busy.headers.get('retry-after'), '1');
    await problemOf(busy, 503, 'unavailable');
    failure = new Error('disk on fire');
    const broken = await problemOf(await post(fullApplication()), 500, 'internal-error');
    assert.ok(!JSON.stringify(broken).includes('fire'), 'no internals in the reply');
    assert.equal(logs.at(-1)?.error, 'Error: disk on fire');
  });

  it('answers unknown paths with 404 not-found and wrong methods with 405 and Allow', async () => {
    const { handler, get } = await server();
    await problemOf(await get('/nothing'), 404, 'not-found');
    await problemOf(await get(`${ORIGIN}/api/ak1x`), 404, 'not-found');
    const response = await get('');
    assert.equal(response.headers.get('allow'), 'POST, OPTIONS');
    await problemOf(response, 405, 'method-not-allowed');
    await problemOf(await handler(new Request(`${API}/keys`, { method: 'DELETE' })), 405, 'method-not-allowed');
  });

  it('logs method, path, status and time, never the NIK, phone, name, token or body', async () => {
    const { post, get, logs } = await server();
    const body = await registration(await post(fullApplication()));
    await post(fullApplication(), 'k2');
    await post({ ...fullApplication(), phone: 'abc' });
    await get(`/verify/${body.verification.token}`);
    await get(body.verification.url);
    assert.deepEqual(
      logs.map((l) => `${l.method} ${l.path} ${l.status} ${l.problem ?? ''}`),
      ['POST /api/ak1 201 ', 'POST /api/ak1 409 already-registered', 'POST /api/ak1 422 invalid-application', 'GET /api/ak1/verify/… 200 ', 'GET /verify/… 200 '],
    );
    const text = JSON.stringify(logs);
    for (const secret of ['3604055209900003', '6281234567890', 'Siti', body.verification.token.slice(0, 20)]) {
      assert.ok(!text.includes(secret), `the log holds ${secret}`);
    }
    assert.ok(logs.every((l) => typeof l.durationMs === 'number'));
  });
});

describe('registration numbers', () => {
  it('follow the default pattern {regency}-{serial:6}-{DDMMYY}', () => {
    const format = compileNumberPattern('{regency}-{serial:6}-{DDMMYY}');
    assert.equal(format({ regencyCode: '36.04', serial: 123, date: '2026-11-28' }), '3604-000123-281126');
    assert.equal(format({ regencyCode: '36.04', serial: 1234567, date: '2026-11-28' }), '3604-1234567-281126');
  });

  it('follow a district pattern with any of the tokens', () => {
    const format = compileNumberPattern('AK1/{province}/{YYYY}{MM}{DD}/{serial}');
    assert.equal(format({ regencyCode: '36.04', serial: 7, date: '2027-01-02' }), 'AK1/36/20270102/7');
    assert.equal(compileNumberPattern('{YY}.{serial:4}')({ regencyCode: '32.73', serial: 7, date: '2027-01-02' }), '27.0007');
  });

  it('refuse patterns that cannot give unique, contract-shaped numbers', () => {
    for (const [pattern, message] of [
      ['{regency}-{DDMMYY}', /\{serial\}/],
      ['{regency}-{serial}', /year/],
      ['{regency} {serial}-{YYYY}', /letters, digits/],
      ['{regency}-{serial}-{HH}', /unknown token/],
      ['{regency:2}-{serial}-{YYYY}', /width/],
      ['-{serial}-{YYYY}', /start/],
      ['{regency}-{serial:10}-{YYYYMMDD}-ABCDEFGHIJKLMNOP', /40/],
    ] as const) {
      assert.throws(() => compileNumberPattern(pattern), message, pattern);
    }
    assert.throws(() => createAk1Handler({ store: createMemoryStore(), endpointPath: '/api/ak1', publicUrl: ORIGIN, corsOrigins: [], district: { ...ak1DemoDistrict, numberPattern: '{serial}' } }), /district\.numberPattern/);
  });

  it('restart every year, judged by the calendar in the district time zone', async () => {
    const clock = { now: new Date('2026-12-31T16:59:59Z') }; // 23:59:59 on 31 December in Serang
    const { post } = await server({ clock, store: await createSqliteStore(join(temp, 'rollover.sqlite')) });
    const app = (i: number) => testApplicant(i, { consent: { noticeVersion: '2026-11', acceptedAt: '2026-12-31T00:00:00Z' } });
    assert.equal((await registration(await post(app(1)))).registrationNumber, '3604-000001-311226');
    assert.equal((await registration(await post(app(2)))).registrationNumber, '3604-000002-311226');
    clock.now = new Date('2026-12-31T17:00:00Z'); // midnight: 1 January 2027 in Serang, still 2026 in UTC
    const newYear = await registration(await post(app(3)));
    assert.equal(newYear.registrationNumber, '3604-000001-010127');
    assert.equal(newYear.registeredAt, '2027-01-01T00:00:00+07:00');
  });

  it('use the district offset for registeredAt and its date in another time zone', async () => {
    const clock = { now: new Date('2026-12-31T15:30:00Z') }; // 00:30 on 1 January 2027 in Jayapura (UTC+9)
    const { post } = await server({ clock, district: { code: '94.71', timeZone: 'Asia/Jayapura', requiredDocuments: [] } });
    const body = await registration(await post(testApplicant(1, { consent: { noticeVersion: '2026-11', acceptedAt: '2026-12-31T00:00:00Z' } })));
    assert.equal(body.registrationNumber, '9471-000001-010127');
    assert.equal(body.registeredAt, '2027-01-01T00:30:00+09:00');
  });
});

describe('dates of a registration', () => {
  it('clamp to the month end: 31 August + 6 months is 28 February, + 18 months is 29 February 2028', async () => {
    const clock = { now: new Date('2026-08-31T03:00:00Z') };
    const { post } = await server({ clock });
    const body = await registration(await post(testApplicant(1, { consent: { noticeVersion: '2026-11', acceptedAt: '2026-08-31T01:00:00Z' } })));
    assert.equal(body.validUntil, '2028-08-31');
    assert.deepEqual(body.reportDueDates, ['2027-02-28', '2027-08-31', '2028-02-29']);
  });

  it('keep report due dates on weekends: they are deadlines', async () => {
    const clock = { now: new Date('2026-11-30T03:00:00Z') }; // Monday; + 6 months is Sunday 30 May 2027
    const { post } = await server({ clock });
    const body = await registration(await post(testApplicant(1)));
    assert.equal(body.reportDueDates[0], '2027-05-30');
  });
});

describe('appointments', () => {
  const book = async (setup: Setup, preferredVisitDate?: string) => {
    const { post } = await server(setup);
    const body = await registration(await post(testApplicant(1, preferredVisitDate ? { preferredVisitDate } : {})));
    return body.appointment?.date;
  };

  it('without a preferred day: the first open day from tomorrow (Saturday 28th → Monday 30th)', async () => {
    assert.equal(await book({}), '2026-11-30');
  });

  it('moves a preferred day that is closed, a weekend, or beyond the horizon', async () => {
    assert.equal(await book({ district: { closedDates: ['2026-12-01'] } }, '2026-12-01'), '2026-11-30');
    assert.equal(await book({}, '2026-12-05'), '2026-11-30'); // a Saturday
    assert.equal(await book({ district: { horizonDays: 5 } }, '2026-12-10'), '2026-11-30');
    assert.equal(await book({ district: { horizonDays: 5, closedDates: ['2026-11-30', '2026-12-01'] } }), '2026-12-02');
  });

  it('never fills a day past capacityPerDay, even when its windows have room', async () => {
    const { post } = await server({ district: { capacityPerDay: 1, windows: [{ start: '08:00', end: '09:00', capacity: 5 }, { start: '09:00', end: '10:00', capacity: 5 }] } });
    const first = await registration(await post(testApplicant(1, { preferredVisitDate: '2026-12-01' })));
    const second = await registration(await post(testApplicant(2, { preferredVisitDate: '2026-12-01' })));
    assert.equal(first.appointment.date, '2026-12-01');
    assert.equal(second.appointment.date, '2026-11-30');
  });

  it('registers without an appointment when no day in the horizon has room', async () => {
    const { post } = await server({ district: { capacityPerDay: 1, horizonDays: 3 } }); // open days: Mon 30th, Tue 1st
    await registration(await post(testApplicant(1)));
    await registration(await post(testApplicant(2)));
    const third = await registration(await post(testApplicant(3)));
    assert.equal(third.appointment, undefined);
    assert.equal(third.registrationNumber, '3604-000003-281126');
  });

  it('publishes availability: open days with room, closed and out-of-horizon days without', async () => {
    const { post, get } = await server({ district: { closedDates: ['2026-12-01'], horizonDays: 7 } });
    await registration(await post(testApplicant(1, { preferredVisitDate: '2026-12-02' })));
    const response = await get('/availability?from=2026-11-28&to=2026-12-07');
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.ok(ak1AvailabilitySchema.safeParse(body).success);
    const summary = body.days.map((d: { date: string; open: boolean; remaining: number }) => `${d.date.slice(8)}:${d.open ? d.remaining : '-'}`);
    // today (28th) and the weekend are closed, 1 December is a holiday, 6 and 7 are past the 7-day horizon or Sunday
    assert.deepEqual(summary, ['28:-', '29:-', '30:100', '01:-', '02:99', '03:100', '04:100', '05:-', '06:-', '07:-']);
    const second = body.days.find((d: { date: string }) => d.date === '2026-12-02');
    assert.deepEqual(second.windows[0], { start: '08:00', end: '09:00', remaining: 19 });
  });

  it('validates the availability range: dates, order, at most 62 days; defaults to the horizon', async () => {
    const { get } = await server();
    await problemOf(await get('/availability?from=2026-02-30&to=2026-03-01'), 400, 'invalid-request');
    await problemOf(await get('/availability?from=2026-12-02&to=2026-12-01'), 400, 'invalid-request');
    await problemOf(await get('/availability?from=2026-12-01&to=2027-02-01'), 400, 'invalid-request');
    const response = await get('/availability?from=2026-12-01&to=2027-01-31');
    assert.equal((await response.json()).days.length, 62);
    const defaults = await (await get('/availability')).json();
    assert.equal(defaults.days[0].date, '2026-11-29');
    assert.equal(defaults.days.length, 30);
  });

  it('answers ranges at the calendar’s ends: to 9999-12-31 (found by the fuzzer: a 500) and in the years 1–99', async () => {
    const { get } = await server();
    for (const [from, to, length] of [['9999-12-31', '9999-12-31', 1], ['9999-12-01', '9999-12-31', 31], ['0050-02-27', '0050-03-02', 4]] as const) {
      const response = await get(`/availability?from=${from}&to=${to}`);
      assert.equal(response.status, 200, `${from}…${to}`);
      const days: Array<{ date: string; open: boolean }> = (await response.json()).days;
      assert.equal(days.length, length, `${from}…${to}`);
      assert.deepEqual([days[0]!.date, days.at(-1)!.date], [from, to]);
      assert.ok(days.every((day) => !day.open), 'outside the horizon every day is closed');
    }
  });

  it('refuses district settings that cannot work, naming the setting', () => {
    const make = (district: Partial<Ak1DistrictOptions>) => () =>
      createAk1Handler({ store: createMemoryStore(), endpointPath: '/api/ak1', publicUrl: ORIGIN, corsOrigins: [], district: { ...ak1DemoDistrict, ...district } });
    assert.throws(make({ code: '3604' }), /district\.code/);
    assert.throws(make({ timeZone: 'Asia/Serang' }), /district\.timeZone/);
    assert.throws(make({ windows: [{ start: '09:00', end: '08:00', capacity: 5 }] }), /district\.windows\[0\]/);
    assert.throws(make({ windows: [{ start: '08:00', end: '10:00', capacity: 5 }, { start: '09:00', end: '11:00', capacity: 5 }] }), /district\.windows\[1\]/);
    assert.throws(make({ capacityPerDay: 0 }), /district\.capacityPerDay/);
    assert.throws(make({ closedDates: ['2026-13-01'] }), /district\.closedDates/);
    assert.throws(make({ requiredDocuments: ['PASPOR' as never] }), /district\.requiredDocuments/);
    assert.throws(make({ officeAddress: 'Jl. Veteran No. 1, Serang'.padEnd(199, '.') }), /district\.officeName and officeAddress/);
    assert.throws(make({ officeName: 'Disnakertrans\u202E Serang' }), /district\.officeName/);
  });
});

describe('verification tokens', () => {
  const signingKey = generateSigningKey();

  async function registered() {
    const s = await server({ options: { signingKey: await signingKey } });
    const body = await registration(await s.post(fullApplication()));
    return { ...s, token: body.verification.token as string, body };
  }

  /** Signs arbitrary header and payload text with the server's key, to make validly signed variants. */
  async function signRaw(headerPart: string, payloadPart: string) {
    const jwk = await signingKey;
    const key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', d: jwk.d, x: jwk.x }, { name: 'Ed25519' }, false, ['sign']);
    const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', key, new TextEncoder().encode(`${headerPart}.${payloadPart}`)));
    return `${headerPart}.${payloadPart}.${Buffer.from(signature).toString('base64url')}`;
  }
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  const decode = (part: string) => Buffer.from(part, 'base64url').toString('utf8');

  it('verify a registration: valid, status, initials, dates; no NIK, no name', async () => {
    const { get, token } = await registered();
    const response = await get(`/verify/${token}`);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.ok(ak1VerificationSchema.safeParse(body).success);
    assert.deepEqual(body, {
      valid: true,
      status: 'RECEIVED',
      registrationNumber: '3604-000001-281126',
      initials: 'S. N.',
      registeredAt: '2026-11-28T09:00:00+07:00',
      validUntil: '2028-11-28',
    });
  });

  it('are a compact EdDSA JWS with a kid over an opaque id and iat, without the NIK', async () => {
    const { token, body, get } = await registered();
    const [header, payload] = token.split('.') as [string, string];
    const keys = await (await get('/keys')).json();
    assert.deepEqual(JSON.parse(decode(header)), { alg: 'EdDSA', kid: keys.keys[0].kid });
    const claims = JSON.parse(decode(payload));
    assert.deepEqual(Object.keys(claims), ['sub', 'iat']);
    assert.equal(claims.iat, NOW.getTime() / 1000);
    assert.match(claims.sub, /^[A-Za-z0-9_-]{22}$/);
    assert.ok(!claims.sub.includes('3604') && !body.registrationNumber.includes(claims.sub));
    assert.ok(!token.includes(b64('3604055209900003').slice(0, 12)));
  });

  it('can be checked offline with the published key', async () => {
    const { token, get } = await registered();
    const response = await get('/keys');
    assert.equal(response.status, 200);
    const { keys } = await response.json();
    assert.equal(keys.length, 1);
    assert.deepEqual(Object.keys(keys[0]).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    const key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: keys[0].x }, { name: 'Ed25519' }, false, ['verify']);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    assert.ok(await crypto.subtle.verify('Ed25519', key, Buffer.from(signature, 'base64url'), new TextEncoder().encode(`${header}.${payload}`)));
    assert.equal(keys[0].kid, (await generateKidOf(keys[0].x)));
  });

  it('refuse a tampered token with 404 invalid-token', async () => {
    const { get, token } = await registered();
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const claims = JSON.parse(decode(payload));
    const forged = [
      `${header}.${payload}.${flip(signature, 10)}`,
      `${header}.${flip(payload, 5)}.${signature}`,
      `${header}.${b64(JSON.stringify({ ...claims, iat: claims.iat + 1 }))}.${signature}`,
      `${header}.${payload}`,
      `${token}.x`,
      '',
      'not-a-token',
    ];
    for (const variant of forged) await problemOf(await get(`/verify/${variant}`), 404, 'invalid-token');
  });

  it('refuse every other encoding of a valid token, even when validly signed', async () => {
    const { get, token } = await registered();
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(decode(payload));
    const headerJson = JSON.parse(decode(header));
    // The last base64url character of a 64-byte signature carries 2 bits and 4 spare ones: set a spare bit.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.at(-1)!);
    const spareBitSet = signature.slice(0, -1) + alphabet[last | 1];
    assert.deepEqual(Buffer.from(spareBitSet, 'base64url'), Buffer.from(signature, 'base64url'), 'same bytes');
    const variants = [
      `${header}.${payload}.${signature}==`,
      `${header}=.${payload}.${signature}`,
      spareBitSet.length === signature.length ? `${header}.${payload}.${spareBitSet}` : '',
      `${header}.${payload}.${Buffer.from(signature, 'base64url').toString('base64')}`,
      token.replace(/A/, '%41'),
      await signRaw(header, b64(JSON.stringify(claims, null, 1))),
      await signRaw(header, b64(JSON.stringify({ iat: claims.iat, sub: claims.sub }))),
      await signRaw(header, b64(JSON.stringify({ ...claims, nik: '3604055209900003' }))),
      await signRaw(b64(JSON.stringify({ kid: headerJson.kid, alg: 'EdDSA' })), payload),
      await signRaw(b64(JSON.stringify({ ...headerJson, typ: 'JWT' })), payload),
    ];
    assert.equal(await signRaw(header, payload), token, 'the raw signer reproduces the genuine token');
    for (const variant of variants) {
      assert.notEqual(variant, token);
      await problemOf(await get(`/verify/${variant}`), 404, 'invalid-token');
    }
    assert.equal((await get(`/verify/${token}`)).status, 200);
  });

  it('refuse tokens of another key and of registrations that do not exist', async () => {
    const { get, token } = await registered();
    const other = await server();
    const foreign = (await registration(await other.post(fullApplication()))).verification.token;
    await problemOf(await get(`/verify/${foreign}`), 404, 'invalid-token');
    const [header] = token.split('.') as [string];
    const unknown = await signRaw(header, b64(JSON.stringify({ sub: 'AAAAAAAAAAAAAAAAAAAAAA', iat: 1795831200 })));
    await problemOf(await get(`/verify/${unknown}`), 404, 'invalid-token');
  });

  it('read EXPIRED once validUntil has passed', async () => {
    const { get, token, clock } = await registered();
    clock.now = new Date('2028-11-29T03:00:00Z');
    assert.equal((await (await get(`/verify/${token}`)).json()).status, 'EXPIRED');
  });

  it('open a human page in Indonesian (or English) with a strict CSP, no NIK, escaped office name', async () => {
    const s = await server({ options: { signingKey: await signingKey }, district: { officeName: 'Disnaker <b>Serang</b>' } });
    const body = await registration(await s.post(fullApplication()));
    const page = await s.get(body.verification.url);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(page.headers.get('content-security-policy')!, /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=';/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    const html = await page.text();
    assert.match(html, /<html lang="id">/);
    assert.match(html, /Kartu ini terdaftar/);
    assert.match(html, /S\. N\./);
    assert.match(html, /28 November 2028/);
    assert.match(html, /Disnaker &#60;b&#62;Serang&#60;\/b&#62;/);
    assert.ok(!html.includes('<b>') && !html.includes('3604055209900003') && !html.includes('Nur’aini') && !/<script/i.test(html));
    // The style's hash in the policy is the hash of the page's one <style>.
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(style))).toString('base64');
    assert.ok(page.headers.get('content-security-policy')!.includes(`'sha256-${hash}'`));

    const english = await (await s.get(body.verification.url, { 'accept-language': 'en-GB,en;q=0.9' })).text();
    assert.match(english, /<html lang="en">/);
    assert.match(english, /This card is registered/);

    const unknown = await s.get(`${ORIGIN}/verify/${body.verification.token.slice(0, -2)}xx`);
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /Kartu tidak dikenali/);
  });

  it('refuse a signing key that is not a private Ed25519 JWK when the handler is made', async () => {
    const make = (signingKey: unknown) => () =>
      createAk1Handler({ store: createMemoryStore(), endpointPath: '/api/ak1', publicUrl: ORIGIN, corsOrigins: [], district: ak1DemoDistrict, signingKey: signingKey as JsonWebKey });
    const { d: _d, ...publicOnly } = await signingKey;
    assert.throws(make(publicOnly), /signingKey must be a private Ed25519 JWK/);
    assert.throws(make({ kty: 'EC', crv: 'P-256', d: 'x', x: 'y' }), /signingKey/);
  });

  it('make initials from the first letter of each word', () => {
    assert.equal(initials('Siti Nur’aini'), 'S. N.');
    assert.equal(initials('Muhammad Al-Fātiḥ'), 'M. A.');
    assert.equal(initials('ölçer  de la  Cruz'), 'Ö. D. L. C.');
    assert.equal(initials('Soekarno'), 'S.');
  });
});

async function generateKidOf(x: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`));
  return Buffer.from(digest).toString('base64url');
}

describe('CORS', () => {
  const preflight = (handler: (r: Request) => Promise<Response>, origin: string) =>
    handler(
      new Request(API, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
      }),
    );

  it('lets a configured origin through a preflight with Content-Type and Idempotency-Key', async () => {
    const { handler } = await server();
    const response = await preflight(handler, 'https://disnaker.serangkab.go.id');
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://disnaker.serangkab.go.id');
    assert.match(response.headers.get('access-control-allow-methods')!, /POST/);
    assert.equal(response.headers.get('access-control-allow-headers'), 'Content-Type, Idempotency-Key, Ak1-Proof');
    assert.match(response.headers.get('vary')!, /origin/i);
  });

  it('refuses the preflight of any other origin', async () => {
    const { handler } = await server();
    const response = await preflight(handler, 'https://evil.example');
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  it('allows the public site itself, and any origin with "*"', async () => {
    const { handler } = await server();
    assert.equal((await preflight(handler, ORIGIN)).status, 204);
    const open = await server({ options: { corsOrigins: ['*'] } });
    assert.equal((await preflight(open.handler, 'https://anyone.example')).headers.get('access-control-allow-origin'), 'https://anyone.example');
  });

  it('labels replies for allowed origins, exposing Retry-After, and no others', async () => {
    const { post } = await server();
    const allowed = await post(fullApplication(), 'k1', { origin: 'https://disnaker.serangkab.go.id' });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://disnaker.serangkab.go.id');
    assert.equal(allowed.headers.get('access-control-expose-headers'), 'Retry-After');
    const other = await post(fullApplication(), 'k2', { origin: 'https://evil.example' });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });
});

describe('office export', () => {
  async function withRegistrations() {
    const s = await server({ store: await createSqliteStore(join(temp, `export-${++databases}.sqlite`)) });
    await registration(await s.post(fullApplication()));
    await registration(
      await s.post(
        testApplicant(2, {
          preferredVisitDate: '2026-12-01',
          phone: '0857 1111 2222',
          address: { ...fullApplication().address, street: '=HYPERLINK("http://evil.example","klik")' },
          jobPreferences: { positions: [{ title: '+Operator' }, { title: '@Admin' }], location: 'DALAM_NEGERI' },
          education: [{ level: 'SMA', institution: '-1+1', graduationYear: 1994 }, { level: 'S1', institution: 'Universitas Sultan Ageng Tirtayasa', graduationYear: 1998 }],
        }),
      ),
    );
    await registration(await s.post(testApplicant(3, { preferredVisitDate: '2026-12-02' })));
    return s;
  }
  const csvOf = (s: Awaited<ReturnType<typeof server>>, query: string, token = EXPORT_TOKEN) =>
    s.get(`/export.csv?${query}`, { authorization: `Bearer ${token}` });

  it('needs the bearer token: 401 without it, 404 when the district has none', async () => {
    const s = await server();
    const missing = await s.get('/export.csv?date=2026-12-01');
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="ak1-export"');
    await problemOf(missing, 401, 'unauthorized');
    await problemOf(await csvOf(s, 'date=2026-12-01', 'wrong'), 401, 'unauthorized');
    const none = await server({ options: { exportToken: undefined } });
    await problemOf(await csvOf(none, 'date=2026-12-01'), 404, 'not-found');
  });

  it('needs exactly one of date or registeredOn as a date', async () => {
    const s = await server();
    await problemOf(await csvOf(s, ''), 400, 'invalid-request');
    await problemOf(await csvOf(s, 'date=2026-12-01&registeredOn=2026-11-28'), 400, 'invalid-request');
    await problemOf(await csvOf(s, 'date=1-12-2026'), 400, 'invalid-request');
  });

  it('lists a visit day with NIK and phone kept as text and formula cells neutralised', async () => {
    const s = await withRegistrations();
    const response = await csvOf(s, 'date=2026-12-01');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
    assert.match(response.headers.get('content-disposition')!, /attachment; filename="ak1-kunjungan-2026-12-01\.csv"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark for Excel');
    const text = new TextDecoder().decode(bytes);
    assert.ok(text.includes('\r\n'));
    const rows: Record<string, string>[] = parse(text, { bom: true, columns: true });
    assert.equal(rows.length, 2, 'the two visitors of 1 December, not the one of the 2nd');
    const [siti, uji] = rows as [Record<string, string>, Record<string, string>];
    assert.equal(siti['Nomor Pendaftaran'], '3604-000001-281126');
    assert.equal(siti['Nama Lengkap'], 'Siti Nur’aini');
    assert.equal(siti['NIK'], '="3604055209900003"');
    assert.equal(/^="(\d{16})"$/.exec(siti['NIK']!)?.[1], '3604055209900003', 'all 16 digits, as text');
    assert.equal(siti['Nomor HP'], '="+6281234567890"');
    assert.equal(siti['Jam Kunjungan'], '08:00–09:00');
    assert.equal(siti['Nomor Antrean'], 'A-001');
    assert.equal(uji['Nomor Antrean'], 'A-002');
    assert.equal(uji['Nomor HP'], '="+6285711112222"');
    assert.equal(uji['Alamat'], `'=HYPERLINK("http://evil.example","klik")`);
    assert.equal(uji['Jabatan yang Dicari'], `'+Operator; '@Admin`);
    assert.equal(uji['Pendidikan Terakhir'], 'S1 (Sarjana), Universitas Sultan Ageng Tirtayasa');
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) {
        if (/^="[\d+]+"$/.test(cell)) continue; // the text literals written on purpose
        assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `${column} starts like a formula: ${cell}`);
      }
    }
  });

  it('lists the registrations of a day with registeredOn, in English with ";" on request', async () => {
    const s = await withRegistrations();
    const text = await (await csvOf(s, 'registeredOn=2026-11-28&lang=en&delimiter=;')).text();
    const rows: Record<string, string>[] = parse(text, { bom: true, columns: true, delimiter: ';' });
    assert.equal(rows.length, 3);
    assert.deepEqual(rows.map((r) => r['Visit date']), ['2026-12-01', '2026-12-01', '2026-12-02']);
    assert.equal(rows[0]!['Sex'], 'Female');
  });
});

describe('attachments and the full application', () => {
  it('are kept by both stores and given back by getApplication', async () => {
    for (const [, makeStore] of STORES) {
      const store = await makeStore();
      const { post } = await server({ store });
      const body = await registration(await post(fullApplication()));
      const [, payload] = body.verification.token.split('.');
      const { sub } = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const application = await store.getApplication(sub);
      assert.equal(application?.photo.dataBase64, TINY_JPEG_BASE64);
      assert.equal(application?.documents?.[0]?.kind, 'KTP');
      await store.close();
      await assert.rejects(store.findById(sub), Ak1StoreUnavailableError);
    }
  });
});

describe('the route table', () => {
  it('answers every row, HEAD as GET without a body, and 405 with Allow for a row\'s path under another method', async () => {
    const { handler, get, post } = await server();
    const body = await registration(await post(fullApplication()));
    assert.equal((await get('/keys')).status, 200);
    assert.equal((await get('/availability')).status, 200);
    assert.equal((await get(`/verify/${body.verification.token}`)).status, 200);
    assert.equal((await get('/export.csv?date=2026-12-02', { authorization: `Bearer ${EXPORT_TOKEN}` })).status, 200);
    const unknownCard = await get(`${ORIGIN}/verify/x.y.z`);
    assert.equal(unknownCard.status, 404, 'the page answers, saying the card is unknown');
    assert.match(unknownCard.headers.get('content-type') ?? '', /^text\/html/);
    const head = await handler(new Request(`${API}/keys`, { method: 'HEAD' }));
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    const page = await handler(new Request(`${ORIGIN}/verify/x.y.z`, { method: 'POST' }));
    assert.equal(page.headers.get('allow'), 'GET, HEAD');
    await problemOf(page, 405, 'method-not-allowed');
    const availability = await handler(new Request(`${API}/availability`, { method: 'POST' }));
    assert.equal(availability.headers.get('allow'), 'GET, HEAD, OPTIONS');
    // A path no row has is not found, whatever the method.
    await problemOf(await handler(new Request(`${API}/nothing`, { method: 'POST' })), 404, 'not-found');
  });

  it('is what docs/server.md lists', () => {
    const doc = readFileSync(new URL('../../docs/server.md', import.meta.url), 'utf8');
    for (const route of ROUTES) {
      const path = route.path.replace(/[:*](\w+)/g, '{$1}');
      const shown = `${route.method} ${route.base === 'public' ? '{publicUrl path}' : '{endpointPath}'}${path}`;
      assert.ok(doc.includes(shown), `docs/server.md does not list ${shown}`);
    }
  });
});

describe('rules shared with the client', () => {
  it('refuses exactly the Idempotency-Keys the client refuses', async () => {
    const { post } = await server();
    for (const key of ['', 'with space', 'tab\tkey', 'kunci-ä', 'x'.repeat(256), '!', '~'.repeat(255), 'a-b_c.d:e/f']) {
      const response = await post(fullApplication(), key);
      if (isIdempotencyKey(key)) assert.notEqual(response.status, 400, `the key ${JSON.stringify(key.slice(0, 20))} is the contract's`);
      else await problemOf(response, 400, 'idempotency-key-missing');
    }
  });

  it('takes availability ranges up to MAX_AVAILABILITY_DAYS, the client\'s limit too', async () => {
    const { get } = await server();
    const to = (days: number) => new Date(Date.parse('2026-12-01') + (days - 1) * 86_400_000).toISOString().slice(0, 10);
    assert.equal((await (await get(`/availability?from=2026-12-01&to=${to(MAX_AVAILABILITY_DAYS)}`)).json()).days.length, MAX_AVAILABILITY_DAYS);
    await problemOf(await get(`/availability?from=2026-12-01&to=${to(MAX_AVAILABILITY_DAYS + 1)}`), 400, 'invalid-request');
  });
});

/** Sends one raw request line (and a Host header) over a socket and reads the whole reply. */
function rawRequest(port: number, target: string, method = 'GET'): Promise<{ status: number; head: string; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('end', () => {
      const [head = '', text = ''] = data.split('\r\n\r\n', 2);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, text });
    });
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no reply to ${target}`)));
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  });
}

/** The request targets of issue 12 that ended `npm start`: none is a URL a server could resolve. */
const MALFORMED_TARGETS = ['//[', 'http://[/', 'http://a%/', 'http://x:99999/'];

function assertMalformedRequestProblem(reply: { status: number; head: string; text: string }, target: string) {
  assert.equal(reply.status, 400, `${target}: ${reply.head}`);
  assert.match(reply.head, /^content-type: application\/problem\+json$/im, target);
  assert.match(reply.text, /"type":"urn:ak1:problem:malformed-request"/, target);
}

describe('a dropped upload', () => {
  it('does not keep the process up once the server has closed (the cut-off for the unsent rest was left waiting minutes)', async () => {
    const script = fileURLToPath(new URL('../fixtures/dropped-upload-then-close.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = await new Promise<boolean>((resolve) => {
      // Generous: the process needs about a second; before the fix it stayed up for the body's whole deadline.
      const timer = setTimeout(() => resolve(false), 30_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!exited) child.kill('SIGKILL');
    assert.match(output, /^closed$/m, output);
    assert.ok(exited, `the process was still running 30 s after the server closed:\n${output}`);
  });
});

describe('malformed request targets', () => {
  it('get a 400 problem from the reference server process, which keeps serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ak1-malformed-'));
    const running = await startServer({ database: join(dir, 'db.sqlite'), keyFile: join(dir, 'key.jwk') });
    try {
      const port = Number(new URL(running.url).port);
      for (const target of MALFORMED_TARGETS) assertMalformedRequestProblem(await rawRequest(port, target), target);
      // A method Fetch cannot even represent is a 405 problem too, not a 500.
      const trace = await rawRequest(port, '/api/ak1', 'TRACE');
      assert.equal(trace.status, 405, trace.head);
      assert.match(trace.text, /"type":"urn:ak1:problem:method-not-allowed"/);
      assert.equal(running.process.exitCode, null, 'the process is still running');
      assert.equal((await rawRequest(port, '/api/ak1/keys')).status, 200);
    } finally {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const root = fileURLToPath(new URL('../..', import.meta.url));
  const built = existsSync(join(root, 'dist/server/index.js'));
  it('get a 400 problem from npm start\'s server (demo/start.mjs), which keeps serving', { skip: !built && 'needs the build (npm run build)' }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ak1-malformed-demo-'));
    const port = await new Promise<number>((resolve) => {
      const probe = createNetServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), AK1_DATA_DIR: dataDir };
    delete env.AK1_PUBLIC_URL;
    delete env.AK1_SIGNING_KEY;
    const child = spawn(process.execPath, [join(root, 'demo/start.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start did not listen within 30 s:\n${output}`)), 30_000);
        child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
        child.stdout.on('data', () => {
          if (!output.includes(`http://localhost:${port}/`)) return;
          clearTimeout(timer);
          resolve();
        });
      });
      for (const target of MALFORMED_TARGETS) assertMalformedRequestProblem(await rawRequest(port, target), target);
      assert.equal(child.exitCode, null, `the process is still running:\n${output}`);
      assert.equal((await rawRequest(port, '/')).status, 200, 'the portal page');
      assert.equal((await rawRequest(port, '/api/ak1/keys')).status, 200, 'the API');
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
