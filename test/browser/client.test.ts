import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { delay, http, HttpResponse } from 'msw';
import {
  createAk1Client,
  newIdempotencyKey,
  Ak1AbortError,
  Ak1ConflictError,
  Ak1Error,
  Ak1HttpError,
  Ak1NetworkError,
  Ak1ResponseError,
  Ak1TimeoutError,
  Ak1ValidationError,
  type Ak1ClientOptions,
} from '../../src/client/index.js';
import { fullApplication, TODAY } from '../fixtures/application.js';
import { exampleRegistration, problem } from '../fixtures/client-replies.js';

const ENDPOINT = `${location.origin}/api/ak1`;
// A backend that requires no proof of work: the client asks once before its first registration.
const worker = setupWorker(http.get(`${ENDPOINT}/challenge`, () => new HttpResponse(null, { status: 404 })));

/** What the server saw: one entry per request. */
interface Seen {
  method: string;
  key: string | null;
  body: string;
}

/** A POST handler answering from a script, one reply per request (the last one repeats). */
function scripted(replies: Array<() => Response | Promise<Response>>, seen: Seen[] = []) {
  worker.use(
    http.post(ENDPOINT, async ({ request }) => {
      seen.push({ method: request.method, key: request.headers.get('idempotency-key'), body: await request.text() });
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)]!;
      return reply();
    }),
  );
  return seen;
}

/** A client that does not wait between attempts but records how long it would have. */
function fastClient(options: Partial<Ak1ClientOptions> = {}) {
  const sleeps: number[] = [];
  const client = createAk1Client({
    endpoint: ENDPOINT,
    today: TODAY,
    requiredDocuments: ['KTP'],
    timeoutMs: 2000,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (signal.aborted) throw signal.reason;
    },
    ...options,
  });
  return { client, sleeps };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, got a success');
}

const created = () => HttpResponse.json(exampleRegistration(), { status: 201 });

