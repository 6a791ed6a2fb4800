import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { INDONESIAN_HOLIDAYS, ak1HolidayWarning, ak1NationalHolidays, createAk1Handler, createMemoryStore } from '../../src/server/index.js';
import { isCalendarDate } from '../../src/schema/index.js';

/*
 * The national holidays and cuti bersama shipped with ak1-form/server: the data as the decrees set it, the
 * closed days they make, and the warning when the booking horizon runs past what the package knows.
 */

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('national holidays and cuti bersama', () => {
  it('2026 is the SKB 3 Menteri of 2025 (No. 1497, 2 and 5): 17 holidays and 8 days of cuti bersama', () => {
    const year = INDONESIAN_HOLIDAYS[2026]!;
    assert.equal(year.complete, true);
    assert.match(year.decree, /1497 Tahun 2025/);
    assert.equal(year.days.filter((day) => day.kind === 'holiday').length, 17);
    const cuti = year.days.filter((day) => day.kind === 'cuti-bersama').map((day) => day.date);
    assert.deepEqual(cuti, ['2026-02-16', '2026-03-18', '2026-03-20', '2026-03-23', '2026-03-24', '2026-05-15', '2026-05-28', '2026-12-24']);
    // Cuti bersama are working days given off: never on a weekend.
    for (const date of cuti) assert.ok(![0, 6].includes(weekday(date)), date);
  });

  it('every day is a real date of its year, listed once', () => {
    for (const [year, { days }] of Object.entries(INDONESIAN_HOLIDAYS)) {
      for (const { date, name } of days) {
        assert.ok(isCalendarDate(date) && date.startsWith(`${year}-`), `${year}: ${date}`);
        assert.ok(name.length > 0);
      }
      assert.equal(new Set(days.map((day) => day.date)).size, days.length, `${year} lists a day twice`);
    }
  });

  it('2027 holds what is known without its decree, says what it waits for, and closes 1 January 2027', () => {
    const year = INDONESIAN_HOLIDAYS[2027]!;
    assert.equal(year.complete, false);
    assert.match(year.decree, /To be completed when the SKB 3 Menteri .* 2027 is published/);
    for (const date of ['2027-01-01', '2027-05-01', '2027-06-01', '2027-08-17', '2027-12-25']) assert.ok(ak1NationalHolidays(2027).includes(date), date);
  });

  it('ak1NationalHolidays gives the dates of the years asked for, in order; an unknown year adds none', () => {
    const all = ak1NationalHolidays();
    assert.deepEqual(all, [...all].sort());
    assert.equal(ak1NationalHolidays(2026).length, 25);
    assert.deepEqual(ak1NationalHolidays([2026, 2027]), all);
    assert.deepEqual(ak1NationalHolidays(1999), []);
  });

  it('as closedDates, no visit can be booked on 1 January 2027', async () => {
    const handler = createAk1Handler({
      store: createMemoryStore(),
      endpointPath: '/api/ak1',
      publicUrl: 'http://localhost',
      district: { code: '36.04', name: 'Kabupaten Serang', officeName: 'Disnakertrans', officeAddress: 'Serang', closedDates: ak1NationalHolidays() },
      corsOrigins: [],
      // 20 December 2026 in Jakarta: the horizon (30 days) runs into 2027.
      now: () => new Date('2026-12-20T03:00:00Z'),
    });
    const reply = await handler(new Request('http://localhost/api/ak1/availability?from=2026-12-21&to=2027-01-08'));
    assert.equal(reply.status, 200);
    const { days } = (await reply.json()) as { days: Array<{ date: string; open: boolean }> };
    const open = days.filter((day) => day.open).map((day) => day.date);
    assert.ok(open.includes('2026-12-28'), open.join());
    for (const closed of ['2026-12-24', '2026-12-25', '2027-01-01']) assert.ok(!open.includes(closed), closed);
  });

  it("docs/server.md's example closes them with ak1NationalHolidays()", () => {
    const doc = readFileSync(new URL('../../docs/server.md', import.meta.url), 'utf8');
    const example = /```js\n([\s\S]*?)```/.exec(doc)![1]!;
    assert.match(example, /closedDates: ak1NationalHolidays\(\)/);
  });

  it('warns at start when the booking horizon reaches a year that is unknown or incomplete, and only then', () => {
    // Mid-2026, 30 days ahead: all of 2026 is known.
    assert.equal(ak1HolidayWarning({ horizonDays: 30, now: new Date('2026-06-01T03:00:00Z') }), undefined);
    // December 2026: the horizon reaches 2027, known only in part.
    const december = ak1HolidayWarning({ horizonDays: 30, now: new Date('2026-12-07T03:00:00Z') });
    assert.match(december ?? '', /2027/);
    assert.match(december ?? '', /closedDates/);
    // December 2027: 2028 is not known at all.
    assert.match(ak1HolidayWarning({ horizonDays: 30, now: new Date('2027-12-15T03:00:00Z') }) ?? '', /no national holidays for 2028/);
  });
});
