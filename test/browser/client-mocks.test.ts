import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createAk1Client, Ak1ConflictError, Ak1HttpError, type Ak1ClientOptions } from '../../src/client/index.js';
import { createAk1Handlers, type Ak1MockOptions } from '../../src/mocks/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import { fullApplication, TODAY } from '../fixtures/application.js';

/* The client against the full mocks (`ak1-form/mocks`) under msw/browser, and the mocks' fault options. */

const ENDPOINT = `${location.origin}/api/ak1`;
const worker = setupWorker();
const now = () => new Date(`${TODAY}T03:00:00Z`);

function setUp(options: Partial<Ak1MockOptions> = {}, clientOptions: Partial<Ak1ClientOptions> = {}) {
  const store = createMemoryStore();
  worker.use(...createAk1Handlers({ endpoint: ENDPOINT, store, now, ...options }));
  const outcomes: string[] = [];
  const delays: number[] = [];
  const client = createAk1Client({
    endpoint: ENDPOINT,
    today: TODAY,
    requiredDocuments: ['KTP'],
    sleep: async (ms) => {
      delays.push(ms);
    },
    fetch: async (url, init) => {
      // The client's question whether a proof of work is required (the mocks: 404, none) is no outcome.
      if (url.endsWith('/challenge')) return fetch(url, init);
      try {
        const response = await fetch(url, init);
        outcomes.push(String(response.status));
        return response;
      } catch (error) {
        outcomes.push('no reply');
        throw error;
      }
    },
    ...clientOptions,
  });
  return { client, store, outcomes, delays };
}

describe('createAk1Client with the mocks', () => {
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'error' });
  });
  after(() => worker.stop());
  afterEach(() => worker.resetHandlers());

  it('registers, replays, and refuses the same NIK under another key', async () => {
    const { client, outcomes } = setUp();
    const registration = await client.submit(fullApplication());
    expect(registration.status).to.equal('RECEIVED');
    expect(registration.registrationNumber).to.match(/^3604-\d{6}-281126$/);
    // The access code is in the 201 only: the server keeps its hash, so a replay cannot show it again.
    expect(registration.accessCode).to.match(/^[A-HJ-NP-Z2-9]{8}$/);
    const { accessCode: _code, ...withoutCode } = registration;
    const replayed = await client.submit(fullApplication());
    expect(replayed.accessCode).to.equal(undefined);
    expect(replayed).to.deep.equal(withoutCode);
    let conflict: unknown;
    try {
      await client.submit({ ...fullApplication(), email: 'lain@example.com' });
    } catch (error) {
      conflict = error;
    }
    expect(conflict).to.be.instanceOf(Ak1ConflictError);
    expect((conflict as Ak1ConflictError).type).to.equal('already-registered');
    expect(outcomes).to.deep.equal(['201', '200', '409']);
  });

  it('serves the return visit: a lookup with the access code, the same 404 for a wrong one, a cancel', async () => {
    const { client, outcomes } = setUp();
    const registration = await client.submit(fullApplication());
    const { nik } = fullApplication();
    let mismatch: unknown;
    try {
      await client.lookup({ registrationNumber: registration.registrationNumber, nik, accessCode: 'ZZZZZZZZ' });
    } catch (error) {
      mismatch = error;
    }
    expect(mismatch).to.be.instanceOf(Ak1HttpError);
    expect((mismatch as Ak1HttpError).status).to.equal(404);
    expect((mismatch as Ak1HttpError).type).to.equal('not-found');
    const seen = await client.lookup({ registrationNumber: registration.registrationNumber, nik, accessCode: registration.accessCode! });
    expect(seen.registration.status).to.equal('RECEIVED');
    expect(client.lookupExpiresAt).to.equal(seen.expiresAt);
    const cancelled = await client.cancel();
    expect(cancelled.registration.status).to.equal('CANCELLED');
    expect(outcomes).to.deep.equal(['201', '404', '200', '200']);
  });

  it('follows a scripted sequence of statuses, with their Retry-After', async () => {
    const { client, outcomes, delays } = setUp({ faults: { sequence: [503, 429, 409, 'pass'], retryAfterSeconds: 2 } }, { random: () => 0 });
    await client.submit(fullApplication());
    expect(outcomes).to.deep.equal(['503', '429', '409', '201']);
    expect(delays).to.deep.equal([2000, 2000, 2000]);
  });

  it('answers a retry after a reply lost after commit with the same registration', async () => {
    const { client, store, outcomes } = setUp({ faults: { sequence: ['lost-reply'] } });
    const registration = await client.submit(fullApplication());
    expect(outcomes).to.deep.equal(['no reply', '200']);
    const stored = await store.listRegistrations({ registrationDate: TODAY });
    expect(stored.map((r) => r.registrationNumber)).to.deep.equal([registration.registrationNumber]);
  });

  it('injects the same faults for the same seed', async () => {
    const run = async () => {
      const { client, outcomes } = setUp({ seed: 42, faults: { failureRate: 0.5, kinds: ['server-error', 'network', 'rate-limited'] } }, { retries: 20 });
      for (let i = 1; i <= 5; i++) {
        const application = fullApplication();
        application.nik = `${application.nik.slice(0, 12)}${String(i).padStart(4, '0')}`;
        await client.submit(application);
      }
      worker.resetHandlers();
      return outcomes;
    };
    const first = await run();
    expect(first.filter((o) => o !== '201').length).to.be.greaterThan(0);
    expect(await run()).to.deep.equal(first);
  });

  it('adds latency', async () => {
    const { client } = setUp({ faults: { latencyMs: 300 } });
    const started = performance.now();
    await client.availability('2026-11-30', '2026-12-04');
    expect(performance.now() - started).to.be.at.least(290);
  });

  it('gives availability, and verifies a token it issued but not a changed one', async () => {
    const { client } = setUp();
    const { days } = await client.availability('2026-11-29', '2026-12-05');
    expect(days.map((d) => d.date)).to.deep.equal(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']);
    expect(days[0]!.open, 'a Sunday').to.equal(false);
    const { verification } = await client.submit(fullApplication());
    expect(await client.verify(verification.token)).to.include({ valid: true, status: 'RECEIVED' });
    const [header, payload, signature] = verification.token.split('.');
    const changed = `${header}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    expect(await client.verify(changed)).to.deep.equal({ valid: false });
  });

  it('exhausts the retries on a backend that stays down', async () => {
    const { client, outcomes } = setUp({ faults: { failureRate: 1, kinds: ['unavailable'] } }, { retries: 3 });
    let error: unknown;
    try {
      await client.submit(fullApplication());
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(Ak1HttpError);
    expect((error as Ak1HttpError).type).to.equal('unavailable');
    expect(outcomes).to.deep.equal(['503', '503', '503', '503']);
  });
});