describe('createAk1Client: submit', () => {
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'error' });
  });
  after(() => worker.stop());
  afterEach(() => worker.resetHandlers());

  it('registers a valid application with an Idempotency-Key and its canonical JSON', async () => {
    const seen = scripted([created]);
    const { client } = fastClient();
    const registration = await client.submit(fullApplication());
    expect(registration).to.deep.equal(exampleRegistration());
    expect(seen).to.have.length(1);
    expect(seen[0]!.key).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(JSON.parse(seen[0]!.body)).to.deep.equal(fullApplication());
  });

  it('validates before sending: an invalid application makes no request', async () => {
    const seen = scripted([created]);
    const { client } = fastClient();
    const error = await rejection(client.submit({ ...fullApplication(), nik: '123' }));
    expect(error).to.be.instanceOf(Ak1ValidationError);
    expect((error as Ak1ValidationError).issues).to.deep.include({ path: ['nik'], code: 'nik.length' });
    expect((error as Ak1ValidationError).status).to.equal(undefined);
    expect(seen).to.have.length(0);
  });

  it('maps a 422 back to paths and message keys, distrusting codes and paths it does not know', async () => {
    const seen = scripted([
      () =>
        problem(422, 'invalid-application', {
          errors: [
            { path: ['education', 0, 'graduationYear'], code: 'education.graduationYear.beforeBirth' },
            { path: ['phone'], code: 'phone.format' },
            // A PHP backend's own code on a field we know: the field's generic key.
            { path: ['address', 'postalCode'], code: 'kodepos_salah' },
            // A known key on the wrong path is not believed either.
            { path: ['fullName'], code: 'nik.length' },
            // A path to nothing we know: the application's generic key, no path.
            { path: ['<script>', 3], code: 'x' },
            { path: ['workExperience', -1, 'endYear'], code: 'workExperience.endYear.beforeStart' },
          ],
        }),
    ]);
    const { client } = fastClient();
    const error = await rejection(client.submit(fullApplication()));
    expect(error).to.be.instanceOf(Ak1ValidationError);
    const validation = error as Ak1ValidationError;
    expect(validation.name).to.equal('Ak1ValidationError');
    expect(validation.status).to.equal(422);
    expect(validation.issues).to.deep.equal([
      { path: ['education', 0, 'graduationYear'], code: 'education.graduationYear.beforeBirth' },
      { path: ['phone'], code: 'phone.format' },
      { path: ['address', 'postalCode'], code: 'address.postalCode.format' },
      { path: ['fullName'], code: 'fullName.format' },
      { path: [], code: 'application.format' },
      { path: ['workExperience', 'endYear'], code: 'workExperience.endYear.beforeStart' },
    ]);
    expect(seen, 'a 422 is never retried').to.have.length(1);
  });

  it('honours Retry-After on a 429 as the floor of the backoff', async () => {
    const seen = scripted([() => problem(429, 'rate-limited', { headers: { 'retry-after': '7' } }), created]);
    const retries: number[] = [];
    const { client, sleeps } = fastClient({ random: () => 0, onRetry: ({ delayMs }) => retries.push(delayMs) });
    await client.submit(fullApplication());
    expect(sleeps).to.deep.equal([7000]);
    expect(retries).to.deep.equal([7000]);
    expect(seen.map((s) => s.key)).to.have.length(2);
    expect(seen[0]!.key).to.equal(seen[1]!.key);
  });

  it('waits for real for Retry-After (1 s) before the next attempt', async () => {
    const times: number[] = [];
    worker.use(
      http.post(ENDPOINT, () => {
        times.push(performance.now());
        return times.length === 1 ? problem(429, 'rate-limited', { headers: { 'retry-after': '1' } }) : created();
      }),
    );
    const client = createAk1Client({ endpoint: ENDPOINT, today: TODAY, random: () => 0 });
    await client.submit(fullApplication());
    expect(times).to.have.length(2);
    expect(times[1]! - times[0]!).to.be.at.least(990);
  });

  it('understands Retry-After as an HTTP date, and caps it at 60 s', async () => {
    const now = Date.parse('2026-11-28T02:00:00Z');
    const seen = scripted([
      () => problem(503, 'unavailable', { headers: { 'retry-after': new Date(now + 5000).toUTCString() } }),
      () => problem(503, 'unavailable', { headers: { 'retry-after': '86400' } }),
      created,
    ]);
    const { client, sleeps } = fastClient({ random: () => 0, now: () => now });
    await client.submit(fullApplication());
    expect(sleeps).to.deep.equal([5000, 60000]);
    expect(seen).to.have.length(3);
  });

  it('retries a 500 and gets its 201 with the same key and the same bytes', async () => {
    const seen = scripted([() => problem(500, undefined), created]);
    const { client, sleeps } = fastClient();
    const registration = await client.submit(fullApplication());
    expect(registration.registrationNumber).to.equal(exampleRegistration().registrationNumber);
    expect(seen).to.have.length(2);
    expect(seen[1]!.key).to.equal(seen[0]!.key);
    expect(seen[1]!.body).to.equal(seen[0]!.body);
    expect(sleeps).to.have.length(1);
  });

  it('backs off exponentially with full jitter, within the ceiling', async () => {
    scripted([() => problem(503, 'unavailable')]);
    const { client, sleeps } = fastClient({ random: () => 0.999, retries: 6, retryBaseDelayMs: 500, retryMaxDelayMs: 8000 });
    const error = await rejection(client.submit(fullApplication()));
    expect(error).to.be.instanceOf(Ak1HttpError);
    expect(sleeps).to.deep.equal([500, 999, 1998, 3996, 7992, 7992]);
    const low = fastClient({ random: () => 0 });
    scripted([() => problem(503, 'unavailable')]);
    await rejection(low.client.submit(fullApplication()));
    expect(low.sleeps).to.deep.equal([0, 0, 0, 0, 0]);
  });

  it('retries network errors, 408, 409 request-in-progress, 425, 429, 5xx and stops after the bounded attempts', async () => {
    for (const reply of [
      () => HttpResponse.error(),
      () => problem(408, undefined),
      () => problem(409, 'request-in-progress', { headers: { 'retry-after': '1' } }),
      () => problem(425, undefined),
      () => problem(429, 'rate-limited'),
      () => problem(502, undefined),
      () => problem(504, undefined),
    ]) {
      worker.resetHandlers();
      const seen = scripted([reply]);
      const { client } = fastClient({ retries: 3 });
      const error = await rejection(client.submit(fullApplication()));
      expect(seen, String(reply)).to.have.length(4);
      expect(error).to.be.instanceOf(Ak1Error);
      expect(new Set(seen.map((s) => s.key)).size).to.equal(1);
    }
  });

  it('never retries other 4xx', async () => {
    for (const status of [400, 401, 403, 404, 405, 410, 413, 415, 418, 451]) {
      worker.resetHandlers();
      const seen = scripted([() => problem(status, status === 413 ? 'payload-too-large' : undefined)]);
      const { client } = fastClient();
      const error = await rejection(client.submit(fullApplication()));
      expect(error, String(status)).to.be.instanceOf(Ak1HttpError);
      expect((error as Ak1HttpError).status).to.equal(status);
      expect(seen, String(status)).to.have.length(1);
    }
  });

  it('gives Ak1ConflictError for already-registered and idempotency-key-reused, without retrying', async () => {
    for (const [status, type] of [
      [409, 'already-registered'],
      [422, 'idempotency-key-reused'],
    ] as const) {
      worker.resetHandlers();
      const seen = scripted([() => problem(status, type)]);
      const { client } = fastClient();
      const error = await rejection(client.submit(fullApplication()));
      expect(error).to.be.instanceOf(Ak1ConflictError);
      expect((error as Ak1ConflictError).type).to.equal(type);
      expect((error as Ak1ConflictError).name).to.equal('Ak1ConflictError');
      expect(seen).to.have.length(1);
    }
  });

  it('gives up on a hanging server with Ak1TimeoutError after the retries', async () => {
    const seen: number[] = [];
    worker.use(
      http.post(ENDPOINT, async () => {
        seen.push(performance.now());
        await delay('infinite');
        return created();
      }),
    );
    const { client, sleeps } = fastClient({ timeoutMs: 150, retries: 2 });
    const started = performance.now();
    const error = await rejection(client.submit(fullApplication()));
    expect(error).to.be.instanceOf(Ak1TimeoutError);
    expect((error as Ak1TimeoutError).timeoutMs).to.equal(150);
    expect(seen).to.have.length(3);
    expect(sleeps).to.have.length(2);
    expect(performance.now() - started).to.be.at.least(3 * 150 - 5);
  });

  it('times out a reply whose body never ends', async () => {
    worker.use(
      http.post(ENDPOINT, () => {
        const stream = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"registrationNumber":'));
          },
        });
        return new HttpResponse(stream, { status: 201, headers: { 'content-type': 'application/json' } });
      }),
    );
    const { client } = fastClient({ timeoutMs: 200, retries: 0 });
    expect(await rejection(client.submit(fullApplication()))).to.be.instanceOf(Ak1TimeoutError);
  });

  it('stops at once on abort: during the request, and during the backoff', async () => {
    const seen: number[] = [];
    worker.use(
      http.post(ENDPOINT, async () => {
        seen.push(1);
        await delay('infinite');
        return created();
      }),
    );
    const { client } = fastClient({ timeoutMs: 60_000 });
    const controller = new AbortController();
    const pending = client.submit(fullApplication(), { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    const error = await rejection(pending);
    expect(error).to.be.instanceOf(Ak1AbortError);
    expect((error as Ak1AbortError).name).to.equal('Ak1AbortError');
    expect(seen).to.have.length(1);

    worker.resetHandlers();
    const during = scripted([() => problem(503, 'unavailable')]);
    const slow = createAk1Client({ endpoint: ENDPOINT, today: TODAY, requiredDocuments: ['KTP'], retryBaseDelayMs: 10_000, random: () => 1 });
    const second = new AbortController();
    const waiting = slow.submit(fullApplication(), { signal: second.signal, onRetry: () => setTimeout(() => second.abort(), 10) });
    const started = performance.now();
    expect(await rejection(waiting)).to.be.instanceOf(Ak1AbortError);
    expect(performance.now() - started).to.be.below(2000);
    expect(during).to.have.length(1);

    const already = new AbortController();
    already.abort();
    expect(await rejection(client.submit(fullApplication(), { signal: already.signal }))).to.be.instanceOf(Ak1AbortError);
  });

  it('never takes a malformed 200 for a success', async () => {
    const { registrationNumber: _omitted, ...withoutNumber } = exampleRegistration();
    for (const reply of [
      () => HttpResponse.json(withoutNumber, { status: 200 }),
      () => HttpResponse.json({ ...exampleRegistration(), status: 'received' }, { status: 200 }),
      () => HttpResponse.text(JSON.stringify(exampleRegistration()), { status: 200, headers: { 'content-type': 'text/html' } }),
      () => new HttpResponse(null, { status: 200 }),
      () => HttpResponse.json(exampleRegistration(), { status: 202 }),
    ]) {
      worker.resetHandlers();
      const seen = scripted([reply]);
      const { client } = fastClient();
      const error = await rejection(client.submit(fullApplication()));
      expect(error).to.be.instanceOf(Ak1ResponseError);
      expect(seen, 'a malformed success is not retried').to.have.length(1);
    }
  });

  it('refuses a reply over 64 kB without reading it all', async () => {
    let pulled = 0;
    worker.use(
      http.post(ENDPOINT, () => {
        const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
        const stream = new ReadableStream({
          pull(controller) {
            pulled++;
            if (pulled > 1000) controller.close();
            else controller.enqueue(chunk);
          },
        });
        return new HttpResponse(stream, { status: 201, headers: { 'content-type': 'application/json' } });
      }),
    );
    const { client } = fastClient({ retries: 0 });
    const error = await rejection(client.submit(fullApplication()));
    expect(error).to.be.instanceOf(Ak1ResponseError);
    expect((error as Ak1ResponseError).problem).to.equal('too-large');
    expect(pulled).to.be.below(100);
  });

  it('sends two submits of the same application while the first is in flight as one request', async () => {
    const seen = scripted([
      async () => {
        await delay(100);
        return created();
      },
    ]);
    const { client } = fastClient();
    const typedDifferently = { ...fullApplication(), phone: '0812-3456-7890', nik: '3604 0552 0990 0003' };
    const [first, second, third] = await Promise.all([
      client.submit(fullApplication()),
      client.submit(fullApplication()),
      client.submit(typedDifferently),
    ]);
    expect(seen).to.have.length(1);
    expect(second).to.deep.equal(first);
    expect(third).to.deep.equal(first);
  });

  it('keeps the shared request going while one caller still waits, and aborts it when the last leaves', async () => {
    const seen = scripted([
      async () => {
        await delay(150);
        return created();
      },
    ]);
    const { client } = fastClient();
    const a = new AbortController();
    const b = new AbortController();
    const first = client.submit(fullApplication(), { signal: a.signal });
    const second = client.submit(fullApplication(), { signal: b.signal });
    a.abort();
    expect(await rejection(first)).to.be.instanceOf(Ak1AbortError);
    expect((await second).registrationNumber).to.equal(exampleRegistration().registrationNumber);
    expect(seen).to.have.length(1);
  });

  it('reuses the key for the same application after a failure and after a success, and a new one for another', async () => {
    const seen = scripted([() => HttpResponse.error(), () => HttpResponse.error(), created, created, created]);
    const { client } = fastClient({ retries: 1 });
    expect(await rejection(client.submit(fullApplication()))).to.be.instanceOf(Ak1NetworkError);
    await client.submit(fullApplication());
    await client.submit(fullApplication());
    await client.submit({ ...fullApplication(), email: 'lain@example.com' });
    expect(seen).to.have.length(5);
    const keys = seen.map((s) => s.key);
    expect(new Set(keys.slice(0, 4)).size).to.equal(1);
    expect(keys[4]).to.not.equal(keys[0]);
  });

  it('keeps the key of a submission whose outcome is unknown while many others succeed', async () => {
    const seen = scripted([() => HttpResponse.error(), () => HttpResponse.error(), created]);
    const { client } = fastClient({ retries: 1 });
    expect(await rejection(client.submit(fullApplication()))).to.be.instanceOf(Ak1NetworkError);
    worker.resetHandlers();
    const others = scripted([created]);
    for (let i = 0; i < 40; i++) await client.submit({ ...fullApplication(), email: `lain${i}@example.com` });
    expect(new Set(others.map((s) => s.key)).size).to.equal(40);
    worker.resetHandlers();
    const again = scripted([created]);
    await client.submit(fullApplication());
    expect(again[0]!.key).to.equal(seen[0]!.key);
  });

  it('uses the caller’s own key, and refuses a key the contract does not allow', async () => {
    const seen = scripted([created]);
    const { client } = fastClient();
    await client.submit(fullApplication(), { idempotencyKey: 'outbox-7f3a' });
    expect(seen[0]!.key).to.equal('outbox-7f3a');
    expect(await rejection(client.submit(fullApplication(), { idempotencyKey: 'with space' }))).to.be.instanceOf(TypeError);
    expect(await rejection(client.submit(fullApplication(), { idempotencyKey: 'x'.repeat(256) }))).to.be.instanceOf(TypeError);
  });

  it('makes v4 UUID keys from getRandomValues outside secure contexts', () => {
    const original = Object.getOwnPropertyDescriptor(Crypto.prototype, 'randomUUID')!;
    Object.defineProperty(Crypto.prototype, 'randomUUID', { value: undefined, configurable: true });
    try {
      const keys = Array.from({ length: 50 }, () => newIdempotencyKey());
      for (const key of keys) expect(key).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Set(keys).size).to.equal(50);
    } finally {
      Object.defineProperty(Crypto.prototype, 'randomUUID', original);
    }
  });

  it('sends the caller’s extra headers but keeps its own', async () => {
    let headers: Headers | undefined;
    worker.use(
      http.post(ENDPOINT, ({ request }) => {
        headers = request.headers;
        return created();
      }),
    );
    const { client } = fastClient({ headers: { 'x-district': '36.04', 'content-type': 'text/plain' } });
    await client.submit(fullApplication());
    expect(headers!.get('x-district')).to.equal('36.04');
    expect(headers!.get('content-type')).to.equal('application/json');
  });

  it('never logs, nor puts in an error, the NIK, the phone or the photo', async () => {
    const logged: unknown[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const originals = methods.map((method) => console[method]);
    methods.forEach((method) => {
      console[method] = (...args: unknown[]) => logged.push(...args);
    });
    const errors: unknown[] = [];
    try {
      for (const reply of [() => HttpResponse.error(), () => problem(422, 'invalid-application', { errors: [{ path: ['nik'], code: 'nik.format' }] }), () => HttpResponse.json({ nik: fullApplication().nik })]) {
        worker.resetHandlers();
        scripted([reply]);
        const { client } = fastClient({ retries: 1 });
        errors.push(await rejection(client.submit(fullApplication())));
      }
      errors.push(await rejection(fastClient().client.submit({ ...fullApplication(), fullName: 'x'.repeat(500) })));
    } finally {
      methods.forEach((method, i) => (console[method] = originals[i]!));
    }
    const app = fullApplication();
    const secrets = [app.nik, app.phone, '81234567890', app.photo.dataBase64.slice(0, 24)];
    const text = [...logged, ...errors.map((e) => `${(e as Error).name} ${(e as Error).message} ${(e as Error).stack}`)].map(String).join('\n');
    for (const secret of secrets) expect(text).to.not.include(secret);
    expect(logged).to.have.length(0);
  });
});

