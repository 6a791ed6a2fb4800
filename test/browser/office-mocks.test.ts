import { expect } from '@open-wc/testing';
import { setupWorker } from 'msw/browser';
import {
  Ak1AuthError,
  Ak1ConflictError,
  Ak1HttpError,
  createAk1Client,
  createAk1OfficeClient,
  type Ak1OfficeClient,
  type Ak1OfficeClientOptions,
} from '../../src/client/index.js';
import { createAk1Handlers, type Ak1MockOfficer } from '../../src/mocks/index.js';
import { createMemoryStore } from '../../src/server/index.js';
import { base32Decode, totpCode, totpStep } from '../../src/server/office/totp.js';
import { fullApplication, TODAY } from '../fixtures/application.js';

/*
 * `createAk1OfficeClient` against the mocks' officers (`createAk1Handlers({ officers })`) under msw/browser in
 * chromium: what `<ak1-office>` and a district's own counter page run on. The passwords are hashed with WebCrypto.
 */

const ENDPOINT = `${location.origin}/api/ak1`;
const worker = setupWorker();
const now = () => new Date(`${TODAY}T03:00:00Z`);
const PASSWORD = 'kata-sandi-yang-panjang';
const ADMIN_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const OFFICERS: Ak1MockOfficer[] = [
  { username: 'siti', password: PASSWORD, name: 'Siti Aminah', nip: '196905121990032001', roles: ['pengantar-kerja'] },
  { username: 'budi', password: PASSWORD, name: 'Budi Santoso', roles: ['petugas'] },
  { username: 'admin', password: PASSWORD, name: 'Admin Dinas', roles: ['admin'], totpSecret: ADMIN_SECRET },
  { username: 'baru', password: PASSWORD, name: 'Petugas Baru', roles: ['petugas'], passwordChangeRequired: true },
];

