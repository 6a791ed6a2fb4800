import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import * as z from 'zod/mini';
import {
  ak1RegistrationSchema,
  REGISTRATION_STATUSES,
  type Ak1Registration,
  type Ak1RegistrationStatus,
} from '../../src/schema/index.js';
import {
  backoffDelay,
  createAk1Client,
  defaultRetryOptions,
  isOutcomeUnknown,
  isRefusedForGood,
  isRetryable,
  Ak1HttpError,
  Ak1NetworkError,
  Ak1ResponseError,
} from '../../src/client/index.js';
import { createAk1Handlers } from '../../src/mocks/index.js';
import * as sdk from '../../src/index.js';
import { fullApplication, TODAY } from '../fixtures/application.js';
import { exampleRegistration, problem } from '../fixtures/client-replies.js';

/*
 * The retry policy, one row per thing a registration can meet: every status and problem type, a reply the
 * schema refuses, no answer, a timeout, an abort, a local refusal. Each row goes through the real client
 * (its reading of replies and its retries, with a stub `fetch`), then through the policy's three questions.
 * "outbox" is what the form does with its outbox and Idempotency-Key: dropped only when refused for good.
 */

const ENDPOINT = 'https://disnaker.example.go.id/api/ak1';

type Reply = (() => Response) | 'network' | 'timeout' | 'abort' | 'local';

interface Row {
  what: string;
  reply: Reply;
  /** The error's class, or `registered`. */
  result: string;
  retried: boolean;
  /** Whether the caller knows if the backend registered the application. */
  known: boolean;
  outbox: 'kept' | 'dropped' | 'sent';
}

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const bare = (status: number) => () => problem(status, undefined);
const typed = (status: number, type: string) => () => problem(status, type);
const withStatus = (status: string) => () => json({ ...exampleRegistration(), status }, 201);
const later = (status: number, type?: string) => () => problem(status, type, { headers: { 'retry-after': '1' } });

