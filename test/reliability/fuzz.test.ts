/*
 * Fuzz: whatever a client sends (method, URL, headers, body), the server answers with a 4xx problem+json or
 * the route's normal reply, never a 5xx, and keeps serving with bounded memory. Most runs call the Fetch-API
 * handler in-process (fast enough for 100,000); a smaller run sends raw bytes over real sockets to the server
 * process, where Node's own HTTP parser answers what is not HTTP at all.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { AK1_PROBLEM_PREFIX } from '../../src/schema/index.js';
import { createAk1Handler, createMemoryStore, ak1DemoDistrict, type Ak1Handler, type Ak1HandlerOptions } from '../../src/server/index.js';
import { TODAY } from '../fixtures/application.js';
import { testApplicant } from '../node/helpers/applicants.js';
import { startServer } from '../node/helpers/processes.js';
import { collectGarbage, figure, megabytes } from './figures.js';

const RUNS = Number(process.env.AK1_FUZZ_RUNS ?? 100_000);
const SOCKET_RUNS = Number(process.env.AK1_FUZZ_SOCKET_RUNS ?? 2_000);
const SEED = Number(process.env.AK1_FUZZ_SEED ?? Date.now() % 2 ** 31);
const ORIGIN = 'http://localhost:8080';
const EXPORT_TOKEN = 'fuzz-export-token-0123456789';

const temp = mkdtempSync(join(tmpdir(), 'ak1-fuzz-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const PATHS = [
  '/api/ak1', '/api/ak1/', '/api/ak1/availability', '/api/ak1/verify/', '/api/ak1/keys', '/api/ak1/export.csv',
  '/api/ak1/challenge', '/verify/', '/', '/api/', '/api/ak1//', '/api/ak1/%2e%2e/', '/api/ak1/verify/a.b.c',
];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'get', 'Post', 'PROPFIND', 'X'];
const HEADER_NAMES = [
  'content-type', 'idempotency-key', 'origin', 'authorization', 'access-control-request-method',
  'access-control-request-headers', 'x-forwarded-for', 'ak1-proof', 'accept', 'if-none-match', 'accept-encoding', 'range',
];
const HEADER_VALUES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'text/plain', 'multipart/form-data; boundary=x',
  'https://evil.example', ORIGIN, 'null', `Bearer ${EXPORT_TOKEN}`, 'Bearer x', 'POST', 'content-type, idempotency-key',
  '127.0.0.1, 10.0.0.1', 'eyJudW1iZXIiOjF9', '*/*', 'gzip, br', 'bytes=0-10',
];

/** Printable header text (what a Headers object accepts); other bytes are the socket run's business. */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });
const anyText = fc.string({ unit: 'binary', maxLength: 200 });

let applicantIndex = 0;
/** A valid application with one part replaced by something else: most are refused, some register. */
const mutatedApplication = fc
  // One in eight left valid: registering (signing, storing) costs far more than refusing, and says less.
  .tuple(fc.constantFrom(...Object.keys(testApplicant(0))), fc.oneof(fc.jsonValue({ maxDepth: 2 }), anyText, fc.constant(undefined)), fc.nat(7).map((n) => n === 0))
  .map(([key, value, keep]) => {
    const application = testApplicant(500_000 + applicantIndex++);
    if (!keep) application[key] = value;
    return JSON.stringify(application);
  });

const body = fc.oneof(
  { weight: 3, arbitrary: mutatedApplication },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value) ?? '') },
  { weight: 2, arbitrary: anyText },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const query = fc.array(
  fc.tuple(fc.constantFrom('from', 'to', 'date', 'registeredOn', 'delimiter', 'x', ''), fc.oneof(anyText, fc.constantFrom('2026-11-28', '2027-02-30', 'abc', '', '9999-12-31'))),
  { maxLength: 3 },
);

const clientAddress = fc.oneof(fc.ipV4(), fc.ipV6(), fc.constant(undefined));
const headers = fc.array(fc.tuple(fc.constantFrom(...HEADER_NAMES), fc.oneof(fc.constantFrom(...HEADER_VALUES), headerText)), { maxLength: 5 });

