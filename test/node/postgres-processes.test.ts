import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LATEST_SCHEMA_VERSION } from '../../src/server/index.js';
import { migratePostgres, POSTGRES_MIGRATIONS } from '../../src/server/migrations/postgres.js';
import { photoJpeg, toBase64 } from '../fixtures/card-photo.js';
import { testApplicant } from './helpers/applicants.js';
import { startNpm, type NpmStartProcess } from './helpers/npm-start.js';
import { startPostgres, type Ak1TestPostgres } from './helpers/postgres.js';

/*
 * Several `npm start` processes (demo/start.mjs on the built bundle) on one throwaway PostgreSQL (issue 16),
 * spoken to over loopback HTTP as a proxy in front of them would: the guarantees of one process hold across
 * processes, a process killed with SIGKILL mid-load loses and doubles nothing, and processes starting together
 * on an empty or older database migrate it once. Per-address limits and the proof of work are off
 * (AK1_LIMITS=off, AK1_PROOF_OF_WORK=off), as in the load test: the load is the database's.
 */

const require = createRequire(import.meta.url);
const pg = require('pg') as typeof import('pg');

const PASSWORD = 'kata-sandi-uji-proses';
const OFFICERS = JSON.stringify([
  { username: 'petugas.satu', name: 'Petugas Satu', roles: ['petugas'], password: PASSWORD },
  { username: 'petugas.dua', name: 'Petugas Dua', roles: ['petugas'], password: PASSWORD },
]);
/** The demo district's seats (demo/district.mjs). */
const WINDOW_CAPACITY = 20;
const DAY_CAPACITY = 100;
const SMALL_JPEG = toBase64(photoJpeg({ quality: 40 }));

let cluster: Ak1TestPostgres;
const folders: string[] = [];
const running: NpmStartProcess[] = [];

