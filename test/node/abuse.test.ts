import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addressKey, clientAddressOf } from '../../src/server/abuse/index.js';
import { addressMatcher } from '../../src/server/abuse/addresses.js';
import { createRateLimiter } from '../../src/server/abuse/rate-limits.js';
import { createProofOfWork } from '../../src/server/abuse/proof-of-work.js';
import { createAk1Client } from '../../src/client/index.js';
import { parseChallenge, sha256, solveProof } from '../../src/client/proof.js';
import { createAk1Handler, createMemoryStore, createSqliteStore, ak1DemoDistrict } from '../../src/server/index.js';
import { fullApplication, TODAY } from '../fixtures/application.js';
import { exampleRegistration } from '../fixtures/client-replies.js';
import { testApplicant } from './helpers/applicants.js';

const temp = mkdtempSync(join(tmpdir(), 'ak1-abuse-'));
after(() => rmSync(temp, { recursive: true, force: true }));
const NOW = new Date('2026-11-28T02:00:00Z');

describe('client addresses', () => {
  it('are counted per IPv4 address and per IPv6 /64', () => {
    assert.equal(addressKey('192.0.2.7'), '192.0.2.7');
    assert.equal(addressKey('::ffff:192.0.2.7'), '192.0.2.7');
    assert.equal(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), '2001:db8:1:2::/64');
    assert.equal(addressKey('2001:db8:1:2::1'), '2001:db8:1:2::/64');
    assert.equal(addressKey('2001:DB8:1:2::ffff%eth0'), '2001:db8:1:2::/64');
    assert.equal(addressKey('::1'), '0:0:0:0::/64');
    assert.equal(addressKey('64:ff9b::192.0.2.1'), '64:ff9b:0:0::/64');
    assert.equal(addressKey('not an address'), 'not an address');
  });

  it('come from X-Forwarded-For only through a trusted proxy: the rightmost entry that is not one', () => {
    const proxies = addressMatcher(['127.0.0.1', '10.0.0.0/8', 'fd00::/8'], 'trustProxy');
    assert.equal(clientAddressOf('203.0.113.5', '198.51.100.1', undefined), '203.0.113.5');
    assert.equal(clientAddressOf('203.0.113.5', '198.51.100.1', proxies), '203.0.113.5', 'an untrusted peer');
    assert.equal(clientAddressOf('127.0.0.1', '1.2.3.4, 198.51.100.1, 10.1.2.3', proxies), '198.51.100.1');
    assert.equal(clientAddressOf('::ffff:127.0.0.1', '[2001:db8::9]:443', proxies), '2001:db8::9');
    assert.equal(clientAddressOf('127.0.0.1', '198.51.100.1:5555', proxies), '198.51.100.1');
    assert.equal(clientAddressOf('fd12::1', '10.0.0.5, 10.0.0.6', proxies), '10.0.0.5', 'every hop ours');
    assert.equal(clientAddressOf('127.0.0.1', null, proxies), '127.0.0.1');
    assert.equal(clientAddressOf(undefined, '198.51.100.1', proxies), undefined);
    assert.throws(() => addressMatcher(['10.0.0.0/33'], 'trustProxy'), /trustProxy/);
    assert.throws(() => addressMatcher(['proxy.local'], 'trustProxy'), /trustProxy/);
  });
});