/** Anything at all: any method, path, query and headers. */
const anyRequest = fc.record({
  method: fc.oneof(fc.constantFrom(...METHODS), fc.stringMatching(/^[A-Za-z]{1,10}$/)),
  path: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PATHS) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...PATHS), fc.webSegment()).map(([p, s]) => p + s) },
    { weight: 1, arbitrary: fc.webPath() },
  ),
  query,
  headers,
  body,
  clientAddress,
});

/** A registration that gets past the content type and key checks, so its body is what is tried. */
const registration = fc.record({
  method: fc.constant('POST'),
  path: fc.constant('/api/ak1'),
  query: fc.constant([] as Array<[string, string]>),
  headers: fc
    .tuple(fc.oneof(fc.uuid(), headerText), headers)
    .map(([key, more]) => [['content-type', 'application/json'], ['idempotency-key', key], ...more] as Array<[string, string]>),
  body,
  clientAddress,
});

const fuzzRequest = fc.oneof(anyRequest, registration);
type FuzzRequest = typeof fuzzRequest extends fc.Arbitrary<infer T> ? T : never;

/** Builds the request; `undefined` when Fetch itself refuses it (a forbidden method, a body on GET). */
function toRequest(input: FuzzRequest): Request | undefined {
  try {
    const url = new URL(input.path, ORIGIN);
    for (const [name, value] of input.query) url.searchParams.append(name, value);
    const headers = new Headers();
    for (const [name, value] of input.headers) headers.append(name, value);
    const method = input.method;
    const withBody = input.body !== undefined && !/^(get|head)$/i.test(method);
    return new Request(url, { method, headers, ...(withBody ? { body: input.body as BodyInit } : {}) });
  } catch {
    return undefined;
  }
}

/**
 * What every reply must be: below 500; a 4xx is a problem of ours whose status matches, except on the human
 * verification page (`/verify/…` on the public site), whose "not a card of ours" is a page of its own.
 */
async function checkReply(request: Request, response: Response): Promise<number> {
  const status = response.status;
  const text = request.method === 'HEAD' ? '' : await response.text();
  assert.ok(status < 500, `${request.method} ${request.url} → ${status} ${text.slice(0, 200)}`);
  const page = new URL(request.url).pathname.startsWith('/verify/') && /^text\/html/.test(response.headers.get('content-type') ?? '');
  if (status >= 400 && !page) {
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/, `${request.method} ${request.url} → ${status}`);
    if (request.method !== 'HEAD') {
      const problem = JSON.parse(text) as { type: string; status: number };
      assert.ok(problem.type.startsWith(AK1_PROBLEM_PREFIX), problem.type);
      assert.equal(problem.status, status);
    }
  }
  return status;
}

function handlerFor(extra: Record<string, unknown>): Ak1Handler {
  const options: Ak1HandlerOptions = {
    store: createMemoryStore(),
    endpointPath: '/api/ak1',
    publicUrl: ORIGIN,
    district: ak1DemoDistrict,
    corsOrigins: [ORIGIN],
    exportToken: EXPORT_TOKEN,
    now: () => new Date(`${TODAY}T03:00:00Z`),
    ...extra,
  };
  return createAk1Handler(options);
}

