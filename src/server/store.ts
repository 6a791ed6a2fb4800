import type { Ak1Application, Ak1Warning, RegistrationStatus } from '../schema/index.js';
import { isActiveStatus, type Ak1HistoryEntry, type Ak1OfficerRole } from '../schema/lifecycle.js';
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
  /** SHA-256 (hex) of the access code the `201` reply gives the applicant for `{endpoint}/self/…`. */
  accessCodeHash?: string;
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
  /**
   * Starts at 1; one more each time the status, the application or the appointment changes (design.md,
   * "Decisions": two officers who only open a record never conflict).
   */
  version: number;
  /** The NIK: for the office's search and masked summaries. Never in a reply to the applicant's side. */
  nik: string;
  /** The signing date ("Dikeluarkan"), in the district's time zone; set by `sign`. */
  issuedAt?: string;
  /** Who signed: their name and NIP go on the card. */
  signedBy?: { officerId?: string; name: string; nip?: string; title?: string };
  /** The three six-monthly reports: due dates (provisional until signing) and those made. */
  reports?: Array<{ due: string; madeAt?: string; kind?: 'seeking' | 'placed' }>;
  /** When the applicant was checked in at the counter (RFC 3339). */
  checkedInAt?: string;
  /** SHA-256 (hex) of the applicant's access code for `{endpoint}/self/…`; never the code itself. */
  accessCodeHash?: string;
  /** The registration's number in Karirhub once an officer has re-keyed it there. */
  karirhubNumber?: string;
  /** An earlier registration of the same NIK that this one renews. */
  previousRegistrationNumber?: string;
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

/**
 * Which registrations a listing holds: those visiting on a day, registered on a day, in a status, or matching
 * a search (`query`: a registration number exactly, a NIK exactly, or a part of the name, case-insensitive).
 * `status` and `query` listings are capped at `limit` (default 200), newest first.
 */
export type Ak1ExportFilter =
  | { visitDate: string }
  | { registrationDate: string }
  | { status: RegistrationStatus; limit?: number }
  | { query: string; limit?: number };

/**
 * A history entry as stored: with the `Idempotency-Key` of the office or self-service request that wrote it, so
 * that a retried action is answered with its first outcome instead of being taken twice (never in a reply).
 */
export type Ak1StoredHistoryEntry = Ak1HistoryEntry & { idempotencyKey?: string };

/** What the IPK tables need of one registration that was signed: the fields they group by and its status changes. */
export interface Ak1IpkSource {
  registrationNumber: string;
  /** Of the positions sought only the first one's KBJI code counts (the job-group table). */
  application: Pick<Ak1Application, 'birthDate' | 'sex' | 'education'> & { jobPreferences: { positions: ReadonlyArray<{ kbji?: string }> } };
  history: Array<{ at: string; to: string }>;
}

/** What the expiry sweep needs of a registration that is due: which one, and the dates it sorts them by. */
export type Ak1ExpiryDue = Pick<Ak1StoredRegistration, 'registrationNumber' | 'status' | 'validUntil' | 'registeredAt'>;

/** A registration with its application (attachments included) and history, as one consistent read. */
export interface Ak1StoredRecord {
  registration: Ak1StoredRegistration;
  application: Ak1Application;
  /** Oldest first. */
  history: Ak1StoredHistoryEntry[];
}

/**
 * What `update` writes, decided from the record as it is inside the transaction. Fields left out stay as they
 * are. `version` goes up by one when `status`, `application` or `appointment` is given.
 */
