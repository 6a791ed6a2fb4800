import { expect } from '@open-wc/testing';
import { seededRandom } from '../../src/mocks/random.js';
import { setupWorker } from 'msw/browser';
import { createAk1Client, Ak1Error } from '../../src/client/index.js';
import type { Ak1Registration } from '../../src/schema/index.js';
import { createAk1Handlers, type Ak1MockFault } from '../../src/mocks/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import { fullApplication, TODAY } from '../fixtures/application.js';

/*
 * The SDK's promise under a bad network: 500 applicants submit through the full mocks (the reference
 * backend in memory) while 45 % of requests fail: 500, 503 and 429 with Retry-After, connection errors,
 * requests that never get an answer, and replies lost after the server committed. Whoever gives up after
 * the retries submits again later (the outbox's flush), and in the end every application is registered
 * exactly once.
 */

const ENDPOINT = `${location.origin}/api/ak1`;
const worker = setupWorker();


/** Applicant `i`: the example application with its own NIK serial and e-mail. */
function applicant(i: number) {
  const application = fullApplication();
  application.nik = `${application.nik.slice(0, 12)}${String(i).padStart(4, '0')}`;
  application.email = `pemohon${i}@example.com`;
  return application;
}

describe('createAk1Client: 500 submissions under 45 % injected faults', () => {
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'error' });
  });
  after(() => worker.stop());

  it('registers every application exactly once', async function () {
    this.timeout(180_000);
    const seed = Number(new URLSearchParams(location.search).get('seed') ?? Date.now() % 2 ** 31);
    console.log(`faults run: seed ${seed}`);
    const store = createMemoryStore();
    const kinds: Ak1MockFault[] = ['server-error', 'unavailable', 'rate-limited', 'network', 'lost-reply', 'hang'];
    worker.use(
      ...createAk1Handlers({
        endpoint: ENDPOINT,
        seed,
        store,
        now: () => new Date(`${TODAY}T03:00:00Z`),
        faults: { failureRate: 0.45, kinds },
      }),
    );

    const statuses = new Map<string, number>();
    const keysByNik = new Map<string, Set<string>>();
    let requests = 0;
    const client = createAk1Client({
      endpoint: ENDPOINT,
      today: TODAY,
      requiredDocuments: ['KTP'],
      timeoutMs: 150,
      retries: 5,
      random: seededRandom(seed ^ 0x5eed),
      // The backoff is the client's business, tested elsewhere; here it only costs time.
      sleep: async () => undefined,
      fetch: async (url, init) => {
        requests++;
        const nik = JSON.parse(String(init.body)).nik as string;
        const key = new Headers(init.headers).get('idempotency-key')!;
        keysByNik.set(nik, (keysByNik.get(nik) ?? new Set()).add(key));
        try {
          const response = await fetch(url, init);
          const outcome = String(response.status);
          statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
          return response;
        } catch (error) {
          statuses.set('no reply', (statuses.get('no reply') ?? 0) + 1);
          throw error;
        }
      },
    });

    const registrations = new Map<string, Ak1Registration>();
    let flushes = 0;
    const failures: string[] = [];
    const lanes = 4;
    const total = 500;
    let next = 1;
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next <= total) {
          const application = applicant(next++);
          // Up to 5 flushes after the client has spent its retries, as the form's outbox would.
          for (let round = 0; round <= 5; round++) {
            try {
              registrations.set(application.nik, await client.submit(application));
              break;
            } catch (error) {
              if (!(error instanceof Ak1Error) || error.name === 'Ak1ConflictError' || error.name === 'Ak1ValidationError') {
                failures.push(`${application.nik}: ${(error as Error).name} ${(error as Error).message}`);
                break;
              }
              flushes++;
            }
          }
        }
      }),
    );

    const stored = await store.listRegistrations({ registrationDate: TODAY });
    const summary = `seed ${seed}: ${requests} requests (${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')}), ${flushes} flushes`;
    console.log(summary);
    expect(failures, summary).to.deep.equal([]);
    expect(registrations.size, summary).to.equal(total);
    expect(stored, summary).to.have.length(total);
    const storedByNik = new Map(stored.map((registration) => [registration.application.nik, registration]));
    expect(storedByNik.size, 'one registration per NIK').to.equal(total);
    for (const [nik, registration] of registrations) {
      expect(storedByNik.get(nik)?.registrationNumber, nik).to.equal(registration.registrationNumber);
      expect(keysByNik.get(nik)?.size, `${nik} used one key`).to.equal(1);
    }
    // The faults really happened: lost replies were answered by replays, and some applicants needed a flush.
    expect(statuses.get('200') ?? 0, 'replays after lost replies').to.be.greaterThan(0);
    expect(statuses.get('no reply') ?? 0).to.be.greaterThan(0.1 * requests);
    expect(requests).to.be.greaterThan(total * 1.5);
  });
});
