import { after, before, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { parse } from 'yaml';
import * as z from 'zod/mini';
import {
  AK1_MESSAGE_KEYS,
  ak1AvailabilitySchema,
  ak1ProblemSchema,
  ak1RegistrationSchema,
  ak1VerificationSchema,
  ak1LoginReplySchema,
  ak1LoginRequestSchema,
  ak1OfficeActionRequestSchema,
  ak1OfficeSettingsSchema,
  ak1IpkReportSchema,
  ak1RegistrationListSchema,
  ak1SelfActionReplySchema,
  ak1SelfLookupReplySchema,
  ak1SelfLookupRequestSchema,
  ak1SelfReportRequestSchema,
  ak1SelfRescheduleRequestSchema,
  validateApplication,
} from '../../src/schema/index.js';
import { buildOpenApiDocument, openApiYaml } from '../../src/conformance/openapi.js';
import { ak1KeySetSchema, formatConformanceReport, runConformance, type ConformanceReport } from '../../src/conformance/index.js';
import { CONFORMANCE_CHECKS } from '../../src/conformance/checks.js';
import { createCheckContext } from '../../src/conformance/context.js';
import { createAk1Handlers } from '../../src/mocks/index.js';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore, toNodeListener } from '../../src/server/index.js';
import { addOfficer } from '../../src/server/office/accounts.js';
import { createWebCryptoHasher } from '../../src/server/office/passwords.js';

const ENDPOINT = 'https://disnaker.example.go.id/api/ak1';
const ALL_CHECKS = [
  'cors-preflight',
  'cors-foreign-origin',
  'register',
  'register-dates',
  'replay',
  'replay-normalised',
  'key-reused',
  'key-missing',
  'concurrent',
  'invalid-application',
  'malformed-json',
  'unsupported-media-type',
  'payload-too-large',
  'nik-rule',
  'challenge',
  'availability',
  'verify',
  'verify-tampered',
  'keys',
  'cors-replies',
  'self-lookup',
  'self-mismatch',
  'self-unauthenticated',
  'self-cancel',
];

const OFFICE_CHECK_IDS = [
  'office-login',
  'office-wrong-password',
  'office-queue',
  'office-record',
  'office-version-conflict',
  'office-idempotent-action',
  'office-ipk-report',
  'office-daily-report',
  'office-summary',
  'office-karirhub-csv',
  'office-opening-balance',
  'office-logout',
];
const OFFICER = { username: 'petugas.uji', password: 'kata-sandi-uji-kesesuaian' };
const MOCK_OFFICER = { ...OFFICER, name: 'Petugas Uji', roles: ['petugas' as const] };

const failedIds = (report: ConformanceReport) => report.checks.filter((c) => !c.passed).map((c) => c.id);

