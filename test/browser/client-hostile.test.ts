import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { setupWorker } from 'msw/browser';
import { http, HttpResponse } from 'msw';
import { createAk1Client, Ak1ResponseError } from '../../src/client/index.js';
import { fullApplication, TODAY } from '../fixtures/application.js';
import { exampleRegistration } from '../fixtures/client-replies.js';

/*
 * Replies are untrusted: 1,000 generated `200`/`201` replies that break the contract, every one of which must
 * end in `Ak1ResponseError`, never in a registration. Each is wrong by construction (not judged by the
 * client's own schema), so the test does not grade the client with its own answers.
 */

const ENDPOINT = `${location.origin}/api/ak1`;
// A backend that requires no proof of work: the client asks once before its first registration.
const worker = setupWorker(http.get(`${ENDPOINT}/challenge`, () => new HttpResponse(null, { status: 404 })));

interface HostileReply {
  label: string;
  status: number;
  contentType: string;
  body: string | Uint8Array;
}

const json = (label: string, value: unknown, status = 200): HostileReply => ({
  label,
  status,
  contentType: 'application/json',
  body: JSON.stringify(value),
});

type Registration = ReturnType<typeof exampleRegistration>;

/**
 * Every place a value sits in the registration, a way to set it, and strings that field must refuse on top
 * of the common ones. Free text (the appointment's place) may hold markup: it is only ever shown as text.
 */
const FIELDS: Array<{ name: string; set: (r: any, v: unknown) => void; refuses: string[]; freeText?: boolean }> = [
  { name: 'registrationNumber', set: (r, v) => (r.registrationNumber = v), refuses: ['3604 000123', '-3604', 'x'.repeat(41)] },
  { name: 'registeredAt', set: (r, v) => (r.registeredAt = v), refuses: ['2026-11-28T09:00:00', '2026-11-28', '2026-11-28 09:00:00+07:00'] },
  { name: 'validUntil', set: (r, v) => (r.validUntil = v), refuses: ['2026-02-30', '2026-13-01', '28/11/2026', '2028-11-28T00:00:00Z'] },
  { name: 'reportDueDates', set: (r, v) => (r.reportDueDates = v), refuses: ['2027-05-28'] },
  { name: 'reportDueDates[1]', set: (r, v) => (r.reportDueDates[1] = v), refuses: ['2027-02-29', '27-05-28'] },
  { name: 'status', set: (r, v) => (r.status = v), refuses: ['received', 'RECEIVED ', 'Approved', 'SEDANG DIPROSES'] }, // an unknown code (APPROVED) is a registration
  { name: 'verification', set: (r, v) => (r.verification = v), refuses: ['https://disnaker.example.go.id/ak1/verify/x'] },
  { name: 'verification.url', set: (r, v) => (r.verification.url = v), refuses: ['data:text/html,<b>x</b>', 'ftp://x.example/', '//x.example/v'] },
  { name: 'verification.token', set: (r, v) => (r.verification.token = v), refuses: ['a.b', 'a.b.c.d', 'a.b.c=', 'a+b.c.d'] },
  { name: 'appointment', set: (r, v) => (r.appointment = v), refuses: ['2026-12-01 08:00'] },
  { name: 'appointment.date', set: (r, v) => (r.appointment.date = v), refuses: ['2026-12-32', '01-12-2026'] },
  { name: 'appointment.start', set: (r, v) => (r.appointment.start = v), refuses: ['24:00', '8:00', '08:00:00'] },
  { name: 'appointment.place', set: (r, v) => (r.appointment.place = v), refuses: ['x'.repeat(201)], freeText: true },
];
const REQUIRED = ['registrationNumber', 'registeredAt', 'validUntil', 'reportDueDates', 'status', 'verification'] as const;

/** Values of the wrong JSON type for every field (all fields are strings, or arrays/objects of them). */
const wrongType = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** Strings no field accepts: empty, controls and bidi overrides, beyond every length limit. */
const refusedEverywhere = fc.oneof(
  fc.constantFrom('', 'A\u0000B', '3604\u202e0001', 'line\nbreak\u0007'),
  fc.string({ minLength: 2050, maxLength: 2100 }),
);
/** Strings only free text may hold. */
const markup = fc.constantFrom('<img src=x onerror=alert(1)>', 'javascript:alert(1)', '<script>alert(1)</script>');

