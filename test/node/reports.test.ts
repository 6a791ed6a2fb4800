import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Ak1Application, EducationLevel, Sex } from '../../src/schema/index.js';
import type { Ak1HistoryEntry } from '../../src/schema/lifecycle.js';
import { createMemoryStore } from '../../src/server/memory-store.js';
import { countIpk, ipkReport, type Ak1IpkReport } from '../../src/server/reports/ipk.js';
import type { Ak1RegisterRequest, Ak1Store } from '../../src/server/store.js';
import { testApplicant } from './helpers/applicants.js';
import { seededRandom } from '../../src/mocks/random.js';

/*
 * The IPK tables (issue 15) against a population made through the store's API: 5,000 registrations over 14
 * months with their histories (registered, corrected, verified, signed, reported, placed, cancelled before and
 * after signing, rejected, expired, opened and printed). Every table of every month is compared with a count
 * written here independently: plain loops over the events as the generator made them (not the store's history),
 * the month read from the timestamp's text (every time is written in WIB, +07:00), ages by counting birthdays.
 */

const ZONE = 'Asia/Jakarta';
const POPULATION = 5_000;
/** December 2025 to January 2027: fourteen months. */
const MONTHS = Array.from({ length: 14 }, (_, i) => {
  const n = 2025 * 12 + 11 + i;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
});
/** Lowest first; an application with no school at all states 'BELUM_TAMAT_SD' ("Tidak/belum tamat SD"). */
const LEVELS: EducationLevel[] = ['BELUM_TAMAT_SD', 'SD', 'SMP', 'SMA', 'SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'];
const SCHOOLS = LEVELS.slice(1);
const SEX: Sex[] = ['L', 'P'];
const BANDS: Array<[string, number, number]> = [
  ['15-19', 0, 19],
  ['20-29', 20, 29],
  ['30-44', 30, 44],
  ['45-54', 45, 54],
  ['55+', 55, 200],
];