describe('docs/openapi.yaml', () => {
  const committed = readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8');

  it('is exactly what `npm run openapi` makes from the zod schemas', () => {
    assert.equal(openApiYaml(), committed, 'docs/openapi.yaml is out of date: run `npm run openapi`');
  });

  it('reads back as the document, with every $ref resolving', () => {
    const document = parse(committed) as Record<string, any>;
    assert.deepEqual(document, JSON.parse(JSON.stringify(buildOpenApiDocument())));
    assert.equal(document.openapi, '3.1.0');
    const refs = [...committed.matchAll(/\$ref: "?#\/([^"\n]+)"?/g)].map((m) => m[1]!);
    assert.ok(refs.length > 10);
    for (const ref of refs) {
      const target = ref.split('/').reduce<any>((node, part) => node?.[part], document);
      assert.ok(target, `unresolved $ref #/${ref}`);
    }
  });

  it('has examples that the schemas accept', () => {
    const document = parse(committed) as Record<string, any>;
    const post = document.paths['/api/ak1'].post;
    const application = post.requestBody.content['application/json'].example;
    const validated = validateApplication(application, { today: '2026-11-28', requiredDocuments: ['KTP'] });
    assert.ok(validated.ok, JSON.stringify(validated));
    assert.deepEqual(validated.value, application, 'the example is already normalised');
    for (const status of ['200', '201']) z.parse(ak1RegistrationSchema, post.responses[status].content['application/json'].example);
    const problems = Object.values(document.paths as Record<string, any>)
      .flatMap((path) => Object.values(path as Record<string, any>))
      .flatMap((operation) => Object.values(operation.responses as Record<string, any>))
      .flatMap((reply) => Object.values(reply.content?.['application/problem+json']?.examples ?? {}) as Array<{ value: unknown }>);
    assert.ok(problems.length >= 12);
    for (const { value } of problems) {
      const problem = z.parse(ak1ProblemSchema, value);
      assert.match(problem.type, /^urn:ak1:problem:[a-z-]+$/);
      for (const error of problem.errors ?? []) {
        // A message key for an application; the office's problems name the rule their request breaks.
        if (problem.type.endsWith(':invalid-application')) assert.ok((AK1_MESSAGE_KEYS as readonly string[]).includes(error.code), error.code);
        else assert.match(error.code, /^[a-z][a-zA-Z0-9.-]{0,80}$/);
      }
    }
    const get = (path: string) => document.paths[path].get.responses['200'].content['application/json'].example;
    z.parse(ak1AvailabilitySchema, get('/api/ak1/availability'));
    z.parse(ak1VerificationSchema, get('/api/ak1/verify/{token}'));
    z.parse(ak1KeySetSchema, get('/api/ak1/keys'));
  });

  it("has office examples that the office's schemas accept, and a bearer scheme on every office route but the login", () => {
    const document = parse(committed) as Record<string, any>;
    const example = (path: string, method: string, status = '200') => document.paths[path][method].responses[status].content['application/json'].example;
    z.parse(ak1LoginReplySchema, example('/api/ak1/office/login', 'post'));
    z.parse(ak1LoginRequestSchema, document.paths['/api/ak1/office/login'].post.requestBody.content['application/json'].example);
    z.parse(ak1RegistrationListSchema, example('/api/ak1/office/registrations', 'get'));
    z.parse(ak1RegistrationListSchema, example('/api/ak1/office/registrations/search', 'post'));
    z.parse(ak1OfficeSettingsSchema, example('/api/ak1/office/settings', 'get'));
    z.parse(ak1IpkReportSchema, example('/api/ak1/office/reports/ipk', 'get'));
    const action = document.paths['/api/ak1/office/registrations/{registrationNumber}/actions'].post;
    z.parse(ak1OfficeActionRequestSchema, action.requestBody.content['application/json'].example);
    assert.deepEqual(document.components.securitySchemes.officeSession, {
      type: 'http',
      scheme: 'bearer',
      description: document.components.securitySchemes.officeSession.description,
    });
    const officePaths = Object.keys(document.paths).filter((path) => path.startsWith('/api/ak1/office/'));
    assert.equal(officePaths.length, 15);
    for (const path of officePaths) {
      for (const [method, operation] of Object.entries(document.paths[path] as Record<string, any>)) {
        if (path.endsWith('/login')) assert.equal(operation.security, undefined);
        else assert.deepEqual(operation.security, [{ officeSession: [] }], `${method} ${path}`);
      }
    }
  });

  it("has the applicant's /self routes: examples the schemas accept, the access code in the 201 example only, a bearer token on every action", () => {
    const document = parse(committed) as Record<string, any>;
    const register = document.paths['/api/ak1'].post.responses;
    assert.match(z.parse(ak1RegistrationSchema, register['201'].content['application/json'].example).accessCode!, /^[A-HJ-NP-Z2-9]{8}$/);
    assert.equal(register['200'].content['application/json'].example.accessCode, undefined, 'a replay has none');
    const lookup = document.paths['/api/ak1/self/lookup'].post;
    z.parse(ak1SelfLookupRequestSchema, lookup.requestBody.content['application/json'].example);
    const seen = z.parse(ak1SelfLookupReplySchema, lookup.responses['200'].content['application/json'].example);
    assert.deepEqual((seen.application as { documents: unknown }).documents, [{ kind: 'KTP', mediaType: 'image/jpeg' }]);
    assert.ok(seen.history.every((entry) => Object.keys(entry.actor).join() === 'kind'), 'no officer named');
    assert.equal(lookup.security, undefined);
    const selfPaths = Object.keys(document.paths).filter((path) => path.startsWith('/api/ak1/self/'));
    assert.deepEqual(selfPaths.sort(), ['cancel', 'correction', 'lookup', 'report', 'reschedule'].map((name) => `/api/ak1/self/${name}`));
    for (const path of selfPaths.filter((path) => !path.endsWith('/lookup'))) {
      const operation = document.paths[path].post;
      assert.deepEqual(operation.security, [{ selfToken: [] }], path);
      assert.equal(operation.parameters[0].name, 'Idempotency-Key');
      assert.equal(operation.parameters[0].required, true);
      z.parse(ak1SelfActionReplySchema, operation.responses['200'].content['application/json'].example);
    }
    z.parse(ak1SelfRescheduleRequestSchema, document.paths['/api/ak1/self/reschedule'].post.requestBody.content['application/json'].example);
    z.parse(ak1SelfReportRequestSchema, document.paths['/api/ak1/self/report'].post.requestBody.content['application/json'].example);
    assert.equal(document.components.securitySchemes.selfToken.scheme, 'bearer');
  });

  it('describes the request with the input schema and replies with the output schema', () => {
    const { Ak1Application, Ak1Registration } = (buildOpenApiDocument().components as any).schemas;
    const schemas = Ak1Application;
    // Input: the NIK may be typed with spaces, so it is a described string, not a 16-digit pattern.
    assert.equal(schemas.properties.nik.type, 'string');
    assert.equal(schemas.properties.nik.pattern, undefined);
    assert.match(schemas.properties.nik.description, /spaces are ignored/);
    assert.equal(schemas.additionalProperties, false);
    assert.equal(schemas.properties.education.items.properties.graduationYear.minimum, 1900);
    assert.match(schemas.properties.fullName.description, /1 to 100 characters/);
    // Output: unknown keys are allowed in replies (clients drop them).
    assert.equal(Ak1Registration.additionalProperties, undefined);
    assert.equal(Ak1Registration.properties.validUntil.format, 'date');
  });
});

