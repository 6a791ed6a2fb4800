import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { ak1RegistrationSchema } from '../../src/schema/index.js';
import { fullApplication } from '../fixtures/application.js';
import { testApplicant } from './helpers/applicants.js';
import { startServer, type RunningServer } from './helpers/processes.js';

/*
 * The reference server as it runs: separate Node processes on one SQLite file, spoken to over loopback HTTP.
 * The server clock starts at 09:00 on Saturday 28 November 2026 in Serang (the fixtures' today).
 */

const NOW = '2026-11-28T02:00:00Z';
const EXPORT_TOKEN = 'token-kantor-uji';
const temp = mkdtempSync(join(tmpdir(), 'ak1-server-processes-'));
const running: RunningServer[] = [];

async function start(name: string, config: Record<string, unknown> = {}) {
  const server = await startServer({
    database: join(temp, `${name}.sqlite`),
    keyFile: join(temp, `${name}-key.jwk`),
    now: NOW,
    exportToken: EXPORT_TOKEN,
    corsOrigins: ['https://disnaker.serangkab.go.id'],
    ...config,
  });
  running.push(server);
  return server;
}

after(async () => {
  await Promise.all(running.map((server) => server.stop()));
  rmSync(temp, { recursive: true, force: true });
});

function post(url: string, body: unknown, key: string) {
  return fetch(`${url}/api/ak1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
}

/** Posts until the reply is not `409 request-in-progress`, as the client does. */
async function register(url: string, body: unknown, key: string): Promise<{ status: number; body: any }> {
  for (;;) {
    const response = await post(url, body, key);
    const json = await response.json();
    if (response.status !== 409 || json.type !== 'urn:ak1:problem:request-in-progress') return { status: response.status, body: json };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function database(name: string) {
  return new Database(join(temp, `${name}.sqlite`), { readonly: true });
}

describe('two server processes on one SQLite file', () => {
  let a: RunningServer;
  let b: RunningServer;
  before(async () => {
    // Both start on the same new file at once: one creates the tables and the key, the other finds them.
    [a, b] = await Promise.all([start('shared'), start('shared')]);
  });

  it('turn 50 concurrent requests with one key into one registration', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(i % 2 ? a.url : b.url, fullApplication(), 'one-key-for-all')),
    );
    const replies = await Promise.all(responses.map(async (r) => ({ status: r.status, body: await r.json() })));
    const statuses = replies.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join());
    for (const reply of replies) {
      if (reply.status === 409) assert.equal(reply.body.type, 'urn:ak1:problem:request-in-progress');
      else assert.equal(reply.status === 201 || reply.status === 200, true, JSON.stringify(reply));
    }
    const numbers = new Set(replies.filter((r) => r.status !== 409).map((r) => r.body.registrationNumber));
    assert.deepEqual([...numbers], ['3604-000001-281126']);
    const db = database('shared');
    assert.equal((db.prepare("SELECT COUNT(*) AS n FROM ak1_registrations WHERE idempotency_key = 'one-key-for-all'").get() as { n: number }).n, 1);
    db.close();
  });

  it('number 1,000 registrations from 20 concurrent clients 1..1,000 with no gap or repeat', async () => {
    const db = database('shared');
    const before = (db.prepare('SELECT COUNT(*) AS n FROM ak1_registrations').get() as { n: number }).n;
    let next = 0;
    const numbers: string[] = [];
    const client = async (c: number) => {
      while (next < 1000) {
        const i = next++;
        const reply = await register(c % 2 ? a.url : b.url, testApplicant(1000 + i), `bulk-${i}`);
        assert.equal(reply.status, 201, JSON.stringify(reply.body));
        numbers.push(reply.body.registrationNumber);
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, c) => client(c)));
    assert.equal(numbers.length, 1000);
    const serials = db.prepare("SELECT serial FROM ak1_registrations WHERE serial_scope = '36.04/2026' ORDER BY serial").all() as Array<{ serial: number }>;
    const total = before + 1000;
    assert.deepEqual(serials.map((r) => r.serial), Array.from({ length: total }, (_, i) => i + 1));
    const expected = Array.from({ length: 1000 }, (_, i) => `3604-${String(before + i + 1).padStart(6, '0')}-281126`);
    assert.deepEqual([...numbers].sort(), expected);
    db.close();
  });

  it('both publish one key and verify each other’s tokens', async () => {
    const [keysA, keysB] = await Promise.all([a, b].map(async (s) => (await fetch(`${s.url}/api/ak1/keys`)).json()));
    assert.deepEqual(keysA, keysB);
    const reply = await register(a.url, testApplicant(5000), 'cross-verify');
    const verified = await fetch(`${b.url}/api/ak1/verify/${reply.body.verification.token}`);
    assert.equal(verified.status, 200);
    assert.equal((await verified.json()).valid, true);
  });
});

describe('two server processes booking one day', () => {
  it('never book past a day’s capacity or a window’s', async () => {
    const district = {
      capacityPerDay: 25,
      windows: [
        { start: '08:00', end: '09:00', capacity: 10 },
        { start: '09:00', end: '10:00', capacity: 10 },
        { start: '10:00', end: '11:00', capacity: 10 },
      ],
    };
    const [a, b] = await Promise.all([start('capacity', { district }), start('capacity', { district })]);
    const replies = await Promise.all(
      Array.from({ length: 60 }, (_, i) => register(i % 2 ? a.url : b.url, testApplicant(i, { preferredVisitDate: '2026-12-01' }), `cap-${i}`)),
    );
    assert.ok(replies.every((r) => r.status === 201));
    const db = database('capacity');
    const perDay = db.prepare('SELECT visit_date AS date, COUNT(*) AS n FROM ak1_registrations GROUP BY visit_date').all() as Array<{ date: string; n: number }>;
    const perWindow = db.prepare('SELECT visit_date, visit_start, COUNT(*) AS n FROM ak1_registrations GROUP BY visit_date, visit_start').all() as Array<{ n: number }>;
    const queues = db.prepare('SELECT COUNT(DISTINCT visit_date || queue_number) AS distinct_queues, COUNT(*) AS n FROM ak1_registrations').get() as { distinct_queues: number; n: number };
    db.close();
    assert.ok(perDay.every((d) => d.n <= 25), JSON.stringify(perDay));
    assert.ok(perWindow.every((w) => w.n <= 10), JSON.stringify(perWindow));
    assert.equal(perDay.find((d) => d.date === '2026-12-01')?.n, 25, 'the preferred day is filled first');
    assert.deepEqual(perDay.map((d) => d.date), ['2026-11-30', '2026-12-01', '2026-12-02']);
    assert.equal(queues.distinct_queues, queues.n, 'no queue number is given twice on a day');
  });
});

describe('one server process, restarted', () => {
  let server: RunningServer;
  let token: string;
  let registrationNumber: string;

  before(async () => {
    server = await start('restart');
    const reply = await register(server.url, fullApplication(), 'before-restart');
    assert.equal(reply.status, 201);
    token = reply.body.verification.token;
    registrationNumber = reply.body.registrationNumber;
  });

  it('stops cleanly on SIGTERM and keeps verifying the tokens it issued', async () => {
    const keysBefore = await (await fetch(`${server.url}/api/ak1/keys`)).json();
    const { code, maxRssBytes } = await server.stop();
    assert.equal(code, 0);
    assert.ok(maxRssBytes, 'it closed the server, then the database, before exiting');
    const keyFile = join(temp, 'restart-key.jwk');
    assert.equal(statSync(keyFile).mode & 0o777, 0o600, 'the key file is readable by its owner only');
    server = await start('restart');
    assert.deepEqual(await (await fetch(`${server.url}/api/ak1/keys`)).json(), keysBefore);
    const response = await fetch(`${server.url}/api/ak1/verify/${token}`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      valid: true,
      status: 'RECEIVED',
      registrationNumber,
      initials: 'S. N.',
      registeredAt: '2026-11-28T09:00:00+07:00',
      validUntil: '2028-11-28',
    });
    const page = await fetch(`${server.url}/verify/${token}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Kartu ini terdaftar/);
    const replay = await register(server.url, fullApplication(), 'before-restart');
    assert.equal(replay.status, 200);
    assert.equal(replay.body.verification.token, token);
  });

  it('refuses a tampered or re-encoded token with 404', async () => {
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    for (const variant of [
      `${header}.${payload}.${signature.slice(0, -3)}${signature.at(-3) === 'a' ? 'b' : 'a'}${signature.slice(-2)}`,
      `${header}.${Buffer.from(JSON.stringify({ ...claims, iat: claims.iat + 60 })).toString('base64url')}.${signature}`,
      `${header}.${payload}.${Buffer.from(signature, 'base64url').toString('base64')}`,
      `${header}.${payload}.${signature}=`,
    ]) {
      const response = await fetch(`${server.url}/api/ak1/verify/${variant}`);
      assert.equal(response.status, 404, variant);
      assert.equal((await response.json()).type, 'urn:ak1:problem:invalid-token');
    }
  });

  it('answers a 5 MB body with 413, sent with a length or streamed', async () => {
    const big = new Uint8Array(5 * 1024 * 1024).fill(0x20);
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < big.length; offset += 64 * 1024) controller.enqueue(big.subarray(offset, offset + 64 * 1024));
        controller.close();
      },
    });
    for (const body of [big, streamed]) {
      const response = await fetch(`${server.url}/api/ak1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'too-big' },
        body,
        duplex: 'half',
      } as RequestInit);
      assert.equal(response.status, 413);
      assert.equal((await response.json()).type, 'urn:ak1:problem:payload-too-large');
    }
    // The server is still there for the next request.
    assert.equal((await fetch(`${server.url}/api/ak1/keys`)).status, 200);
  });

  it('passes a CORS preflight from an allowed origin and not from another', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/ak1`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
      });
    const allowed = await preflight('https://disnaker.serangkab.go.id');
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://disnaker.serangkab.go.id');
    assert.match(allowed.headers.get('access-control-allow-headers')!, /Idempotency-Key/);
    const other = await preflight('https://evil.example');
    assert.equal(other.status, 403);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  it('exports a CSV that a CSV reader opens with the NIK intact', async () => {
    const response = await fetch(`${server.url}/api/ak1/export.csv?date=2026-12-01`, { headers: { authorization: `Bearer ${EXPORT_TOKEN}` } });
    assert.equal(response.status, 200);
    const rows: Record<string, string>[] = parse(await response.text(), { bom: true, columns: true });
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!['NIK'], '="3604055209900003"');
    assert.equal(rows[0]!['NIK']!.replace(/^="|"$/g, ''), '3604055209900003');
    assert.equal(rows[0]!['Nomor HP'], '="+6281234567890"');
  });

  it('gives replies the registration schema accepts', async () => {
    const reply = await register(server.url, testApplicant(77), 'schema-check');
    assert.equal(reply.status, 201);
    assert.ok(ak1RegistrationSchema.safeParse(reply.body).success);
  });

  it('still shuts down cleanly after refusing large uploads', async () => {
    const { code, maxRssBytes } = await server.stop();
    assert.equal(code, 0);
    assert.ok(maxRssBytes, 'it closed the server, then the database, before exiting');
  });
});

