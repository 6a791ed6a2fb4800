import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAk1Client } from '../../src/client/index.js';
import { parseChallenge, solveProof } from '../../src/client/proof.js';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore } from '../../src/server/index.js';
import { fullApplication, TODAY } from '../fixtures/application.js';
import { testApplicant } from '../node/helpers/applicants.js';
import { startServer, type RunningServer } from '../node/helpers/processes.js';
import { figure } from './figures.js';

/*
 * Issue 12, item 3: one client at concurrency 8 booked every visit seat of the horizon in seconds, any
 * structurally valid NIK passed, and nothing asked a browser for any work. Now each address has a rate limit
 * (429 with Retry-After), a cap on the seats it holds (over it: registered without an appointment), a district
 * may require a proof of work (403 proof-required without a fresh one), and a NIK whose district code does
 * not exist is kept with a warning for the officer. Loopback has a whole /8: each 127.0.0.x is another client.
 */

const NOW = '2026-11-28T02:00:00Z';
const temp = mkdtempSync(join(tmpdir(), 'ak1-item-3-'));
let limited: RunningServer;
let proofs: RunningServer;
let applicants = 0;

before(async () => {
  [limited, proofs] = await Promise.all([
    // The defaults: 30 registrations an hour and 20 seats per address; 127.0.0.1 is the proxy.
    startServer({ database: join(temp, 'limited.sqlite'), keyFile: join(temp, 'key.jwk'), now: NOW, options: { limits: {}, trustProxy: ['127.0.0.1'] } }),
    startServer({ database: join(temp, 'proofs.sqlite'), keyFile: join(temp, 'key2.jwk'), now: NOW, options: { proofOfWork: { maxNumber: 5000 } } }),
  ]);
});