// prettier-ignore
const ROWS: Row[] = [
  // what                                         reply                                            result                retried known  outbox
  { what: '201, status RECEIVED',                 reply: withStatus('RECEIVED'),                   result: 'registered',         retried: false, known: true,  outbox: 'sent' },
  { what: '200 replay, status VERIFIED',          reply: () => json({ ...exampleRegistration(), status: 'VERIFIED' }, 200),
                                                                                                   result: 'registered',         retried: false, known: true,  outbox: 'sent' },
  { what: '201, status SIGNED',                   reply: withStatus('SIGNED'),                     result: 'registered',         retried: false, known: true,  outbox: 'sent' },
  { what: '201, status REJECTED',                 reply: withStatus('REJECTED'),                   result: 'registered',         retried: false, known: true,  outbox: 'sent' },
  { what: '201, status EXPIRED',                  reply: withStatus('EXPIRED'),                    result: 'registered',         retried: false, known: true,  outbox: 'sent' },
  { what: '201, unknown status SOMETHING_NEW',    reply: withStatus('SOMETHING_NEW'),              result: 'registered',         retried: false, known: true,  outbox: 'sent' },
  { what: '201 the schema refuses (no number)',   reply: () => json({ ...exampleRegistration(), registrationNumber: undefined }, 201),
                                                                                                   result: 'Ak1ResponseError',   retried: false, known: false, outbox: 'kept' },
  { what: '200 garbled (not JSON)',               reply: () => new Response('{"registrationNumb\u0000', { status: 200, headers: { 'content-type': 'application/json' } }),
                                                                                                   result: 'Ak1ResponseError',   retried: false, known: false, outbox: 'kept' },
  { what: '200 as text/html',                     reply: () => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }),
                                                                                                   result: 'Ak1ResponseError',   retried: false, known: false, outbox: 'kept' },
  { what: '201 over 64 kB',                       reply: () => json({ ...exampleRegistration(), pad: 'x'.repeat(70_000) }, 201),
                                                                                                   result: 'Ak1ResponseError',   retried: false, known: false, outbox: 'kept' },
  { what: '202 (not in the contract)',            reply: () => json(exampleRegistration(), 202),   result: 'Ak1ResponseError',   retried: false, known: false, outbox: 'kept' },
  { what: '204 (not in the contract)',            reply: () => new Response(null, { status: 204 }), result: 'Ak1ResponseError',  retried: false, known: false, outbox: 'kept' },
  { what: '400 malformed-json',                   reply: typed(400, 'malformed-json'),             result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '400 idempotency-key-missing',          reply: typed(400, 'idempotency-key-missing'),    result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '400 without a problem',                reply: bare(400),                                result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '401',                                  reply: bare(401),                                result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '403',                                  reply: bare(403),                                result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '403 proof-required',                   reply: typed(403, 'proof-required'),             result: 'Ak1HttpError',       retried: true,  known: true,  outbox: 'kept'    },
  // The office's problems, should a registration ever meet them (a backend's mistake): refusals like any other 4xx.
  { what: '401 unauthenticated',                  reply: typed(401, 'unauthenticated'),            result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '401 invalid-credentials',              reply: typed(401, 'invalid-credentials'),        result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '401 second-factor-required',           reply: typed(401, 'second-factor-required'),     result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '403 password-change-required',         reply: typed(403, 'password-change-required'),   result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '403 forbidden',                        reply: typed(403, 'forbidden'),                  result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '409 version-conflict',                 reply: typed(409, 'version-conflict'),           result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '422 transition-not-allowed',           reply: typed(422, 'transition-not-allowed'),     result: 'Ak1ValidationError', retried: false, known: true,  outbox: 'dropped' },
  { what: '422 invalid-action',                   reply: typed(422, 'invalid-action'),             result: 'Ak1ValidationError', retried: false, known: true,  outbox: 'dropped' },
  { what: '422 password-not-allowed',             reply: typed(422, 'password-not-allowed'),       result: 'Ak1ValidationError', retried: false, known: true,  outbox: 'dropped' },
  // The applicant's return visit's own refusals, should a registration ever meet them.
  { what: '422 report-window-closed',             reply: typed(422, 'report-window-closed'),       result: 'Ak1ValidationError', retried: false, known: true,  outbox: 'dropped' },
  { what: '409 visit-unavailable',                reply: typed(409, 'visit-unavailable'),          result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '400 invalid-request',                  reply: typed(400, 'invalid-request'),            result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '400 invalid-body',                     reply: typed(400, 'invalid-body'),               result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '404 not-found',                        reply: typed(404, 'not-found'),                  result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '404 invalid-token',                    reply: typed(404, 'invalid-token'),              result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '405',                                  reply: bare(405),                                result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '408',                                  reply: bare(408),                                result: 'Ak1HttpError',       retried: true,  known: true,  outbox: 'kept' },
  { what: '408 request-timeout',                  reply: typed(408, 'request-timeout'),            result: 'Ak1HttpError',       retried: true,  known: true,  outbox: 'kept' },
  { what: '409 request-in-progress',              reply: later(409, 'request-in-progress'),        result: 'Ak1HttpError',       retried: true,  known: false, outbox: 'kept' },
  { what: '409 already-registered',               reply: typed(409, 'already-registered'),         result: 'Ak1ConflictError',   retried: false, known: true,  outbox: 'dropped' },
  { what: '409 without a problem',                reply: bare(409),                                result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '410',                                  reply: bare(410),                                result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '413 payload-too-large',                reply: typed(413, 'payload-too-large'),          result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '415 unsupported-media-type',           reply: typed(415, 'unsupported-media-type'),     result: 'Ak1HttpError',       retried: false, known: true,  outbox: 'dropped' },
  { what: '422 invalid-application',              reply: () => problem(422, 'invalid-application', { errors: [{ path: ['nik'], code: 'nik.format' }] }),
                                                                                                   result: 'Ak1ValidationError', retried: false, known: true,  outbox: 'dropped' },
  { what: '422 idempotency-key-reused',           reply: typed(422, 'idempotency-key-reused'),     result: 'Ak1ConflictError',   retried: false, known: true,  outbox: 'dropped' },
  { what: '422 without a problem',                reply: bare(422),                                result: 'Ak1ValidationError', retried: false, known: true,  outbox: 'dropped' },
  { what: '425',                                  reply: bare(425),                                result: 'Ak1HttpError',       retried: true,  known: true,  outbox: 'kept' },
  { what: '429 rate-limited',                     reply: later(429, 'rate-limited'),               result: 'Ak1HttpError',       retried: true,  known: true,  outbox: 'kept' },
  { what: '500 without a problem',                reply: bare(500),                                result: 'Ak1HttpError',       retried: true,  known: false, outbox: 'kept' },
  { what: '501',                                  reply: bare(501),                                result: 'Ak1HttpError',       retried: true,  known: false, outbox: 'kept' },
  { what: '502 (a proxy)',                        reply: () => new Response('<h1>Bad Gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } }),
                                                                                                   result: 'Ak1HttpError',       retried: true,  known: false, outbox: 'kept' },
  { what: '503 unavailable',                      reply: later(503, 'unavailable'),                result: 'Ak1HttpError',       retried: true,  known: false, outbox: 'kept' },
  { what: '504 (a proxy)',                        reply: bare(504),                                result: 'Ak1HttpError',       retried: true,  known: false, outbox: 'kept' },
  { what: 'network error (offline, CORS)',        reply: 'network',                                result: 'Ak1NetworkError',    retried: true,  known: false, outbox: 'kept' },
  { what: 'timeout',                              reply: 'timeout',                                result: 'Ak1TimeoutError',    retried: true,  known: false, outbox: 'kept' },
  { what: 'abort (the caller’s signal)',          reply: 'abort',                                  result: 'Ak1AbortError',      retried: false, known: false, outbox: 'kept' },
  { what: 'local validation (never sent)',        reply: 'local',                                  result: 'Ak1ValidationError', retried: false, known: true,  outbox: 'dropped' },
];

