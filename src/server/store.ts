import type { Ak1Application, Ak1Warning, RegistrationStatus } from '../schema/index.js';
import type { Ak1BookedVisit, Ak1BookingCount, Ak1Slot } from './calendar.js';

/*
 * The storage of the reference backend. One small interface so that a district can put its registrations
 * where it keeps its other data: `createSqliteStore` (better-sqlite3) and `createMemoryStore` (tests, mocks)
 * implement it here, and docs/server.md walks a PostgreSQL implementer through it. Everything the handler
 * can compute on its own (dates, token, fingerprint, the order of visit slots) it computes before calling
 * the store; the store decides only what depends on the other registrations, inside one transaction.
 */

/** Everything about a new registration that does not depend on the other registrations. */
export interface Ak1RegisterRequest {
  /** A new random id: the primary key and the token's subject. */
  id: string;
  /** The request's `Idempotency-Key`. */
  idempotencyKey: string;
  /** SHA-256 (hex) of the canonical JSON of the validated application: tells a replay from a reused key. */
  fingerprint: string;
  /** The validated, normalised application (NIK without spaces), attachments included. */
  application: Ak1Application;
  /** RFC 3339 with the district's offset. */
  registeredAt: string;
  /** The registration date in the district's time zone; also "today" for the active-registration rule. */
  registrationDate: string;
  validUntil: string;
  reportDueDates: readonly [string, string, string];
  /** The signed verification token over `id`. */
  token: string;
  /** Serials count 1, 2, 3 … within this scope (`<regency code>/<year>`). */
  serialScope: string;
  /** Makes the registration number from the serial the store allocates. Synchronous and pure. */
  formatNumber: (serial: number) => string;
  /** Visit slots, best first; the store books the first with room (`chooseAppointment`), or none. */
  slots: readonly Ak1Slot[];
  /**
   * The client's address as the limits count it (IPv4 /32, IPv6 /64), kept with the registration so that the
   * seats one address holds can be counted. Absent when the server was given no address.
   */
  clientKey?: string;
  /**
   * With `clientKey`: when registrations from that address already hold this many visits on or after
   * `registrationDate` (counted in the transaction, cancelled and rejected ones left out), this one gets none.
   */
  maxSeatsPerClient?: number;
  /** What the validation noticed but did not refuse (a NIK whose regency or district is unknown), for the officer. */
  warnings?: readonly Ak1Warning[];
}

/** A registration as stored. The application's attachments are left out; `getApplication` has them. */
export interface Ak1StoredRegistration {
  id: string;
  registrationNumber: string;
  status: RegistrationStatus;
  registeredAt: string;
  registrationDate: string;
  validUntil: string;
  reportDueDates: readonly [string, string, string];
  token: string;
  appointment?: Ak1BookedVisit;
  /** For the verification reply's initials. */
  fullName: string;
  /** The validation's warnings, for the officer; absent when there were none. */
  warnings?: Ak1Warning[];
}

/** A stored registration with the application's text fields, for the office's export. */
export interface Ak1ExportedRegistration extends Ak1StoredRegistration {
  application: Omit<Ak1Application, 'photo' | 'documents'>;
}

export type Ak1RegisterOutcome =
  /** A new registration (`201`). */
  | { outcome: 'created'; registration: Ak1StoredRegistration }
  /** The key was used before for the same application: that registration (`200`). */
  | { outcome: 'replayed'; registration: Ak1StoredRegistration }
  /** The key was used before for another application (`422 idempotency-key-reused`). */
  | { outcome: 'key-reused' }
  /** The NIK has an active registration under another key (`409 already-registered`). */
  | { outcome: 'already-registered' };

/** Which registrations an export lists: those visiting on a day, or those registered on a day. */
export type Ak1ExportFilter = { visitDate: string } | { registrationDate: string };