const wrongField = fc
  .constantFrom(...FIELDS)
  .chain((field) =>
    fc.tuple(
      fc.constant(field),
      fc.oneof(wrongType, refusedEverywhere, fc.constantFrom(...field.refuses), ...(field.freeText ? [] : [markup])),
    ),
  )
  .map(([field, value]) => {
    const registration = exampleRegistration();
    field.set(registration, value);
    return json(`${field.name} = ${JSON.stringify(value).slice(0, 40)}`, registration);
  });

const missingField = fc.constantFrom(...REQUIRED).map((name) => {
  const registration = exampleRegistration() as Record<string, unknown>;
  delete registration[name];
  return json(`without ${name}`, registration, 201);
});

const notARegistration = fc.oneof(
  fc.anything().map((value) => json('anything', value ?? null)),
  fc.constant(json('null', null)),
  fc.constant(json('array', [exampleRegistration()])),
  fc.constant(json('wrapped', { data: exampleRegistration() })),
  fc.constant({ ...json('__proto__', {}), body: `{"__proto__":${JSON.stringify(exampleRegistration())}}` }),
);

const validBody = JSON.stringify(exampleRegistration());

const brokenBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((bytes): HostileReply => ({ label: 'bytes', status: 200, contentType: 'application/json', body: bytes })),
  fc.nat({ max: validBody.length - 1 }).map((cut): HostileReply => ({ label: `cut at ${cut}`, status: 200, contentType: 'application/json', body: validBody.slice(0, cut) })),
  fc.constantFrom('text/html', 'text/plain', 'application/octet-stream', '').map((contentType): HostileReply => ({ label: `as ${contentType || 'no type'}`, status: 200, contentType, body: validBody })),
  fc.constant<HostileReply>({ label: 'html page', status: 200, contentType: 'text/html', body: '<!doctype html><title>Berhasil</title><p>Pendaftaran berhasil' }),
  fc.constant<HostileReply>({ label: 'invalid utf-8', status: 200, contentType: 'application/json', body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }),
  fc.integer({ min: 65 * 1024, max: 200 * 1024 }).map((size): HostileReply => ({
    label: `${size} bytes`,
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ ...exampleRegistration(), padding: 'x'.repeat(size) }),
  })),
);

const hostileReply = fc.oneof(wrongField, missingField, notARegistration, brokenBytes);

describe('createAk1Client: hostile replies', () => {
  before(async () => {
    await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'error' });
  });
  after(() => worker.stop());

  it('takes none of 1,000 generated hostile 200 bodies for a success', async function () {
    this.timeout(120_000);
    const seed = Number(new URLSearchParams(location.search).get('seed') ?? Date.now() % 2 ** 31);
    console.log(`hostile replies: fast-check seed ${seed}`);
    let current: HostileReply | undefined;
    let requests = 0;
    worker.use(
      http.post(ENDPOINT, () => {
        requests++;
        const reply = current!;
        return new HttpResponse(reply.body, { status: reply.status, headers: reply.contentType ? { 'content-type': reply.contentType } : {} });
      }),
    );
    const client = createAk1Client({ endpoint: ENDPOINT, today: TODAY, requiredDocuments: ['KTP'], retries: 0 });
    const application = fullApplication();
    const labels = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(hostileReply, async (reply) => {
        current = reply;
        const kind = reply.label.split(/[ =]/)[0]!;
        labels.set(kind, (labels.get(kind) ?? 0) + 1);
        let outcome: unknown;
        try {
          outcome = await client.submit(application);
        } catch (error) {
          outcome = error;
        }
        expect(outcome, reply.label).to.be.instanceOf(Ak1ResponseError);
      }),
      { numRuns: 1000, seed },
    );
    expect(requests).to.be.at.least(1000);
    // Every kind of hostility was tried.
    for (const kind of ['registrationNumber', 'status', 'verification.url', 'appointment.place', 'without', 'anything', 'bytes', 'cut', 'as']) {
      expect(labels.get(kind) ?? 0, kind).to.be.greaterThan(0);
    }
  });
});
