import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ak1LoginReplySchema } from '../../src/schema/office.js';
import {
  Ak1AccountError,
  Ak1HasherBusyError,
  addOfficer,
  ak1DemoDistrict,
  createAk1Handler,
  createMemoryStore,
  createScryptHasher,
  createSqliteStore,
  createWebCryptoHasher,
  disableOfficer,
  listOfficers,
  resetPassword,
  resetTotp,
  type Ak1HandlerOptions,
  type Ak1LogEntry,
  type Ak1PasswordHasher,
  type Ak1Store,
} from '../../src/server/index.js';
import { generateOneTimePassword } from '../../src/server/office/accounts.js';
import { createLoginThrottle, MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_USERNAME } from '../../src/server/office/auth.js';
import { dummyHashOf } from '../../src/server/office/passwords.js';
import { SESSION_IDLE_MS, SESSION_LIFETIME_MS } from '../../src/server/office/sessions.js';
import { base32Decode, base32Encode, otpauthUri, totpCode, totpStep, verifyTotp } from '../../src/server/office/totp.js';

/** 09:00 in Serang on Monday 30 November 2026. */
const NOW = new Date('2026-11-30T02:00:00Z');
const ORIGIN = 'http://localhost:8080';
const API = `${ORIGIN}/api/ak1`;
const OFFICE_ORIGIN = 'https://intranet.disnaker.serangkab.go.id';
const PORTAL_ORIGIN = 'https://serangkab.go.id';
/** Real scrypt at a cost the tests can afford many times; the default cost has its own test. */
const fastScrypt = createScryptHasher({ logN: 10 });

const temp = mkdtempSync(join(tmpdir(), 'ak1-accounts-test-'));
after(() => rmSync(temp, { recursive: true, force: true }));

interface Call {
  method?: string;
  body?: unknown;
  token?: string;
  address?: string;
  headers?: Record<string, string>;
}

