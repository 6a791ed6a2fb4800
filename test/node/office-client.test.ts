import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Ak1AbortError,
  Ak1AuthError,
  Ak1ConflictError,
  Ak1HttpError,
  Ak1NetworkError,
  Ak1ResponseError,
  Ak1ValidationError,
  createAk1Client,
  createAk1OfficeClient,
  isRetryableCall,
  type Ak1LoginReply,
  type Ak1OfficeClient,
  type Ak1Registration,
} from '../../src/index.js';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore, type Ak1Store } from '../../src/server/index.js';
import { addOfficer } from '../../src/server/office/accounts.js';
import { createScryptHasher } from '../../src/server/office/passwords.js';
import { base32Decode, totpCode, totpStep } from '../../src/server/office/totp.js';
import { testApplicant } from './helpers/applicants.js';

/*
 * `createAk1OfficeClient` against the reference handler with a memory store: every method, every error class,
 * the retry rules (a read is retried; an action only with its own Idempotency-Key, and taken once; a 401 never) and
 * replies that lie (a backend that does not keep the contract gets Ak1ResponseError, never a success).
 */

const ENDPOINT = 'https://disnaker.example.go.id/api/ak1';
const NOW = new Date('2026-11-28T02:00:00Z');
const PASSWORD = 'kata-sandi-yang-panjang';
const hasher = createScryptHasher();

interface Seen {
  method: string;
  path: string;
  key: string | null;
  authorization: string | null;
}

/** The handler behind a fetch that records every request and may be told to fail some. */
function backend(store: Ak1Store) {
  const clock = { now: NOW };
  const handler = createAk1Handler({
    store,
    endpointPath: '/api/ak1',
    publicUrl: 'https://disnaker.example.go.id',
    district: ak1DemoDistrict,
    corsOrigins: [],
    passwordHasher: hasher,
    now: () => clock.now,
  });
  const seen: Seen[] = [];
  /** Returns a reply of its own instead of the handler's, or `undefined` to let the request through. */
  let intercept: ((request: Request, handle: () => Promise<Response>) => Promise<Response | undefined>) | undefined;
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const request = new Request(url, init);
    const headers = new Headers(init.headers);
    seen.push({ method: request.method, path: new URL(url).pathname.replace('/api/ak1', ''), key: headers.get('idempotency-key'), authorization: headers.get('authorization') });
    const own = await intercept?.(request.clone(), () => handler(request.clone()));
    return own ?? handler(request);
  };
  return {
    fetch,
    seen,
    clock,
    set intercept(value: typeof intercept) {
      intercept = value;
    },
  };
}

function last<T>(items: readonly T[], test: (item: T) => boolean): T {
  const found = [...items].reverse().find(test);
  assert.ok(found);
  return found;
}

const noWait = { sleep: async () => undefined, random: () => 0 };

