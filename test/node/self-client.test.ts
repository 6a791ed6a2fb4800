import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Ak1AuthError,
  Ak1ConflictError,
  Ak1HttpError,
  Ak1ValidationError,
  createAk1Client,
  type Ak1ClientOptions,
} from '../../src/client/index.js';
import { ACCESS_CODE_PATTERN } from '../../src/schema/index.js';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore } from '../../src/server/index.js';
import { startSession } from '../../src/server/office/sessions.js';
import { testApplicant, testNik } from './helpers/applicants.js';

/*
 * The applicant's return visit through `createAk1Client` (`lookup`, `correct`, `reschedule`, `cancel`, `report`)
 * against the reference handler on a memory store: each method, each refusal as the error a caller tells apart,
 * and the one retry policy (each POST's own Idempotency-Key on every attempt; a 404 or a lookup's 429 never retried).
 */

/** 09:00 in Serang on Saturday 28 November 2026; visits from Tuesday 1 December. */
const NOW = new Date('2026-11-28T02:00:00Z');
const ORIGIN = 'http://localhost:8080';
const ENDPOINT = `${ORIGIN}/api/ak1`;

interface Sent {
  path: string;
  key: string | null;
  authorization: string | null;
}

/** A backend on a memory store, a client on it, and what the client sent. */
async function setup(clientOptions: Partial<Ak1ClientOptions> = {}) {
  const store = createMemoryStore();
  const clock = { now: NOW };
  const handler = createAk1Handler({
    store,
    endpointPath: '/api/ak1',
    publicUrl: ORIGIN,
    district: ak1DemoDistrict,
    corsOrigins: [],
    now: () => clock.now,
  });
  await store.officers.add({
    id: 'o-siti',
    username: 'siti',
    name: 'Siti Aminah',
    nip: '196903121994032001',
    roles: ['pengantar-kerja'],
    passwordHash: 'not-used-here',
    passwordChangeRequired: false,
    disabled: false,
    createdAt: NOW.toISOString(),
  });
  const sent: Sent[] = [];
  /** Replaces the next replies of the backend (a fault), by path. */
  const faults: Array<(path: string, request: Request) => Promise<Response | undefined>> = [];
  const fetch = async (url: string, init: RequestInit) => {
    const request = new Request(url, init);
    const path = new URL(url).pathname.replace('/api/ak1', '');
    sent.push({ path, key: request.headers.get('idempotency-key'), authorization: request.headers.get('authorization') });
    for (const fault of faults) {
      const reply = await fault(path, request);
      if (reply) return reply;
    }
    return handler(request, { clientAddress: '203.0.113.7' });
  };
  const client = createAk1Client({
    endpoint: ENDPOINT,
    fetch,
    today: '2026-11-28',
    sleep: async () => undefined,
    ...clientOptions,
  });
  let keys = 0;
  const office = async (number: string, body: Record<string, unknown>) => {
    const { token } = await startSession(store.officers, 'o-siti', clock.now);
    const response = await handler(
      new Request(`${ENDPOINT}/office/registrations/${encodeURIComponent(number)}/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `office-${++keys}` },
        body: JSON.stringify(body),
      }),
    );
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as { version: number };
  };
  const remaining = async (date: string) => (await client.availability(date, date)).days[0]!.remaining;
  const register = async (i: number, visit = '2026-12-01') => {
    const registration = await client.submit(testApplicant(i, { preferredVisitDate: visit }));
    assert.match(registration.accessCode ?? '', ACCESS_CODE_PATTERN);
    return { registrationNumber: registration.registrationNumber, nik: testNik(i).nik, accessCode: registration.accessCode!, registration };
  };
  /** Straight to the backend, not through the client's fetch (not counted, no faults). */
  const backend = (request: Request) => handler(request, { clientAddress: '203.0.113.7' });
  return { store, clock, client, sent, faults, office, remaining, register, backend };
}

function otherCode(code: string): string {
  return (code[0] === 'A' ? 'B' : 'A') + code.slice(1);
}

describe('createAk1Client: the applicant comes back', () => {
  it('lookup: the record, its version and a 30-minute token kept in the client only', async () => {
    const s = await setup();
    const r = await s.register(1);
    assert.equal(s.client.lookupExpiresAt, undefined);
    const spaced = r.nik.replace(/^(\d{4})(\d{4})(\d{4})(\d{4})$/, '$1 $2 $3 $4');
    const seen = await s.client.lookup({ registrationNumber: r.registrationNumber, nik: spaced, accessCode: r.accessCode.toLowerCase() });
    assert.equal(seen.registration.registrationNumber, r.registrationNumber);
    assert.equal(seen.registration.status, 'RECEIVED');
    assert.equal(seen.version, 1);
    assert.deepEqual(seen.history.map((entry) => entry.event), ['submit']);
    assert.equal(Date.parse(seen.expiresAt) - NOW.getTime(), 30 * 60 * 1000);
    assert.equal(s.client.lookupExpiresAt, seen.expiresAt);
    const lookups = s.sent.filter((request) => request.path === '/self/lookup');
    assert.equal(lookups.length, 1);
    assert.ok(lookups[0]!.key, 'the lookup carries an Idempotency-Key');
    assert.equal(lookups[0]!.authorization, null);

    // The actions send the token as a bearer token.
    await s.client.cancel();
    assert.equal(s.sent.at(-1)!.authorization, `Bearer ${seen.token}`);
    s.client.forgetLookup();
    assert.equal(s.client.lookupExpiresAt, undefined);
  });

  it('every mismatch is the same Ak1HttpError 404 not-found, never retried', async () => {
    const s = await setup();
    const r = await s.register(2);
    const other = await s.register(3);
    const tries = [
      { ...r, accessCode: otherCode(r.accessCode) },
      { ...r, nik: other.nik },
      { ...r, accessCode: other.accessCode },
      { ...r, registrationNumber: '3604-999999-281126' },
    ];
    for (const attempt of tries) {
      const before = s.sent.length;
      const error = await s.client.lookup(attempt).then(
        () => assert.fail('a mismatch was accepted'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof Ak1HttpError && !(error instanceof Ak1AuthError), String(error));
      assert.equal(error.status, 404);
      assert.equal(error.type, 'not-found');
      assert.equal(s.sent.length - before, 1, 'one request: a 404 is not retried');
    }
    assert.equal(s.client.lookupExpiresAt, undefined);
  });

  it("a lookup's 429 (too many wrong codes) is not retried and says how long to wait", async () => {
    const s = await setup();
    const r = await s.register(4);
    for (let i = 0; i < 5; i++) await assert.rejects(s.client.lookup({ ...r, accessCode: 'ZZZZZZZZ' }), { status: 404 });
    const before = s.sent.length;
    const error = (await s.client.lookup(r).catch((e: unknown) => e)) as Ak1HttpError;
    assert.ok(error instanceof Ak1HttpError);
    assert.equal(error.status, 429);
    assert.equal(error.type, 'rate-limited');
    assert.equal(error.retryAfterMs, 3_600_000, 'the hour the backend said, for the form to tell');
    assert.equal(s.sent.length - before, 1);
  });

  it('an action without a lookup, or after the token ended, is Ak1AuthError unauthenticated; the ended token is forgotten', async () => {
    const s = await setup();
    const r = await s.register(5);
    const before = s.sent.length;
    await assert.rejects(s.client.cancel(), (error: unknown) => error instanceof Ak1AuthError && error.type === 'unauthenticated' && error.status === 401);
    assert.equal(s.sent.length, before, 'nothing sent without a token');

    await s.client.lookup(r);
    s.clock.now = new Date(NOW.getTime() + 31 * 60 * 1000);
    await assert.rejects(s.client.reschedule({ preferredVisitDate: '2026-12-02' }), (error: unknown) => error instanceof Ak1AuthError && error.type === 'unauthenticated');
    assert.equal(s.client.lookupExpiresAt, undefined);
    assert.equal(s.sent.at(-1)!.path, '/self/reschedule', 'one attempt: a 401 is not retried');
  });

  it('correct: the reasons beside their fields, a new photo sent, documents kept; status back to RECEIVED', async () => {
    const s = await setup();
    const r = await s.register(6);
    await s.office(r.registrationNumber, { action: 'request-correction', version: 1, reason: [{ code: 'photo', note: 'Latar belakang merah' }] });
    const seen = await s.client.lookup(r);
    assert.equal(seen.registration.status, 'NEEDS_CORRECTION');
    const asked = seen.history.find((entry) => entry.event === 'request-correction')!;
    assert.deepEqual(asked.reason, [{ code: 'photo', path: ['photo'], note: 'Latar belakang merah' }]);
    const application = seen.application as Record<string, any>;
    assert.deepEqual(application.documents, [{ kind: 'KTP', mediaType: 'image/jpeg' }], 'documents by kind only');

    const fresh = testApplicant(6);
    const corrected = { ...application, photo: fresh.photo, fullName: 'Uji Coba Baru' };
    const reply = await s.client.correct({ application: corrected, version: seen.version });
    assert.equal(reply.registration.status, 'RECEIVED');
    assert.equal(reply.version, seen.version + 1);
    const record = await s.store.getRecord(r.registrationNumber);
    assert.equal(record!.application.fullName, 'Uji Coba Baru');
    assert.equal(record!.application.documents?.[0]?.dataBase64, fresh.documents[0].dataBase64, 'the KTP scan kept as it was');
  });

  it('correct: refused on the device (nothing sent), at a stale version, in a status that allows none, and for a changed NIK', async () => {
    const s = await setup();
    const r = await s.register(7);
    const early = await s.client.lookup(r);
    // RECEIVED: nothing to correct.
    await assert.rejects(
      s.client.correct({ application: early.application, version: early.version }),
      (error: unknown) => error instanceof Ak1ConflictError && error.type === 'transition-not-allowed' && error.status === 422,
    );
    await s.office(r.registrationNumber, { action: 'request-correction', version: 1, reason: [{ code: 'data-mismatch', path: ['fullName'] }] });
    const seen = await s.client.lookup(r);
    const application = seen.application as Record<string, any>;

    const before = s.sent.length;
    await assert.rejects(s.client.correct({ application: { ...application, phone: 'bukan nomor' }, version: seen.version }), (error: unknown) => {
      assert.ok(error instanceof Ak1ValidationError);
      assert.equal(error.status, undefined, 'refused before sending');
      assert.deepEqual(error.issues.map((issue) => issue.path), [['phone']]);
      return true;
    });
    assert.equal(s.sent.length, before);

    await assert.rejects(
      s.client.correct({ application, version: seen.version - 1 }),
      (error: unknown) => error instanceof Ak1ConflictError && error.type === 'version-conflict' && error.status === 409 && error.currentVersion === seen.version,
    );
    // Another valid NIK with the same birth date: only the office changes it, with the KTP in hand.
    await assert.rejects(s.client.correct({ application: { ...application, nik: testNik(8).nik }, version: seen.version }), (error: unknown) => {
      assert.ok(error instanceof Ak1ValidationError);
      assert.equal(error.status, 422, "the backend's refusal");
      assert.deepEqual(error.issues.map((issue) => issue.path), [['nik']]);
      return true;
    });
    await assert.rejects(s.client.correct({ application, version: 0 }), TypeError);
  });

  it('reschedule: another day, the old seat released; refused once signed; no room is visit-unavailable', async () => {
    const s = await setup();
    const r = await s.register(9, '2026-12-01');
    const seen = await s.client.lookup(r);
    const [first, second] = [await s.remaining('2026-12-01'), await s.remaining('2026-12-02')];
    const moved = await s.client.reschedule({ preferredVisitDate: '2026-12-02' });
    assert.equal(moved.registration.appointment?.date, '2026-12-02');
    assert.equal(moved.version, seen.version + 1);
    assert.equal(await s.remaining('2026-12-01'), first + 1);
    assert.equal(await s.remaining('2026-12-02'), second - 1);
    await assert.rejects(s.client.reschedule({ preferredVisitDate: '2026-12-03', version: seen.version }), (error: unknown) => error instanceof Ak1ConflictError && error.type === 'version-conflict');
    await assert.rejects(s.client.reschedule({ preferredVisitDate: '3 Desember' }), RangeError);

    await s.office(r.registrationNumber, { action: 'verify', version: moved.version });
    await s.office(r.registrationNumber, { action: 'sign', version: moved.version + 1 });
    await assert.rejects(s.client.reschedule({ preferredVisitDate: '2026-12-03' }), (error: unknown) => error instanceof Ak1ConflictError && error.type === 'transition-not-allowed');
  });

  it('cancel: CANCELLED, the seat and the NIK free (registering again works); a second cancel is refused', async () => {
    const s = await setup();
    const r = await s.register(10, '2026-12-01');
    const seats = await s.remaining('2026-12-01');
    await s.client.lookup(r);
    const cancelled = await s.client.cancel();
    assert.equal(cancelled.registration.status, 'CANCELLED');
    assert.equal(await s.remaining('2026-12-01'), seats + 1);
    await assert.rejects(s.client.cancel(), (error: unknown) => error instanceof Ak1ConflictError && error.type === 'transition-not-allowed');

    const again = await createAk1Client({ endpoint: ENDPOINT, fetch: (url, init) => s.backend(new Request(url, init)), today: '2026-11-28' }).submit(
      testApplicant(10, { preferredVisitDate: '2026-12-01', address: { ...testApplicant(10).address, street: 'Jl. Baru No. 2' } }),
    );
    assert.notEqual(again.registrationNumber, r.registrationNumber);
    assert.match(again.accessCode ?? '', ACCESS_CODE_PATTERN);
  });

  it('report: outside every window is report-window-closed; seeking, then placed moves to PLACED', async () => {
    const s = await setup();
    const r = await s.register(11);
    await s.client.lookup(r);
    await assert.rejects(s.client.report({ kind: 'seeking' }), (error: unknown) => error instanceof Ak1ConflictError && error.type === 'transition-not-allowed');
    await s.office(r.registrationNumber, { action: 'verify', version: 1 });
    await s.office(r.registrationNumber, { action: 'sign', version: 2 });
    await assert.rejects(s.client.report({ kind: 'seeking' }), (error: unknown) => {
      assert.ok(error instanceof Ak1HttpError);
      assert.equal(error.status, 422);
      assert.equal(error.type, 'report-window-closed');
      // Signed 28 November 2026: the first report is due 28 May 2027 and opens 30 days before it.
      assert.equal(error.opensOn, '2027-04-28');
      return true;
    });
    await assert.rejects(s.client.report({ kind: 'hired' as 'placed' }), TypeError);

    s.clock.now = new Date('2027-05-28T02:00:00Z');
    const seen = await s.client.lookup(r);
    const made = await s.client.report({ kind: 'seeking', version: seen.version });
    assert.equal(made.registration.reports![0]!.kind, 'seeking');
    assert.equal(made.registration.status, 'SIGNED');

    s.clock.now = new Date('2027-11-28T02:00:00Z');
    await s.client.lookup(r);
    const placed = await s.client.report({ kind: 'placed', employer: 'PT Maju Jaya', position: 'Operator Produksi', startDate: '2027-11-15' });
    assert.equal(placed.registration.status, 'PLACED');
    const record = await s.store.getRecord(r.registrationNumber);
    assert.ok(record!.history.some((entry) => entry.event === 'report' && entry.actor.kind === 'applicant'));
  });

  it('report-window-closed says when the next report opens; none when no report opens again; a garbled opensOn is dropped', async () => {
    const s = await setup();
    const r = await s.register(12);
    await s.office(r.registrationNumber, { action: 'verify', version: 1 });
    await s.office(r.registrationNumber, { action: 'sign', version: 2 });
    const closed = (error: unknown) => {
      assert.ok(error instanceof Ak1HttpError, String(error));
      assert.equal(error.type, 'report-window-closed');
      return error.opensOn;
    };
    // The first report made on its due date; another the same day waits for the second window.
    s.clock.now = new Date('2027-05-28T02:00:00Z');
    await s.client.lookup(r);
    await s.client.report({ kind: 'seeking' });
    assert.equal(closed(await s.client.report({ kind: 'seeking' }).catch((e: unknown) => e)), '2027-10-29');
    // Past the third window (due 28 May 2028, closed 27 June), the card still valid until November: none opens again.
    s.clock.now = new Date('2028-07-01T02:00:00Z');
    await s.client.lookup(r);
    assert.equal(closed(await s.client.report({ kind: 'seeking' }).catch((e: unknown) => e)), undefined);
    // A backend's opensOn that is not a date never reaches the form's sentence.
    s.faults.push(async (path) =>
      path === '/self/report'
        ? new Response(JSON.stringify({ type: 'urn:ak1:problem:report-window-closed', title: 'x', status: 422, opensOn: '<b>besok</b>' }), {
            status: 422,
            headers: { 'content-type': 'application/problem+json' },
          })
        : undefined,
    );
    assert.equal(closed(await s.client.report({ kind: 'seeking' }).catch((e: unknown) => e)), undefined);
  });

  it('retries a 503 and a lost reply with the same Idempotency-Key; the action is taken once', async () => {
    const s = await setup();
    const r = await s.register(12, '2026-12-01');
    await s.client.lookup(r);
    // The first attempt: 503 before the backend acts. The second: taken by the backend, its reply lost on the way.
    let attempt = 0;
    s.faults.push(async (path, request) => {
      if (path !== '/self/reschedule') return undefined;
      attempt++;
      if (attempt === 1) {
        const problem = { type: 'urn:ak1:problem:unavailable', title: 'Unavailable', status: 503 };
        return new Response(JSON.stringify(problem), { status: 503, headers: { 'content-type': 'application/problem+json', 'retry-after': '1' } });
      }
      if (attempt === 2) {
        await s.backend(request);
        throw new TypeError('network: the reply was lost');
      }
      return undefined;
    });
    const retried: number[] = [];
    const reply = await s.client.reschedule({ preferredVisitDate: '2026-12-02' }, { onRetry: (event) => retried.push(event.attempt) });
    assert.equal(reply.registration.appointment?.date, '2026-12-02');
    assert.deepEqual(retried, [1, 2]);
    const attempts = s.sent.filter((request) => request.path === '/self/reschedule' && request.authorization);
    assert.equal(new Set(attempts.map((request) => request.key)).size, 1, 'one key for every attempt');
    const record = await s.store.getRecord(r.registrationNumber);
    assert.equal(record!.history.filter((entry) => entry.event === 'reschedule').length, 1, 'taken once');
  });
});