export interface Ak1RecordUpdate {
  status?: RegistrationStatus;
  /** The whole new application, attachments included. */
  application?: Ak1Application;
  /** A new visit (`null`: none). */
  appointment?: Ak1StoredRegistration['appointment'] | null;
  set?: Partial<
    Pick<
      Ak1StoredRegistration,
      'issuedAt' | 'validUntil' | 'reportDueDates' | 'signedBy' | 'reports' | 'checkedInAt' | 'accessCodeHash' | 'karirhubNumber'
    >
  >;
  /** Appended to the history (always: every action is recorded, even one that changes nothing else). */
  history: Ak1StoredHistoryEntry;
  /**
   * A new visit chosen inside the transaction (the applicant's reschedule): the first of these slots with room, the
   * bookings counted without this registration's own seat (`rebookedWrite` in store-rules.ts). When none has room
   * nothing is written and `update` answers `refused` with the reason `no-room`.
   */
  rebook?: readonly Ak1Slot[];
}

/** `update`'s decision: what to write, or why nothing is written (the handler turns the reason into a problem). */
export type Ak1UpdateDecision = { write: Ak1RecordUpdate } | { refuse: string };

export type Ak1UpdateOutcome =
  | { outcome: 'updated'; registration: Ak1StoredRegistration }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'not-found' };

/** An officer's account as stored. `passwordHash` is the encoded scrypt hash with its parameters and salt. */
export interface Ak1StoredOfficer {
  id: string;
  username: string;
  name: string;
  nip?: string;
  roles: Ak1OfficerRole[];
  passwordHash: string;
  /** Still the one-time password of `officer add` or `reset-password`. */
  passwordChangeRequired: boolean;
  /** Base32 TOTP secret (admins). */
  totpSecret?: string;
  disabled: boolean;
  createdAt: string;
}

