import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Ak1AuthError, Ak1HttpError, createAk1Client, createAk1OfficeClient, type Ak1DailyReport } from '../../src/index.js';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore } from '../../src/server/index.js';
import { addOfficer } from '../../src/server/office/accounts.js';
import { createWebCryptoHasher } from '../../src/server/office/passwords.js';
import { testApplicant } from './helpers/applicants.js';
import { seededRandom } from '../../src/mocks/random.js';

/*
 * The office chart's route, GET /office/reports/daily (issue 15): a month of registrations made through the public
 * route on a moving clock, visits checked in at the counter on their day, some cancelled; every day of the reply
 * compared with a count kept here as the test made things (the WIB day read off the clock, the visit's date from
 * the registration's reply), not from the store; and the month's status funnel, from how far the test took each
 * visit (checked in, verified, signed, placed).
 */

const ENDPOINT = 'https://disnaker.example.go.id/api/ak1';
const PASSWORD = 'kata-sandi-harian';
const CLOSED = '2026-11-17';
/** Two windows of 2 under a day's cap of 3: the day's capacity is 3. */
const district = {
  ...ak1DemoDistrict,
  capacityPerDay: 3,
  closedDates: [CLOSED],
  windows: [
    { start: '08:00', end: '10:00', capacity: 2 },
    { start: '10:00', end: '12:00', capacity: 2 },
  ],
};


const pad = (n: number) => String(n).padStart(2, '0');
/** The WIB calendar day of a UTC instant, written out by hand: seven hours ahead. */
const wibDay = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