interface Outcome {
  attempts: number;
  keys: Set<string | null>;
  result: string;
  retried: boolean;
  known: boolean;
  outbox: Row['outbox'];
}

/** Runs a row through the client (two retries, no waiting), then asks the policy about its failure. */
async function run(row: Row): Promise<Outcome> {
  let attempts = 0;
  let challenges = 0;
  const keys = new Set<string | null>();
  const controller = new AbortController();
  const client = createAk1Client({
    endpoint: ENDPOINT,
    today: TODAY,
    requiredDocuments: ['KTP'],
    retries: 2,
    timeoutMs: row.reply === 'timeout' ? 20 : 5_000,
    sleep: async (_ms, signal) => {
      if (signal.aborted) throw signal.reason;
    },
    fetch: (url, init) => {
      // The client first asks whether a proof of work is required: this backend requires none. An attempt after
      // a `403 proof-required` begins by asking for a fresh challenge, and ends there when none is to be had.
      if (url.endsWith('/challenge')) {
        if (++challenges > 1) attempts++;
        return Promise.resolve(new Response(null, { status: 404 }));
      }
      attempts++;
      keys.add(new Headers(init.headers).get('idempotency-key'));
      const { reply } = row;
      if (reply === 'network') return Promise.reject(new TypeError('Failed to fetch'));
      if (reply === 'timeout' || reply === 'abort') {
        if (reply === 'abort') queueMicrotask(() => controller.abort());
        return new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
      }
      if (reply === 'local') throw new Error('a refused application must not be sent');
      return Promise.resolve(reply());
    },
  });
  const application = row.reply === 'local' ? { ...fullApplication(), nik: '123' } : fullApplication();
  try {
    const registration = await client.submit(application, { signal: controller.signal });
    z.parse(ak1RegistrationSchema, registration);
    return { attempts, keys, result: 'registered', retried: attempts > 1, known: true, outbox: 'sent' };
  } catch (error) {
    assert.ok(error instanceof Error);
    return {
      attempts,
      keys,
      result: error.name,
      retried: isRetryable(error),
      known: !isOutcomeUnknown(error),
      outbox: isRefusedForGood(error) ? 'dropped' : 'kept',
    };
  }
}

