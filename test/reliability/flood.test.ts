/*
 * Flood: one address sends 50 registrations a second for 20 s (each a new applicant under a new key, as a
 * seat hoarder would, with a made-up X-Forwarded-For that the server must not believe without `trustProxy`),
 * against the reference server process with the documented default `limits` (registrations 30 an hour per
 * address, 20 seats per address). It gets 429 with Retry-After once its bucket is empty, holds no more seats
 * than the cap, and meanwhile a second address registers with an appointment. A second run puts the server
 * behind a trusted proxy (`trustProxy`): the flooder is then told apart by X-Forwarded-For.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, type TestContext } from 'node:test';
import { KTP, PHOTO } from '../e2e/helpers.js';
import { testApplicant } from '../node/helpers/applicants.js';
import { startServer } from '../node/helpers/processes.js';
import { figure } from './figures.js';

const RATE = Number(process.env.AK1_FLOOD_RATE ?? 50);
const SECONDS = Number(process.env.AK1_FLOOD_SECONDS ?? 20);
/** design.md's default: a visit seat is a scarce public good, one address holds at most this many. */
const SEATS_PER_ADDRESS = 20;

const temp = mkdtempSync(join(tmpdir(), 'ak1-flood-'));
after(() => rmSync(temp, { recursive: true, force: true }));

interface Reply {
  status: number;
  retryAfter?: string;
  body: string;
}

function post(url: string, agent: Agent, application: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Reply> {
  const body = Buffer.from(JSON.stringify(application));
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), 'content-length': String(body.length), ...headers },
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

let serial = 0;
const photo = { mediaType: 'image/jpeg', dataBase64: PHOTO.buffer.toString('base64') };
const documents = [{ kind: 'KTP', mediaType: 'image/jpeg', dataBase64: KTP.buffer.toString('base64') }];
function applicant(): Record<string, unknown> {
  return testApplicant(2_000_000 + serial++, { photo, documents });
}

const hasAppointment = (reply: Reply) => reply.status === 201 && 'appointment' in (JSON.parse(reply.body) as object);

/**
 * Floods from `flooder` (an address, or a forwarded address through `proxy`) while `other` registers once
 * every 5 s; reports and checks the figures under `label`.
 */
async function flood(t: TestContext, label: string, setup: { trustProxy?: string[]; flooder: string; other: string; viaProxy?: boolean }) {
  const dir = mkdtempSync(join(temp, 'run-'));
  const server = await startServer({
    database: join(dir, 'ak1.sqlite'),
    keyFile: join(dir, 'key.jwk'),
    // The documented default limits (the test server turns them off unless asked).
    options: { limits: {}, ...(setup.trustProxy ? { trustProxy: setup.trustProxy } : {}) },
  });
  const url = `${server.url}/api/ak1`;
  const bind = (address: string) => new Agent({ keepAlive: true, maxSockets: 64, localAddress: setup.viaProxy ? '127.0.0.1' : address });
  const flooderAgent = bind(setup.flooder);
  const otherAgent = bind(setup.other);
  const forwardedFor = (address: string) => (setup.viaProxy ? { 'x-forwarded-for': `10.9.8.7, ${address}` } : { 'x-forwarded-for': `198.51.100.${serial % 250}` });
  const statuses = new Map<string, number>();
  const otherReplies: Reply[] = [];
  const errors: string[] = [];
  let seats = 0;
  let registered = 0;
  const started = performance.now();
  try {
    const sends: Array<Promise<void>> = [];
    const others: Array<Promise<void>> = [];
    const total = RATE * SECONDS;
    for (let i = 0; i < total; i++) {
      // Open loop: the flooder does not wait for replies, it keeps its rate.
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      sends.push(
        post(url, flooderAgent, applicant(), forwardedFor(setup.flooder)).then(
          (reply) => {
            const deliberate = (reply.status === 429 || reply.status === 503) && reply.retryAfter !== undefined;
            const key = deliberate ? `${reply.status} with Retry-After` : String(reply.status);
            statuses.set(key, (statuses.get(key) ?? 0) + 1);
            if (reply.status === 201) registered++;
            if (hasAppointment(reply)) seats++;
            if (!deliberate && reply.status !== 201) errors.push(`${reply.status} ${reply.body.slice(0, 120)}`);
          },
          (error: Error) => {
            errors.push(error.message);
          },
        ),
      );
      if (i % (RATE * 5) === RATE * 5 - 1) {
        others.push(post(url, otherAgent, applicant(), forwardedFor(setup.other)).then((reply) => void otherReplies.push(reply)));
      }
    }
    await Promise.all([...sends, ...others]);
    // And once the flood is over.
    otherReplies.push(await post(url, otherAgent, applicant(), forwardedFor(setup.other)));
  } finally {
    flooderAgent.destroy();
    otherAgent.destroy();
    await server.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const othersWithSeat = otherReplies.filter(hasAppointment).length;
  figure(t, 'flood', `${label}: sent, in`, `${RATE * SECONDS} registrations from ${setup.flooder}, ${seconds.toFixed(1)} s (${Math.round((RATE * SECONDS) / seconds)}/s)`);
  figure(t, 'flood', `${label}: flooder's replies`, [...statuses].sort().map(([s, n]) => `${s}: ${n}`).join(', '));
  figure(t, 'flood', `${label}: flooder registered, with a seat (cap)`, `${registered}, ${seats} (${SEATS_PER_ADDRESS})`);
  figure(t, 'flood', `${label}: ${setup.other} registered with an appointment`, `${othersWithSeat} of ${otherReplies.length} tries`);
  assert.deepEqual(errors.slice(0, 10), [], `${errors.length} replies that were neither 201 nor a deliberate refusal`);
  assert.ok((statuses.get('429 with Retry-After') ?? 0) > 0, 'the flooder got 429 with Retry-After');
  assert.ok(seats <= SEATS_PER_ADDRESS, `the flooder holds ${seats} seats`);
  assert.ok(otherReplies.every(hasAppointment), `the other address: ${otherReplies.map((r) => r.status).join(', ')}`);
}

describe('flood', () => {
  it(`one address at ${RATE} registrations/s for ${SECONDS} s gets 429s and no more seats than the cap; another still registers with an appointment`, { timeout: 300_000 }, async (t) => {
    await flood(t, 'direct', { flooder: '127.0.0.2', other: '127.0.0.3' });
  });

  it('behind a trusted proxy (trustProxy), the flooder is told apart by X-Forwarded-For', { timeout: 300_000 }, async (t) => {
    await flood(t, 'behind a proxy', { trustProxy: ['127.0.0.1'], flooder: '203.0.113.7', other: '203.0.113.8', viaProxy: true });
  });
});