function setup(options: Partial<Ak1HandlerOptions> = {}, hasher: Ak1PasswordHasher = fastScrypt) {
  const clock = { now: new Date(NOW) };
  const store = options.store ?? createMemoryStore();
  const log: Ak1LogEntry[] = [];
  const handler = createAk1Handler({
    store,
    endpointPath: '/api/ak1',
    publicUrl: ORIGIN,
    district: ak1DemoDistrict,
    corsOrigins: [PORTAL_ORIGIN],
    officeOrigins: [OFFICE_ORIGIN],
    passwordHasher: hasher,
    now: () => clock.now,
    log: (entry) => log.push(entry),
    ...options,
  });
  const call = (path: string, { method = 'POST', body, token, address = '192.0.2.10', headers = {} }: Call = {}) =>
    handler(
      new Request(`${API}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
      { clientAddress: address },
    );
  const login = (username: string, password: string, extra: Call & { code?: string } = {}) =>
    call('/office/login', { ...extra, body: { username, password, ...(extra.code ? { code: extra.code } : {}) } });
  /** An account whose one-time password is already changed to `password`. */
  const officer = async (username: string, roles: Array<'petugas' | 'pengantar-kerja' | 'admin'>, password = `${username}-sandi-rahasia`) => {
    const made = await addOfficer(store, hasher, { username, name: `Petugas ${username}`, roles, password });
    return { ...made, password };
  };
  const queue = (token: string, extra: Call = {}) => call('/office/registrations?visitDate=2026-12-01', { method: 'GET', token, ...extra });
  return { clock, store, log, handler, call, login, officer, queue };
}

async function tokenOf(response: Response): Promise<string> {
  assert.equal(response.status, 200, await response.clone().text());
  return ak1LoginReplySchema.parse(await response.json()).token;
}

async function problemOf(response: Response): Promise<{ status: number; type: string; retryAfter: string | null; body: string }> {
  const body = await response.text();
  return { status: response.status, type: (JSON.parse(body) as { type: string }).type.replace('urn:ak1:problem:', ''), retryAfter: response.headers.get('retry-after'), body };
}

describe('passwords', () => {
  it('scrypt stores N=2^15, r=8, p=1, a 16-byte salt and the hash beside them; verify reads the stored parameters', async () => {
    const hasher = createScryptHasher();
    const encoded = await hasher.hash('sandi-yang-panjang');
    const [name, logN, r, p, salt, hash] = encoded.split('$');
    assert.deepEqual([name, logN, r, p], ['scrypt', '15', '8', '1']);
    assert.equal(Buffer.from(salt!, 'base64').length, 16);
    assert.equal(Buffer.from(hash!, 'base64').length, 32);
    assert.equal(await hasher.verify('sandi-yang-panjang', encoded), true);
    assert.equal(await hasher.verify('sandi-yang-panjanG', encoded), false);
    // Another salt each time.
    assert.notEqual(await fastScrypt.hash('sama'), await fastScrypt.hash('sama'));
    // A hash made with other parameters still verifies: they are read from it.
    const cheaper = await fastScrypt.hash('sandi-lama-sekali');
    assert.match(cheaper, /^scrypt\$10\$8\$1\$/);
    assert.equal(await hasher.verify('sandi-lama-sekali', cheaper), true);
    // What is not a hash of ours, or asks for absurd parameters, is a mismatch, never a crash.
    for (const bad of ['', 'scrypt$15$8$1$$', 'scrypt$40$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'pbkdf2-sha256$1$AA==$AA==']) {
      assert.equal(await hasher.verify('x', bad), false, bad);
    }
  });

  it('scrypt hashes one at a time and refuses more than a few waiting', async () => {
    const hasher = createScryptHasher({ logN: 12, maxWaiting: 2 });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => hasher.hash('antrian-panjang')));
    const busy = results.filter((result) => result.status === 'rejected');
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 3);
    assert.ok(busy.every((result) => (result as PromiseRejectedResult).reason instanceof Ak1HasherBusyError));
    // Once the queue has drained, the hasher takes work again.
    assert.match(await hasher.hash('lagi'), /^scrypt\$12\$/);
  });

  it('the WebCrypto stand-in (PBKDF2-SHA256) stores its iterations and salt, and verifies', async () => {
    const hasher = createWebCryptoHasher({ iterations: 2000 });
    const encoded = await hasher.hash('sandi-uji-mocks');
    assert.match(encoded, /^pbkdf2-sha256\$2000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    assert.equal(await hasher.verify('sandi-uji-mocks', encoded), true);
    assert.equal(await hasher.verify('sandi-uji-mockS', encoded), false);
    assert.equal(await hasher.verify('sandi-uji-mocks', await fastScrypt.hash('sandi-uji-mocks')), false);
  });

  it('one-time passwords: 16 characters without 0, O, o, 1, l or I', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generateOneTimePassword();
      assert.match(password, /^[A-HJ-NP-Za-km-z2-9]{16}$/);
      seen.add(password);
    }
    assert.equal(seen.size, 200);
  });
});

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 Appendix B, the SHA-1 rows: the seed is the ASCII of "12345678901234567890".
  const SEED = new TextEncoder().encode('12345678901234567890');
  const VECTORS: Array<[number, string]> = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];

  it("gives RFC 6238's 8-digit SHA-1 values, and their last 6 digits as 6-digit codes", async () => {
    for (const [seconds, expected] of VECTORS) {
      const step = totpStep(new Date(seconds * 1000));
      assert.equal(await totpCode(SEED, step, 8), expected, `T = ${seconds}`);
      assert.equal(await totpCode(SEED, step), expected.slice(2), `T = ${seconds}, 6 digits`);
    }
  });

  it('reads and writes base32, and verifies codes one step either side, each step once', async () => {
    const secret = base32Encode(SEED);
    assert.equal(secret, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    assert.deepEqual(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq'), SEED);
    assert.equal(base32Decode('not base32!'), undefined);
    const at = new Date(1234567890 * 1000);
    const step = totpStep(at);
    for (const offset of [-1, 0, 1]) {
      assert.equal(await verifyTotp(secret, await totpCode(SEED, step + offset), at), step + offset);
    }
    for (const offset of [-2, 2]) assert.equal(await verifyTotp(secret, await totpCode(SEED, step + offset), at), undefined);
    // The step last used, and any before it, are not taken again: a code seen over a shoulder is spent.
    assert.equal(await verifyTotp(secret, await totpCode(SEED, step), at, step), undefined);
    assert.equal(await verifyTotp(secret, await totpCode(SEED, step - 1), at, step), undefined);
    assert.equal(await verifyTotp(secret, await totpCode(SEED, step + 1), at, step), step + 1);
    assert.equal(await verifyTotp(secret, '12345', at), undefined);
  });

  it('makes the otpauth:// URI that authenticator apps read', () => {
    assert.equal(
      otpauthUri({ secret: 'GEZDGNBVGY3TQOJQ', account: 'admin', issuer: 'Disnaker Serang' }),
      'otpauth://totp/Disnaker%20Serang:admin?secret=GEZDGNBVGY3TQOJQ&issuer=Disnaker%20Serang&algorithm=SHA1&digits=6&period=30',
    );
  });
});

describe('accounts', () => {
  it('addOfficer gives a one-time password to change, admins a TOTP secret; never the hash', async () => {
    const store = createMemoryStore();
    const made = await addOfficer(store, fastScrypt, { username: ' Siti ', name: 'Siti  Aminah', nip: '196912202007012018', roles: ['pengantar-kerja'] });
    assert.deepEqual(Object.keys(made).sort(), ['officer', 'oneTimePassword']);
    assert.deepEqual({ ...made.officer, id: 'x' }, { id: 'x', username: 'siti', name: 'Siti Aminah', nip: '196912202007012018', roles: ['pengantar-kerja'] });
    const stored = (await store.officers.findByUsername('siti'))!;
    assert.equal(stored.passwordChangeRequired, true);
    assert.equal(await fastScrypt.verify(made.oneTimePassword!, stored.passwordHash), true);
    assert.equal(stored.totpSecret, undefined);

    const admin = await addOfficer(store, fastScrypt, { username: 'admin', name: 'Rahmat', roles: ['admin', 'admin'] });
    assert.match(admin.totpSecret!, /^[A-Z2-7]{32}$/);
    assert.match(admin.otpauthUri!, /^otpauth:\/\/totp\/AK1:admin\?secret=[A-Z2-7]{32}&/);
    assert.deepEqual(admin.officer.roles, ['admin']);
    // A secret given for another officer turns their second factor on; a secret that is not base32 is refused.
    const withTotp = await addOfficer(store, fastScrypt, { username: 'budi', name: 'Budi', roles: ['petugas'], password: 'sandi-budi-kuat', totpSecret: 'gezd gnbv gy3t qojq' });
    assert.equal(withTotp.totpSecret, 'GEZDGNBVGY3TQOJQ');
    assert.equal((await store.officers.findByUsername('budi'))!.totpSecret, 'GEZDGNBVGY3TQOJQ');
    await assert.rejects(addOfficer(store, fastScrypt, { username: 'rina', name: 'Rina', roles: ['admin'], totpSecret: 'x1!' }), { code: 'invalid-totp-secret' });

    await assert.rejects(addOfficer(store, fastScrypt, { username: 'siti', name: 'Lain', roles: ['petugas'] }), { code: 'username-taken' });
    await assert.rejects(addOfficer(store, fastScrypt, { username: 'Siti Aminah', name: 'x', roles: ['petugas'] }), { code: 'invalid-username' });
    await assert.rejects(addOfficer(store, fastScrypt, { username: 'budi', name: 'Budi', nip: '1969', roles: ['petugas'] }), { code: 'invalid-nip' });
    await assert.rejects(addOfficer(store, fastScrypt, { username: 'budi', name: 'Budi', roles: [] }), Ak1AccountError);
    await assert.rejects(addOfficer(store, fastScrypt, { username: 'budi', name: 'Budi', roles: ['camat' as never] }), { code: 'invalid-roles' });

    const listed = await listOfficers(store);
    assert.deepEqual(listed.map((o) => [o.username, o.passwordChangeRequired, o.secondFactor, o.disabled]), [
      ['admin', true, true, false],
      ['budi', false, true, false],
      ['siti', true, false, false],
    ]);
    assert.doesNotMatch(JSON.stringify(listed), /scrypt|passwordHash|totpSecret/);
  });

  it('reset-password, reset-totp and disable end the officer\'s sessions', async () => {
    const { store, officer, login, queue } = setup();
    const { password } = await officer('dewi', ['petugas']);
    const first = await tokenOf(await login('dewi', password));
    const { oneTimePassword } = await resetPassword(store, fastScrypt, 'dewi');
    assert.equal((await queue(first)).status, 401);
    assert.equal((await login('dewi', password)).status, 401);
    const second = await tokenOf(await login('dewi', oneTimePassword));
    assert.equal((await problemOf(await queue(second))).type, 'password-change-required');
    await resetTotp(store, 'dewi');
    assert.equal((await queue(second)).status, 401);
    assert.equal((await problemOf(await login('dewi', oneTimePassword))).type, 'second-factor-required');
    await assert.rejects(resetPassword(store, fastScrypt, 'nobody'), { code: 'not-found' });
  });
});

describe('POST /office/login', () => {
  it('logs in with the right password: a 43-character token, 8 hours, the officer without secrets', async () => {
    const { officer, login, queue, store } = setup();
    const { password } = await officer('dewi', ['petugas']);
    const response = await login('DEWI', password);
    assert.equal(response.status, 200);
    const reply = ak1LoginReplySchema.parse(await response.json());
    assert.match(reply.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Date.parse(reply.expiresAt) - NOW.getTime(), SESSION_LIFETIME_MS);
    assert.equal(reply.passwordChangeRequired, undefined);
    assert.deepEqual(Object.keys(reply.officer).sort(), ['id', 'name', 'roles', 'username']);
    assert.equal((await queue(reply.token)).status, 200);
    // Only the token's SHA-256 is stored.
    const hash = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(reply.token))).toString('hex');
    assert.ok(await store.officers.findSession(hash));
  });

  it('answers an unknown user, a wrong password and a disabled officer with the same 401', async () => {
    const { officer, login, store } = setup();
    const { password } = await officer('dewi', ['petugas']);
    await officer('lama', ['petugas'], 'sandi-lama-sekali');
    await disableOfficer(store, 'lama');
    const replies = [await login('dewi', 'salah-sandi-ini'), await login('tidakada', password), await login('lama', 'sandi-lama-sekali')];
    const bodies = await Promise.all(replies.map(problemOf));
    for (const body of bodies) {
      assert.equal(body.status, 401);
      assert.equal(body.type, 'invalid-credentials');
    }
    assert.equal(new Set(bodies.map((body) => body.body)).size, 1);
  });

  it('checks an unknown username against a dummy hash, so it takes as long as a known one', async () => {
    const hasher = createScryptHasher({ logN: 13 });
    let verified = 0;
    const counting: Ak1PasswordHasher = { hash: (p) => hasher.hash(p), verify: (p, e) => (verified++, hasher.verify(p, e)) };
    const { login } = setup({}, counting);
    await dummyHashOf(counting);
    const time = async (username: string) => {
      const started = performance.now();
      assert.equal((await login(username, 'salah-sandi-ini', { address: `198.51.100.${verified}` })).status, 401);
      return performance.now() - started;
    };
    const unknown = await time('tidakada');
    assert.equal(verified, 1, 'the unknown username went through scrypt');
    assert.ok(unknown > 2, `${unknown} ms`);
  });

  it('answers 503 with Retry-After when the hasher is busy', async () => {
    const busy: Ak1PasswordHasher = { hash: async () => 'x', verify: async () => Promise.reject(new Ak1HasherBusyError()) };
    const { login } = setup({}, busy);
    const problem = await problemOf(await login('dewi', 'sandi-apa-saja'));
    assert.deepEqual([problem.status, problem.type, problem.retryAfter], [503, 'unavailable', '1']);
  });

  it('locks a username after 5 failures in 15 minutes (429 with Retry-After), but not from an address that logged in as it before', async () => {
    const { officer, login, clock } = setup();
    const { password } = await officer('dewi', ['petugas']);
    const counter = '10.1.1.5';
    await tokenOf(await login('dewi', password, { address: counter }));
    // Somebody elsewhere guesses, from several addresses.
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME; i++) {
      assert.equal((await login('dewi', `tebakan-${i}-salah`, { address: `203.0.113.${i}` })).status, 401);
    }
    const locked = await problemOf(await login('dewi', password, { address: '203.0.113.99' }));
    assert.deepEqual([locked.status, locked.type], [429, 'rate-limited']);
    assert.equal(Number(locked.retryAfter), 15 * 60);
    // Dewi at her own counter is not locked out.
    await tokenOf(await login('dewi', password, { address: counter }));
    // Another officer is not affected.
    const other = await officer('budi', ['petugas']);
    await tokenOf(await login('budi', other.password, { address: '203.0.113.99' }));
    // Ten minutes on, five minutes are left; fifteen minutes after the first failure it opens again.
    clock.now = new Date(NOW.getTime() + 10 * 60 * 1000);
    assert.equal(Number((await problemOf(await login('dewi', password, { address: '203.0.113.99' }))).retryAfter), 5 * 60);
    clock.now = new Date(NOW.getTime() + 15 * 60 * 1000 + 1000);
    await tokenOf(await login('dewi', password, { address: '203.0.113.99' }));
  });

  it('locks the known address too after 5 failures of its own', async () => {
    const { officer, login } = setup();
    const { password } = await officer('dewi', ['petugas']);
    await tokenOf(await login('dewi', password, { address: '10.1.1.5' }));
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME; i++) await login('dewi', `lupa-sandi-${i}`, { address: '10.1.1.5' });
    assert.equal((await login('dewi', password, { address: '10.1.1.5' })).status, 429);
  });

  it('locks an address after 20 failures in 15 minutes, whatever the usernames', async () => {
    const { officer, login } = setup();
    const { password } = await officer('dewi', ['petugas']);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      assert.equal((await login(`tebak${i}`, 'sandi-tebakan', { address: '2001:db8:1:2::7' })).status, 401);
    }
    // The whole /64 is one address.
    const locked = await problemOf(await login('dewi', password, { address: '2001:db8:1:2::99' }));
    assert.deepEqual([locked.status, locked.type], [429, 'rate-limited']);
    assert.ok(Number(locked.retryAfter) > 0);
    await tokenOf(await login('dewi', password, { address: '2001:db8:1:3::1' }));
  });

  it('the throttle forgets failures after 15 minutes', async () => {
    const throttle = createLoginThrottle();
    for (let i = 0; i < 5; i++) await throttle.failed('dewi', '192.0.2.1', i * 1000);
    assert.equal(await throttle.check('dewi', '192.0.2.1', 5000), 15 * 60 - 5);
    assert.equal(await throttle.check('dewi', '192.0.2.1', 15 * 60 * 1000 + 1), undefined);
  });

  it('asks an admin for the second factor: no code or a wrong one is 401 second-factor-required; a code works once', async () => {
    const { store, login, call } = setup();
    const made = await addOfficer(store, fastScrypt, { username: 'admin', name: 'Rahmat', roles: ['admin'], password: 'sandi-admin-kuat' });
    const secret = base32Decode(made.totpSecret!)!;
    const step = totpStep(NOW);
    assert.equal((await problemOf(await login('admin', 'sandi-admin-kuat'))).type, 'second-factor-required');
    // A wrong password says nothing about the second factor.
    assert.equal((await problemOf(await login('admin', 'sandi-admin-salah', { code: await totpCode(secret, step) }))).type, 'invalid-credentials');
    assert.equal((await problemOf(await login('admin', 'sandi-admin-kuat', { code: await totpCode(secret, step + 5) }))).type, 'second-factor-required');
    const token = await tokenOf(await login('admin', 'sandi-admin-kuat', { code: await totpCode(secret, step) }));
    assert.equal((await call('/office/audit?from=2026-11-01&to=2026-11-30', { method: 'GET', token })).status, 200);
    // The same code again (seen over a shoulder) is refused; the next step's code is not.
    assert.equal((await problemOf(await login('admin', 'sandi-admin-kuat', { code: await totpCode(secret, step) }))).type, 'second-factor-required');
    await tokenOf(await login('admin', 'sandi-admin-kuat', { code: await totpCode(secret, step + 1) }));
  });

  it('answers 404 when the handler has no passwordHasher, 400 for bodies of the wrong shape, 415 for other types', async () => {
    const off = setup({ passwordHasher: undefined });
    assert.equal((await problemOf(await off.login('dewi', 'sandi-apa-saja'))).type, 'not-found');
    const { call } = setup();
    assert.equal((await problemOf(await call('/office/login', { body: { username: 'dewi' } }))).type, 'invalid-body');
    assert.equal((await problemOf(await call('/office/login', { body: { username: 'dewi', password: 'x', code: '12ab56' } }))).type, 'invalid-body');
    assert.equal((await problemOf(await call('/office/login', { headers: { 'content-type': 'application/json' }, body: undefined }))).type, 'malformed-json');
    assert.equal((await problemOf(await call('/office/login', { headers: { 'content-type': 'text/plain' } }))).type, 'unsupported-media-type');
  });
});

describe('sessions', () => {
  it('refuse a token that is not one, an unknown one, and none, with 401 and WWW-Authenticate', async () => {
    const { call } = setup();
    for (const authorization of [undefined, 'Bearer', 'Bearer abc', `Bearer ${'A'.repeat(43)}`, `Basic ${btoa('dewi:sandi')}`, `Bearer ${'é'.repeat(43)}`]) {
      const response = await call('/office/registrations?visitDate=2026-12-01', { method: 'GET', headers: authorization ? { authorization } : {} });
      const problem = await problemOf(response);
      assert.deepEqual([problem.status, problem.type], [401, 'unauthenticated'], authorization);
      assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer /);
    }
  });

  it('end after 30 minutes idle; each use moves the deadline, written at most once a minute', async () => {
    const { officer, login, queue, clock, store } = setup();
    const { password } = await officer('dewi', ['petugas']);
    const token = await tokenOf(await login('dewi', password));
    let touches = 0;
    const touch = store.officers.touchSession.bind(store.officers);
    store.officers.touchSession = (hash, at) => (touches++, touch(hash, at));
    for (const seconds of [10, 20, 30]) {
      clock.now = new Date(NOW.getTime() + seconds * 1000);
      assert.equal((await queue(token)).status, 200);
    }
    assert.equal(touches, 0);
    clock.now = new Date(NOW.getTime() + 29 * 60 * 1000);
    assert.equal((await queue(token)).status, 200);
    assert.equal(touches, 1);
    // 29 minutes after that use: still alive; then 30 minutes without one: ended.
    clock.now = new Date(NOW.getTime() + 58 * 60 * 1000);
    assert.equal((await queue(token)).status, 200);
    clock.now = new Date(clock.now.getTime() + SESSION_IDLE_MS);
    assert.equal((await problemOf(await queue(token))).type, 'unauthenticated');
    // Ended for good, even if the clock went back.
    clock.now = new Date(NOW.getTime() + 60 * 60 * 1000);
    assert.equal((await queue(token)).status, 401);
  });

  it('end 8 hours after the login, however busy', async () => {
    const { officer, login, queue, clock } = setup();
    const { password } = await officer('dewi', ['petugas']);
    const token = await tokenOf(await login('dewi', password));
    for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
      clock.now = new Date(NOW.getTime() + minutes * 60 * 1000);
      assert.equal((await queue(token)).status, 200, `${minutes} minutes`);
    }
    clock.now = new Date(NOW.getTime() + SESSION_LIFETIME_MS);
    assert.equal((await problemOf(await queue(token))).type, 'unauthenticated');
  });

  it('a disabled officer\'s sessions are dead at once, even if the store kept them', async () => {
    const { officer, login, queue, store } = setup();
    const { password } = await officer('dewi', ['petugas']);
    const token = await tokenOf(await login('dewi', password));
    const dewi = (await store.officers.findByUsername('dewi'))!;
    await store.officers.update(dewi.id, { disabled: true });
    assert.equal((await problemOf(await queue(token))).type, 'unauthenticated');
  });

  it('logout answers 204 and ends the session; logins and logouts are in the audit history', async () => {
    const { officer, login, queue, call, store } = setup();
    const { password } = await officer('dewi', ['petugas']);
    const token = await tokenOf(await login('dewi', password));
    const other = await tokenOf(await login('dewi', password));
    const response = await call('/office/logout', { token });
    assert.equal(response.status, 204);
    assert.equal(await response.text(), '');
    assert.equal((await queue(token)).status, 401);
    assert.equal((await call('/office/logout', { token })).status, 401);
    assert.equal((await queue(other)).status, 200, 'the other session carries on');
    const history = await store.listHistory({ from: '2026-11-29T00:00:00Z', to: '2026-12-01T00:00:00Z' });
    assert.deepEqual(
      history.map((entry) => [entry.event, entry.actor.kind, entry.actor.name, entry.registrationNumber]),
      [
        ['login', 'officer', 'Petugas dewi', undefined],
        ['login', 'officer', 'Petugas dewi', undefined],
        ['logout', 'officer', 'Petugas dewi', undefined],
      ],
    );
  });

  it('roles: an admin-only route is 403 forbidden for a petugas', async () => {
    const { officer, login, call } = setup();
    const { password } = await officer('dewi', ['petugas']);
    const token = await tokenOf(await login('dewi', password));
    assert.equal((await problemOf(await call('/office/audit?from=2026-11-01&to=2026-11-30', { method: 'GET', token }))).type, 'forbidden');
  });
});

describe('POST /office/password', () => {
  it('the one-time password must be changed first; then every route opens and other sessions end', async () => {
    const { store, login, call, queue } = setup();
    const made = await addOfficer(store, fastScrypt, { username: 'siti', name: 'Siti Aminah', roles: ['pengantar-kerja'] });
    const response = await login('siti', made.oneTimePassword!);
    const reply = ak1LoginReplySchema.parse(await response.json());
    assert.equal(reply.passwordChangeRequired, true);
    const token = reply.token;
    const elsewhere = await tokenOf(await login('siti', made.oneTimePassword!));
    const refused = await problemOf(await queue(token));
    assert.deepEqual([refused.status, refused.type], [403, 'password-change-required']);

    const change = (currentPassword: string, newPassword: string) => call('/office/password', { token, body: { currentPassword, newPassword } });
    const rule = async (response: Response) => {
      const body = await response.json();
      return [response.status, body.type.replace('urn:ak1:problem:', ''), body.errors?.[0]?.code];
    };
    assert.deepEqual(await rule(await change(made.oneTimePassword!, 'pendek')), [422, 'password-not-allowed', 'too-short']);
    assert.deepEqual(await rule(await change(made.oneTimePassword!, 'SITI')), [422, 'password-not-allowed', 'too-short']);
    assert.deepEqual(await rule(await change(made.oneTimePassword!, made.oneTimePassword!)), [422, 'password-not-allowed', 'unchanged']);
    assert.deepEqual(await rule(await change('bukan-sandi-ini', 'sandi-baru-siti-2026')), [401, 'invalid-credentials', undefined]);
    assert.equal((await change(made.oneTimePassword!, 'sandi-baru-siti-2026')).status, 204);

    assert.equal((await queue(token)).status, 200);
    assert.equal((await queue(elsewhere)).status, 401, 'the other session ended');
    assert.equal((await login('siti', made.oneTimePassword!)).status, 401);
    const again = ak1LoginReplySchema.parse(await (await login('siti', 'sandi-baru-siti-2026')).json());
    assert.equal(again.passwordChangeRequired, undefined);
  });

  it('refuses the username as the new password', async () => {
    const { store, login, call } = setup();
    await addOfficer(store, fastScrypt, { username: 'pengantar.kerja', name: 'Yuningsih', roles: ['pengantar-kerja'], password: 'sandi-awal-kuat' });
    const token = await tokenOf(await login('pengantar.kerja', 'sandi-awal-kuat'));
    const response = await call('/office/password', { token, body: { currentPassword: 'sandi-awal-kuat', newPassword: 'Pengantar.Kerja' } });
    const body = await response.json();
    assert.deepEqual([response.status, body.errors[0].code], [422, 'username']);
  });
});

describe('the office routes on the network', () => {
  it('answer CORS only for officeOrigins, with Authorization allowed in the preflight', async () => {
    const { officer, handler } = setup();
    const { password } = await officer('dewi', ['petugas']);
    const preflight = (origin: string, path = '/office/login') =>
      handler(new Request(`${API}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } }));
    const allowed = await preflight(OFFICE_ORIGIN);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), OFFICE_ORIGIN);
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /\bAuthorization\b/);
    // The applicants' portal may call the registration API, not the counter's.
    assert.equal((await preflight(PORTAL_ORIGIN)).status, 403);
    assert.equal((await preflight(PORTAL_ORIGIN, '')).status, 204);
    assert.doesNotMatch((await preflight(PORTAL_ORIGIN, '')).headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.equal((await preflight(OFFICE_ORIGIN, '')).status, 403);

    const loginFrom = (origin: string) =>
      handler(new Request(`${API}/office/login`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dewi', password }) }));
    const fromOffice = await loginFrom(OFFICE_ORIGIN);
    assert.equal(fromOffice.headers.get('access-control-allow-origin'), OFFICE_ORIGIN);
    assert.equal((await loginFrom(PORTAL_ORIGIN)).headers.get('access-control-allow-origin'), null);
  });

  it('officeNetworks: other addresses get 403 forbidden, before any password is checked', async () => {
    const { officer, login } = setup({ officeNetworks: ['10.20.0.0/16'] });
    const { password } = await officer('dewi', ['petugas']);
    await tokenOf(await login('dewi', password, { address: '10.20.3.4' }));
    assert.equal((await problemOf(await login('dewi', password, { address: '192.0.2.1' }))).type, 'forbidden');
    assert.throws(() => setup({ officeNetworks: ['kantor'] }), /officeNetworks/);
    assert.throws(() => setup({ officeOrigins: ['*'] }), /officeOrigins/);
  });

  it('never puts a password, a one-time password or a token in the access log', async () => {
    const { store, login, call, log, queue } = setup();
    const made = await addOfficer(store, fastScrypt, { username: 'siti', name: 'Siti Aminah', roles: ['petugas'] });
    const oneTime = made.oneTimePassword!;
    await login('siti', 'salah-sandi-siti');
    await login('sandi-salah-di-kolom-nama', oneTime);
    const token = await tokenOf(await login('siti', oneTime));
    await call('/office/password', { token, body: { currentPassword: oneTime, newPassword: 'sandi-baru-siti-2026' } });
    await queue(token);
    await call('/office/logout', { token });
    assert.ok(log.length >= 6);
    const text = JSON.stringify(log);
    for (const secret of [oneTime, 'salah-sandi-siti', 'sandi-baru-siti-2026', token, 'sandi-salah-di-kolom-nama']) {
      assert.ok(!text.includes(secret), `the log holds ${secret}`);
    }
    assert.deepEqual(
      log.map((entry) => `${entry.method} ${entry.path} ${entry.status}${entry.problem ? ` ${entry.problem}` : ''}`),
      [
        'POST /api/ak1/office/login 401 invalid-credentials',
        'POST /api/ak1/office/login 401 invalid-credentials',
        'POST /api/ak1/office/login 200',
        'POST /api/ak1/office/password 204',
        'GET /api/ak1/office/registrations 200',
        'POST /api/ak1/office/logout 204',
      ],
    );
  });

  it('works on the SQLite store as on memory', async () => {
    const store: Ak1Store = await createSqliteStore(join(temp, 'accounts.sqlite'));
    try {
      const { officer, login, queue, call } = setup({ store });
      const { password } = await officer('dewi', ['petugas']);
      const token = await tokenOf(await login('dewi', password));
      assert.equal((await queue(token)).status, 200);
      assert.equal((await call('/office/logout', { token })).status, 204);
      assert.equal((await queue(token)).status, 401);
    } finally {
      await store.close();
    }
  });
});