describe('fuzz: the server’s request handling', () => {
  it(`answers ${RUNS.toLocaleString('en-US')} generated requests, in-process, with a 4xx problem or the route's reply`, { timeout: 600_000 }, async (t) => {
    // Limits off for most runs, so that bodies reach the routes rather than a 429; a tenth run with them on.
    const open = handlerFor({ limits: false });
    const limited = handlerFor({});
    const statuses = new Map<number, number>();
    let refusedByFetch = 0;
    let calls = 0;
    await collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const heapSamples: number[] = [];
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (input) => {
        const request = toRequest(input);
        if (!request) {
          refusedByFetch++;
          return;
        }
        const handler = ++calls % 10 === 0 ? limited : open;
        const status = await checkReply(request, await handler(request, input.clientAddress ? { clientAddress: input.clientAddress } : {}));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (calls % 20_000 === 0) {
          await collectGarbage();
          heapSamples.push(process.memoryUsage().heapUsed);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    const seconds = (performance.now() - started) / 1000;
    await collectGarbage();
    const heapAfter = process.memoryUsage().heapUsed;
    figure(t, 'fuzz', 'in-process runs (seed)', `${RUNS.toLocaleString('en-US')} (seed ${SEED}), ${Math.round(RUNS / seconds).toLocaleString('en-US')}/s`);
    figure(t, 'fuzz', 'refused by Fetch before the server', refusedByFetch);
    figure(t, 'fuzz', 'replies by status', [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', '));
    figure(t, 'fuzz', '5xx replies', [...statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0));
    figure(
      t,
      'fuzz',
      'heap after GC: before, every 20,000, after',
      `${megabytes(heapBefore)}; ${heapSamples.map(megabytes).join(', ')}; ${megabytes(heapAfter)}`,
    );
  });

  it(`answers ${SOCKET_RUNS.toLocaleString('en-US')} raw requests over sockets and keeps serving`, { timeout: 300_000 }, async (t) => {
    const server = await startServer({ database: join(temp, 'ak1.sqlite'), keyFile: join(temp, 'key.jwk'), exportToken: EXPORT_TOKEN });
    const { port } = new URL(server.url);
    const statuses = new Map<string, number>();
    // Mostly well-formed HTTP (so the handler is reached), sometimes bytes that are not HTTP at all.
    const often = <T,>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: usual }, { weight: 1, arbitrary: odd });
    const raw = fc.record({
      method: often(fc.constantFrom(...METHODS.slice(0, 7)), fc.oneof(fc.constantFrom('CONNECT', 'TRACE', 'TRACK', '', 'PROPFIND'), fc.string({ maxLength: 12 }))),
      target: often(
        fc.tuple(fc.constantFrom(...PATHS), fc.webSegment(), fc.webQueryParameters()).map(([p, s, q]) => `${p}${s}${q ? `?${q}` : ''}`),
        fc.oneof(fc.constantFrom('//[', 'http://[/', 'http://a%/', 'http://x:99999/', '*', ''), fc.webUrl(), fc.string({ unit: 'binary', maxLength: 60 })),
      ),
      version: often(fc.constant('HTTP/1.1'), fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/9', '')),
      headers: fc.array(
        fc.tuple(
          often(fc.constantFrom(...HEADER_NAMES), fc.oneof(fc.constantFrom('content-length', 'transfer-encoding', 'host', 'expect'), fc.string({ maxLength: 20 }))),
          often(fc.constantFrom(...HEADER_VALUES), fc.string({ unit: 'binary', maxLength: 60 })),
        ),
        { maxLength: 3 },
      ),
      body: fc.oneof(fc.constant(''), anyText, mutatedApplication),
    });
    let alive = 0;
    try {
      await fc.assert(
        fc.asyncProperty(raw, async (input) => {
          const head = [`${input.method} ${input.target} ${input.version}`, `host: 127.0.0.1:${port}`, ...input.headers.map(([n, v]) => `${n}: ${v}`), 'connection: close'];
          const bytes = Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(input.body, 'utf8')]);
          const reply = await exchange(Number(port), bytes);
          const status = /^HTTP\/1\.[01] (\d{3})/.exec(reply)?.[1] ?? (reply === '' ? 'closed without reply' : 'not HTTP');
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          assert.ok(!/^5/.test(status), `${JSON.stringify(head[0])} → ${reply.slice(0, 200)}`);
        }),
        { numRuns: SOCKET_RUNS, seed: SEED },
      );
      // Still serving: a plain lookup gets its normal reply.
      const keys = await fetch(`${server.url}/api/ak1/keys`);
      assert.equal(keys.status, 200);
      alive = 1;
    } finally {
      const { code, maxRssBytes } = await server.stop();
      figure(t, 'fuzz', 'socket runs', SOCKET_RUNS);
      figure(t, 'fuzz', 'socket replies by status', [...statuses].sort().map(([s, n]) => `${s}: ${n}`).join(', '));
      figure(t, 'fuzz', 'server process up at the end, exit code', `${alive ? 'yes' : 'no'}, ${code}`);
      if (maxRssBytes) figure(t, 'fuzz', 'server process peak RSS', megabytes(maxRssBytes));
    }
  });
});

/** Sends bytes on a new connection and resolves with everything that came back before it closed (or 5 s). */
function exchange(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let reply = '';
    const done = () => {
      socket.destroy();
      resolve(reply);
    };
    socket.setTimeout(5000, done);
    socket.on('data', (chunk) => (reply += chunk.toString('latin1')));
    socket.on('error', done);
    socket.on('close', done);
    socket.end(bytes);
  });
}
