import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Ak1HttpError, backoffDelay, createAk1Client, createAk1OfficeClient, defaultRetryOptions } from '../../src/client/index.js';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../src/client/reply.js';

/*
 * `Retry-After` as the backend said it, for the caller to tell the person (a lookup locked for an hour says the hour,
 * not a minute), while the client's own retries still wait at most `MAX_RETRY_AFTER_MS` of it.
 */

const ENDPOINT = 'https://disnaker.example.go.id/api/ak1';
const HOUR_MS = 60 * 60 * 1000;

function problem(status: number, type: string, retryAfter: string): Response {
  return new Response(JSON.stringify({ type: `urn:ak1:problem:${type}`, title: type, status }), {
    status,
    headers: { 'content-type': 'application/problem+json', 'retry-after': retryAfter },
  });
}

describe('Retry-After', () => {
  it('is read whole: seconds and an HTTP date an hour ahead are an hour', () => {
    const now = Date.parse('2031-02-28T23:30:00Z');
    assert.equal(parseRetryAfter('3600', now), HOUR_MS);
    assert.equal(parseRetryAfter(new Date(now + HOUR_MS).toUTCString(), now), HOUR_MS);
    assert.equal(parseRetryAfter('45', now), 45_000);
    assert.equal(parseRetryAfter(new Date(now - 5_000).toUTCString(), now), 0, 'a date past is now');
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it("a lookup's 429 reports the hour the backend asked for, and is not retried", async () => {
    let calls = 0;
    const client = createAk1Client({
      endpoint: ENDPOINT,
      sleep: async () => undefined,
      fetch: async () => {
        calls++;
        return problem(429, 'rate-limited', '3600');
      },
    });
    const error = await client.lookup({ registrationNumber: 'AK1-3604-20261128-0001', nik: '3604055209900003', accessCode: 'ABCDEFGH' }).catch((e: unknown) => e);
    assert.ok(error instanceof Ak1HttpError);
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterMs, HOUR_MS);
    assert.equal(calls, 1);
  });

  it("the office's login lockout reports its 15 minutes", async () => {
    const office = createAk1OfficeClient({ endpoint: ENDPOINT, sleep: async () => undefined, fetch: async () => problem(429, 'rate-limited', '900') });
    const error = await office.login({ username: 'petugas', password: 'kata-sandi-panjang' }).catch((e: unknown) => e);
    assert.ok(error instanceof Ak1HttpError);
    assert.equal(error.retryAfterMs, 15 * 60_000);
  });

  it("the client's own retries wait at most a minute of it; the error still says the hour", async () => {
    const waits: number[] = [];
    const client = createAk1Client({
      endpoint: ENDPOINT,
      retries: 2,
      random: () => 0,
      sleep: async (ms) => void waits.push(ms),
      fetch: async () => problem(503, 'unavailable', '3600'),
    });
    const error = await client.availability('2031-03-03', '2031-03-04').catch((e: unknown) => e);
    assert.ok(error instanceof Ak1HttpError);
    assert.equal(error.status, 503);
    assert.equal(error.retryAfterMs, HOUR_MS);
    assert.deepEqual(waits, [MAX_RETRY_AFTER_MS, MAX_RETRY_AFTER_MS]);
    assert.equal(backoffDelay(1, error, { ...defaultRetryOptions, random: () => 0 }), MAX_RETRY_AFTER_MS);
  });
});