describe('the officer command', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const cli = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'officer', ...args], {
        cwd: root,
        env: { ...process.env, AK1_DATA_DIR: '', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('adds, lists, resets and disables accounts in the data dir npm start uses', async () => {
    const dataDir = join(temp, 'cli-data');
    const added = await cli(['add', '--username', 'siti', '--name', 'Siti Aminah', '--nip', '196912202007012018', '--role', 'pengantar-kerja'], {
      AK1_DATA_DIR: dataDir,
    });
    assert.equal(added.code, 0, added.stderr);
    const oneTime = /^one-time password: (\S{16})$/m.exec(added.stdout)?.[1];
    assert.ok(oneTime, added.stdout);
    assert.doesNotMatch(added.stdout, /totp secret/);

    const admin = await cli(['add', '--data-dir', dataDir, '--username', 'admin', '--name', 'Rahmat Hidayat', '--role', 'admin', '--role', 'petugas']);
    assert.equal(admin.code, 0, admin.stderr);
    assert.match(admin.stdout, /^one-time password: \S{16}$/m);
    assert.match(admin.stdout, /^totp secret: [A-Z2-7]{32}$/m);
    assert.match(admin.stdout, /^otpauth uri: otpauth:\/\/totp\/AK1:admin\?secret=[A-Z2-7]{32}&/m);

    const taken = await cli(['add', '--data-dir', dataDir, '--username', 'siti', '--name', 'Lain', '--role', 'petugas']);
    assert.equal(taken.code, 1);
    assert.match(taken.stderr, /taken/);
    assert.equal((await cli(['add', '--data-dir', dataDir, '--username', 'x1', '--name', 'X', '--role', 'camat'])).code, 2);
    assert.equal((await cli(['add', '--data-dir', dataDir, '--username', 'x1', '--name', 'X'])).code, 2);

    // The store npm start opens sees the account, and the printed password logs in.
    const store = await createSqliteStore(join(dataDir, 'ak1.sqlite'));
    try {
      const { login } = setup({ store, passwordHasher: createScryptHasher() }, createScryptHasher());
      const reply = ak1LoginReplySchema.parse(await (await login('siti', oneTime!)).json());
      assert.equal(reply.passwordChangeRequired, true);
      assert.equal(reply.officer.nip, '196912202007012018');
    } finally {
      await store.close();
    }

    const list = await cli(['list', '--data-dir', dataDir]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^admin\tRahmat Hidayat\t-\tpetugas,admin\tone-time password not yet changed\ttotp$/m);
    assert.match(list.stdout, /^siti\tSiti Aminah\t196912202007012018\tpengantar-kerja\tone-time password not yet changed\tno totp$/m);
    const json = await cli(['list', '--json', '--data-dir', dataDir]);
    assert.equal(JSON.parse(json.stdout).length, 2);
    assert.doesNotMatch(list.stdout + json.stdout, /scrypt|passwordHash|totpSecret|[A-Z2-7]{32}/);

    const reset = await cli(['reset-password', 'siti', '--data-dir', dataDir]);
    assert.equal(reset.code, 0, reset.stderr);
    const fresh = /^one-time password: (\S{16})$/m.exec(reset.stdout)?.[1];
    assert.ok(fresh && fresh !== oneTime);
    const totp = await cli(['reset-totp', 'admin', '--data-dir', dataDir]);
    assert.match(totp.stdout, /^totp secret: [A-Z2-7]{32}$/m);

    assert.equal((await cli(['disable', 'siti', '--data-dir', dataDir])).code, 0);
    assert.match((await cli(['list', '--data-dir', dataDir])).stdout, /^siti\t.*\tdisabled\t/m);
    assert.equal((await cli(['disable', 'nobody', '--data-dir', dataDir])).code, 1);
    assert.equal((await cli(['enable', 'siti', '--data-dir', dataDir])).code, 0);
  });

  it('--district names another district\'s folder; --database-url is not there yet; wrong calls exit 2', async () => {
    const dataDir = join(temp, 'cli-districts');
    const missing = await cli(['list', '--data-dir', dataDir, '--district', 'kota-serang']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no database for district kota-serang/);
    const store = await createSqliteStore(join(dataDir, 'kota-serang', 'ak1.sqlite'));
    await store.close();
    const added = await cli(['add', '--data-dir', dataDir, '--district', 'kota-serang', '--username', 'rina', '--name', 'Rina', '--role', 'petugas']);
    assert.equal(added.code, 0, added.stderr);
    assert.match((await cli(['list', '--data-dir', dataDir, '--district', 'kota-serang'])).stdout, /^rina\t/m);
    assert.equal((await cli(['list', '--data-dir', dataDir])).code, 1, 'the first district has no database yet');

    const postgres = await cli(['list', '--database-url', 'postgres://localhost/ak1']);
    assert.equal(postgres.code, 1);
    assert.match(postgres.stderr, /PostgreSQL comes with createPostgresStore/);
    assert.equal((await cli(['frobnicate', '--data-dir', dataDir])).code, 2);
    assert.equal((await cli(['disable', '--data-dir', dataDir])).code, 2);
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /one-time password: /);
  });
});