describe('createAk1Client: availability and verify', () => {
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'error' });
  });
  after(() => worker.stop());
  afterEach(() => worker.resetHandlers());

  const availability = {
    days: [{ date: '2026-12-01', open: true, remaining: 37, windows: [{ start: '08:00', end: '09:00', remaining: 5 }] }],
  };

  it('asks for availability between two dates and parses the reply', async () => {
    let asked: URL | undefined;
    worker.use(
      http.get(`${ENDPOINT}/availability`, ({ request }) => {
        asked = new URL(request.url);
        return HttpResponse.json({ ...availability, extra: 'dropped' });
      }),
    );
    const { client } = fastClient();
    expect(await client.availability('2026-12-01', '2026-12-31')).to.deep.equal(availability);
    expect(asked!.searchParams.get('from')).to.equal('2026-12-01');
    expect(asked!.searchParams.get('to')).to.equal('2026-12-31');
  });

  it('refuses bad dates before asking, and a malformed availability reply', async () => {
    const { client } = fastClient();
    for (const [from, to] of [
      ['2026-12-31', '2026-12-01'],
      ['2026-02-30', '2026-03-01'],
      ['1/12/2026', '2026-12-31'],
      ['2026-01-01', '2027-06-01'],
    ]) {
      expect(await rejection(client.availability(from!, to!))).to.be.instanceOf(RangeError);
    }
    worker.use(http.get(`${ENDPOINT}/availability`, () => HttpResponse.json({ days: [{ date: '2026-12-01', open: 'yes' }] })));
    expect(await rejection(client.availability('2026-12-01', '2026-12-02'))).to.be.instanceOf(Ak1ResponseError);
  });

  it('retries availability on a 503 and gives Ak1HttpError when it persists', async () => {
    let count = 0;
    worker.use(
      http.get(`${ENDPOINT}/availability`, () => {
        count++;
        return problem(503, 'unavailable');
      }),
    );
    const { client } = fastClient({ retries: 2 });
    const error = await rejection(client.availability('2026-12-01', '2026-12-02'));
    expect(error).to.be.instanceOf(Ak1HttpError);
    expect((error as Ak1HttpError).type).to.equal('unavailable');
    expect(count).to.equal(3);
  });

  it('verifies a token, answers { valid: false } for a 404, and throws for a server failure', async () => {
    const token = exampleRegistration().verification.token;
    const verification = { valid: true, status: 'RECEIVED', initials: 'S. N.', registeredAt: '2026-11-28T09:00:00+07:00', validUntil: '2028-11-28' };
    worker.use(
      http.get(`${ENDPOINT}/verify/:token`, ({ params }) => {
        if (params.token === token) return HttpResponse.json(verification);
        if (params.token === 'a.b.c') return problem(500, undefined);
        return problem(404, 'invalid-token');
      }),
    );
    const { client } = fastClient({ retries: 1 });
    expect(await client.verify(token)).to.deep.equal(verification);
    expect(await client.verify(`${token.slice(0, -2)}xx`)).to.deep.equal({ valid: false });
    expect(await client.verify('not a token/../x')).to.deep.equal({ valid: false });
    expect(await rejection(client.verify('a.b.c'))).to.be.instanceOf(Ak1HttpError);
  });

  it('does not call a card invalid when the endpoint itself is wrong', async () => {
    worker.use(http.get(`${ENDPOINT}/verify/:token`, () => problem(404, 'not-found')));
    const { client } = fastClient();
    const error = await rejection(client.verify(exampleRegistration().verification.token));
    expect(error).to.be.instanceOf(Ak1HttpError);
    expect((error as Ak1HttpError).type).to.equal('not-found');
  });
});
