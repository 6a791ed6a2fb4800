import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import { createAk1Client } from '../../src/client/index.js';
import { parseChallenge, solveProof } from '../../src/client/proof.js';
import { createAk1Handlers } from '../../src/mocks/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import { fullApplication, TODAY } from '../fixtures/application.js';

/*
 * The proof of work in the browser: the client solves the mocks' challenge (the reference server's, through
 * altcha-lib) with WebCrypto, and the page stays responsive meanwhile; without WebCrypto (plain http://)
 * the small SHA-256 finds the same number.
 */

const ENDPOINT = `${location.origin}/api/ak1`;
const worker = setupWorker();

describe('the proof of work in the browser', () => {
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'error' });
  });
  after(() => worker.stop());
  afterEach(() => worker.resetHandlers());

  it('is solved by the client by itself; a registration without it is refused', async () => {
    const store = createMemoryStore();
    worker.use(...createAk1Handlers({ endpoint: ENDPOINT, store, now: () => new Date(`${TODAY}T03:00:00Z`), proofOfWork: { maxNumber: 50_000 } }));
    const bare = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(fullApplication()),
    });
    expect(bare.status).to.equal(403);

    // The page keeps its turns while the client works: count the timer ticks that get through.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    const client = createAk1Client({ endpoint: ENDPOINT, today: TODAY, requiredDocuments: ['KTP'] });
    const registration = await client.submit(fullApplication());
    const ms = performance.now() - started;
    clearInterval(timer);
    expect(registration.registrationNumber).to.be.a('string');
    expect((await store.listRegistrations({ registrationDate: TODAY })).length).to.equal(1);
    console.log(`challenge (maxnumber 50,000), proof and registration: ${Math.round(ms)} ms, ${ticks} timer ticks meanwhile`);
    if (ms > 200) expect(ticks).to.be.greaterThan(0);
  });

  it('is solved without WebCrypto by the small SHA-256, to the same number', async () => {
    worker.use(...createAk1Handlers({ endpoint: ENDPOINT, proofOfWork: { maxNumber: 5_000 } }));
    const challenge = parseChallenge(await (await fetch(`${ENDPOINT}/challenge`)).json())!;
    const withWebCrypto = JSON.parse(atob((await solveProof(challenge))!));
    const subtle = Object.getOwnPropertyDescriptor(Crypto.prototype, 'subtle')!;
    Object.defineProperty(Crypto.prototype, 'subtle', { configurable: true, get: () => undefined });
    try {
      expect(globalThis.crypto.subtle).to.equal(undefined);
      const withoutIt = JSON.parse(atob((await solveProof(challenge))!));
      expect(withoutIt.number).to.equal(withWebCrypto.number);
    } finally {
      Object.defineProperty(Crypto.prototype, 'subtle', subtle);
    }
  });
});