describe('conformance', () => {
  const server = setupServer();
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  after(() => server.close());

  /** The reference backend behind msw, with `wrap` standing in for a district's mistake. */
  function brokenBackend(wrap: (request: Request, handle: (request: Request) => Promise<Response>) => Promise<Response>) {
    const handler = createAk1Handler({
      store: createMemoryStore(),
      endpointPath: '/api/ak1',
      publicUrl: 'https://disnaker.example.go.id',
      district: ak1DemoDistrict,
      corsOrigins: [],
    });
    const answer = ({ request }: { request: Request }) => wrap(request, handler);
    server.use(http.all(ENDPOINT, answer), http.all(`${ENDPOINT}/*`, answer));
  }

  it('passes every check against the msw mocks', async () => {
    server.use(...createAk1Handlers({ endpoint: ENDPOINT }));
    const report = await runConformance({ endpoint: ENDPOINT });
    console.log(formatConformanceReport(report));
    assert.deepEqual(report.checks.map((c) => c.id), ALL_CHECKS);
    assert.deepEqual(failedIds(report), []);
    assert.equal(report.passed, true);
    // Every registration the run made is cancelled at the end, through /self/cancel with its access code (the one
    // that self-cancel cancelled itself is no longer active).
    assert.match(report.cleanup, /^cancelled (\d+) of the (\d+) test registration\(s\) through \/self\/cancel; 1 no longer active already$/, report.cleanup);
    const [, cancelled, made] = /^cancelled (\d+) of the (\d+)/.exec(report.cleanup)!.map(Number);
    assert.equal(cancelled, made! - 1);
    assert.ok(made! >= 6, report.cleanup);
    assert.match(formatConformanceReport(report), /\nTest registrations: cancelled /);
  });

  it('against a backend without /self routes: the self checks fail, and the cancelling at the end says so and stops', async () => {
    let selfRequests = 0;
    brokenBackend(async (request, handle) => {
      if (!new URL(request.url).pathname.includes('/self/')) return handle(request);
      selfRequests++;
      return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
    });
    const report = await runConformance({ endpoint: ENDPOINT });
    assert.deepEqual(failedIds(report), ['self-lookup', 'self-mismatch', 'self-unauthenticated', 'self-cancel']);
    assert.match(report.cleanup, /^the backend has no \/self routes \(POST \/self\/lookup: 404 text\/plain\): the \d+ test registration\(s\) of this run were left as they are$/);
    assert.equal(selfRequests, 5, 'one request per self check, and one lookup at the end');
  });

  it('passes every check against a backend that requires a proof of work, and fails "challenge" when it is not required', async () => {
    server.use(...createAk1Handlers({ endpoint: ENDPOINT, proofOfWork: { maxNumber: 2000 } }));
    const report = await runConformance({ endpoint: ENDPOINT });
    assert.deepEqual(failedIds(report), []);
    assert.match(report.checks.find((check) => check.id === 'challenge')!.detail, /403 proof-required/);

    // A challenge on offer that the registration does not ask for.
    brokenBackend(async (request, handle) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith('/challenge')) {
        return Response.json({ algorithm: 'SHA-256', challenge: 'a'.repeat(64), maxnumber: 10, salt: 's', signature: 'b'.repeat(64) });
      }
      return handle(request);
    });
    assert.deepEqual(failedIds(await runConformance({ endpoint: ENDPOINT })), ['challenge']);
  });

  it('with an officer, adds the office checks, which pass against the mocks with officers', async () => {
    server.use(...createAk1Handlers({ endpoint: ENDPOINT, officers: [MOCK_OFFICER] }));
    const report = await runConformance({ endpoint: ENDPOINT, officer: OFFICER });
    assert.deepEqual(report.checks.map((c) => c.id), [...ALL_CHECKS, ...OFFICE_CHECK_IDS]);
    assert.deepEqual(failedIds(report), []);
    assert.ok(!JSON.stringify(report).includes(OFFICER.password), 'the password is in no title or detail');
  });

  it('refuses an officer account that must still change its one-time password, and says so', async () => {
    server.use(...createAk1Handlers({ endpoint: ENDPOINT, officers: [{ ...MOCK_OFFICER, passwordChangeRequired: true }] }));
    const report = await runConformance({ endpoint: ENDPOINT, officer: OFFICER });
    assert.deepEqual(failedIds(report), OFFICE_CHECK_IDS.filter((id) => id !== 'office-wrong-password'));
    const login = report.checks.find((check) => check.id === 'office-login')!;
    assert.match(login.detail, /still has its one-time password/);
    assert.match(report.checks.find((check) => check.id === 'office-record')!.detail, /^not run/);
  });

  it('fails the office idempotency check against a backend that takes a retried action again', async () => {
    const store = createMemoryStore();
    const passwordHasher = createWebCryptoHasher({ iterations: 1000 });
    await addOfficer(store, passwordHasher, { ...MOCK_OFFICER, password: OFFICER.password });
    const handler = createAk1Handler({ store, endpointPath: '/api/ak1', publicUrl: 'https://disnaker.example.go.id', district: ak1DemoDistrict, corsOrigins: [], passwordHasher });
    // A backend that forgets the keys of actions: every request looks new.
    const answer = ({ request }: { request: Request }) => {
      if (request.method === 'POST' && request.url.endsWith('/actions')) request.headers.set('idempotency-key', crypto.randomUUID());
      return handler(request);
    };
    server.use(http.all(ENDPOINT, answer), http.all(`${ENDPOINT}/*`, answer));
    const report = await runConformance({ endpoint: ENDPOINT, officer: OFFICER });
    assert.deepEqual(failedIds(report), ['office-idempotent-action']);
  });

  it('fails the report checks against a backend whose Karirhub list has a ragged row, whose summary is not a count, that lets a petugas set the opening balance', async () => {
    const store = createMemoryStore();
    const passwordHasher = createWebCryptoHasher({ iterations: 1000 });
    await addOfficer(store, passwordHasher, { ...MOCK_OFFICER, password: OFFICER.password });
    const handler = createAk1Handler({ store, endpointPath: '/api/ak1', publicUrl: 'https://disnaker.example.go.id', district: ak1DemoDistrict, corsOrigins: [], passwordHasher });
    const broken = { csv: false, summary: false, balance: false };
    const answer = async ({ request }: { request: Request }) => {
      const path = new URL(request.url).pathname;
      if (broken.balance && request.method === 'POST' && path.endsWith('/office/reports/opening-balance')) return Response.json({});
      const reply = await handler(request);
      if (broken.csv && path.endsWith('/karirhub.csv') && reply.status === 200) {
        return new Response(`${await reply.text()}"one field only"\r\n`, { headers: reply.headers });
      }
      if (broken.summary && path.endsWith('/office/reports/summary') && reply.status === 200) return Response.json({ karirhubPending: 'many' });
      return reply;
    };
    server.use(http.all(ENDPOINT, answer), http.all(`${ENDPOINT}/*`, answer));
    assert.deepEqual(failedIds(await runConformance({ endpoint: ENDPOINT, officer: OFFICER })), [], 'the reference backend passes');
    broken.csv = true;
    const ragged = await runConformance({ endpoint: ENDPOINT, officer: OFFICER });
    assert.deepEqual(failedIds(ragged), ['office-karirhub-csv']);
    assert.match(ragged.checks.find((check) => check.id === 'office-karirhub-csv')!.detail, /row 2 has 1 fields/);
    broken.csv = false;
    broken.summary = true;
    assert.deepEqual(failedIds(await runConformance({ endpoint: ENDPOINT, officer: OFFICER })), ['office-summary', 'office-karirhub-csv']);
    broken.summary = false;
    broken.balance = true;
    assert.deepEqual(failedIds(await runConformance({ endpoint: ENDPOINT, officer: OFFICER })), ['office-opening-balance']);
  });

  it('passes again on a second run against the same backend (fresh test applicants)', async () => {
    server.use(...createAk1Handlers({ endpoint: ENDPOINT }));
    assert.deepEqual(failedIds(await runConformance({ endpoint: ENDPOINT })), []);
    assert.deepEqual(failedIds(await runConformance({ endpoint: ENDPOINT })), []);
  });

  it('fails the idempotency checks against a backend that ignores Idempotency-Key', async () => {
    brokenBackend((request, handle) => {
      if (request.method !== 'POST' || !request.headers.has('idempotency-key')) return handle(request);
      const headers = new Headers(request.headers);
      headers.set('idempotency-key', crypto.randomUUID());
      return handle(new Request(request, { headers }));
    });
    const report = await runConformance({ endpoint: ENDPOINT });
    assert.deepEqual(failedIds(report), ['replay', 'replay-normalised', 'key-reused', 'concurrent']);
    assert.match(report.checks.find((c) => c.id === 'replay')!.detail, /expected 200 with a registration, got 409 already-registered/);
    assert.equal(report.passed, false);
  });

  it('fails the CORS checks against a backend that sends no CORS headers', async () => {
    brokenBackend(async (request, handle) => {
      const response = await handle(request);
      const headers = new Headers(response.headers);
      for (const name of [...headers.keys()]) if (name.startsWith('access-control-')) headers.delete(name);
      return new Response(response.body, { status: response.status, headers });
    });
    const report = await runConformance({ endpoint: ENDPOINT });
    assert.deepEqual(failedIds(report), ['cors-preflight', 'cors-replies']);
    assert.match(report.checks.find((c) => c.id === 'cors-preflight')!.detail, /Access-Control-Allow-Origin is missing/);
  });

  it('fails the month rule and the problem checks against a backend that counts 730 days and answers problems as text/html', async () => {
    brokenBackend(async (request, handle) => {
      const response = await handle(request);
      const type = response.headers.get('content-type') ?? '';
      const headers = new Headers(response.headers);
      if (type.startsWith('application/problem+json')) {
        headers.set('content-type', 'text/html; charset=UTF-8');
        return new Response(response.body, { status: response.status, headers });
      }
      if (request.method === 'POST' && request.url === ENDPOINT && (response.status === 201 || response.status === 200)) {
        const registration = await response.json();
        const day = registration.registeredAt.slice(0, 10);
        registration.validUntil = new Date(Date.parse(day) + 730 * 86_400_000).toISOString().slice(0, 10);
        return new Response(JSON.stringify(registration), { status: response.status, headers });
      }
      return response;
    });
    const report = await runConformance({ endpoint: ENDPOINT });
    assert.deepEqual(failedIds(report), [
      'register-dates',
      'key-reused',
      'key-missing',
      'concurrent',
      'invalid-application',
      'malformed-json',
      'unsupported-media-type',
      'payload-too-large',
      'nik-rule',
      'verify-tampered',
      'self-mismatch',
      'self-unauthenticated',
    ]);
    assert.match(report.checks.find((c) => c.id === 'key-missing')!.detail, /Content-Type "text\/html; charset=UTF-8", expected application\/problem\+json/);
  });

  it('runs each check on its own, in any order: no check relies on another having run', async () => {
    server.use(...createAk1Handlers({ endpoint: ENDPOINT }));
    const options = { endpoint: ENDPOINT, origin: new URL(ENDPOINT).origin, timeZone: 'Asia/Jakarta', timeoutMs: 15_000, random: Math.random };
    for (const check of [...CONFORMANCE_CHECKS].reverse()) {
      const detail = await check.run(createCheckContext(options)).catch((error: Error) => `FAIL ${error.message}`);
      assert.doesNotMatch(detail, /^FAIL/, `${check.id} alone: ${detail}`);
    }
    assert.deepEqual(CONFORMANCE_CHECKS.map((c) => c.id), ALL_CHECKS);
  });

  it('dates its applications by the backend\'s day, not its own', async () => {
    // A backend whose clock says 28 November 2026 09:00 WIB, whatever this machine's says.
    server.use(...createAk1Handlers({ endpoint: ENDPOINT, now: () => new Date('2026-11-28T02:00:00Z') }));
    const report = await runConformance({ endpoint: ENDPOINT });
    assert.deepEqual(failedIds(report), []);
    assert.match(report.checks.find((c) => c.id === 'register-dates')!.detail, /^registered 2026-11-28;/);
    assert.match(report.checks.find((c) => c.id === 'availability')!.detail, /from 2026-11-29 to 2026-12-12/);
  });

  it('fails every check that needs a registration when registering fails, and says why', async () => {
    brokenBackend(async (request, handle) => (request.method === 'POST' ? new Response('<h1>Error</h1>', { status: 500, headers: { 'content-type': 'text/html' } }) : handle(request)));
    const report = await runConformance({ endpoint: ENDPOINT });
    assert.equal(report.checks.find((c) => c.id === 'register')!.detail, 'POST: expected 201 with a registration, got 500 text/html');
    assert.match(report.checks.find((c) => c.id === 'replay')!.detail, /^not run: it needs the registration/);
    assert.ok(failedIds(report).includes('verify'));
    assert.ok(report.checks.find((c) => c.id === 'availability')!.passed);
  });
});