describe('the conformance check', () => {
  const cli = new URL('../../src/conformance/index.ts', import.meta.url);
  it('passes against the running reference server', { skip: !existsSync(cli) && 'src/conformance/ is not there yet' }, async () => {
    const server = await start('conformance');
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'conformance', `${server.url}/api/ak1`], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('close', (code) => resolve({ code, output }));
    });
    assert.equal(code, 0, output);
    // The applicant's return visit, and every test registration cancelled through /self/cancel at the end.
    for (const id of ['self-lookup', 'self-mismatch', 'self-unauthenticated', 'self-cancel']) assert.match(output, new RegExp(`^PASS  ${id} `, 'm'), id);
    assert.match(output, /^Test registrations: cancelled \d+ of the \d+ test registration\(s\) through \/self\/cancel; 1 no longer active already$/m);
  });

  it('passes with the office checks as an officer (--officer USER:PASSWORD); --officer without a password is a usage error', { skip: !existsSync(cli) && 'src/conformance/ is not there yet' }, async () => {
    const officers = [{ username: 'petugas.uji', password: 'kata-sandi-uji-kesesuaian', name: 'Petugas Uji', roles: ['petugas'] }];
    const server = await start('conformance-office', { officers });
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'conformance', `${server.url}/api/ak1`, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('close', (code) => resolve({ code, output }));
      });
    const { code, output } = await run('--officer', 'petugas.uji:kata-sandi-uji-kesesuaian');
    assert.equal(code, 0, output);
    for (const id of ['office-login', 'office-wrong-password', 'office-queue', 'office-record', 'office-version-conflict', 'office-idempotent-action', 'office-ipk-report', 'office-daily-report', 'office-summary', 'office-karirhub-csv', 'office-opening-balance', 'office-logout']) {
      assert.match(output, new RegExp(`^PASS  ${id} `, 'm'), id);
    }
    assert.ok(!output.includes('kata-sandi-uji-kesesuaian'), 'the password is never printed');
    assert.equal((await run('--officer', 'tanpa-titik-dua')).code, 2);
  });
});