describe('createAk1OfficeClient', () => {
  const store = createMemoryStore();
  const server = backend(store);
  const client = (options: Partial<Parameters<typeof createAk1OfficeClient>[0]> = {}) =>
    createAk1OfficeClient({ endpoint: ENDPOINT, fetch: server.fetch, ...noWait, ...options });
  let registered: Ak1Registration;
  let petugas: Ak1OfficeClient;
  let pengantar: Ak1OfficeClient;
  let adminSecret: string;

  async function addWithPassword(username: string, roles: Array<'petugas' | 'pengantar-kerja'>) {
    await addOfficer(store, hasher, { username, name: `Petugas ${username}`, nip: '196905121990032001', roles, password: PASSWORD, now: NOW });
  }

  before(async () => {
    await addWithPassword('petugas', ['petugas']);
    await addWithPassword('pengantar', ['pengantar-kerja']);
    const admin = await addOfficer(store, hasher, { username: 'admin', name: 'Admin Dinas', roles: ['admin'] });
    adminSecret = admin.totpSecret!;
    await store.officers.update(admin.officer.id, { passwordHash: await hasher.hash(PASSWORD), passwordChangeRequired: false });
    const applicants = createAk1Client({ endpoint: ENDPOINT, fetch: server.fetch, today: '2026-11-28' });
    registered = await applicants.submit(testApplicant(1, { fullName: 'Siti Pemohon' }));
    petugas = client();
    await petugas.login({ username: 'petugas', password: PASSWORD });
    pengantar = client();
    await pengantar.login({ username: 'pengantar', password: PASSWORD });
  });

  describe('sessions', () => {
    it('login keeps the token and the officer in the client, and sends the token as a bearer', async () => {
      const office = client();
      assert.equal(office.token, undefined);
      const reply = await office.login({ username: 'petugas', password: PASSWORD });
      assert.match(reply.token, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(office.token, reply.token);
      assert.deepEqual(office.officer?.roles, ['petugas']);
      assert.equal(office.passwordChangeRequired, false);
      await office.settings();
      assert.equal(server.seen.at(-1)!.authorization, `Bearer ${reply.token}`);
      // The login itself carried no token and a key, as every POST under /office does.
      const login = last(server.seen, (request) => request.path === '/office/login');
      assert.equal(login.authorization, null);
      assert.ok(login.key);
    });

    it('a wrong password is Ak1AuthError invalid-credentials, asked once', async () => {
      const office = client();
      const before = server.seen.length;
      await assert.rejects(office.login({ username: 'petugas', password: 'salah-sekali-ini' }), (error: unknown) => {
        assert.ok(error instanceof Ak1AuthError);
        assert.ok(error instanceof Ak1HttpError);
        assert.equal(error.name, 'Ak1AuthError');
        assert.equal(error.type, 'invalid-credentials');
        assert.equal(error.status, 401);
        return true;
      });
      assert.equal(server.seen.length - before, 1);
      assert.equal(office.token, undefined);
    });

    it('an admin without the code is second-factor-required, then logs in with it', async () => {
      const office = client();
      await assert.rejects(office.login({ username: 'admin', password: PASSWORD }), { name: 'Ak1AuthError', type: 'second-factor-required', status: 401 });
      const code = await totpCode(base32Decode(adminSecret)!, totpStep(NOW));
      const reply = await office.login({ username: 'admin', password: PASSWORD, code });
      assert.deepEqual(reply.officer.roles, ['admin']);
    });

    it('a one-time password allows only the change; after it, everything', async () => {
      const made = await addOfficer(store, hasher, { username: 'baru', name: 'Petugas Baru', roles: ['petugas'] });
      const office = client();
      const reply = await office.login({ username: 'baru', password: made.oneTimePassword! });
      assert.equal(reply.passwordChangeRequired, true);
      assert.equal(office.passwordChangeRequired, true);
      await assert.rejects(office.queue('2026-12-01'), { name: 'Ak1AuthError', type: 'password-change-required', status: 403 });
      await office.changePassword({ currentPassword: made.oneTimePassword!, newPassword: 'sandi-baru-yang-panjang' });
      assert.equal(office.passwordChangeRequired, false);
      assert.ok(Array.isArray(await office.queue('2026-12-01')));
    });

    it('logout ends the session: the old token is unauthenticated, never retried, and forgotten', async () => {
      const office = client();
      const reply = await office.login({ username: 'petugas', password: PASSWORD });
      await office.logout();
      assert.equal(office.token, undefined);
      assert.equal(office.officer, undefined);
      const stale = client();
      stale.setSession(reply);
      assert.equal(stale.token, reply.token);
      const before = server.seen.length;
      await assert.rejects(stale.settings(), { name: 'Ak1AuthError', type: 'unauthenticated', status: 401 });
      assert.equal(server.seen.length - before, 1, 'a 401 is not retried');
      assert.equal(stale.token, undefined, 'an ended session is forgotten');
      assert.equal(stale.officer?.username, 'petugas', 'who it was stays, to log in again');
      // Logging out of an ended session is no error.
      stale.setSession(reply);
      await stale.logout();
    });

    it('a 401 that answers an old session does not end the session of a new login', async () => {
      const office = client();
      const old = await office.login({ username: 'petugas', password: PASSWORD });
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      server.intercept = async (request) => {
        if (!request.url.endsWith('/office/settings')) return undefined;
        await held;
        return new Response(JSON.stringify({ type: 'urn:ak1:problem:unauthenticated', title: 'x', status: 401 }), {
          status: 401,
          headers: { 'content-type': 'application/problem+json' },
        });
      };
      try {
        const late = office.settings();
        const fresh = await office.login({ username: 'petugas', password: PASSWORD });
        release();
        await assert.rejects(late, { name: 'Ak1AuthError', type: 'unauthenticated' });
        assert.notEqual(fresh.token, old.token);
        assert.equal(office.token, fresh.token);
      } finally {
        server.intercept = undefined;
      }
    });

    it('setSession takes a login reply from another client, and refuses what is not one', async () => {
      const office = client();
      office.setSession({ token: petugas.token!, expiresAt: '2026-11-28T17:00:00+07:00', officer: petugas.officer! } as Ak1LoginReply);
      assert.equal((await office.settings()).district.name.length > 0, true);
      assert.throws(() => office.setSession({ token: 'kurang', expiresAt: 'kemarin' } as unknown as Ak1LoginReply), TypeError);
      office.setSession(undefined);
      assert.equal(office.token, undefined);
    });

    it('a login refused with 429 is not retried: the officer is told to wait', async () => {
      server.intercept = async () =>
        new Response(JSON.stringify({ type: 'urn:ak1:problem:rate-limited', title: 'x', status: 429 }), {
          status: 429,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '600' },
        });
      try {
        const before = server.seen.length;
        await assert.rejects(client().login({ username: 'petugas', password: PASSWORD }), (error: unknown) => {
          assert.ok(error instanceof Ak1HttpError);
          assert.equal(error.type, 'rate-limited');
          assert.equal(error.retryAfterMs, 600_000, 'the wait the backend said, for the officer to be told');
          return true;
        });
        assert.equal(server.seen.length - before, 1);
      } finally {
        server.intercept = undefined;
      }
      assert.equal(isRetryableCall(new Ak1HttpError(429), 'read'), true);
      assert.equal(isRetryableCall(new Ak1HttpError(429), 'login'), false);
      assert.equal(isRetryableCall(new Ak1AuthError('unauthenticated', 401), 'read'), false);
    });
  });

  describe('the registrations', () => {
    it("queue lists the day's visits, with the NIK masked", async () => {
      const date = registered.appointment!.date;
      const queue = await petugas.queue(date);
      const line = queue.find((summary) => summary.registrationNumber === registered.registrationNumber);
      assert.ok(line, JSON.stringify(queue));
      assert.equal(line.fullName, 'Siti Pemohon');
      assert.match(line.nikMasked, /^•{12}\d{4}$/);
      assert.equal(line.nikMasked.slice(-4), testApplicant(1).nik.slice(-4));
      await assert.rejects(petugas.queue('1 Desember'), RangeError);
    });

    it('list by status and search by number, NIK and name (the NIK in a POST body, never in the URL)', async () => {
      assert.ok((await petugas.list({ status: 'RECEIVED' })).some((s) => s.registrationNumber === registered.registrationNumber));
      const nik = testApplicant(1).nik;
      for (const q of [registered.registrationNumber, nik, 'siti pem']) {
        const found = await petugas.search(q);
        assert.ok(found.some((s) => s.registrationNumber === registered.registrationNumber), `search ${q}`);
      }
      assert.ok(server.seen.every((request) => !request.path.includes(nik)));
      const search = last(server.seen, (request) => request.path === '/office/registrations/search');
      assert.equal(search.method, 'POST');
    });

    it('open gives the record with its attachments, history and version, and records the opening', async () => {
      const record = await petugas.open(registered.registrationNumber);
      assert.equal(record.registration.registrationNumber, registered.registrationNumber);
      assert.equal(record.application.nik, testApplicant(1).nik);
      assert.ok((record.application.photo as { dataBase64: string }).dataBase64.length > 0);
      assert.equal(record.history[0]!.event, 'submit');
      assert.ok(record.version >= 1);
      const again = await petugas.open(registered.registrationNumber);
      assert.ok(again.history.some((entry) => entry.event === 'view' && entry.actor.name === 'Petugas petugas'));
      await assert.rejects(petugas.open('3604-999999-281126'), { name: 'Ak1HttpError', status: 404 });
      await assert.rejects(petugas.open('../settings'), RangeError);
    });

    it('act takes an action at the version seen; a stale version is version-conflict with the current one', async () => {
      const { version } = await petugas.open(registered.registrationNumber);
      const checkedIn = await petugas.act(registered.registrationNumber, { action: 'check-in', version });
      assert.equal(checkedIn.registration.status, 'RECEIVED');
      const verified = await petugas.act(registered.registrationNumber, { action: 'verify', version: checkedIn.version });
      assert.equal(verified.registration.status, 'VERIFIED');
      assert.ok(verified.version > checkedIn.version);
      // A second officer who still has the old version.
      await assert.rejects(pengantar.act(registered.registrationNumber, { action: 'sign', version: checkedIn.version }), (error: unknown) => {
        assert.ok(error instanceof Ak1ConflictError);
        assert.equal(error.type, 'version-conflict');
        assert.equal(error.status, 409);
        assert.equal(error.currentVersion, verified.version);
        return true;
      });
    });

    it('a role that may not is forbidden; a status that does not allow it is transition-not-allowed', async () => {
      const { version } = await petugas.open(registered.registrationNumber);
      await assert.rejects(petugas.act(registered.registrationNumber, { action: 'sign', version }), { name: 'Ak1AuthError', type: 'forbidden', status: 403 });
      await assert.rejects(petugas.act(registered.registrationNumber, { action: 'verify', version }), (error: unknown) => {
        assert.ok(error instanceof Ak1ConflictError);
        assert.equal(error.type, 'transition-not-allowed');
        assert.equal(error.status, 422);
        return true;
      });
    });

    it("an action without what it needs is invalid-action with the problem's errors", async () => {
      const { version } = await petugas.open(registered.registrationNumber);
      await assert.rejects(petugas.act(registered.registrationNumber, { action: 'reject', version }), (error: unknown) => {
        assert.ok(error instanceof Ak1HttpError);
        assert.equal(error.type, 'invalid-action');
        assert.equal(error.status, 422);
        assert.deepEqual(error.errors?.map((e) => e.code), ['reason.required']);
        return true;
      });
    });

    it('a new password that breaks a rule is password-not-allowed, saying which', async () => {
      const office = client();
      await office.login({ username: 'petugas', password: PASSWORD });
      await assert.rejects(office.changePassword({ currentPassword: PASSWORD, newPassword: PASSWORD }), (error: unknown) => {
        assert.ok(error instanceof Ak1HttpError);
        assert.equal(error.type, 'password-not-allowed');
        assert.deepEqual(error.errors?.map((e) => e.path), [['newPassword']]);
        return true;
      });
    });

    it('an edit that makes the application invalid is Ak1ValidationError with the issues', async () => {
      const { version } = await petugas.open(registered.registrationNumber);
      await assert.rejects(
        petugas.act(registered.registrationNumber, { action: 'edit', version, changes: [{ path: ['phone'], after: 'bukan nomor' }] }),
        (error: unknown) => {
          assert.ok(error instanceof Ak1ValidationError);
          assert.equal(error.status, 422);
          assert.ok(error.issues.some((issue) => issue.path[0] === 'phone'), JSON.stringify(error.issues));
          return true;
        },
      );
    });

    it('sign by a Pengantar Kerja, then the audit (admins only), the settings and the CSV', async () => {
      const { version } = await pengantar.open(registered.registrationNumber);
      const signed = await pengantar.act(registered.registrationNumber, { action: 'sign', version });
      assert.equal(signed.registration.status, 'SIGNED');
      assert.equal(signed.registration.signedBy?.name, 'Petugas pengantar');
      const admin = client();
      const code = await totpCode(base32Decode(adminSecret)!, totpStep(NOW) + 1);
      server.clock.now = new Date(NOW.getTime() + 30_000);
      await admin.login({ username: 'admin', password: PASSWORD, code });
      const entries = await admin.audit({ from: '2026-11-27T00:00:00+07:00', to: '2026-11-29T00:00:00+07:00' });
      assert.ok(entries.some((entry) => entry.event === 'sign' && entry.registrationNumber === registered.registrationNumber));
      assert.ok(entries.some((entry) => entry.event === 'login'));
      await assert.rejects(petugas.audit({ from: '2026-11-27T00:00:00+07:00', to: '2026-11-29T00:00:00+07:00' }), { name: 'Ak1AuthError', type: 'forbidden' });
      const settings = await petugas.settings();
      assert.equal(settings.district.name, ak1DemoDistrict.name);
      const csv = await petugas.exportCsv({ registeredOn: '2026-11-28' });
      assert.ok(csv.includes(registered.registrationNumber));
      assert.ok((await petugas.exportCsv({ date: registered.appointment!.date })).includes(registered.registrationNumber));
      await assert.rejects(petugas.exportCsv({ date: 'hari ini' }), RangeError);
    });
  });

  describe('the one retry policy', () => {
    async function freshRecord(i: number) {
      const applicants = createAk1Client({ endpoint: ENDPOINT, fetch: server.fetch, today: '2026-11-28' });
      const registration = await applicants.submit(testApplicant(i));
      return { registration, record: await petugas.open(registration.registrationNumber) };
    }

    it('an action whose reply was lost is retried with the same key and taken once', async () => {
      const { registration, record } = await freshRecord(2);
      let lost = 0;
      server.intercept = async (request, handle) => {
        if (request.method !== 'POST' || !request.url.endsWith('/actions') || lost++ > 0) return undefined;
        await handle();
        throw new TypeError('fetch failed: the connection was reset');
      };
      const retries: number[] = [];
      try {
        const before = server.seen.length;
        const reply = await petugas.act(registration.registrationNumber, { action: 'verify', version: record.version }, { onRetry: (event) => retries.push(event.attempt) });
        assert.equal(reply.registration.status, 'VERIFIED');
        const attempts = server.seen.slice(before).filter((request) => request.path.endsWith('/actions'));
        assert.equal(attempts.length, 2);
        assert.ok(attempts[0]!.key);
        assert.equal(attempts[1]!.key, attempts[0]!.key, 'the retry carries the same key');
        assert.deepEqual(retries, [1]);
      } finally {
        server.intercept = undefined;
      }
      const after = await petugas.open(registration.registrationNumber);
      assert.equal(after.history.filter((entry) => entry.event === 'verify').length, 1, 'taken once');
    });

    it('each call of act has a key of its own', async () => {
      const { registration, record } = await freshRecord(3);
      const before = server.seen.length;
      const first = await petugas.act(registration.registrationNumber, { action: 'check-in', version: record.version });
      await petugas.act(registration.registrationNumber, { action: 'check-in', version: first.version });
      const keys = server.seen.slice(before).filter((request) => request.path.endsWith('/actions')).map((request) => request.key);
      assert.equal(keys.length, 2);
      assert.notEqual(keys[0], keys[1]);
      await assert.rejects(petugas.act(registration.registrationNumber, { action: 'print', version: 1 }, { idempotencyKey: 'a key\n' }), TypeError);
    });

    it('a read is retried after a 503 and a dropped connection; a refusal is not', async () => {
      let failures = 0;
      server.intercept = async () => {
        failures++;
        if (failures === 1) return new Response(null, { status: 503, headers: { 'retry-after': '1' } });
        if (failures === 2) throw new TypeError('fetch failed');
        return undefined;
      };
      try {
        const queue = await petugas.queue(registered.appointment!.date);
        assert.ok(Array.isArray(queue));
        assert.equal(failures, 3);
      } finally {
        server.intercept = undefined;
      }
    });

    it('an action that keeps failing without an answer is Ak1NetworkError after the retries, every attempt with one key', async () => {
      const { registration, record } = await freshRecord(4);
      server.intercept = async () => {
        throw new TypeError('fetch failed');
      };
      const before = server.seen.length;
      try {
        await assert.rejects(petugas.act(registration.registrationNumber, { action: 'verify', version: record.version }), Ak1NetworkError);
      } finally {
        server.intercept = undefined;
      }
      const keys = new Set(server.seen.slice(before).map((request) => request.key));
      assert.equal(server.seen.length - before, 6);
      assert.equal(keys.size, 1);
    });

    it("the client's signal aborts a call", async () => {
      const controller = new AbortController();
      const office = client({ signal: controller.signal });
      office.setSession({ token: petugas.token!, expiresAt: '2026-11-28T17:00:00+07:00', officer: petugas.officer! });
      controller.abort();
      await assert.rejects(office.settings(), Ak1AbortError);
    });
  });

  describe('replies that lie', () => {
    const lie = (body: string, status = 200, type = 'application/json') => async () => new Response(body, { status, headers: { 'content-type': type } });

    async function withLie<T>(reply: () => Promise<Response>, call: () => Promise<T>) {
      server.intercept = reply;
      try {
        return await call();
      } finally {
        server.intercept = undefined;
      }
    }

    it('a login reply without a proper token, a queue with a whole NIK, a record that is not JSON: Ak1ResponseError', async () => {
      await assert.rejects(
        withLie(lie(JSON.stringify({ token: 'x', expiresAt: '2026-11-28T17:00:00+07:00', officer: petugas.officer })), () => client().login({ username: 'petugas', password: PASSWORD })),
        { name: 'Ak1ResponseError', problem: 'malformed' },
      );
      const line = { registrationNumber: registered.registrationNumber, status: 'RECEIVED', fullName: 'Siti', nikMasked: testApplicant(1).nik, registeredAt: registered.registeredAt };
      await assert.rejects(withLie(lie(JSON.stringify({ registrations: [line] })), () => petugas.queue('2026-12-01')), { name: 'Ak1ResponseError', problem: 'malformed' });
      await assert.rejects(withLie(lie('<html>', 200, 'text/html'), () => petugas.open(registered.registrationNumber)), { name: 'Ak1ResponseError', problem: 'not-json' });
      await assert.rejects(withLie(lie('{}', 201), () => petugas.settings()), { name: 'Ak1ResponseError', problem: 'unexpected-status' });
      await assert.rejects(
        withLie(lie(JSON.stringify({ registration: {}, version: 0 })), () => petugas.act(registered.registrationNumber, { action: 'print', version: 1 })),
        { name: 'Ak1ResponseError', problem: 'malformed' },
      );
      await assert.rejects(withLie(lie('{"a":1}'), () => petugas.exportCsv({ date: '2026-12-01' })), Ak1ResponseError);
      // A lying reply is not retried: seconds will not cure a backend that does not keep the contract.
      assert.equal(isRetryableCall(new Ak1ResponseError(200, 'malformed'), 'read'), false);
    });

    it('an error reply that is not a problem still has its status; a 401 of any shape is unauthenticated', async () => {
      await assert.rejects(withLie(lie('Forbidden', 403, 'text/plain'), () => petugas.settings()), (error: unknown) => {
        assert.ok(error instanceof Ak1HttpError && !(error instanceof Ak1AuthError));
        assert.equal(error.status, 403);
        return true;
      });
      const office = client();
      office.setSession({ token: petugas.token!, expiresAt: '2026-11-28T17:00:00+07:00', officer: petugas.officer! });
      await assert.rejects(withLie(lie('nope', 401, 'text/plain'), () => office.settings()), { name: 'Ak1AuthError', type: 'unauthenticated' });
    });
  });

  after(() => store.close());
});