const printed: string[] = [];

describe('the retry policy, one row per status and error kind', () => {
  after(() => {
    // The table as the test has it, for the closing note and docs/backend.md.
    console.log(['', '| reply | result | retried | outcome known | outbox |', '|---|---|---|---|---|', ...printed].join('\n'));
  });

  for (const row of ROWS) {
    it(row.what, async () => {
      const outcome = await run(row);
      printed.push(
        `| ${row.what} | ${outcome.result} | ${outcome.retried ? 'yes' : 'no'} | ${outcome.known ? 'yes' : 'no'} | ${outcome.outbox} |`,
      );
      assert.deepEqual(
        { result: outcome.result, retried: outcome.retried, known: outcome.known, outbox: outcome.outbox },
        { result: row.result, retried: row.retried, known: row.known, outbox: row.outbox },
      );
      // What the policy says is what the client did: a retried failure took the first attempt and two retries.
      const expectedAttempts = row.reply === 'local' ? 0 : row.retried && row.result !== 'registered' ? 3 : 1;
      assert.equal(outcome.attempts, expectedAttempts);
      // Every attempt of one submission carries one key.
      if (outcome.attempts > 0) assert.equal(outcome.keys.size, 1);
    });
  }

  it('covers every problem type of the contract', () => {
    for (const type of sdk.AK1_PROBLEM_TYPES) {
      assert.ok(ROWS.some((row) => row.what.includes(` ${type}`)), `a row for ${type}`);
    }
  });

  it('never drops the outbox of an outcome that is unknown, nor of one that will be retried', () => {
    for (const row of ROWS) {
      if (!row.known || row.retried) assert.notEqual(row.outbox, 'dropped', row.what);
    }
  });
});

describe('the policy outside the client', () => {
  it('is one set of names, exported from the SDK entry', () => {
    assert.equal(sdk.isRetryable, isRetryable);
    assert.equal(sdk.isOutcomeUnknown, isOutcomeUnknown);
    assert.equal(sdk.isRefusedForGood, isRefusedForGood);
    assert.equal(sdk.backoffDelay, backoffDelay);
    assert.deepEqual(sdk.defaultRetryOptions, { retries: 5, retryBaseDelayMs: 500, retryMaxDelayMs: 8_000 });
    assert.ok(Object.isFrozen(defaultRetryOptions));
  });

  it('counts anything that is not an Ak1Error as unknown, never as refused for good', () => {
    for (const error of [new TypeError('x'), new Error('x'), 'a string', undefined]) {
      assert.equal(isRetryable(error), false);
      assert.equal(isOutcomeUnknown(error), true);
      assert.equal(isRefusedForGood(error), false);
    }
  });

  it('backs off with full jitter under a doubling ceiling, Retry-After as the floor', () => {
    const options = { ...defaultRetryOptions, random: () => 0.999_999 };
    const network = new Ak1NetworkError();
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, network, options)),
      [500, 1000, 2000, 4000, 8000, 8000],
    );
    assert.equal(backoffDelay(3, network, { ...options, random: () => 0 }), 0);
    const busy = new Ak1HttpError(503, { type: 'unavailable', retryAfterMs: 3_000 });
    assert.equal(backoffDelay(1, busy, { ...options, random: () => 0 }), 3_000);
    assert.equal(backoffDelay(5, busy, options), 8_000);
  });

  it('waits as backoffDelay says between the client’s attempts', async () => {
    const sleeps: number[] = [];
    const client = createAk1Client({
      endpoint: ENDPOINT,
      today: TODAY,
      requiredDocuments: ['KTP'],
      retries: 3,
      random: () => 0.5,
      sleep: async (ms) => void sleeps.push(ms),
      fetch: async () => problem(503, 'unavailable', { headers: { 'retry-after': '1' } }),
    });
    await assert.rejects(client.submit(fullApplication()), Ak1HttpError);
    assert.deepEqual(sleeps, [1000, 1000, 1000]);
    sleeps.length = 0;
    const noFloor = createAk1Client({
      endpoint: ENDPOINT,
      today: TODAY,
      requiredDocuments: ['KTP'],
      retries: 3,
      random: () => 0.5,
      sleep: async (ms) => void sleeps.push(ms),
      fetch: async () => problem(500, undefined),
    });
    await assert.rejects(noFloor.submit(fullApplication()), Ak1HttpError);
    assert.deepEqual(sleeps, [250, 500, 1000]);
  });
});