after(async () => {
  await Promise.all([limited?.stop(), proofs?.stop()]);
  rmSync(temp, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: any;
  retryAfter?: string;
}

function send(
  server: RunningServer,
  options: { method?: string; path?: string; from?: string; body?: unknown; headers?: Record<string, string> },
): Promise<Reply> {
  const body = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/api/ak1${options.path ?? ''}`, {
      method: options.method ?? 'POST',
      agent: false,
      ...(options.from ? { localAddress: options.from } : {}),
      headers: {
        ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length), 'idempotency-key': crypto.randomUUID() } : {}),
        ...options.headers,
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = text;
        }
        const retryAfter = res.headers['retry-after'];
        resolve({ status: res.statusCode!, body: parsed, ...(typeof retryAfter === 'string' ? { retryAfter } : {}) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const register = (server: RunningServer, from: string, headers: Record<string, string> = {}) =>
  send(server, { from, body: testApplicant(applicants++), headers });

describe('issue 12 item 3: seats cannot be hoarded', () => {
  it('one address at concurrency 8 gets 429 with Retry-After past its rate, and holds at most its seat cap', async (t) => {
    const tried = 64;
    let next = 0;
    const replies: Reply[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next++ < tried) replies.push(await register(limited, '127.0.0.3'));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const created = replies.filter((r) => r.status === 201);
    const withSeat = created.filter((r) => r.body.appointment);
    const limitedReplies = replies.filter((r) => r.status === 429);
    figure(t, 'item-3', 'registrations tried by one address (concurrency 8)', tried);
    figure(t, 'item-3', 'registered (201)', created.length);
    figure(t, 'item-3', 'with a visit seat', withSeat.length);
    figure(t, 'item-3', 'refused 429 rate-limited', limitedReplies.length);
    figure(t, 'item-3', 'Retry-After of the first 429', `${limitedReplies[0]?.retryAfter ?? '-'} s`);
    figure(t, 'item-3', 'seconds', seconds);

    assert.equal(created.length + limitedReplies.length, tried, `only 201 and 429: ${replies.map((r) => r.status).join(' ')}`);
    // 30 an hour from a full bucket; a second more may have refilled on a very slow machine.
    assert.ok(created.length >= 30 && created.length <= 31, `${created.length} registered`);
    assert.equal(withSeat.length, 20, 'the seat cap');
    for (const reply of limitedReplies) {
      assert.equal(reply.body.type, 'urn:ak1:problem:rate-limited');
      assert.match(reply.retryAfter ?? '', /^[1-9]\d*$/);
    }
  });

  it('an address of its own, or another client behind the trusted proxy, still gets a seat', async () => {
    const other = await register(limited, '127.0.0.4');
    assert.equal(other.status, 201);
    assert.ok(other.body.appointment, 'another address gets an appointment');

    const proxied = await register(limited, '127.0.0.1', { 'x-forwarded-for': '192.0.2.200, 198.51.100.23' });
    assert.equal(proxied.status, 201);
    assert.ok(proxied.body.appointment, 'a client behind the proxy is counted under its own address');

    // X-Forwarded-For from a peer that is no trusted proxy is ignored: the hoarder cannot escape its limit.
    const spoofed = await register(limited, '127.0.0.3', { 'x-forwarded-for': '203.0.113.77' });
    assert.equal(spoofed.status, 429);
  });

  it('requires a fresh proof of work when the district asks for one, spent only by a new registration', async () => {
    const application = testApplicant(applicants++);
    const key = crypto.randomUUID();
    const without = await send(proofs, { body: application, headers: { 'idempotency-key': key } });
    assert.equal(without.status, 403);
    assert.equal(without.body.type, 'urn:ak1:problem:proof-required');

    const challenge = await send(proofs, { method: 'GET', path: '/challenge' });
    assert.equal(challenge.status, 200);
    const parsed = parseChallenge(challenge.body);
    assert.ok(parsed, JSON.stringify(challenge.body));
    assert.equal(parsed.maxnumber, 5000);
    const proof = (await solveProof(parsed))!;
    assert.ok(proof);

    const made = await send(proofs, { body: application, headers: { 'idempotency-key': key, 'ak1-proof': proof } });
    assert.equal(made.status, 201);
    // The retry of a registration made (its reply lost) needs no new proof, nor does it spend one.
    const replay = await send(proofs, { body: application, headers: { 'idempotency-key': key } });
    assert.equal(replay.status, 200);
    assert.equal(replay.body.registrationNumber, made.body.registrationNumber);

    const reused = await send(proofs, { body: testApplicant(applicants++), headers: { 'ak1-proof': proof } });
    assert.equal(reused.status, 403, 'a spent proof');
    assert.equal(reused.body.type, 'urn:ak1:problem:proof-required');

    const payload = JSON.parse(atob(proof));
    for (const number of [payload.number + 1, payload.number + 0.5, String(payload.number)]) {
      const forged = btoa(JSON.stringify({ ...payload, number }));
      const reply = await send(proofs, { body: testApplicant(applicants++), headers: { 'ak1-proof': forged } });
      assert.equal(reply.status, 403, `number ${JSON.stringify(number)}`);
    }
    const garbage = await send(proofs, { body: testApplicant(applicants++), headers: { 'ak1-proof': 'not base64 JSON' } });
    assert.equal(garbage.status, 403);
  });

  it('the SDK client solves the challenge by itself; a backend without one answers /challenge 404', async (t) => {
    const client = createAk1Client({ endpoint: `${proofs.url}/api/ak1`, today: TODAY, requiredDocuments: ['KTP'] });
    const started = performance.now();
    const registration = await client.submit(testApplicant(applicants++));
    figure(t, 'item-3', 'client: challenge, proof (maxnumber 5,000) and registration', `${Math.round(performance.now() - started)} ms`);
    assert.ok(registration.registrationNumber);
    const none = await send(limited, { method: 'GET', path: '/challenge', from: '127.0.0.5' });
    assert.equal(none.status, 404);
  });
});

describe('issue 12 item 3: the NIK is checked against the region data', () => {
  /** Region lists known only once loaded, as `createRegionLookup` answers: Banten's regencies, Serang's districts. */
  function regionData() {
    const loaded = new Set<string>();
    const lists: Record<string, string[]> = { '36': ['36.04', '36.73'], '36.04': ['36.04.05'], '36.04.05': ['36.04.05.2001'] };
    const parentOf = (code: string) => code.split('.').slice(0, -1).join('.');
    return {
      has: (code: string) => (loaded.has(parentOf(code)) ? lists[parentOf(code)]!.includes(code) : undefined),
      regencies: async (code: string) => void loaded.add(code),
      districts: async (code: string) => void loaded.add(code),
      villages: async (code: string) => void loaded.add(code),
    };
  }

  async function setup() {
    const store = createMemoryStore();
    const handler = createAk1Handler({
      store,
      endpointPath: '/api/ak1',
      publicUrl: 'http://localhost:8080',
      district: ak1DemoDistrict,
      corsOrigins: [],
      now: () => new Date(NOW),
      regions: regionData(),
    });
    const post = (body: unknown) =>
      handler(
        new Request('http://localhost:8080/api/ak1', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
          body: JSON.stringify(body),
        }),
      );
    return { store, post };
  }

  it('refuses a NIK whose province does not exist (422 nik.province)', async () => {
    const { post } = await setup();
    const reply = await post({ ...fullApplication(), nik: '9904055209900003' });
    assert.equal(reply.status, 422);
    assert.deepEqual((await reply.json()).errors, [{ path: ['nik'], code: 'nik.province' }]);
  });

  it('keeps a NIK whose district does not exist, with a warning for the officer', async () => {
    const { post, store } = await setup();
    // Kecamatan 99 of Kabupaten Serang does not exist.
    const reply = await post({ ...fullApplication(), nik: '3604995209900003' });
    assert.equal(reply.status, 201);
    const [stored] = await store.listRegistrations({ registrationDate: TODAY });
    assert.deepEqual(stored?.warnings, [{ path: ['nik'], code: 'nik.unknownRegion' }]);

    const known = await post({ ...fullApplication(), nik: '3604055209900011' });
    assert.equal(known.status, 201);
    const rows = await store.listRegistrations({ registrationDate: TODAY });
    assert.equal(rows.filter((r) => r.warnings).length, 1, 'a NIK of a district that exists has no warning');
  });
});