before(async () => {
  cluster = await startPostgres();
});
after(async () => {
  await Promise.all(running.map((server) => server.kill()));
  await cluster?.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** The settings every process of one deployment shares: the database, and one data folder for the signing keys. */
function deployment(connectionString: string): NodeJS.ProcessEnv {
  const dataDir = mkdtempSync(join(tmpdir(), 'ak1-pg-processes-'));
  folders.push(dataDir);
  return {
    AK1_DATABASE_URL: connectionString,
    AK1_DATA_DIR: dataDir,
    AK1_PROOF_OF_WORK: 'off',
    AK1_LIMITS: 'off',
    AK1_DEMO_OFFICERS: OFFICERS,
  };
}

async function start(settings: NodeJS.ProcessEnv): Promise<NpmStartProcess> {
  const server = await startNpm(settings);
  running.push(server);
  return server;
}

async function query<T = Record<string, unknown>>(connectionString: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

function application(i: number) {
  return testApplicant(i, {
    photo: { mediaType: 'image/jpeg', dataBase64: SMALL_JPEG },
    documents: [{ kind: 'KTP', mediaType: 'image/jpeg', dataBase64: SMALL_JPEG }],
  });
}

interface Reply {
  status: number;
  body: any;
}

async function post(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${url}/api/ak1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const IN_PROGRESS = 'urn:ak1:problem:request-in-progress';

/**
 * One logical submission as the SDK client makes it: the same key until the server says what became of it,
 * on another process after a network failure, again after 503 or `409 request-in-progress`. `targets()` is
 * asked for the processes up at each attempt.
 */
async function submit(targets: () => string[], i: number, key: string, first: number, tally: Tally): Promise<{ status: number; number: string }> {
  for (let attempt = 0; ; attempt++) {
    if (attempt) tally.retries++;
    if (attempt > 200) throw new Error(`${key}: no answer after 200 attempts`);
    const up = targets();
    const url = up[(first + attempt) % up.length]!;
    let reply: Reply;
    try {
      reply = await post(url, '', application(i), { 'idempotency-key': key });
    } catch {
      tally.networkErrors++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    if (reply.status === 201 || reply.status === 200) {
      tally.byUrl.set(url, (tally.byUrl.get(url) ?? 0) + 1);
      if (reply.status === 201) tally.created++;
      return { status: reply.status, number: reply.body.registrationNumber };
    }
    if (reply.status === 503 || (reply.status === 409 && reply.body.type === IN_PROGRESS)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    throw new Error(`${key}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
  }
}

interface Tally {
  created: number;
  retries: number;
  networkErrors: number;
  byUrl: Map<string, number>;
}
const newTally = (): Tally => ({ created: 0, retries: 0, networkErrors: 0, byUrl: new Map() });

/** Runs `count` submissions from `clients` concurrent clients; `onCreated` hears of each success. */
async function load(options: {
  count: number;
  clients: number;
  offset: number;
  keyPrefix: string;
  targets: () => string[];
  tally: Tally;
  onDone?: (done: number) => void | Promise<void>;
}): Promise<Map<string, string>> {
  const given = new Map<string, string>();
  let next = 0;
  const client = async (c: number) => {
    while (next < options.count) {
      const i = next++;
      const key = `${options.keyPrefix}-${i}`;
      const reply = await submit(options.targets, options.offset + i, key, c, options.tally);
      given.set(key, reply.number);
      await options.onDone?.(given.size);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, c) => client(c)));
  return given;
}

interface Row {
  idempotency_key: string;
  registration_number: string;
  serial_scope: string;
  serial: number;
}

async function rowsOf(connectionString: string, prefix: string): Promise<Row[]> {
  return query<Row>(
    connectionString,
    `SELECT idempotency_key, registration_number, serial_scope, serial FROM kab_serang.ak1_registrations WHERE idempotency_key LIKE $1`,
    [`${prefix}-%`],
  );
}

/** Every scope's serials are exactly 1..N, and no window or day holds more seats than the district gives. */
async function assertSerialsAndSeats(connectionString: string) {
  const scopes = await query<{ serial_scope: string; serials: number[] }>(
    connectionString,
    'SELECT serial_scope, array_agg(serial ORDER BY serial) AS serials FROM kab_serang.ak1_registrations GROUP BY serial_scope',
  );
  for (const { serial_scope, serials } of scopes) {
    assert.deepEqual(serials, Array.from({ length: serials.length }, (_, i) => i + 1), `serials of ${serial_scope}`);
  }
  const windows = await query<{ visit_date: string; visit_start: string; n: number }>(
    connectionString,
    `SELECT visit_date, visit_start, COUNT(*)::int AS n FROM kab_serang.ak1_registrations WHERE visit_date IS NOT NULL
     GROUP BY visit_date, visit_start HAVING COUNT(*) > $1`,
    [WINDOW_CAPACITY],
  );
  assert.deepEqual(windows, [], 'no window over its capacity');
  const days = await query<{ visit_date: string; n: number }>(
    connectionString,
    `SELECT visit_date, COUNT(*)::int AS n FROM kab_serang.ak1_registrations WHERE visit_date IS NOT NULL GROUP BY visit_date HAVING COUNT(*) > $1`,
    [DAY_CAPACITY],
  );
  assert.deepEqual(days, [], 'no day over its capacity');
  const queues = await query<{ repeated: number }>(
    connectionString,
    `SELECT COUNT(*)::int AS repeated FROM (SELECT visit_date, queue_number FROM kab_serang.ak1_registrations
     WHERE queue_number IS NOT NULL GROUP BY visit_date, queue_number HAVING COUNT(*) > 1) AS twice`,
  );
  assert.equal(queues[0]!.repeated, 0, 'no queue number given twice on a day');
}

describe('two npm start processes on one PostgreSQL', () => {
  let database: string;
  let settings: NodeJS.ProcessEnv;
  let a: NpmStartProcess;
  let b: NpmStartProcess;

  before(async () => {
    database = await cluster.createDatabase('two_processes');
    settings = deployment(database);
    // Both start on the new database at once: one makes the schemas and the demo's accounts, the other finds them.
    [a, b] = await Promise.all([start(settings), start(settings)]);
  });

  it('number 1,000 registrations from 20 clients spread over both exactly 1..1,000, no window over capacity', async () => {
    const tally = newTally();
    const given = await load({ count: 1000, clients: 20, offset: 10_000, keyPrefix: 'bulk', targets: () => [a.url, b.url], tally });
    assert.equal(given.size, 1000);
    assert.equal(tally.created, 1000, 'each submission was made once');
    assert.ok((tally.byUrl.get(a.url) ?? 0) > 100 && (tally.byUrl.get(b.url) ?? 0) > 100, 'both processes registered');
    const rows = await rowsOf(database, 'bulk');
    assert.equal(rows.length, 1000);
    assert.deepEqual(rows.map((row) => row.serial).sort((x, y) => x - y), Array.from({ length: 1000 }, (_, i) => i + 1));
    for (const row of rows) assert.equal(given.get(row.idempotency_key), row.registration_number);
    await assertSerialsAndSeats(database);
  });

  it('turn one Idempotency-Key sent to both at once into one registration', async () => {
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(i % 2 ? a.url : b.url, '', application(20_000), { 'idempotency-key': 'one-key-both-processes' })),
    );
    const statuses = replies.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join());
    for (const reply of replies) {
      if (reply.status === 409) assert.equal(reply.body.type, IN_PROGRESS);
      else assert.equal(reply.status === 201 || reply.status === 200, true, JSON.stringify(reply));
    }
    const numbers = new Set(replies.filter((r) => r.status !== 409).map((r) => r.body.registrationNumber));
    assert.equal(numbers.size, 1);
    const rows = await query(database, "SELECT registration_number FROM kab_serang.ak1_registrations WHERE idempotency_key = 'one-key-both-processes'");
    assert.deepEqual(rows.map((row) => row.registration_number), [...numbers]);
  });

  it('let one of two officers on the two processes act on a version, and tell the other version-conflict', async () => {
    const registered = await post(a.url, '', application(20_001), { 'idempotency-key': 'for-the-officers' });
    assert.equal(registered.status, 201);
    const number = registered.body.registrationNumber as string;
    const login = async (url: string, username: string) => {
      const reply = await post(url, '/office/login', { username, password: PASSWORD });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      return reply.body.token as string;
    };
    const [one, two] = await Promise.all([login(a.url, 'petugas.satu'), login(b.url, 'petugas.dua')]);
    const act = (url: string, token: string, key: string) =>
      post(url, `/office/registrations/${encodeURIComponent(number)}/actions`, { action: 'verify', version: 1 }, {
        authorization: `Bearer ${token}`,
        'idempotency-key': key,
      });
    const replies = await Promise.all([act(a.url, one, 'verify-on-a'), act(b.url, two, 'verify-on-b')]);
    const statuses = replies.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 409], JSON.stringify(replies.map((r) => r.body)));
    const won = replies.find((r) => r.status === 200)!;
    const lost = replies.find((r) => r.status === 409)!;
    assert.equal(lost.body.type, 'urn:ak1:problem:version-conflict');
    assert.equal(won.body.registration.status, 'VERIFIED');
    const history = await query<{ event: string }>(
      database,
      `SELECT h.event FROM kab_serang.ak1_history h JOIN kab_serang.ak1_registrations r ON r.id = h.registration_id
       WHERE r.registration_number = $1 AND h.event = 'verify'`,
      [number],
    );
    assert.equal(history.length, 1, 'verified once');
  });

  it('count failed logins and lookups spread over both together: the sixth try is refused on either', async () => {
    // Five wrong passwords for one username, alternating between the processes: each saw only two or three.
    for (let i = 0; i < 5; i++) {
      const reply = await post(i % 2 ? a.url : b.url, '/office/login', { username: 'petugas.satu', password: `salah-sekali-${i}` });
      assert.equal(reply.status, 401, JSON.stringify(reply.body));
    }
    for (const url of [a.url, b.url]) {
      const locked = await post(url, '/office/login', { username: 'petugas.satu', password: PASSWORD });
      assert.equal(locked.status, 429, 'even the right password waits');
      assert.equal(locked.body.type, 'urn:ak1:problem:rate-limited');
    }
    // The same for an applicant's registration number and wrong access codes.
    const registered = await post(b.url, '', application(20_002), { 'idempotency-key': 'for-the-lookups' });
    let lookups = 0;
    const lookup = (url: string, accessCode: string) =>
      post(url, '/self/lookup', { registrationNumber: registered.body.registrationNumber, nik: application(20_002).nik, accessCode }, {
        'idempotency-key': `lookup-${++lookups}`,
      });
    for (let i = 0; i < 5; i++) assert.equal((await lookup(i % 2 ? a.url : b.url, `WRONG${i}XYZ`)).status, 404);
    for (const url of [a.url, b.url]) assert.equal((await lookup(url, registered.body.accessCode)).status, 429);
    const counted = await query<{ n: number }>(database, 'SELECT COUNT(*)::int AS n FROM kab_serang.ak1_failures');
    assert.ok(counted[0]!.n >= 10, 'the failures are in the database');
  });

  it('lose and double nothing when one is killed with SIGKILL mid-load; the other serves on, the restarted one carries on', async (t) => {
    const tally = newTally();
    let up = [a.url, b.url];
    let servedWhileDown = 0;
    let restarted: NpmStartProcess | undefined;
    let killing: Promise<void> | undefined;
    const COUNT = 400;
    const before = await query<{ n: number }>(database, 'SELECT COUNT(*)::int AS n FROM kab_serang.ak1_registrations');
    const given = await load({
      count: COUNT,
      clients: 20,
      offset: 30_000,
      keyPrefix: 'kill',
      targets: () => up,
      tally,
      onDone: async (done) => {
        if (done === COUNT / 4 && !killing) {
          // Killed with requests of its own under way: its clients see the connection drop and try the other.
          killing = (async () => {
            up = [b.url];
            await a.kill();
            const served = tally.byUrl.get(b.url) ?? 0;
            restarted = await start(settings);
            servedWhileDown = (tally.byUrl.get(b.url) ?? 0) - served;
            up = [restarted.url, b.url];
          })();
        }
      },
    });
    await killing;
    assert.ok(restarted, 'the killed process was restarted');
    const rows = await rowsOf(database, 'kill');
    const stored = new Map<string, string[]>();
    for (const row of rows) stored.set(row.idempotency_key, [...(stored.get(row.idempotency_key) ?? []), row.registration_number]);
    const lost = [...given].filter(([key, number]) => stored.get(key)?.[0] !== number).length;
    const doubled = [...stored.values()].filter((numbers) => numbers.length > 1).length;
    const byRestarted = tally.byUrl.get(restarted.url) ?? 0;
    t.diagnostic(
      `kill -9 mid-load: ${COUNT} submissions, 201s seen ${tally.created}, replays (200) ${COUNT - tally.created}, rows ${rows.length}, ` +
        `retries ${tally.retries} (network errors ${tally.networkErrors}), answered by the survivor while the other was down ` +
        `${servedWhileDown}, by the restarted process ${byRestarted}; lost ${lost}, doubled ${doubled}`,
    );
    assert.equal(given.size, COUNT);
    assert.equal(rows.length, COUNT, 'every submission is stored once');
    assert.equal(lost, 0, 'every number a client was given is the one stored for its key');
    assert.equal(doubled, 0);
    assert.ok(servedWhileDown > 0, 'the other process kept serving');
    assert.ok(byRestarted > 0, 'the restarted process carried on');
    assert.equal((await query<{ n: number }>(database, 'SELECT COUNT(*)::int AS n FROM kab_serang.ak1_registrations'))[0]!.n, before[0]!.n + COUNT);
    await assertSerialsAndSeats(database);
    a = restarted;
  });
});

describe('npm start processes migrating one PostgreSQL', () => {
  async function startTwoAndServe(settings: NodeJS.ProcessEnv, offset: number) {
    const [one, two] = await Promise.all([start(settings), start(settings)]);
    for (const [n, server] of [one, two].entries()) {
      const reply = await post(server.url, '', application(offset + n), { 'idempotency-key': `serve-${offset}-${n}` });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
    }
    return [one, two] as const;
  }

  it('two starting at once on an empty database: migrated once, both serve', async () => {
    const database = await cluster.createDatabase('empty_at_once');
    const servers = await startTwoAndServe(deployment(database), 40_000);
    for (const schema of ['kab_serang', 'kota_serang']) {
      assert.deepEqual(
        (await query(database, `SELECT version FROM ${schema}.ak1_schema_version`)).map((row) => row.version),
        [LATEST_SCHEMA_VERSION],
        schema,
      );
    }
    const officers = await query(database, 'SELECT username FROM kab_serang.ak1_officers ORDER BY username');
    assert.deepEqual(officers.map((row) => row.username), ['petugas.dua', 'petugas.satu'], 'the demo accounts made once');
    await Promise.all(servers.map((server) => server.kill()));
  });

  it('two starting at once on a database of an earlier schema (version 2): migrated once (one submit entry each), both serve', async () => {
    const database = await cluster.createDatabase('previous_at_once');
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    try {
      // Before the lifecycle step, whose data step (a submit entry for every registration) shows a second run.
      await migratePostgres(client, 'kab_serang', POSTGRES_MIGRATIONS.filter((m) => m.version < 3));
      // Two registrations as that schema held them (no version, no history).
      for (const serial of [1, 2]) {
        const old = testApplicant(50_000 + serial);
        await client.query(
          `INSERT INTO kab_serang.ak1_registrations (id, idempotency_key, fingerprint, serial_scope, serial, registration_number, nik,
             full_name, search_name, status, registered_at, registration_date, valid_until, report_due_dates, token, application, attachments)
           VALUES ($1, $2, 'f', '36.04/2026', $3, $4, $5, 'Uji Coba', 'uji coba', 'RECEIVED', '2026-11-28T08:00:00+07:00', '2026-11-28',
             '2028-11-28', '["2027-05-28","2027-11-28","2028-05-28"]', 't', $6, '{}')`,
          [`old-${serial}`, `old-key-${serial}`, serial, `3604-00000${serial}-281126`, old.nik, JSON.stringify(old)],
        );
      }
    } finally {
      await client.end();
    }
    const servers = await startTwoAndServe(deployment(database), 41_000);
    assert.deepEqual((await query(database, 'SELECT version FROM kab_serang.ak1_schema_version')).map((row) => row.version), [LATEST_SCHEMA_VERSION]);
    const submits = await query<{ registration_id: string; n: number }>(
      database,
      `SELECT registration_id, COUNT(*)::int AS n FROM kab_serang.ak1_history WHERE event = 'submit' AND registration_id LIKE 'old-%'
       GROUP BY registration_id ORDER BY registration_id`,
    );
    assert.deepEqual(submits, [
      { registration_id: 'old-1', n: 1 },
      { registration_id: 'old-2', n: 1 },
    ]);
    await Promise.all(servers.map((server) => server.kill()));
  });
});
