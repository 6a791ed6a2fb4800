/*
 * Load: 200 applicants at once, each from its own address (loopback has a whole /8), submit registrations
 * with a photo and a KTP scan for 60 s against `npm start`'s server (demo/start.mjs: the demo districts, SQLite,
 * its default limits) with the proof of work off (`AK1_PROOF_OF_WORK=off`: the load is the server's, not the
 * hashing a phone does before it sends; the proof's own cost on the server is a signature check). Each applicant behaves as the SDK
 * client does: retries with the same key after a network failure, and after 429 or 503 once Retry-After has
 * passed (waiting no longer than the run has left). Afterwards: no reply but the deliberate ones (429 and 503,
 * each with Retry-After), every registration a client was given is stored once with its number, no NIK twice,
 * and the server's heap after a full collection at the end within 20 % of the one after warm-up.
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { KTP, PHOTO, startDemo, type Demo } from '../e2e/helpers.js';
import { testApplicant } from '../node/helpers/applicants.js';
import { figure, megabytes } from './figures.js';

const APPLICANTS = Number(process.env.AK1_LOAD_APPLICANTS ?? 200);
const SECONDS = Number(process.env.AK1_LOAD_SECONDS ?? 60);
const WARM_UP_SECONDS = Math.min(10, SECONDS / 4);
const PROBE = fileURLToPath(new URL('./heap-probe.mjs', import.meta.url));

interface Reply {
  status: number;
  retryAfter?: string;
  body: string;
}

function post(url: string, agent: Agent, body: Buffer, key: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'idempotency-key': key, 'content-length': String(body.length) },
    });
    req.setTimeout(60_000, () => req.destroy(new Error('no reply within 60 s')));
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Heap used after a full collection, and RSS, from the heap probe in the server process. */
function heapOf(server: Demo): Promise<{ heapUsedBytes: number; rssBytes: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the heap probe did not answer')), 30_000);
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk;
      const line = buffered.split('\n').find((l) => l.includes('"heapUsedBytes"'));
      if (!line) return;
      clearTimeout(timer);
      server.process.stdout!.off('data', onData);
      resolve(JSON.parse(line));
    };
    server.process.stdout!.on('data', onData);
    server.process.kill('SIGUSR2');
  });
}