describe('npx ak1-form conformance', () => {
  let httpServer: Server;
  let endpoint: string;
  let broken = false;

  before(async () => {
    const handler = createAk1Handler({
      store: createMemoryStore(),
      endpointPath: '/api/ak1',
      publicUrl: 'http://127.0.0.1',
      district: ak1DemoDistrict,
      corsOrigins: [],
    });
    const listener = toNodeListener(async (request) => {
      if (broken && request.method === 'POST') request.headers.delete('idempotency-key');
      return handler(request);
    });
    httpServer = createServer(listener as Parameters<typeof createServer>[1]);
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/api/ak1`;
  });
  after(() => new Promise<void>((resolve) => httpServer.close(() => resolve())));

  function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: new URL('../..', import.meta.url) });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('exits 0 and prints every check against a conforming backend', async () => {
    const { code, stdout } = await cli('conformance', endpoint);
    assert.equal(code, 0, stdout);
    assert.equal(stdout.match(/^PASS /gm)?.length, ALL_CHECKS.length);
    assert.match(stdout, /24 checks: 24 passed, 0 failed/);
    assert.match(stdout, /^Test registrations: cancelled \d+ of the \d+ test registration\(s\) through \/self\/cancel; 1 no longer active already$/m);
  });

  it('exits 1 and says why when a check fails', async () => {
    broken = true;
    try {
      const { code, stdout } = await cli('conformance', endpoint, '--json');
      assert.equal(code, 1);
      const report = JSON.parse(stdout) as ConformanceReport;
      assert.equal(report.passed, false);
      assert.ok(failedIds(report).includes('register'));
    } finally {
      broken = false;
    }
  });

  it('exits 2 on a usage error and 0 for --help', async () => {
    assert.equal((await cli('conformance')).code, 2);
    assert.equal((await cli('conformance', 'ftp://x')).code, 2);
    assert.equal((await cli('launch')).code, 2);
    const help = await cli('conformance', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: ak1-form conformance <endpoint>/);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const result = await cli(flag);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout.trim(), version);
    }
  });

  it('fails every check, cors-replies too, against a port where nothing listens', async () => {
    // A port that was free a moment ago: nothing answers there, so nothing can have been allowed.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { code, stdout } = await cli('conformance', `http://127.0.0.1:${port}/api/ak1`, '--json', '--timeout', '2000');
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as ConformanceReport;
    assert.deepEqual(report.checks.filter((check) => check.passed).map((check) => check.id), []);
    assert.match(report.checks.find((check) => check.id === 'cors-replies')!.detail, /no reply/);
  });
});
