import { ACTIVE_STATUSES, addDays, DEFAULT_TIME_ZONE, isActiveStatus } from '../../schema/index.js';
import type { Ak1ExpiryDue, Ak1Store, Ak1StoredRecord, Ak1UpdateDecision } from '../store.js';
import { timestampIn } from '../time.js';

/*
 * Expiry (design.md, "Decisions"): a registration in an active status whose `validUntil` has passed gets one
 * `system` `expire` entry, dated the day after `validUntil`, and the status `EXPIRED`. It is written by whichever
 * comes first: a read of the record (the office's record, an action, the verification page) or the daily sweep,
 * which the office routes run at most once per district day, on a request (no timers: a server that sleeps at night
 * misses nothing, the next request catches up). Written inside `store.update`, so it is never written twice: once
 * `EXPIRED` a record is no longer active. The district rule that removes holders who missed a report is not built:
 * it stays off, as design.md's default says.
 */

/** The decision that expires a record that is due, or leaves it (`not-due`). */
export function decideExpiry(record: Ak1StoredRecord, today: string, timeZone: string = DEFAULT_TIME_ZONE): Ak1UpdateDecision {
  const { registration } = record;
  if (!isDue(registration, today)) return { refuse: 'not-due' };
  return {
    write: {
      status: 'EXPIRED',
      history: {
        at: startOfDay(addDays(registration.validUntil, 1), timeZone),
        actor: { kind: 'system' },
        event: 'expire',
        from: registration.status,
        to: 'EXPIRED',
      },
    },
  };
}

/** Whether a registration is active by status but past its `validUntil` on `today`. */
export function isDue(registration: { status: string; validUntil: string }, today: string): boolean {
  return isActiveStatus(registration.status) && registration.validUntil < today;
}

/** Expires one registration if it is due; `true` when this call wrote the entry. */
export async function expireIfDue(store: Ak1Store, registrationNumber: string, today: string, timeZone?: string): Promise<boolean> {
  const outcome = await store.update(registrationNumber, (record) => decideExpiry(record, today, timeZone));
  return outcome.outcome === 'updated';
}

/** How many registrations one sweep looks at (per status, through the old listing). */
const SWEEP_LIMIT = 1_000_000;

/**
 * The SQL stores' `listExpiryDue` (`$1`: the day, `$2`: the limit; SQLite takes it through `forSqlite`). The
 * migration `report-indexes` gives it an index on (status, valid_until): one short range per active status, so the
 * sweep reads the registrations that are due and no other (listing every active one cost a district of 50,000 about
 * two seconds a day, on the day's first office request).
 */
export const EXPIRY_DUE_SQL = `SELECT registration_number, status, valid_until, registered_at FROM ak1_registrations
  WHERE status IN (${ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ')}) AND valid_until < $1
  ORDER BY valid_until LIMIT $2`;

/** A row of EXPIRY_DUE_SQL as the store hands it on. */
export function expiryDueOf(row: { registration_number: string; status: string; valid_until: string; registered_at: string }): Ak1ExpiryDue {
  return {
    registrationNumber: row.registration_number,
    status: row.status as Ak1ExpiryDue['status'],
    validUntil: row.valid_until,
    registeredAt: row.registered_at,
  };
}

/** The registrations due on `today`: through the store's own read when it has one, else every active one listed. */
async function dueOn(store: Ak1Store, today: string): Promise<Ak1ExpiryDue[]> {
  if (store.listExpiryDue) return (await store.listExpiryDue({ before: today, limit: SWEEP_LIMIT })).filter((r) => isDue(r, today));
  const due: Ak1ExpiryDue[] = [];
  for (const status of ACTIVE_STATUSES) {
    for (const registration of await store.listRegistrations({ status, limit: SWEEP_LIMIT })) {
      if (isDue(registration, today)) due.push(registration);
    }
  }
  return due;
}

/** Expires every registration that is due on `today`; resolves how many it expired. */
export async function sweepExpired(store: Ak1Store, today: string, timeZone: string = DEFAULT_TIME_ZONE): Promise<number> {
  const due = await dueOn(store, today);
  // In the order of their dates, so the audit reads as the days went.
  due.sort(
    (a, b) =>
      a.validUntil.localeCompare(b.validUntil) ||
      Date.parse(a.registeredAt) - Date.parse(b.registeredAt) ||
      a.registrationNumber.localeCompare(b.registrationNumber),
  );
  let expired = 0;
  for (const { registrationNumber } of due) {
    if (await expireIfDue(store, registrationNumber, today, timeZone)) expired++;
  }
  return expired;
}

/** The district day each store was last swept on: a store is one district, so two handlers on it sweep once. */
const sweptOn = new WeakMap<Ak1Store, string>();

/**
 * Runs the sweep once per district day per store, on the first request that asks. A failing sweep is tried again
 * by a later request and never fails the request that ran it.
 */
export async function sweepOncePerDay(store: Ak1Store, today: string, timeZone: string): Promise<void> {
  if (sweptOn.get(store) === today) return;
  sweptOn.set(store, today);
  try {
    await sweepExpired(store, today, timeZone);
  } catch {
    sweptOn.delete(store);
  }
}

/** Midnight at the start of `date` in the district, RFC 3339 with its offset then. */
function startOfDay(date: string, timeZone: string): string {
  // The offset at noon UTC of that day is the district's offset all day (Indonesia has no daylight saving time).
  const offset = timestampIn(new Date(`${date}T12:00:00Z`), timeZone).slice(19);
  return `${date}T00:00:00${offset}`;
}