/** A session as stored: only the SHA-256 of its bearer token. */
export interface Ak1StoredSession {
  tokenHash: string;
  officerId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

/** Officers and their sessions (design.md, "The office"). */
export interface Ak1OfficerStore {
  /** `'username-taken'` when another account has the username. */
  add(officer: Ak1StoredOfficer): Promise<'added' | 'username-taken'>;
  findByUsername(username: string): Promise<Ak1StoredOfficer | undefined>;
  findById(id: string): Promise<Ak1StoredOfficer | undefined>;
  update(id: string, patch: Partial<Omit<Ak1StoredOfficer, 'id' | 'createdAt'>>): Promise<Ak1StoredOfficer | undefined>;
  list(): Promise<Ak1StoredOfficer[]>;
  createSession(session: Ak1StoredSession): Promise<void>;
  findSession(tokenHash: string): Promise<Ak1StoredSession | undefined>;
  touchSession(tokenHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of an officer (disabled, password reset). */
  deleteSessionsOf(officerId: string): Promise<void>;
}

/**
 * Where the reference backend keeps registrations.
 *
 * `register` is the one step that must be atomic. In a single transaction that serialises against every
 * other `register` (SQLite `BEGIN IMMEDIATE`; PostgreSQL `SERIALIZABLE` with a retry, or a transaction-level
 * advisory lock), in this order:
 *
 * 1. a registration with `idempotencyKey` exists: the same `fingerprint` → `replayed` with it, another →
 *    `key-reused`;
 * 2. the NIK has an active registration (`isActive`: an active status, `validUntil` not before
 *    `registrationDate`) → `already-registered`;
 * 3. the serial is one more than the highest committed in `serialScope` (1 for the first), so committed
 *    serials are exactly 1..N: a rolled-back transaction leaves no gap;
 * 4. the visit is `chooseAppointment(slots, counts)` with the bookings counted in this transaction over
 *    `slotRange(slots)`; none → no appointment; none either when `clientKey`'s registrations already hold
 *    `maxSeatsPerClient` visits on or after `registrationDate`;
 * 5. insert with `version` 1 and one history entry `{ at: registeredAt, actor: { kind: 'applicant' }, event:
 *    'submit', to: 'RECEIVED' }`, commit, → `created`.
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
  /** The registration with this number, its application and its history, or `undefined`. */
  getRecord(registrationNumber: string): Promise<Ak1StoredRecord | undefined>;
  /**
   * The one way a registration changes after it is made. In one transaction that serialises against other
   * writes to the same registration: read the record, call `decide` (synchronous, pure: it compares versions and
   * applies the lifecycle's rules), and write what it returns with its history entry. Nothing awaits between
   * the read and the write, so two officers acting at once cannot both win.
   */
  update(registrationNumber: string, decide: (record: Ak1StoredRecord) => Ak1UpdateDecision): Promise<Ak1UpdateOutcome>;
  /**
   * History entries of every registration (with its number) and of no registration (logins), `at` within
   * `from`…`to` (RFC 3339, inclusive), oldest first, at most `limit` (default 10,000).
   */
  listHistory(range: { from: string; to: string; limit?: number }): Promise<Array<Ak1HistoryEntry & { registrationNumber?: string }>>;
  /** Records an event that belongs to no registration (an officer's login or logout). */
  recordEvent(entry: Ak1HistoryEntry): Promise<void>;
  /**
   * The IPK tables' read (server/reports/ipk.ts), lighter than `listHistory` and `getRecord`: every registration with
   * a change to `SIGNED` at or before `toMs` (epoch milliseconds), its status changes up to then (oldest first) and
   * the fields the tables group by (of the positions sought, only the first one's KBJI code). Optional: without it the report reads the history through.
   * With `fromMs` (the month's start) a store may send, of the changes before it, only each registration's last one
   * and only where that left it SIGNED: the tables count the same (the SQLite and PostgreSQL stores do; the memory store sends them all).
   */
  listIpkSources?(range: { toMs: number; fromMs?: number }): Promise<Ak1IpkSource[]>;
  /** Entries of no registration with this event name (an admin's opening balance), oldest first. Optional as above. */
  listEvents?(event: string): Promise<Ak1HistoryEntry[]>;
  /**
   * The daily expiry sweep's read (server/office/expiry.ts): registrations in an active status whose `validUntil` is
   * before `before` (a date), by `validUntil`, at most `limit`. Optional: without it the sweep lists
   * every registration of every active status and picks the due ones itself (slow on a large district).
   */
  listExpiryDue?(range: { before: string; limit: number }): Promise<Ak1ExpiryDue[]>;
  officers: Ak1OfficerStore;
  /**
   * Failures counted in the database, shared by every process that opens it (the PostgreSQL and SQLite stores
   * have it): the login and lookup throttles count in it when it is there, so that guesses spread over several
   * server processes are counted together. Without it each process counts its own, in memory.
   */
  failures?: Ak1FailureStore;
  /** Finishes pending work and releases the database. Calls after it throw `Ak1StoreUnavailableError`. */
  close(): Promise<void>;
}

/**
 * Failures by key (the throttles' keys: a username, an address's key, a registration number; never a NIK or a
 * phone), each kept until it leaves its throttle's window.
 */
export interface Ak1FailureStore {
  /** Records one failure of `key` at `atMs`, to be forgotten after `expiresAtMs`. */
  add(key: string, atMs: number, expiresAtMs: number): Promise<void>;
  /** When the `n`-th newest failure of `key` later than `sinceMs` happened (1: the newest), or `undefined` when it has fewer. */
  nthNewest(key: string, n: number, sinceMs: number): Promise<number | undefined>;
  /** Forgets every failure of `key`. */
  clear(key: string): Promise<void>;
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
export const SEAT_RELEASING_STATUSES: readonly string[] = ['PLACED', 'REJECTED', 'CANCELLED', 'EXPIRED'];

/** Step 2 of `register`: whether a registration keeps its NIK from registering again on `today`. */
export function isActive(registration: Pick<Ak1StoredRegistration, 'status' | 'validUntil'>, today: string): boolean {
  return isActiveStatus(registration.status) && registration.validUntil >= today;
}

/** Orders an export: by visit day and window, queue number, then time of registration (no visit: last). */
export function compareForExport(a: Ak1StoredRegistration, b: Ak1StoredRegistration): number {
  const key = (r: Ak1StoredRegistration) =>
    `${r.appointment?.date ?? '9999-99-99'} ${r.appointment?.start ?? '99:99'} ${r.appointment?.queueNumber ?? ''} ${r.registeredAt}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