interface Made {
  number: string;
  birthDate: string;
  sex: Sex;
  levels: EducationLevel[];
  kbji?: string;
  /** Every event as made, in order: its WIB time and the status it leads to (none for events that keep it). */
  events: Array<{ at: string; to?: string }>;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** A WIB time `minutes` after 1 December 2025 00:00 WIB, written as the server writes it. */
function wib(minutes: number): string {
  const d = new Date(Date.UTC(2025, 11, 1, 0, 0) + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00+07:00`;
}
const DAY = 24 * 60;
/** Minutes from 1 December 2025 00:00 WIB to 23.30 WIB on the last day of `month`. */
function lastDay2330(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return (Date.UTC(y, m, 0, 23, 30) - Date.UTC(2025, 11, 1)) / 60_000;
}

const officer = { kind: 'officer' as const, id: 'officer-1', name: 'Siti Aminah' };

async function populate(store: Ak1Store): Promise<Made[]> {
  const next = seededRandom(20261207);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const span = (Date.UTC(2027, 0, 31) - Date.UTC(2025, 11, 1)) / 60_000;
  const made: Made[] = [];
  for (let i = 0; i < POPULATION; i++) {
    // Office hours-ish, but any minute of the day, so that some land late in the evening of a month's last day.
    let t = Math.floor(next() * span * 0.8);
    const year = 1962 + Math.floor(next() * 46);
    const birthDate = `${year}-${pad(1 + Math.floor(next() * 12))}-${pad(1 + Math.floor(next() * 28))}`;
    const sex = pick(SEX);
    // One in twenty never finished school: no school at all.
    const levels = next() < 0.05 ? [] : Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(SCHOOLS));
    const coded = next() < 0.7;
    const kbji = coded ? `${Math.floor(next() * 10)}${pad(Math.floor(next() * 100))}` : undefined;
    const application = testApplicant(i, { birthDate, sex, education: levels.map((level) => ({ level, institution: 'Sekolah Uji', graduationYear: 2010 })) });
    application.jobPreferences = {
      ...application.jobPreferences,
      positions: [{ title: 'Posisi uji', ...(kbji ? { kbji } : {}) }, { title: 'Posisi kedua', kbji: '9329' }],
    };
    const registeredAt = wib(t);
    const request: Ak1RegisterRequest = {
      id: `id-${i}`,
      idempotencyKey: `key-${i}`,
      fingerprint: `fingerprint-${i}`,
      application: application as unknown as Ak1Application,
      registeredAt,
      registrationDate: registeredAt.slice(0, 10),
      validUntil: '2029-01-01',
      reportDueDates: ['2027-06-01', '2027-12-01', '2028-06-01'],
      token: `token-${i}`,
      serialScope: '3604',
      formatNumber: (serial) => `3604-${pad(serial, 6)}`,
      slots: [],
    };
    const outcome = await store.register(request);
    assert.equal(outcome.outcome, 'created');
    const number = (outcome as { registration: { registrationNumber: string } }).registration.registrationNumber;
    const one: Made = { number, birthDate, sex, levels, ...(kbji ? { kbji } : {}), events: [{ at: registeredAt, to: 'RECEIVED' }] };
    made.push(one);
    let status = 'RECEIVED';
    let version = 1;
    const write = async (event: string, minutesLater: number, to?: string, exact?: number) => {
      t = exact ?? t + minutesLater;
      const at = wib(t);
      const entry: Ak1HistoryEntry = { at, actor: event === 'expire' ? { kind: 'system' } : officer, event, ...(to ? { from: status, to } : {}) };
      const outcome = await store.update(number, (record) =>
        record.registration.version === version ? { write: { ...(to ? { status: to as 'SIGNED' } : {}), history: entry } } : { refuse: 'version-conflict' },
      );
      assert.equal(outcome.outcome, 'updated', `${number} ${event}`);
      if (to) {
        status = to;
        version++;
      }
      one.events.push({ at, ...(to ? { to } : {}) });
    };
    await write('view', 30 + Math.floor(next() * DAY * 5));
    const fate = next();
    if (fate < 0.05) {
      await write('reject', DAY + Math.floor(next() * DAY * 10), 'REJECTED');
      continue;
    }
    if (fate < 0.1) {
      await write('cancel', DAY + Math.floor(next() * DAY * 10), 'CANCELLED');
      continue;
    }
    if (next() < 0.2) {
      await write('request-correction', Math.floor(next() * DAY * 3), 'NEEDS_CORRECTION');
      await write('correct', Math.floor(next() * DAY * 7), 'RECEIVED');
    }
    if (fate < 0.15) continue; // never came to the office: stays RECEIVED
    await write('check-in', Math.floor(next() * DAY * 14));
    await write('verify', 10, 'VERIFIED');
    // About one in fifty is signed at 23.30 WIB on a month's last day (already the next month in UTC+8 and later).
    const sign2330 = next() < 0.02 ? lastDay2330(wib(t + 60).slice(0, 7)) : undefined;
    await write('sign', 20 + Math.floor(next() * DAY * 2), 'SIGNED', sign2330 !== undefined && sign2330 > t ? sign2330 : undefined);
    await write('print', 5);
    const after = next();
    if (next() < 0.4) await write('report', Math.floor(next() * DAY * 120));
    if (after < 0.25) {
      // Placed: a quarter of them at 23.30 WIB on a month's last day.
      const placed2330 = next() < 0.25 ? lastDay2330(wib(t + DAY * 40).slice(0, 7)) : undefined;
      await write('place', Math.floor(next() * DAY * 200), 'PLACED', placed2330);
    } else if (after < 0.35) {
      await write('cancel', Math.floor(next() * DAY * 200), 'CANCELLED');
    } else if (after < 0.45) {
      await write('expire', Math.floor(next() * DAY * 300), 'EXPIRED');
    }
  }
  return made;
}

/** The independent count: for each registration, replay its own events month by month. */
function expected(month: string, made: Made[]): Ak1IpkReport {
  const lastDay = `${month}-${pad(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate())}`;
  const byAge: Ak1IpkReport['byAge'] = [];
  const byEducation: Ak1IpkReport['byEducation'] = [];
  const byJobGroup: Ak1IpkReport['byJobGroup'] = [];
  for (const [group] of BANDS) for (const sex of SEX) byAge.push({ group, sex, start: 0, registered: 0, placed: 0, removed: 0, end: 0 });
  for (const group of LEVELS) for (const sex of SEX) byEducation.push({ group, sex, start: 0, registered: 0, placed: 0, removed: 0, end: 0 });
  for (const group of ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-']) for (const sex of SEX) byJobGroup.push({ group, sex, registered: 0 });

  for (const r of made) {
    let before = 'NONE';
    let atEnd = 'NONE';
    let registered = 0;
    let placed = 0;
    let removed = 0;
    for (const e of r.events) {
      if (!e.to) continue;
      const m = e.at.slice(0, 7); // written in WIB: the text is the district's clock
      if (m < month) before = e.to;
      if (m <= month) {
        if (m === month) {
          if (e.to === 'SIGNED' && atEnd !== 'SIGNED') registered += 1;
          if (atEnd === 'SIGNED' && e.to === 'PLACED') placed += 1;
          if (atEnd === 'SIGNED' && (e.to === 'CANCELLED' || e.to === 'EXPIRED')) removed += 1;
        }
        atEnd = e.to;
      }
    }
    const start = before === 'SIGNED' ? 1 : 0;
    const end = atEnd === 'SIGNED' ? 1 : 0;
    if (start + registered + placed + removed + end === 0) continue;

    let age = 0;
    while (`${Number(r.birthDate.slice(0, 4)) + age + 1}${r.birthDate.slice(4)}` <= lastDay) age++;
    const band = BANDS.find(([, low, high]) => age >= low && age <= high)![0];
    let highest: EducationLevel = 'BELUM_TAMAT_SD';
    for (const level of r.levels) if (LEVELS.indexOf(level) > LEVELS.indexOf(highest)) highest = level;
    for (const row of [byAge.find((x) => x.group === band && x.sex === r.sex)!, byEducation.find((x) => x.group === highest && x.sex === r.sex)!]) {
      row.start += start;
      row.registered += registered;
      row.placed += placed;
      row.removed += removed;
      row.end += end;
    }
    byJobGroup.find((x) => x.group === (r.kbji ? r.kbji.charAt(0) : '-') && x.sex === r.sex)!.registered += registered;
  }
  return { month, byAge, byEducation, byJobGroup };
}

describe('IPK tables from the history', () => {
  let store: Ak1Store;
  let made: Made[];
  const reports = new Map<string, Ak1IpkReport>();

  before(async () => {
    store = createMemoryStore();
    made = await populate(store);
    for (const month of MONTHS) reports.set(month, await ipkReport(store, month, ZONE));
  });

  it('the population is large and has every kind of history', () => {
    assert.equal(made.length, POPULATION);
    const tos = new Set(made.flatMap((r) => r.events.map((e) => e.to)));
    for (const status of ['RECEIVED', 'NEEDS_CORRECTION', 'VERIFIED', 'SIGNED', 'PLACED', 'CANCELLED', 'EXPIRED', 'REJECTED']) assert.ok(tos.has(status), status);
    const months = new Set(made.map((r) => r.events[0]!.at.slice(0, 7)));
    assert.ok(months.size >= 12, `registered in ${months.size} months`);
    const signedLate = made.filter((r) => r.events.some((e) => e.to === 'SIGNED' && e.at.slice(11, 16) === '23:30'));
    assert.ok(signedLate.length >= 20, `${signedLate.length} signed at 23.30`);
  });

  it('every table of every month equals the independent count', () => {
    for (const month of MONTHS) assert.deepEqual(reports.get(month), expected(month, made), month);
  });

  it('every row of every month adds up: start + registered − placed − removed = end', () => {
    for (const month of MONTHS) {
      const report = reports.get(month)!;
      for (const row of [...report.byAge, ...report.byEducation]) {
        assert.equal(row.start + row.registered - row.placed - row.removed, row.end, `${month} ${row.group} ${row.sex}`);
      }
    }
  });

  it('counts something in every column over the fourteen months, and each table has every group and sex', () => {
    const sum = (key: 'start' | 'registered' | 'placed' | 'removed' | 'end') =>
      MONTHS.reduce((total, month) => total + reports.get(month)!.byAge.reduce((s, row) => s + row[key], 0), 0);
    for (const key of ['start', 'registered', 'placed', 'removed', 'end'] as const) assert.ok(sum(key) > 100, key);
    for (const month of MONTHS) {
      const report = reports.get(month)!;
      assert.equal(report.byAge.length, 10);
      assert.equal(report.byEducation.length, 24);
      assert.equal(report.byJobGroup.length, 22);
      // The age and education tables count the same people; the job groups the month's registrations.
      const total = (rows: Array<{ end: number }>) => rows.reduce((s, row) => s + row.end, 0);
      assert.equal(total(report.byAge), total(report.byEducation), month);
      assert.equal(
        report.byJobGroup.reduce((s, row) => s + row.registered, 0),
        report.byAge.reduce((s, row) => s + row.registered, 0),
        month,
      );
    }
  });

  it('counts from the history, not the status today: a card placed later is still registered in its month', () => {
    const placedLater = made.find((r) => {
      const signed = r.events.find((e) => e.to === 'SIGNED');
      const placed = r.events.find((e) => e.to === 'PLACED');
      return signed && placed && signed.at.slice(0, 7) < placed.at.slice(0, 7) && MONTHS.includes(placed.at.slice(0, 7));
    })!;
    const signedMonth = placedLater.events.find((e) => e.to === 'SIGNED')!.at.slice(0, 7);
    const placedMonth = placedLater.events.find((e) => e.to === 'PLACED')!.at.slice(0, 7);
    const alone = (month: string) => countIpk(month, ZONE, [{ application: applicationOf(placedLater), history: placedLater.events }]);
    const row = (report: Ak1IpkReport) => report.byEducation.find((x) => x.registered + x.start + x.placed + x.end > 0)!;
    assert.deepEqual(pick(row(alone(signedMonth))), { start: 0, registered: 1, placed: 0, removed: 0, end: 1 });
    assert.deepEqual(pick(row(alone(placedMonth))), { start: 1, registered: 0, placed: 1, removed: 0, end: 0 });
  });

  it('a job seeker who never finished school (education: []) is counted in the BELUM_TAMAT_SD row', () => {
    const application = { ...applicationOf(made[0]!), education: [] };
    const history = [
      { at: '2026-01-10T09:00:00+07:00', to: 'RECEIVED' },
      { at: '2026-01-12T10:00:00+07:00', to: 'VERIFIED' },
      { at: '2026-01-12T11:00:00+07:00', to: 'SIGNED' },
    ];
    const report = countIpk('2026-01', 'Asia/Jakarta', [{ application, history }]);
    const row = report.byEducation.find((r) => r.group === 'BELUM_TAMAT_SD' && r.sex === application.sex);
    assert.deepEqual(row && pick(row), { start: 0, registered: 1, placed: 0, removed: 0, end: 1 });
    assert.equal(report.byEducation.reduce((sum, r) => sum + r.registered, 0), 1);
  });

  it('an event at 23.30 WIB on the month’s last day belongs to that month', () => {
    const application = applicationOf(made[0]!);
    const history = [
      { at: '2026-01-10T09:00:00+07:00', to: 'RECEIVED' },
      { at: '2026-01-31T10:00:00+07:00', to: 'VERIFIED' },
      // 16.30 UTC: still 31 January in Serang, already 1 February in Makassar (UTC+8).
      { at: '2026-01-31T23:30:00+07:00', to: 'SIGNED' },
      { at: '2026-02-28T23:30:00+07:00', to: 'PLACED' },
    ];
    const registered = (report: Ak1IpkReport) => report.byAge.reduce((s, row) => s + row.registered, 0);
    const placed = (report: Ak1IpkReport) => report.byAge.reduce((s, row) => s + row.placed, 0);
    assert.equal(registered(countIpk('2026-01', 'Asia/Jakarta', [{ application, history }])), 1);
    assert.equal(registered(countIpk('2026-02', 'Asia/Jakarta', [{ application, history }])), 0);
    assert.equal(placed(countIpk('2026-02', 'Asia/Jakarta', [{ application, history }])), 1);
    // The same instant in UTC form is the same event.
    const utc = history.map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
    assert.equal(registered(countIpk('2026-01', 'Asia/Jakarta', [{ application, history: utc }])), 1);
    // In WITA (Asia/Makassar) it is February.
    assert.equal(registered(countIpk('2026-01', 'Asia/Makassar', [{ application, history }])), 0);
    assert.equal(registered(countIpk('2026-02', 'Asia/Makassar', [{ application, history }])), 1);
    // And the store-made ones: each card signed at 23.30 on a last day is in that month's registered.
    for (const r of made) {
      const late = r.events.find((e) => e.to === 'SIGNED' && e.at.slice(11, 16) === '23:30');
      if (!late) continue;
      const report = countIpk(late.at.slice(0, 7), ZONE, [{ application: applicationOf(r), history: r.events }]);
      assert.equal(registered(report), 1, r.number);
    }
  });

  it('ages are taken at the month’s end, for every column', () => {
    const application = { ...applicationOf(made[0]!), birthDate: '2006-03-15' };
    const history = [{ at: '2026-01-05T09:00:00+07:00', to: 'SIGNED' }];
    const group = (month: string) => countIpk(month, ZONE, [{ application, history }]).byAge.find((row) => row.end > 0)!.group;
    assert.equal(group('2026-02'), '15-19');
    assert.equal(group('2026-03'), '20-29'); // 20 on 15 March
  });
});

function applicationOf(r: Made) {
  return {
    birthDate: r.birthDate,
    sex: r.sex,
    education: r.levels.map((level) => ({ level, institution: 'Sekolah Uji', graduationYear: 2010 })),
    jobPreferences: { positions: [{ title: 'Posisi uji', ...(r.kbji ? { kbji: r.kbji } : {}) }], location: 'DALAM_NEGERI' },
  } as unknown as Pick<Ak1Application, 'birthDate' | 'sex' | 'education' | 'jobPreferences'>;
}

function pick({ start, registered, placed, removed, end }: Ak1IpkReport['byAge'][number]) {
  return { start, registered, placed, removed, end };
}