describe('an unknown outcome keeps the key (the mock backend registers, its reply arrives garbled)', () => {
  it('the next submit of the same application is a replay of that registration, not already-registered', async () => {
    const server = setupServer(
      ...createAk1Handlers({
        endpoint: ENDPOINT,
        now: () => new Date('2026-11-28T03:00:00Z'),
        faults: { sequence: ['garbled-reply', 'garbled-reply', 'pass'] },
      }),
    );
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const seen: Array<{ status: number; key: string | null }> = [];
      const client = createAk1Client({
        endpoint: ENDPOINT,
        today: TODAY,
        requiredDocuments: ['KTP'],
        sleep: async () => undefined,
        fetch: async (url, init) => {
          const response = await fetch(url, init);
          // The client's question whether a proof of work is required (404: none) is not a registration.
          if (url.endsWith('/challenge')) return response;
          seen.push({ status: response.status, key: new Headers(init.headers).get('idempotency-key') });
          return response;
        },
      });
      for (let press = 1; press <= 2; press++) {
        const error = await client.submit(fullApplication()).then(
          () => assert.fail('a garbled reply is not a registration'),
          (error: unknown) => error,
        );
        assert.ok(error instanceof Ak1ResponseError, `press ${press}`);
        assert.deepEqual([isRetryable(error), isOutcomeUnknown(error), isRefusedForGood(error)], [false, true, false]);
      }
      const registration = await client.submit(fullApplication());
      // 201 (registered, garbled), 200 (replayed, garbled), 200 (replayed): one registration, one key.
      assert.deepEqual(seen.map(({ status }) => status), [201, 200, 200]);
      assert.equal(new Set(seen.map(({ key }) => key)).size, 1);
      assert.match(registration.registrationNumber, /^\S+$/);
    } finally {
      server.close();
    }
  });
});

describe("a registration's status", () => {
  const reply = (status: unknown) => z.safeParse(ak1RegistrationSchema, { ...exampleRegistration(), status });

  it('accepts every known status and any other code, typed with the known ones', () => {
    for (const status of [...REGISTRATION_STATUSES, 'SOMETHING_NEW', 'NEEDS_CORRECTION', 'PLACED', 'CANCELLED', 'X']) {
      const result = reply(status);
      assert.ok(result.success, status);
      assert.equal(result.data.status, status);
    }
    // Compile-time: the known statuses stay in the type (autocompletion), and any string is assignable.
    const known: Ak1RegistrationStatus[] = [...REGISTRATION_STATUSES];
    const newer: Ak1Registration['status'] = 'SOMETHING_NEW';
    const stillKnown: Ak1Registration['status'] = 'RECEIVED';
    // @ts-expect-error a status this version does not know is not an Ak1RegistrationStatus
    const notKnown: Ak1RegistrationStatus = 'SOMETHING_NEW';
    assert.ok(known.length && newer && stillKnown && notKnown);
  });

  it('refuses what is not a code: empty, lower case, spaces, controls, over 64 characters, not a string', () => {
    for (const status of ['', 'received', 'SEDANG DIPROSES', 'RECEIVED\u202e', '1RECEIVED', `A${'B'.repeat(64)}`, 1, null, undefined]) {
      assert.equal(reply(status).success, false, JSON.stringify(status));
    }
  });
});
