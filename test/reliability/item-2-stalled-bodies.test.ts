import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAk1Client, Ak1TimeoutError } from '../../src/client/index.js';
import { fullApplication, TINY_JPEG_BASE64, TODAY } from '../fixtures/application.js';
import { testApplicant } from '../node/helpers/applicants.js';
import { startServer, type RunningServer } from '../node/helpers/processes.js';
import { figure } from './figures.js';

/*
 * Issue 12, item 2: 64 connections that sent a POST's headers and one byte held all 64 submission slots, and
 * a real applicant got 503 for as long as they stalled (up to Node's 300 s request timeout). Now a body must
 * keep up a minimum average rate once its grace period is over (408 request-timeout otherwise), a submission
 * slot is taken only once the body is in, and one address may have only a few bodies being read at once.
 * The server runs with a 1 s grace and 2 kB/s (15 s and 8 kB/s by default), so this takes seconds.
 * Loopback has a whole /8: each address below is another client.
 */

const NOW = '2026-11-28T02:00:00Z';
const BODIES = { graceMs: 1000, minBytesPerSecond: 2048, perAddress: 4 };
const temp = mkdtempSync(join(tmpdir(), 'ak1-item-2-'));
let server: RunningServer;
let applicants = 0;

before(async () => {
  server = await startServer({ database: join(temp, 'ak1.sqlite'), keyFile: join(temp, 'key.jwk'), now: NOW, options: { bodies: BODIES, limits: false } });
  // The first registration of a process loads and compiles what every later one reuses: not what is measured.
  assert.equal((await post('127.0.0.2', applicantBody())).status, 201);
});

after(async () => {
  await server?.stop();
  rmSync(temp, { recursive: true, force: true });
});

interface Reply {
  status: number;
  type?: string;
  connection?: string;
  afterMs: number;
}