describe('rate limits', () => {
  it('let a burst of count through, then answer with the seconds until the next, refilling at the average rate', () => {
    const limiter = createRateLimiter({ count: 3, perSeconds: 60 });
    for (let i = 0; i < 3; i++) assert.equal(limiter.take('a', 0), undefined);
    assert.equal(limiter.take('a', 0), 20);
    assert.equal(limiter.take('b', 0), undefined, 'another address has its own bucket');
    assert.equal(limiter.take('a', 19_000), 1);
    assert.equal(limiter.take('a', 20_500), undefined);
  });

  it('are checked at start-up', () => {
    const base = { store: createMemoryStore(), endpointPath: '/api/ak1', publicUrl: 'http://localhost', district: ak1DemoDistrict, corsOrigins: [] };
    assert.throws(() => createAk1Handler({ ...base, limits: { registrations: { count: 0, perSeconds: 60 } } }), /limits\.registrations/);
    assert.throws(() => createAk1Handler({ ...base, limits: { seatsPerAddress: -1 } }), /seatsPerAddress/);
    assert.throws(() => createAk1Handler({ ...base, proofOfWork: { maxNumber: 1.5 } }), /maxNumber/);
    assert.throws(() => createAk1Handler({ ...base, proofOfWork: { hmacKey: 'short' } }), /hmacKey/);
  });

  it('answer every route but the registration from the lookups budget, and leave requests without an address alone', async () => {
    const handler = createAk1Handler({
      store: createMemoryStore(),
      endpointPath: '/api/ak1',
      publicUrl: 'http://localhost',
      district: ak1DemoDistrict,
      corsOrigins: [],
      now: () => NOW,
      limits: { lookups: { count: 2, perSeconds: 60 } },
    });
    const get = (info?: { clientAddress: string }) => handler(new Request('http://localhost/api/ak1/keys'), info);
    assert.equal((await get({ clientAddress: '192.0.2.1' })).status, 200);
    assert.equal((await get({ clientAddress: '192.0.2.1' })).status, 200);
    const limited = await get({ clientAddress: '192.0.2.1' });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '30');
    assert.equal((await limited.json()).type, 'urn:ak1:problem:rate-limited');
    assert.equal((await get({ clientAddress: '2001:db8::1' })).status, 200);
    assert.equal((await get()).status, 200, 'no address: not limited');
  });
});