/**
 * Where the reference backend keeps registrations.
 *
 * `register` is the one step that must be atomic. In a single transaction that serialises against every
 * other `register` (SQLite `BEGIN IMMEDIATE`; PostgreSQL `SERIALIZABLE` with a retry, or a transaction-level
 * advisory lock), in this order:
 *
 * 1. a registration with `idempotencyKey` exists: the same `fingerprint` → `replayed` with it, another →
 *    `key-reused`;
 * 2. the NIK has an active registration (status neither `REJECTED` nor `EXPIRED`, `validUntil` not before
 *    `registrationDate`) → `already-registered`;
 * 3. the serial is one more than the highest committed in `serialScope` (1 for the first), so committed
 *    serials are exactly 1..N: a rolled-back transaction leaves no gap;
 * 4. the visit is `chooseAppointment(slots, counts)` with the bookings counted in this transaction over
 *    `slotRange(slots)`; none → no appointment; none either when `clientKey`'s registrations already hold
 *    `maxSeatsPerClient` visits on or after `registrationDate`;
 * 5. insert, commit, → `created`.
 *
 * Unique constraints on the id, the idempotency key, the registration number and (scope, serial) back the
 * transaction up. `formatNumber` is synchronous: nothing inside the transaction awaits (better-sqlite3
 * transactions are synchronous). A store that cannot answer now (busy, closed) throws
 * `Ak1StoreUnavailableError`, which the handler turns into `503` with `Retry-After`.
 */
export interface Ak1Store {
  register(request: Ak1RegisterRequest): Promise<Ak1RegisterOutcome>;
  /** The registration a token names, or `undefined`. */
  findById(id: string): Promise<Ak1StoredRegistration | undefined>;
  /**
   * The registration made under an `Idempotency-Key` and its application's fingerprint, or `undefined`: so a
   * retry is answered before the proof of work it no longer carries is asked for.
   */
  findByKey(idempotencyKey: string): Promise<{ fingerprint: string; registration: Ak1StoredRegistration } | undefined>;
  /** The application as submitted (normalised), attachments included, or `undefined`. */
  getApplication(id: string): Promise<Ak1Application | undefined>;
  /** Booked visits per day and window from `from` to `to` (inclusive); windows with none may be left out. */
  countBookings(from: string, to: string): Promise<Ak1BookingCount[]>;
  /** Registrations for the office, ordered by visit window, queue number, then registration number. */
  listRegistrations(filter: Ak1ExportFilter): Promise<Ak1ExportedRegistration[]>;
  /** Finishes pending work and releases the database. Calls after it throw `Ak1StoreUnavailableError`. */
  close(): Promise<void>;
}

/** The store cannot answer now (the database is busy or closed); the request may be tried again. */
export class Ak1StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'Ak1StoreUnavailableError';
  }
}

/** The application without its attachments: what an export or a listing needs. */
export function withoutAttachments(application: Ak1Application): Omit<Ak1Application, 'photo' | 'documents'> {
  const { photo: _photo, documents: _documents, ...rest } = application;
  return rest;
}

/** Statuses whose visit no longer holds a seat for the per-address cap. */
export const SEAT_RELEASING_STATUSES: readonly string[] = ['REJECTED', 'CANCELLED', 'EXPIRED'];

/** Step 2 of `register`: whether a registration keeps its NIK from registering again on `today`. */
export function isActive(registration: Pick<Ak1StoredRegistration, 'status' | 'validUntil'>, today: string): boolean {
  return registration.status !== 'REJECTED' && registration.status !== 'EXPIRED' && registration.validUntil >= today;
}

/** Orders an export: by visit day and window, queue number, then time of registration (no visit: last). */
export function compareForExport(a: Ak1StoredRegistration, b: Ak1StoredRegistration): number {
  const key = (r: Ak1StoredRegistration) =>
    `${r.appointment?.date ?? '9999-99-99'} ${r.appointment?.start ?? '99:99'} ${r.appointment?.queueNumber ?? ''} ${r.registeredAt}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
