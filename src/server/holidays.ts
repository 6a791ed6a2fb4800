import { DEFAULT_TIME_ZONE, addDays, calendarDate } from '../schema/index.js';

/*
 * Indonesia's national holidays (libur nasional) and cuti bersama, per year, as the SKB 3 Menteri (the joint
 * decree of the Ministers of Religious Affairs, Manpower, and Administrative Reform) sets them each year,
 * usually in September for the next. A district office is closed on them, so they are the usual `closedDates`.
 * A year whose decree is not in this version holds only the days with fixed dates (1 January, 1 May, 1 June,
 * 17 August, 25 December) and those that follow Easter, and is marked incomplete; `ak1HolidayWarning` says when the booking horizon reaches it.
 * Adding a year: its entry below from the decree, with the decree named, and `complete: true`.
 */

export interface Ak1Holiday {
  /** `YYYY-MM-DD`. */
  date: string;
  /** As the decree names it (in Indonesian). */
  name: string;
  kind: 'holiday' | 'cuti-bersama';
}

export interface Ak1HolidayYear {
  /** The decree the days come from, or what the year is waiting for. */
  decree: string;
  /** False until the year's SKB 3 Menteri is published and copied here. */
  complete: boolean;
  days: readonly Ak1Holiday[];
}

const holiday = (date: string, name: string): Ak1Holiday => ({ date, name, kind: 'holiday' });
const cuti = (date: string, name: string): Ak1Holiday => ({ date, name, kind: 'cuti-bersama' });

/** The years this package knows, by year. */
export const INDONESIAN_HOLIDAYS: Readonly<Record<number, Ak1HolidayYear>> = {
  2026: {
    decree:
      'SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB No. 1497 Tahun 2025, No. 2 Tahun 2025, No. 5 Tahun 2025 (17 hari libur nasional, 8 hari cuti bersama)',
    complete: true,
    days: [
      holiday('2026-01-01', 'Tahun Baru 2026 Masehi'),
      holiday('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW'),
      holiday('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili'),
      holiday('2026-03-19', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'),
      holiday('2026-03-21', 'Idul Fitri 1447 Hijriah'),
      holiday('2026-03-22', 'Idul Fitri 1447 Hijriah'),
      holiday('2026-04-03', 'Wafat Yesus Kristus'),
      holiday('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)'),
      holiday('2026-05-01', 'Hari Buruh Internasional'),
      holiday('2026-05-14', 'Kenaikan Yesus Kristus'),
      holiday('2026-05-27', 'Idul Adha 1447 Hijriah'),
      holiday('2026-05-31', 'Hari Raya Waisak 2570 BE'),
      holiday('2026-06-01', 'Hari Lahir Pancasila'),
      holiday('2026-06-16', '1 Muharam Tahun Baru Islam 1448 Hijriah'),
      holiday('2026-08-17', 'Proklamasi Kemerdekaan'),
      holiday('2026-08-25', 'Maulid Nabi Muhammad SAW'),
      holiday('2026-12-25', 'Kelahiran Yesus Kristus'),
      cuti('2026-02-16', 'Cuti bersama Tahun Baru Imlek'),
      cuti('2026-03-18', 'Cuti bersama Hari Suci Nyepi'),
      cuti('2026-03-20', 'Cuti bersama Idul Fitri'),
      cuti('2026-03-23', 'Cuti bersama Idul Fitri'),
      cuti('2026-03-24', 'Cuti bersama Idul Fitri'),
      cuti('2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus'),
      cuti('2026-05-28', 'Cuti bersama Idul Adha'),
      cuti('2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus'),
    ],
  },
  2027: {
    decree:
      'Not yet published here: the days with fixed dates and those that follow Easter only. To be completed when the SKB 3 Menteri on the national holidays and cuti bersama of 2027 is published (the religious holidays and every cuti bersama are missing).',
    complete: false,
    days: [
      holiday('2027-01-01', 'Tahun Baru 2027 Masehi'),
      holiday('2027-03-26', 'Wafat Yesus Kristus'),
      holiday('2027-03-28', 'Kebangkitan Yesus Kristus (Paskah)'),
      holiday('2027-05-01', 'Hari Buruh Internasional'),
      holiday('2027-05-06', 'Kenaikan Yesus Kristus'),
      holiday('2027-06-01', 'Hari Lahir Pancasila'),
      holiday('2027-08-17', 'Proklamasi Kemerdekaan'),
      holiday('2027-12-25', 'Kelahiran Yesus Kristus'),
    ],
  },
};

/**
 * The dates (`YYYY-MM-DD`, in order) of the national holidays and cuti bersama of `years` (default: every year
 * this package knows), for a district's `closedDates`. A year it does not know adds nothing.
 */
export function ak1NationalHolidays(years?: number | readonly number[]): string[] {
  const wanted = years === undefined ? Object.keys(INDONESIAN_HOLIDAYS).map(Number) : typeof years === 'number' ? [years] : years;
  return wanted.flatMap((year) => INDONESIAN_HOLIDAYS[year]?.days.map((day) => day.date) ?? []).sort();
}

/**
 * A warning for the server's log when the booking horizon (today to today + `horizonDays`, in the district's
 * time zone) reaches a year whose holidays this package does not know, or knows only in part; else undefined.
 * Without it, applicants could book a visit on a holiday the office is closed.
 */
export function ak1HolidayWarning(options: { horizonDays?: number; timeZone?: string; now?: Date } = {}): string | undefined {
  const today = calendarDate(options.now ?? new Date(), options.timeZone ?? DEFAULT_TIME_ZONE);
  const last = addDays(today, options.horizonDays ?? 30);
  const years: number[] = [];
  for (let year = Number(today.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) years.push(year);
  const missing = years.filter((year) => !INDONESIAN_HOLIDAYS[year]);
  const incomplete = years.filter((year) => INDONESIAN_HOLIDAYS[year] && !INDONESIAN_HOLIDAYS[year].complete);
  if (!missing.length && !incomplete.length) return undefined;
  const parts = [
    missing.length ? `no national holidays for ${missing.join(', ')}` : '',
    incomplete.length ? `only the fixed-date and Easter-bound national holidays for ${incomplete.join(', ')} (the SKB 3 Menteri is not in this version)` : '',
  ].filter(Boolean);
  return (
    `ak1-form: visits can be booked until ${last}, but ak1-form/server has ${parts.join(' and ')}: ` +
    `applicants may book days the office is closed. Add those days to the district's closedDates, or update ak1-form.`
  );
}