describe('the proof of work', () => {
  const solve = async (pow: ReturnType<typeof createProofOfWork>, now: Date) => (await solveProof(parseChallenge(await pow.challenge(now))!))!;

  it('expires by the handler clock, and is spent only when the registration is made', async () => {
    const pow = createProofOfWork({ maxNumber: 1000, expiresInSeconds: 60 });
    const proof = await solve(pow, NOW);
    assert.equal((await pow.check(proof, new Date(NOW.getTime() + 61_000))).result, 'invalid', 'expired');
    const first = await pow.check(proof, NOW);
    assert.equal(first.result, 'valid');
    assert.equal((await pow.check(proof, NOW)).result, 'spent', 'held while the first request is in the store');
    first.release(false);
    const again = await pow.check(proof, NOW);
    assert.equal(again.result, 'valid', 'released: no registration was made');
    again.release(true);
    assert.equal((await pow.check(proof, NOW)).result, 'spent');
    assert.equal((await pow.check(null, NOW)).result, 'missing');
    assert.equal((await pow.check(btoa('[]'), NOW)).result, 'invalid');
  });

  it('is not accepted from another server (another secret)', async () => {
    const proof = await solve(createProofOfWork({ maxNumber: 1000 }), NOW);
    assert.equal((await createProofOfWork({ maxNumber: 1000 }).check(proof, NOW)).result, 'invalid');
  });

  it("is solved by the client's own SHA-256 as by WebCrypto", () => {
    const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
    assert.equal(hex(sha256(new TextEncoder().encode('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(hex(sha256(new Uint8Array(0))), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(hex(sha256(new TextEncoder().encode('a'.repeat(1000)))), '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
  });

  it('the client asks once, remembers a 404, and sends a fresh proof once after 403 proof-required', async () => {
    const seen: string[] = [];
    const pow = createProofOfWork({ maxNumber: 500 });
    let refuseFirst = true;
    const client = createAk1Client({
      endpoint: 'https://api.example/ak1',
      today: TODAY,
      requiredDocuments: ['KTP'],
      fetch: async (url, init) => {
        const proof = new Headers(init.headers).get('ak1-proof');
        seen.push(`${init.method} ${url.replace('https://api.example/ak1', '') || '/'}${proof ? ' proof' : ''}`);
        if (url.endsWith('/challenge')) return Response.json(await pow.challenge(new Date()));
        if (refuseFirst) {
          refuseFirst = false;
          return Response.json({ type: 'urn:ak1:problem:proof-required', status: 403 }, { status: 403, headers: { 'content-type': 'application/problem+json' } });
        }
        assert.equal((await pow.check(proof, new Date())).result, 'valid');
        return Response.json(exampleRegistration(), { status: 201 });
      },
    });
    await client.submit(fullApplication());
    assert.deepEqual(seen, ['GET /challenge', 'POST / proof', 'GET /challenge', 'POST / proof']);

    const calls: string[] = [];
    const none = createAk1Client({
      endpoint: 'https://api.example/ak1',
      today: TODAY,
      requiredDocuments: ['KTP'],
      fetch: async (url) => {
        calls.push(url);
        if (url.endsWith('/challenge')) return new Response(null, { status: 404 });
        return Response.json(exampleRegistration(), { status: 201 });
      },
    });
    await none.submit(testApplicant(1));
    await none.submit(testApplicant(2));
    assert.equal(calls.filter((url) => url.endsWith('/challenge')).length, 1, 'a 404 is remembered');
  });
});

describe('the seat cap and warnings in a SQLite database made before them', () => {
  it('adds the nullable columns to an existing database and keeps its rows', async () => {
    const path = join(temp, 'old.sqlite');
    const Database = createRequire(import.meta.url)('better-sqlite3');
    const old = new Database(path);
    // Schema 1 as released: the table without client_key and warnings.
    old.exec(`CREATE TABLE ak1_registrations (id TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, fingerprint TEXT NOT NULL,
      serial_scope TEXT NOT NULL, serial INTEGER NOT NULL, registration_number TEXT NOT NULL UNIQUE, nik TEXT NOT NULL,
      full_name TEXT NOT NULL, status TEXT NOT NULL, registered_at TEXT NOT NULL, registration_date TEXT NOT NULL,
      valid_until TEXT NOT NULL, report_due_dates TEXT NOT NULL, token TEXT NOT NULL, visit_date TEXT, visit_start TEXT,
      visit_end TEXT, queue_number TEXT, application TEXT NOT NULL, attachments TEXT NOT NULL, UNIQUE (serial_scope, serial)) STRICT;
      INSERT INTO ak1_registrations VALUES ('old', 'k-old', 'f', '36.04/2026', 1, '3604-000001-281126', '3604055209900003', 'Lama',
      'RECEIVED', '2026-11-28T09:00:00+07:00', '2026-11-28', '2028-11-28', '["2027-05-28","2027-11-28","2028-05-28"]', 't', NULL, NULL, NULL, NULL, '{}', '{}');`);
    old.pragma('user_version = 1');
    old.close();

    const store = await createSqliteStore(path);
    try {
      assert.equal((await store.findById('old'))?.registrationNumber, '3604-000001-281126');
      assert.equal((await store.findByKey('k-old'))?.fingerprint, 'f');
      const handler = createAk1Handler({
        store,
        endpointPath: '/api/ak1',
        publicUrl: 'http://localhost',
        district: ak1DemoDistrict,
        corsOrigins: [],
        now: () => NOW,
        limits: { seatsPerAddress: 2 },
      });
      const post = (i: number) =>
        handler(
          new Request('http://localhost/api/ak1', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': `k-${i}` },
            body: JSON.stringify(testApplicant(i)),
          }),
          { clientAddress: '2001:db8:5:6::1' },
        );
      const replies = [];
      for (let i = 10; i < 13; i++) replies.push(await (await post(i)).json());
      assert.deepEqual(replies.map((r) => Boolean(r.appointment)), [true, true, false], 'the third from one /64 gets no seat');
    } finally {
      await store.close();
    }
  });
});