describe('GET /office/reports/daily', () => {
  it('counts each day of the month: registered on the WIB day, visits held and checked in, capacity on open days', async () => {
    const store = createMemoryStore();
    const passwordHasher = createWebCryptoHasher({ iterations: 1000 });
    const clock = { now: new Date('2026-11-01T02:00:00Z') };
    const handler = createAk1Handler({
      store,
      endpointPath: '/api/ak1',
      publicUrl: 'https://disnaker.example.go.id',
      district,
      corsOrigins: [],
      passwordHasher,
      limits: false,
      now: () => clock.now,
    });
    const fetch = (url: string, init: RequestInit) => handler(new Request(url, init));
    await addOfficer(store, passwordHasher, { username: 'petugas', name: 'Petugas Loket', roles: ['petugas'], password: PASSWORD, now: clock.now });
    await addOfficer(store, passwordHasher, { username: 'pengantar', name: 'Siti Aminah', roles: ['pengantar-kerja'], password: PASSWORD, now: clock.now });
    const counter = createAk1OfficeClient({ endpoint: ENDPOINT, fetch, retries: 0 });
    await counter.login({ username: 'petugas', password: PASSWORD });
    const signer = createAk1OfficeClient({ endpoint: ENDPOINT, fetch, retries: 0 });

    const next = seededRandom(20261130);
    const registered = new Map<string, number>();
    type Stage = 'booked' | 'arrived' | 'verified' | 'signed' | 'placed';
    const visits = new Map<string, { date: string; cancelled: boolean; checkedIn: boolean; stage: Stage }>();
    let applicant = 0;
    const submit = async () => {
      const client = createAk1Client({ endpoint: ENDPOINT, fetch, today: wibDay(clock.now), retries: 0 });
      const application = testApplicant(applicant++);
      // Consent given a moment before sending, on the month's own clock.
      application.consent = { ...application.consent, acceptedAt: new Date(clock.now.getTime() - 60_000).toISOString() };
      const registration = await client.submit(application);
      const day = wibDay(clock.now);
      registered.set(day, (registered.get(day) ?? 0) + 1);
      if (registration.appointment) {
        visits.set(registration.registrationNumber, { date: registration.appointment.date, cancelled: false, checkedIn: false, stage: 'booked' });
      }
    };

    for (let d = 1; d <= 30; d++) {
      const date = `2026-11-${pad(d)}`;
      // 00.15 WIB now and then: the day before in UTC, this day on the district's clock.
      if (next() < 0.3) {
        clock.now = new Date(`${date}T00:15:00+07:00`);
        await submit();
      }
      // 09.00 WIB: the counter checks in most of the day's visits and cancels one now and then.
      clock.now = new Date(`${date}T02:00:00Z`);
      await counter.login({ username: 'petugas', password: PASSWORD });
      for (const [number, visit] of visits) {
        if (visit.date !== date || visit.cancelled) continue;
        const roll = next();
        if (roll < 0.15) continue; // did not come
        const { version } = await counter.open(number);
        if (roll < 0.25) {
          await counter.act(number, { action: 'cancel', version, reasons: ['other'] } as never);
          visit.cancelled = true;
        } else {
          await counter.act(number, { action: 'check-in', version });
          visit.checkedIn = true;
          visit.stage = 'arrived';
          // Most are verified at the counter; some of those signed, and a few of the signed placed at once.
          if (next() < 0.2) continue;
          await counter.act(number, { action: 'verify', version: (await counter.open(number)).version } as never);
          visit.stage = 'verified';
          if (next() < 0.4) continue;
          await signer.login({ username: 'pengantar', password: PASSWORD });
          await signer.act(number, { action: 'sign', version: (await signer.open(number)).version } as never);
          visit.stage = 'signed';
          if (next() < 0.6) continue;
          await counter.act(number, { action: 'place', version: (await counter.open(number)).version, placement: { kind: 'placed' } } as never);
          visit.stage = 'placed';
        }
      }
      // Through the day, and some at 23.30 WIB (16.30 UTC): still that day on the district's clock.
      const count = Math.floor(next() * 4);
      for (let i = 0; i < count; i++) {
        clock.now = new Date(`${date}T${pad(3 + Math.floor(next() * 8))}:${pad(Math.floor(next() * 60))}:00Z`);
        await submit();
      }
      if (next() < 0.3) {
        clock.now = new Date(`${date}T16:30:00Z`);
        await submit();
      }
    }
    clock.now = new Date('2026-11-30T16:45:00Z');
    await counter.login({ username: 'petugas', password: PASSWORD });
    const report = await counter.dailyReport({ month: '2026-11' });

    // Of the month's days only (late registrations got December's), a cancelled visit left out.
    const monthVisits = [...visits.values()].filter((visit) => visit.date.startsWith('2026-11-') && !visit.cancelled);
    const reached = (stages: Stage[]) => monthVisits.filter((visit) => stages.includes(visit.stage)).length;
    const expected: Ak1DailyReport = {
      month: '2026-11',
      days: [],
      funnel: {
        booked: monthVisits.length,
        arrived: reached(['arrived', 'verified', 'signed', 'placed']),
        verified: reached(['verified', 'signed', 'placed']),
        signed: reached(['signed', 'placed']),
        placed: reached(['placed']),
      },
    };
    for (let d = 1; d <= 30; d++) {
      const date = `2026-11-${pad(d)}`;
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      const open = weekday !== 0 && weekday !== 6 && date !== CLOSED;
      const held = [...visits.values()].filter((visit) => visit.date === date);
      expected.days.push({
        date,
        open,
        capacity: open ? 3 : 0,
        registered: registered.get(date) ?? 0,
        // Seats held now: a placed applicant's visit gave its seat back, as a cancelled one did.
        booked: held.filter((visit) => !visit.cancelled && visit.stage !== 'placed').length,
        checkedIn: held.filter((visit) => visit.checkedIn).length,
      });
    }
    assert.deepEqual(report, expected);
    // The month was busy enough for the comparison to mean something.
    const sum = (key: 'registered' | 'booked' | 'checkedIn') => report.days.reduce((total, day) => total + day[key], 0);
    assert.ok(sum('registered') > 30 && sum('booked') > 20 && sum('checkedIn') > 10, JSON.stringify({ r: sum('registered'), b: sum('booked'), c: sum('checkedIn') }));
    assert.ok(report.days.some((day) => day.booked === 3), 'some day is full');
    const { funnel } = report;
    assert.ok(funnel.booked > funnel.arrived && funnel.arrived > funnel.verified && funnel.verified > funnel.signed && funnel.signed > funnel.placed && funnel.placed > 0, JSON.stringify(funnel));

    // A month with nothing in it still lists every day; December has not begun; nonsense is refused.
    const october = await counter.dailyReport({ month: '2026-10' });
    assert.equal(october.days.length, 31);
    assert.ok(october.days.every((day) => day.registered === 0 && day.booked === 0 && day.checkedIn === 0));
    assert.deepEqual(october.funnel, { booked: 0, arrived: 0, verified: 0, signed: 0, placed: 0 });
    assert.equal(october.days.filter((day) => day.open).length, 22);
    await assert.rejects(counter.dailyReport({ month: '2026-12' }), (error: unknown) => error instanceof Ak1HttpError && error.status === 400);
    const noSession = await handler(new Request(`${ENDPOINT}/office/reports/daily?month=2026-11`));
    assert.equal(noSession.status, 401);
    await counter.logout();
    await assert.rejects(counter.dailyReport({ month: '2026-11' }), (error: unknown) => error instanceof Ak1AuthError);
  });
});