/** Sends `body` (all of it, or the first `stallAfter` bytes and then nothing) from `localAddress`, paced as told. */
function post(localAddress: string, body: string, options: { stallAfter?: number; bytesPerSecond?: number } = {}): Promise<Reply> {
  const started = performance.now();
  const bytes = Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/api/ak1`, {
      method: 'POST',
      localAddress,
      agent: false,
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), 'content-length': String(bytes.length) },
    });
    let timer: NodeJS.Timeout | undefined;
    req.on('response', (res: IncomingMessage) => {
      clearTimeout(timer);
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        let type: string | undefined;
        try {
          type = JSON.parse(text).type;
        } catch {
          // not a problem reply
        }
        resolve({ status: res.statusCode!, type, connection: res.headers.connection, afterMs: performance.now() - started });
        // A client that got its answer hangs up, whether or not its body was all sent.
        req.destroy();
      });
    });
    // A reset after the reply is how a stalled client is let go; before it, the test fails.
    req.on('error', (error) => reject(error));
    if (options.stallAfter !== undefined) {
      req.write(bytes.subarray(0, options.stallAfter));
      return;
    }
    if (!options.bytesPerSecond) {
      req.end(bytes);
      return;
    }
    const chunk = Math.max(1, Math.round(options.bytesPerSecond / 10));
    let sent = 0;
    const next = () => {
      if (req.destroyed) return;
      const end = Math.min(bytes.length, sent + chunk);
      req.write(bytes.subarray(sent, end));
      sent = end;
      if (sent < bytes.length) timer = setTimeout(next, 100);
      else req.end();
    };
    next();
  });
}

function applicantBody(padding = 0): string {
  return JSON.stringify(testApplicant(applicants++)) + ' '.repeat(padding);
}

function tally(replies: Reply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of replies) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describe('item 2: stalled bodies', () => {
  it('64 POSTs stalled after one byte from one address: another address registers at once; the stalled get 408 or 429', async (t) => {
    const stalled = Array.from({ length: 64 }, () => post('127.0.0.1', applicantBody(), { stallAfter: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const applicant = await post('127.0.0.2', applicantBody());
    assert.equal(applicant.status, 201);
    const replies = await Promise.all(stalled);
    const counts = tally(replies);
    assert.deepEqual(Object.keys(counts).sort(), ['408', '429'], JSON.stringify(counts));
    assert.ok(counts[408]! <= BODIES.perAddress, JSON.stringify(counts));
    for (const reply of replies) {
      assert.equal(reply.type, reply.status === 408 ? 'urn:ak1:problem:request-timeout' : 'urn:ak1:problem:rate-limited');
      if (reply.status === 408) assert.equal(reply.connection, 'close');
    }
    figure(t, 'item-2', 'applicant beside 64 stalled bodies from one address', `201 in ${Math.round(applicant.afterMs)} ms`);
    figure(t, 'item-2', 'stalled bodies from one address', `${counts[408]} × 408, ${counts[429]} × 429`);
  });

  it('64 POSTs stalled after one byte from 64 addresses hold no submission slot; each gets 408 after the grace period', async (t) => {
    const stalled = Array.from({ length: 64 }, (_, i) => post(`127.0.1.${i + 1}`, applicantBody(), { stallAfter: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const applicant = await post('127.0.0.2', applicantBody());
    assert.equal(applicant.status, 201);
    const replies = await Promise.all(stalled);
    assert.deepEqual(tally(replies), { 408: 64 });
    const slowest = Math.max(...replies.map((reply) => reply.afterMs));
    assert.ok(slowest < BODIES.graceMs + 5000, `the last stalled body was let go after ${slowest} ms`);
    figure(t, 'item-2', 'applicant beside 64 stalled bodies from 64 addresses', `201 in ${Math.round(applicant.afterMs)} ms`);
    figure(t, 'item-2', 'stalled bodies let go (grace 1 s)', `64 × 408, the last after ${Math.round(slowest)} ms`);
  });

  it('a body arriving slowly but above the minimum rate is registered, also after the grace period', async (t) => {
    const body = applicantBody(6000);
    const reply = await post('127.0.0.3', body, { bytesPerSecond: 2 * BODIES.minBytesPerSecond });
    assert.equal(reply.status, 201);
    assert.ok(reply.afterMs > BODIES.graceMs);
    figure(t, 'item-2', `${body.length} B at 4 kB/s (minimum 2 kB/s)`, `201 after ${Math.round(reply.afterMs)} ms`);
  });

  it('a body arriving below the minimum rate gets 408 request-timeout once the grace period is over', async (t) => {
    const reply = await post('127.0.0.4', applicantBody(6000), { bytesPerSecond: BODIES.minBytesPerSecond / 4 });
    assert.equal(reply.status, 408);
    assert.equal(reply.type, 'urn:ak1:problem:request-timeout');
    figure(t, 'item-2', 'a body at 512 B/s (minimum 2 kB/s)', `408 after ${Math.round(reply.afterMs)} ms`);
  });
});

describe('item 2: the client’s timeout grows with the body', () => {
  /** A JPEG made big with comment segments: the same 1×1 image, as a decoder sees it. */
  function bigJpeg(bytes: number): string {
    const jpeg = Buffer.from(TINY_JPEG_BASE64, 'base64');
    const segments: Buffer[] = [];
    for (let left = bytes; left > 0; left -= 65_533) {
      const size = Math.min(left, 65_533);
      segments.push(Buffer.from([0xff, 0xfe, (size + 2) >> 8, (size + 2) & 0xff]), Buffer.alloc(size, 0x20));
    }
    return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]).toString('base64');
  }

  /** A backend that answers after `delayMs`, unless the attempt is aborted first. */
  function slowBackend(delayMs: number) {
    return (_url: string, init: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        const timer = setTimeout(() => resolve(new Response('{}', { status: 503, headers: { 'retry-after': '1' } })), delayMs);
        init.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(init.signal!.reason);
        });
      });
  }

  it('a small body times out after timeoutMs; a 280 kB body, which the server lets take 35 s, does not', async () => {
    const client = createAk1Client({ endpoint: 'https://disnaker.example.go.id/api/ak1', fetch: slowBackend(400), timeoutMs: 100, retries: 0, today: TODAY });
    const small = await client.submit(fullApplication()).catch((error) => error);
    assert.ok(small instanceof Ak1TimeoutError, String(small));
    assert.equal(small.timeoutMs, 100);
    const application = { ...fullApplication(), photo: { mediaType: 'image/jpeg', dataBase64: bigJpeg(210 * 1024) } };
    const big = await client.submit(application).catch((error) => error);
    // The backend's 503 arrived: the attempt was still waiting at 400 ms.
    assert.equal(big.name, 'Ak1HttpError', String(big));
    assert.equal(big.status, 503);
  });
});