describe('load', () => {
  it(`${APPLICANTS} applicants with photos for ${SECONDS} s: only deliberate refusals, nothing lost or duplicated, memory flat`, { timeout: 600_000 }, async (t) => {
    // npm start as a district runs it, its default limits on; NODE_OPTIONS preloads the heap probe.
    const server = await startDemo({ NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${PROBE}`.trim(), AK1_PROOF_OF_WORK: 'off' });
    const database = join(server.dataDir, 'ak1.sqlite');
    // 127.0.0.1, not localhost: each lane connects from its own IPv4 loopback address.
    const url = `${server.url.replace("localhost", "127.0.0.1")}/api/ak1`;
    const statuses = new Map<string, number>();
    const errors: string[] = [];
    /** NIK → the registration number the server gave that applicant's client. */
    const given = new Map<string, string>();
    let refused = 0;
    let bytesSent = 0;
    let latencies: number[] = [];
    const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    let serial = 0;

    async function applicant(lane: number): Promise<void> {
      const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.${1 + (lane >> 8)}.${1 + (lane & 255)}` });
      try {
        while (performance.now() < deadline) {
          const application = testApplicant(1_000_000 + serial++, {
            photo: { mediaType: 'image/jpeg', dataBase64: PHOTO.buffer.toString('base64') },
            documents: [{ kind: 'KTP', mediaType: 'image/jpeg', dataBase64: KTP.buffer.toString('base64') }],
          });
          const body = Buffer.from(JSON.stringify(application));
          const key = crypto.randomUUID();
          // One logical submission: the same key until the server says what became of it.
          for (let attempt = 0; ; attempt++) {
            const sent = performance.now();
            let reply: Reply;
            try {
              bytesSent += body.length;
              reply = await post(url, agent, body, key);
            } catch (error) {
              count('network error');
              errors.push(`${application.nik}: ${(error as Error).message}`);
              if (attempt > 5) break;
              continue;
            }
            latencies.push(performance.now() - sent);
            const deliberate = (reply.status === 429 || reply.status === 503) && reply.retryAfter !== undefined;
            count(deliberate ? `${reply.status} with Retry-After` : String(reply.status));
            if (reply.status === 201 || reply.status === 200) {
              given.set(application.nik, (JSON.parse(reply.body) as { registrationNumber: string }).registrationNumber);
              break;
            }
            if (!deliberate) {
              errors.push(`${application.nik}: ${reply.status} ${reply.body.slice(0, 160)}`);
              break;
            }
            // Retry-After, as the client honours it; past the run's end this submission is refused, not lost.
            const waitMs = Number(reply.retryAfter) * 1000;
            if (!(performance.now() + waitMs < deadline)) {
              refused++;
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, waitMs));
          }
        }
      } finally {
        agent.destroy();
      }
    }

    let warm: { heapUsedBytes: number; rssBytes: number } | undefined;
    const warmUp = new Promise<void>((resolve) =>
      setTimeout(async () => {
        warm = await heapOf(server).catch(() => undefined);
        latencies = [];
        resolve();
      }, WARM_UP_SECONDS * 1000),
    );
    let end: { heapUsedBytes: number; rssBytes: number } | undefined;
    try {
      await Promise.all([warmUp, ...Array.from({ length: APPLICANTS }, (_, lane) => applicant(lane))]);
      const seconds = (performance.now() - started) / 1000;
      end = await heapOf(server);

      const db = new Database(database, { readonly: true, fileMustExist: true });
      const rows = db.prepare('SELECT nik, registration_number FROM ak1_registrations').all() as Array<{ nik: string; registration_number: string }>;
      const withSeat = (db.prepare('SELECT COUNT(*) AS n FROM ak1_registrations WHERE visit_date IS NOT NULL').get() as { n: number } | undefined)?.n;
      db.close();
      const stored = new Map<string, string[]>();
      for (const row of rows) stored.set(row.nik, [...(stored.get(row.nik) ?? []), row.registration_number]);
      const duplicated = [...stored.values()].filter((numbers) => numbers.length > 1).length;
      const lost = [...given].filter(([nik, number]) => stored.get(nik)?.[0] !== number).length;
      const unknown = rows.filter((row) => !given.has(row.nik)).length;
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) => `${Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0)} ms`;
      const requests = [...statuses.values()].reduce((sum, n) => sum + n, 0);

      figure(t, 'load', 'applicants at once, seconds, server', `${APPLICANTS}, ${Math.round(seconds)} s, npm start (demo/start.mjs: SQLite, default limits, proof of work off)`);
      figure(t, 'load', 'requests, per second, uploaded', `${requests.toLocaleString('en-US')}, ${Math.round(requests / seconds)}/s, ${megabytes(bytesSent)}`);
      figure(t, 'load', 'replies by status', [...statuses].sort().map(([s, n]) => `${s}: ${n}`).join(', '));
      figure(t, 'load', 'latency after warm-up p50 / p95 / p99', `${at(0.5)} / ${at(0.95)} / ${at(0.99)}`);
      figure(t, 'load', 'registered (with a visit seat), refused at the end', `${given.size} (${withSeat ?? '?'}), ${refused}`);
      figure(t, 'load', 'errors / lost / duplicated / stored but never answered', `${errors.length} / ${lost} / ${duplicated} / ${unknown}`);
      if (warm) {
        figure(
          t,
          'load',
          'server heap used after GC: warm-up → end',
          `${megabytes(warm.heapUsedBytes)} → ${megabytes(end.heapUsedBytes)} (${(((end.heapUsedBytes - warm.heapUsedBytes) / warm.heapUsedBytes) * 100).toFixed(1)} %)`,
        );
        figure(t, 'load', 'server RSS: warm-up → end', `${megabytes(warm.rssBytes)} → ${megabytes(end.rssBytes)}`);
      }

      assert.deepEqual(errors.slice(0, 20), [], `${errors.length} errors`);
      assert.equal(lost, 0, 'lost');
      assert.equal(duplicated, 0, 'duplicated');
      assert.equal(unknown, 0, 'stored registrations no client was told of');
      assert.ok(warm, 'the heap was measured after warm-up');
      assert.ok(end.heapUsedBytes <= warm.heapUsedBytes * 1.2, 'heap at the end within 20 % of after warm-up');
    } finally {
      await server.stop();
    }
  });
});
