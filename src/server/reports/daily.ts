import { datesFrom } from '../../schema/index.js';
import type { Ak1DailyFunnel, Ak1DailyReport } from '../../schema/reports.js';
import { isOpenDay } from '../calendar.js';
import type { District } from '../district.js';
import type { Ak1Store } from '../store.js';
import { timestampIn } from '../time.js';
import { lastDayOf, readHistory } from './ipk.js';

/*
 * The office's chart of the month, day by day (docs/reports.md): registrations submitted, visits held and visits
 * checked in, against the day's capacity; and the month's status funnel. One read of the month's history, the
 * stores' booking counts and the month's day queues here, instead of the screen fetching each day's queue.
 */

const VERIFIED_OR_LATER: ReadonlySet<string> = new Set(['VERIFIED', 'SIGNED', 'PLACED', 'EXPIRED']);
const SIGNED_OR_LATER: ReadonlySet<string> = new Set(['SIGNED', 'PLACED', 'EXPIRED']);

/**
 * Visits a day holds at most: the day's cap, or the windows' together where they hold fewer (the same bound the
 * availability route gives a day with nothing booked).
 */
function dayCapacity(district: District): number {
  return Math.min(district.capacityPerDay, district.windows.reduce((sum, window) => sum + window.capacity, 0));
}

/** Every day of `month` on the district's calendar, counted from `store`. */
export async function dailyReport(store: Ak1Store, district: District, month: string): Promise<Ak1DailyReport> {
  const first = `${month}-01`;
  const last = lastDayOf(month);
  const { timeZone } = district;
  // Entries are written in the district's offset and the stores may compare them as strings: bounds in it too.
  const offset = timestampIn(new Date(`${month}-15T12:00:00Z`), timeZone).slice(19);
  const registered = new Map<string, number>();
  const checkedInNumbers = new Set<string>();
  await readHistory(store, `${first}T00:00:00${offset}`, `${last}T23:59:59${offset}`, (entry) => {
    if (entry.registrationNumber === undefined) return;
    if (entry.event === 'submit') {
      // The day on the district's clock, whatever offset the entry was written in.
      const date = timestampIn(new Date(entry.at), timeZone).slice(0, 10);
      registered.set(date, (registered.get(date) ?? 0) + 1);
    } else if (entry.event === 'check-in') {
      checkedInNumbers.add(entry.registrationNumber);
    }
  });
  const booked = new Map<string, number>();
  for (const { date, count } of await store.countBookings(first, last)) booked.set(date, (booked.get(date) ?? 0) + count);

  const capacity = dayCapacity(district);
  const days: Ak1DailyReport['days'] = [];
  const funnel: Ak1DailyFunnel = { booked: 0, arrived: 0, verified: 0, signed: 0, placed: 0 };
  for (const date of datesFrom(first, last)) {
    const open = isOpenDay(district, date);
    let checkedIn = 0;
    // The day's queue: a check-in counts for the visit's own day (a second visit is not a second arrival), and the
    // funnel follows each visit's status now.
    for (const visit of await store.listRegistrations({ visitDate: date })) {
      if (checkedInNumbers.has(visit.registrationNumber)) checkedIn++;
      // A cancelled visit gave its seat back: it is neither booked nor on its way through the counter.
      if (visit.status === 'CANCELLED') continue;
      funnel.booked++;
      if (visit.checkedInAt) funnel.arrived++;
      if (VERIFIED_OR_LATER.has(visit.status)) funnel.verified++;
      if (SIGNED_OR_LATER.has(visit.status)) funnel.signed++;
      if (visit.status === 'PLACED') funnel.placed++;
    }
    days.push({
      date,
      open,
      capacity: open ? capacity : 0,
      registered: registered.get(date) ?? 0,
      booked: booked.get(date) ?? 0,
      checkedIn,
    });
  }
  return { month, days, funnel };
}
