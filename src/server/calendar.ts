import { addDays, datesFrom, type Ak1Availability } from '../schema/index.js';
import type { District } from './district.js';

/*
 * Visit days. A day is open unless it is a Saturday, a Sunday or one of the district's closed dates; visits
 * are booked from tomorrow up to `horizonDays` ahead, under a capacity per day and per window. The functions
 * here are pure: stores read the counts inside their transaction and call `chooseAppointment` with them.
 */

/** One bookable window of one day, in the order it should be tried. */
export interface Ak1Slot {
  date: string;
  start: string;
  end: string;
  /** Letter of the window's queue (`A` for the first window of the day). */
  queue: string;
  windowCapacity: number;
  dayCapacity: number;
}

/** How many visits are booked in one window of one day. */
export interface Ak1BookingCount {
  date: string;
  /** The window's start, `HH:MM`. */
  start: string;
  count: number;
}

/** A booked visit, as a store keeps it. */
export interface Ak1BookedVisit {
  date: string;
  start: string;
  end: string;
  /** Window letter and place in that window: `A-017`. */
  queueNumber: string;
}

export function isOpenDay(district: District, date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !district.closedDates.has(date);
}

/** The first and last day a visit may be booked on, seen from `today`. */
export function bookingRange(district: District, today: string): { first: string; last: string } {
  return { first: addDays(today, 1), last: addDays(today, district.horizonDays) };
}

/**
 * The windows to try for a new registration, best first: the preferred day when it is open and inside the
 * horizon, then every open day from tomorrow to the end of the horizon. The store books the first with room.
 */
export function appointmentSlots(district: District, today: string, preferredDate?: string): readonly Ak1Slot[] {
  const slots = openDaySlots(district, today);
  if (preferredDate === undefined || !slots.some((slot) => slot.date === preferredDate)) return slots;
  return [...slots.filter((slot) => slot.date === preferredDate), ...slots.filter((slot) => slot.date !== preferredDate)];
}

/**
 * Every window of every open day from tomorrow to the end of the horizon, in date order. Worked out once per
 * district and day (a district's calendar is fixed when its handler is made): every registration asks, and
 * walking the horizon day by day was a measurable share of a registration's time (docs/performance.md).
 */
const openDaySlotsSeen = new WeakMap<District, { today: string; slots: readonly Ak1Slot[] }>();

function openDaySlots(district: District, today: string): readonly Ak1Slot[] {
  const seen = openDaySlotsSeen.get(district);
  if (seen?.today === today) return seen.slots;
  const { first, last } = bookingRange(district, today);
  const slots: Ak1Slot[] = [];
  for (const date of datesFrom(first, last)) {
    if (!isOpenDay(district, date)) continue;
    district.windows.forEach((window, i) =>
      slots.push(
        Object.freeze({
          date,
          start: window.start,
          end: window.end,
          queue: String.fromCharCode(65 + i),
          windowCapacity: window.capacity,
          dayCapacity: district.capacityPerDay,
        }),
      ),
    );
  }
  Object.freeze(slots);
  openDaySlotsSeen.set(district, { today, slots });
  return slots;
}

/** The date range a store must count bookings over to choose among `slots`. */
export function slotRange(slots: readonly Ak1Slot[]): { from: string; to: string } | undefined {
  if (!slots.length) return undefined;
  let from = slots[0]!.date;
  let to = from;
  for (const slot of slots) {
    if (slot.date < from) from = slot.date;
    if (slot.date > to) to = slot.date;
  }
  return { from, to };
}

/**
 * The first slot with room under both its day's and its window's capacity, given the bookings counted
 * inside the same transaction that will insert the registration; `undefined` when every slot is full.
 */
export function chooseAppointment(slots: readonly Ak1Slot[], counts: readonly Ak1BookingCount[]): Ak1BookedVisit | undefined {
  const perDay = new Map<string, number>();
  const perWindow = new Map<string, number>();
  for (const { date, start, count } of counts) {
    perDay.set(date, (perDay.get(date) ?? 0) + count);
    perWindow.set(`${date} ${start}`, (perWindow.get(`${date} ${start}`) ?? 0) + count);
  }
  for (const slot of slots) {
    const inWindow = perWindow.get(`${slot.date} ${slot.start}`) ?? 0;
    if ((perDay.get(slot.date) ?? 0) < slot.dayCapacity && inWindow < slot.windowCapacity) {
      return {
        date: slot.date,
        start: slot.start,
        end: slot.end,
        queueNumber: `${slot.queue}-${String(inWindow + 1).padStart(3, '0')}`,
      };
    }
  }
  return undefined;
}

/**
 * `GET …/availability`: each day from `from` to `to`. A day is `open` when a visit can be booked on it (an
 * office day from tomorrow to the end of the horizon); other days are listed closed with no room.
 */
export function availability(
  district: District,
  today: string,
  from: string,
  to: string,
  counts: readonly Ak1BookingCount[],
): Ak1Availability {
  const { first, last } = bookingRange(district, today);
  const booked = new Map(counts.map((c) => [`${c.date} ${c.start}`, c.count]));
  const days: Ak1Availability['days'] = [];
  for (const date of datesFrom(from, to)) {
    if (date < first || date > last || !isOpenDay(district, date)) {
      days.push({ date, open: false, remaining: 0, windows: [] });
      continue;
    }
    const windows = district.windows.map((w) => ({
      start: w.start,
      end: w.end,
      remaining: Math.max(0, w.capacity - (booked.get(`${date} ${w.start}`) ?? 0)),
    }));
    const dayBooked = counts.filter((c) => c.date === date).reduce((sum, c) => sum + c.count, 0);
    const remaining = Math.max(0, Math.min(district.capacityPerDay - dayBooked, windows.reduce((s, w) => s + w.remaining, 0)));
    // A day with no room left also has no room in any window, whatever the windows alone would allow.
    days.push({ date, open: true, remaining, windows: remaining ? windows : windows.map((w) => ({ ...w, remaining: 0 })) });
  }
  return { days };
}
