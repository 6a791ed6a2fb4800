import type { Ak1Application } from '../schema/index.js';
import { isActiveStatus } from '../schema/lifecycle.js';
import { chooseAppointment, type Ak1BookedVisit, type Ak1BookingCount } from './calendar.js';
import type { Ak1RecordUpdate, Ak1StoredRegistration } from './store.js';

/*
 * The rules every store applies the same way, kept in one place so that the memory store, the SQLite store and
 * a district's own store (PostgreSQL) cannot drift apart: which visit still holds a seat, what a search matches,
 * the order of a listing, and what an update does to `version`.
 */

/** How many rows a `status` or `query` listing returns when the filter names no `limit`. */
export const DEFAULT_LISTING_LIMIT = 200;

/** How many entries `listHistory` returns when the range names no `limit`. */
export const DEFAULT_HISTORY_LIMIT = 10_000;

/**
 * The visit a registration still holds a seat with: its appointment while its status is active. A cancelled,
 * rejected or placed registration's visit stays on its record (the office sees what was booked) but no longer
 * counts against the window's capacity nor against the address's seat cap.
 */
export function heldSeat(registration: Pick<Ak1StoredRegistration, 'status' | 'appointment'>): Ak1BookedVisit | undefined {
  return registration.appointment && isActiveStatus(registration.status) ? registration.appointment : undefined;
}

/** The report entries before any is written: the three due dates, none made. */
export function defaultReports(reportDueDates: readonly string[]): NonNullable<Ak1StoredRegistration['reports']> {
  return reportDueDates.map((due) => ({ due }));
}

/** Whether an update writes one of the fields that make a new `version`. */
export function bumpsVersion(write: Ak1RecordUpdate): boolean {
  return write.status !== undefined || write.application !== undefined || write.appointment !== undefined;
}

/**
 * A name folded for the office's search: NFC and lower case with the root locale, so "siti" finds "SITI AMINAH"
 * and "Siti Aminah" whichever way the name was typed.
 */
export function foldName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** A search as the stores apply it: trimmed; the NIK and the number also without spaces (as a USB scanner types them). */
export function searchTerms(query: string): { exact: string; name: string } | undefined {
  const name = foldName(query.trim().replace(/\s+/g, ' '));
  if (!name) return undefined;
  return { exact: query.replace(/\s+/g, ''), name };
}

/** Whether a registration matches a search: its number or NIK exactly, or a part of its name. */
export function matchesSearch(
  registration: Pick<Ak1StoredRegistration, 'registrationNumber' | 'nik' | 'fullName'>,
  terms: { exact: string; name: string },
): boolean {
  return (
    registration.registrationNumber === terms.exact ||
    registration.nik === terms.exact ||
    foldName(registration.fullName).includes(terms.name)
  );
}

/** Orders a `status` or `query` listing: the newest registration first. */
export function compareNewestFirst(a: Ak1StoredRegistration, b: Ak1StoredRegistration): number {
  const byTime = Date.parse(b.registeredAt) - Date.parse(a.registeredAt);
  if (byTime) return byTime;
  return a.registrationNumber < b.registrationNumber ? 1 : a.registrationNumber > b.registrationNumber ? -1 : 0;
}

/** The earlier registration an application renews, when it names one. */
export function previousRegistrationOf(application: Ak1Application): string | undefined {
  const value = (application as { previousRegistrationNumber?: unknown }).previousRegistrationNumber;
  return typeof value === 'string' && value ? value : undefined;
}

/** The district's date of an RFC 3339 time written with the district's offset: "today" for an update. */
export function localDateOf(at: string): string {
  return at.slice(0, 10);
}

/** The registration as an update leaves it (`version` included); the application's NIK and name kept in step. */
export function applyWrite(before: Ak1StoredRegistration, write: Ak1RecordUpdate): Ak1StoredRegistration {
  const after: Ak1StoredRegistration = { ...structuredClone(before), ...structuredClone(write.set ?? {}) };
  if (write.status !== undefined) after.status = write.status;
  if (write.application !== undefined) {
    after.nik = write.application.nik;
    after.fullName = write.application.fullName;
  }
  if (write.appointment === null) delete after.appointment;
  else if (write.appointment !== undefined) after.appointment = structuredClone(write.appointment);
  if (bumpsVersion(write)) after.version = before.version + 1;
  return after;
}

/** `listHistory`'s range in milliseconds; an unreadable bound is a caller's mistake, not an empty audit. */
export function historyRange(range: { from: string; to: string }): { from: number; to: number } {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError(`listHistory needs RFC 3339 times, not ${range.from} … ${range.to}`);
  return { from, to };
}

/** The number within its window of a queue number (`A-017` → 17). */
export function queuePlace(queueNumber: string): number {
  return Number.parseInt(queueNumber.slice(queueNumber.lastIndexOf('-') + 1), 10) || 0;
}

/**
 * The visit `chooseAppointment` picked, numbered after the highest queue number ever given in its window. The
 * window's count leaves out visits whose registration was cancelled, rejected or placed (their seats are free
 * again), so the count alone could hand out a number an active visit already has: `A-002` cancelled, `A-003`
 * active, two booked → the next would be `A-003` again. Numbers are never reused; a window may so reach numbers
 * above its capacity while never holding more visits than it.
 */
export function numberedAfter(visit: Ak1BookedVisit, highestGiven: number): Ak1BookedVisit {
  const place = Math.max(queuePlace(visit.queueNumber), highestGiven + 1);
  const letter = visit.queueNumber.slice(0, visit.queueNumber.lastIndexOf('-'));
  return { ...visit, queueNumber: `${letter}-${String(place).padStart(3, '0')}` };
}

/**
 * `update`'s `rebook`, as every store applies it inside its transaction: the first slot with room, counted from
 * `counts` (the bookings over `slotRange(write.rebook)`) without the registration's own seat, numbered after the
 * highest number its window has given; the write with that `appointment` and the visit's change on its history
 * entry. `undefined` when no slot has room (nothing is written).
 */
export function rebookedWrite(
  before: Ak1StoredRegistration,
  write: Ak1RecordUpdate,
  counts: readonly Ak1BookingCount[],
  highestGiven: (date: string, start: string) => number,
): Ak1RecordUpdate | undefined {
  const own = heldSeat(before);
  const others = counts.map((count) => (own && count.date === own.date && count.start === own.start ? { ...count, count: count.count - 1 } : count));
  const chosen = chooseAppointment(write.rebook ?? [], others);
  if (!chosen) return undefined;
  // Back in the window it holds now: the seat and the number stay (a number is never given twice, nor taken back).
  const appointment = own && own.date === chosen.date && own.start === chosen.start ? own : numberedAfter(chosen, highestGiven(chosen.date, chosen.start));
  const { rebook: _rebook, ...rest } = write;
  const change = { path: ['appointment'], ...(before.appointment ? { before: before.appointment } : {}), after: appointment };
  return { ...rest, appointment, history: { ...write.history, changes: [...(write.history.changes ?? []), change] } };
}