async function setUp(options: Partial<Ak1OfficeClientOptions> = {}) {
  worker.use(...createAk1Handlers({ endpoint: ENDPOINT, store: createMemoryStore(), now, officers: OFFICERS }));
  const applicants = createAk1Client({ endpoint: ENDPOINT, today: TODAY, requiredDocuments: ['KTP'] });
  const registration = await applicants.submit(fullApplication());
  const office = (more: Partial<Ak1OfficeClientOptions> = {}) =>
    createAk1OfficeClient({ endpoint: ENDPOINT, sleep: async () => undefined, ...options, ...more });
  return { registration, office };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function loggedIn(office: Ak1OfficeClient, username: string) {
  await office.login({ username, password: PASSWORD });
  return office;
}

describe('createAk1OfficeClient with the mocks', () => {
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'error' });
  });
  after(() => worker.stop());
  afterEach(() => worker.resetHandlers());

  it("logs in, lists the day's queue, searches, opens the record with its photo and acts on it", async () => {
    const { registration, office } = await setUp();
    const budi = await loggedIn(office(), 'budi');
    expect(budi.officer?.name).to.equal('Budi Santoso');
    const queue = await budi.queue(registration.appointment!.date);
    expect(queue.map((line) => line.registrationNumber)).to.include(registration.registrationNumber);
    expect(queue[0]!.nikMasked).to.match(/^•{12}\d{4}$/);
    const found = await budi.search(fullApplication().nik);
    expect(found.map((line) => line.registrationNumber)).to.deep.equal([registration.registrationNumber]);
    const record = await budi.open(registration.registrationNumber);
    expect((record.application.photo as { mediaType: string }).mediaType).to.equal('image/jpeg');
    const checkedIn = await budi.act(registration.registrationNumber, { action: 'check-in', version: record.version });
    expect(checkedIn.registration.checkedInAt).to.be.a('string');
    const verified = await budi.act(registration.registrationNumber, { action: 'verify', version: checkedIn.version });
    expect(verified.registration.status).to.equal('VERIFIED');
  });

  it('a petugas may not sign (forbidden); a Pengantar Kerja signs with name and NIP', async () => {
    const { registration, office } = await setUp();
    const budi = await loggedIn(office(), 'budi');
    const { version } = await budi.open(registration.registrationNumber);
    const verified = await budi.act(registration.registrationNumber, { action: 'verify', version });
    const refused = await rejection(budi.act(registration.registrationNumber, { action: 'sign', version: verified.version }));
    expect(refused).to.be.instanceOf(Ak1AuthError);
    expect((refused as Ak1AuthError).type).to.equal('forbidden');
    const siti = await loggedIn(office(), 'siti');
    const signed = await siti.act(registration.registrationNumber, { action: 'sign', version: verified.version });
    expect(signed.registration.status).to.equal('SIGNED');
    expect(signed.registration.signedBy).to.include({ name: 'Siti Aminah', nip: '196905121990032001' });
    expect(signed.registration.issuedAt).to.equal(TODAY);
  });

  it('two officers on one record: the second gets version-conflict, opens it again and sees the change', async () => {
    const { registration, office } = await setUp();
    const budi = await loggedIn(office(), 'budi');
    const siti = await loggedIn(office(), 'siti');
    const seenByBoth = (await budi.open(registration.registrationNumber)).version;
    await budi.act(registration.registrationNumber, { action: 'request-correction', version: seenByBoth, reason: [{ code: 'photo' }] });
    const conflict = await rejection(siti.act(registration.registrationNumber, { action: 'verify', version: seenByBoth }));
    expect(conflict).to.be.instanceOf(Ak1ConflictError);
    expect((conflict as Ak1ConflictError).type).to.equal('version-conflict');
    const now = await siti.open(registration.registrationNumber);
    expect(now.version).to.equal((conflict as Ak1ConflictError).currentVersion);
    expect(now.registration.status).to.equal('NEEDS_CORRECTION');
    expect(now.history.some((entry) => entry.event === 'request-correction' && entry.actor.name === 'Budi Santoso')).to.equal(true);
  });

  it('wrong password, the second factor, the one-time password, then logout', async () => {
    const { office } = await setUp();
    const wrong = await rejection(office().login({ username: 'budi', password: 'bukan-sandinya' }));
    expect((wrong as Ak1AuthError).type).to.equal('invalid-credentials');
    const admin = office();
    const noCode = await rejection(admin.login({ username: 'admin', password: PASSWORD }));
    expect((noCode as Ak1AuthError).type).to.equal('second-factor-required');
    await admin.login({ username: 'admin', password: PASSWORD, code: await totpCode(base32Decode(ADMIN_SECRET)!, totpStep(now())) });
    const entries = await admin.audit({ from: `${TODAY}T00:00:00+07:00`, to: `${TODAY}T23:59:59+07:00` });
    expect(entries.some((entry) => entry.event === 'login' && entry.actor.name === 'Admin Dinas')).to.equal(true);

    const baru = office();
    expect((await baru.login({ username: 'baru', password: PASSWORD })).passwordChangeRequired).to.equal(true);
    const blocked = await rejection(baru.settings());
    expect((blocked as Ak1AuthError).type).to.equal('password-change-required');
    await baru.changePassword({ currentPassword: PASSWORD, newPassword: 'sandi-baru-yang-panjang' });
    expect((await baru.settings()).district.name).to.be.a('string');
    await baru.logout();
    expect(baru.token).to.equal(undefined);
    const ended = await rejection(baru.queue(TODAY));
    expect(ended).to.be.instanceOf(Ak1HttpError);
    expect((ended as Ak1AuthError).type).to.equal('unauthenticated');
  });

  it('an action whose reply is lost is sent again with the same key and taken once', async () => {
    const keys: string[] = [];
    let lost = false;
    const { registration, office } = await setUp({
      fetch: async (url, init) => {
        if (!url.endsWith('/actions')) return fetch(url, init);
        keys.push(new Headers(init.headers).get('idempotency-key')!);
        const response = await fetch(url, init);
        if (lost) return response;
        lost = true;
        throw new TypeError('Failed to fetch');
      },
    });
    const budi = await loggedIn(office(), 'budi');
    const { version } = await budi.open(registration.registrationNumber);
    const reply = await budi.act(registration.registrationNumber, { action: 'verify', version });
    expect(reply.registration.status).to.equal('VERIFIED');
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);
    const record = await budi.open(registration.registrationNumber);
    expect(record.history.filter((entry) => entry.event === 'verify')).to.have.length(1);
  });

  it('exports the CSV of the day behind the session', async () => {
    const { registration, office } = await setUp();
    const budi = await loggedIn(office(), 'budi');
    const csv = await budi.exportCsv({ registeredOn: TODAY });
    expect(csv).to.contain(registration.registrationNumber);
  });
});
