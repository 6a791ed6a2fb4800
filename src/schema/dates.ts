import { daysInMonth } from '../nik/index.js';

/** The time zone of the whole SDK unless a district says otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a `YYYY-MM-DD` string naming a day the calendar has (no 31 April, no 29 February 2023). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The calendar date (`YYYY-MM-DD`) of `when` in `timeZone`. A string is taken as already being a calendar
 * date and returned as it is, so callers can pass either.
 */
export function calendarDate(when: Date | string = new Date(), timeZone: string = DEFAULT_TIME_ZONE): string {
  if (typeof when === 'string') return when;
  const zone = dateZone(timeZone);
  // The server asks for the date on every request: within one second the answer is the last one.
  const second = Math.floor(when.getTime() / 1000);
  if (second === zone.second) return zone.date;
  const parts = zone.formatter.formatToParts(when);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  zone.second = second;
  zone.date = `${part('year')}-${part('month')}-${part('day')}`;
  return zone.date;
}

// Making a formatter costs about 15 times as much as using one, so each time zone keeps its own.
const dateZones = new Map<string, { formatter: Intl.DateTimeFormat; second: number; date: string }>();

function dateZone(timeZone: string): { formatter: Intl.DateTimeFormat; second: number; date: string } {
  let zone = dateZones.get(timeZone);
  if (!zone) {
    zone = { formatter: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }), second: NaN, date: '' };
    dateZones.set(timeZone, zone);
  }
  return zone;
}

/**
 * Adds whole months to a calendar date, clamping to the month's last day: 31 August + 6 months is
 * 28 February (29 in a leap year). The backend contract's rule for validity and report due dates.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return `${String(newYear).padStart(4, '0')}-${pad2(newMonth)}-${pad2(newDay)}`;
}

/**
 * The card's dates counted from one day: valid for 24 months, the three six-monthly reports due at 6, 12 and
 * 18 months. Counted from the registration day until a Pengantar Kerja signs (provisional), then from the
 * signing day ("Dikeluarkan"); one function for both, so the two can never disagree.
 */
export function cardDates(from: string): { validUntil: string; reportDueDates: [string, string, string] } {
  return {
    validUntil: addMonths(from, 24),
    reportDueDates: [addMonths(from, 6), addMonths(from, 12), addMonths(from, 18)],
  };
}

/** Adds days to a calendar date. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999.
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day + days);
  return at.toISOString().slice(0, 10);
}

/**
 * Every date from `from` to `to`, both included, in order (none when `from` is after `to` or either is no date).
 * Counted rather than compared, so a range may end on 9999-12-31: the day after it has no `YYYY-MM-DD`, and a loop
 * stepping to it never ended (the fuzzer's `availability?from=9999-12-31&to=9999-12-31` was a 500).
 */
export function datesFrom(from: string, to: string): string[] {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  return Number.isFinite(days) && days > 0 ? Array.from({ length: days }, (_, i) => addDays(from, i)) : [];
}

/** The year of a `YYYY-MM-DD` date. */
export function yearOfDate(date: string): number {
  return Number(date.slice(0, 4));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
