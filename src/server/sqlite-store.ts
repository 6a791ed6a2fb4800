import {
  EVENTS_SQL,
  eventOf,
  forSqlite,
  ipkSourcesOf,
  SQLITE_IPK_APPLICATIONS,
  SQLITE_IPK_CHANGES,
  SQLITE_IPK_MONTH_CHANGES,
  type IpkApplicationRow,
  type IpkChangeRow,
} from './reports/ipk-sources.js';
import type { Ak1Application, RegistrationStatus } from '../schema/index.js';
import { ACTIVE_STATUSES } from '../schema/lifecycle.js';
import { plainJson } from '../schema/canonical.js';
import { chooseAppointment, slotRange, type Ak1BookingCount } from './calendar.js';
import { Ak1SchemaTooNewError, LATEST_SCHEMA_VERSION } from './migrations/index.js';
import { migrateSqlite, type SqliteMigrationDatabase } from './migrations/sqlite.js';
import {
  Ak1StoreUnavailableError,
  compareForExport,
  isActive,
  withoutAttachments,
  type Ak1ExportedRegistration,
  type Ak1FailureStore,
  type Ak1OfficerStore,
  type Ak1RegisterOutcome,
  type Ak1RegisterRequest,
  type Ak1Store,
  type Ak1StoredHistoryEntry,
  type Ak1StoredOfficer,
  type Ak1StoredRecord,
  type Ak1UpdateDecision,
  type Ak1UpdateOutcome,
} from './store.js';
import {
  applyWrite,
  DEFAULT_HISTORY_LIMIT,
  DEFAULT_LISTING_LIMIT,
  defaultReports,
  foldName,
  historyRange,
  localDateOf,
  numberedAfter,
  queuePlace,
  previousRegistrationOf,
  rebookedWrite,
  searchTerms,
} from './store-rules.js';
import { EXPIRY_DUE_SQL, expiryDueOf } from './office/expiry.js';
import { nodeBuiltin } from './node-builtins.js';
import { SUMMARY_COLUMNS, toHistoryEntry, toOfficer, toStored, type HistoryRow, type OfficerRow, type SummaryRow } from './store-rows.js';

/*
 * The SQLite store (better-sqlite3 12, an optional peer dependency). Several server processes may share one
 * database file: WAL lets readers run beside the one writer, and `register` and `update` run in `BEGIN
 * IMMEDIATE` transactions, which take the write lock before reading, so two processes can never both see the
 * same last serial, the same free seat, the same unused idempotency key or the same version of a record.
 */

export interface SqliteStoreOptions {
  /**
   * How long a write waits for another process's transaction before the request gets `503` with
   * `Retry-After`, in milliseconds. Default 5000.
   */
  busyTimeoutMs?: number;
}

/** The parts of better-sqlite3 used here, so that its types are not needed to build or to use this package. */
interface Statement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  /** Rows as arrays rather than objects (better-sqlite3's `raw`): cheaper for the IPK read's many rows. */
  raw(): Statement;
}
interface Database extends SqliteMigrationDatabase {
  prepare(sql: string): Statement;
  function(name: string, options: { deterministic?: boolean }, fn: (value: unknown) => unknown): unknown;
  backup(destination: string, options?: { progress?: (info: { totalPages: number; remainingPages: number }) => number }): Promise<{
    totalPages: number;
    remainingPages: number;
  }>;
  close(): unknown;
}
type DatabaseConstructor = new (path: string, options?: { timeout?: number; readonly?: boolean; fileMustExist?: boolean }) => Database;

interface SessionRow {
  token_hash: string;
  officer_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

/**
 * The statuses whose visit holds a seat (`heldSeat`), as SQL. The unary `+` keeps the planner from reaching for
 * the status index, which holds nearly every registration; the visit and address indexes narrow far better.
 */
const SEAT_HOLDING = `+status IN (${ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/**
 * The page size of a new database file. A registration's row is about 70 kB (the photo and the documents are
 * base64 inside it): 16 kB pages hold it in 5 pages instead of 18, so a commit writes fewer, larger frames to
 * the WAL and a read of the row's later columns walks a shorter overflow chain. Under the server bench's load
 * the handler made about a tenth more registrations per second with a lower p99 (docs/performance.md). A file
 * made with other pages keeps them: SQLite cannot change the page size of a WAL database.
 */
const NEW_FILE_PAGE_BYTES = 16384;

/**
 * How much WAL a commit lets grow before it copies the WAL into the database (a checkpoint, which the commit
 * waits for): SQLite's default of 1000 pages, kept as the 4 MB that is with 4 kB pages, so that the larger
 * pages do not make each checkpoint four times as long (that pause showed in the bench's p99).
 */
const CHECKPOINT_EVERY_BYTES = 4 * 1024 * 1024;

function isBusy(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/**
 * Switching a rollback-journal file (every file ak1-form 0.1.0 made) to WAL needs the file to itself. When two
 * processes open such a file at the same moment, SQLite answers one of them SQLITE_BUSY at once instead of
 * waiting out the busy timeout (both waiting would deadlock), so the switch is tried again until that timeout.
 */
async function switchToWal(db: Database, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      // A random pause, so that two processes retrying do not meet again at the same instant.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 45));
    }
  }
}

/**
 * A store in a SQLite database file (created with its folder on first use), through better-sqlite3 12 in
 * WAL mode with full fsync on commit: a registration acknowledged to the applicant survives a power cut.
 * Opening runs the numbered migrations that are due (`migrations/sqlite.ts`), so a file of an earlier release
 * is upgraded in place; a file of a later release is refused (`Ak1SchemaTooNewError`).
 * Node only; better-sqlite3 is loaded when this is called, so importing `ak1-form/server` never needs it.
 */
export async function createSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<Ak1Store> {
  const Database = loadBetterSqlite3();
  if (path !== ':memory:' && !path.startsWith('file:')) {
    makeParentFolder(path);
    keepToOwner(path);
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    // Before anything is written: an existing file ignores it.
    db.pragma(`page_size = ${NEW_FILE_PAGE_BYTES}`);
    await switchToWal(db, busyTimeoutMs);
    db.pragma('synchronous = FULL');
    const pageBytes = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`wal_autocheckpoint = ${Math.max(1, Math.round(CHECKPOINT_EVERY_BYTES / pageBytes))}`);
    migrateSqlite(db);
    // The office's name search, folded as the memory store folds it (SQLite's own lower() knows only ASCII).
    db.function('ak1_fold', { deterministic: true }, (value) => (typeof value === 'string' ? foldName(value) : null));
  } catch (error) {
    db.close();
    throw error;
  }

  const statements = {
    byKey: db.prepare('SELECT id, fingerprint FROM ak1_registrations WHERE idempotency_key = ?'),
    seatsHeld: db.prepare(`SELECT COUNT(*) AS seats FROM ak1_registrations WHERE client_key = ? AND visit_date >= ? AND ${SEAT_HOLDING}`),
    activeForNik: db.prepare('SELECT id, status, valid_until FROM ak1_registrations WHERE nik = ?'),
    highestPlace: db.prepare(`SELECT MAX(CAST(substr(queue_number, instr(queue_number, '-') + 1) AS INTEGER)) AS place
      FROM ak1_registrations WHERE visit_date = ? AND visit_start = ?`),
    lastSerial: db.prepare('SELECT MAX(serial) AS serial FROM ak1_registrations WHERE serial_scope = ?'),
    counts: db.prepare(`SELECT visit_date AS date, visit_start AS start, COUNT(*) AS count FROM ak1_registrations
      WHERE visit_date BETWEEN ? AND ? AND ${SEAT_HOLDING} GROUP BY visit_date, visit_start`),
    insert: db.prepare(`INSERT INTO ak1_registrations (id, idempotency_key, fingerprint, serial_scope, serial,
      registration_number, nik, full_name, status, registered_at, registration_date, valid_until, report_due_dates,
      token, visit_date, visit_start, visit_end, queue_number, application, attachments, client_key, warnings,
      version, access_code_hash, previous_registration_number)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`),
    summary: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM ak1_registrations WHERE id = ?`),
    application: db.prepare('SELECT application, attachments FROM ak1_registrations WHERE id = ?'),
    byNumber: db.prepare(`SELECT ${SUMMARY_COLUMNS}, application, attachments FROM ak1_registrations WHERE registration_number = ?`),
    byVisitDate: db.prepare(`SELECT ${SUMMARY_COLUMNS}, application FROM ak1_registrations WHERE visit_date = ?`),
    byRegistrationDate: db.prepare(`SELECT ${SUMMARY_COLUMNS}, application FROM ak1_registrations WHERE registration_date = ?`),
    byStatus: db.prepare(`SELECT ${SUMMARY_COLUMNS}, application FROM ak1_registrations WHERE status = ?
      ORDER BY registered_at DESC, registration_number DESC LIMIT ?`),
    bySearch: db.prepare(`SELECT ${SUMMARY_COLUMNS}, application FROM ak1_registrations
      WHERE registration_number = ? OR nik = ? OR instr(ak1_fold(full_name), ?) > 0
      ORDER BY registered_at DESC, registration_number DESC LIMIT ?`),
    updateSummary: db.prepare(`UPDATE ak1_registrations SET status = ?, nik = ?, full_name = ?, version = ?, visit_date = ?,
      visit_start = ?, visit_end = ?, queue_number = ?, valid_until = ?, report_due_dates = ?, issued_at = ?, signed_by = ?,
      reports = ?, checked_in_at = ?, access_code_hash = ?, karirhub_number = ? WHERE id = ?`),
    updateApplication: db.prepare('UPDATE ak1_registrations SET application = ?, attachments = ? WHERE id = ?'),
    historyOf: db.prepare(`SELECT at, actor, event, from_status, to_status, reason, changes, note, idempotency_key
      FROM ak1_history WHERE registration_id = ? ORDER BY id`),
    historyBetween: db.prepare(`SELECT h.at, h.actor, h.event, h.from_status, h.to_status, h.reason, h.changes, h.note,
      r.registration_number FROM ak1_history h LEFT JOIN ak1_registrations r ON r.id = h.registration_id
      WHERE h.at_ms BETWEEN ? AND ? ORDER BY h.at_ms, h.id LIMIT ?`),
    appendHistory: db.prepare(`INSERT INTO ak1_history (registration_id, at, at_ms, actor, event, from_status, to_status,
      reason, changes, note, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  };

  const appendHistory = (registrationId: string | null, entry: Ak1StoredHistoryEntry) => {
    const atMs = Date.parse(entry.at);
    if (Number.isNaN(atMs)) throw new RangeError(`A history entry needs an RFC 3339 time, not ${entry.at}`);
    statements.appendHistory.run(
      registrationId,
      entry.at,
      atMs,
      JSON.stringify(entry.actor),
      entry.event,
      entry.from ?? null,
      entry.to ?? null,
      entry.reason ? JSON.stringify(entry.reason) : null,
      entry.changes ? JSON.stringify(entry.changes) : null,
      entry.note ?? null,
      entry.idempotencyKey ?? null,
    );
  };

  const nikHeldElsewhere = (nik: string, id: string, today: string) =>
    (statements.activeForNik.all(nik) as Array<{ id: string; status: RegistrationStatus; valid_until: string }>).some(
      (r) => r.id !== id && isActive({ status: r.status, validUntil: r.valid_until }, today),
    );

  /*
   * What booking a visit reads, kept from one registration to the next: the seat counts of a range of windows
   * and each window's highest queue place. Read from the index, both scan every booking of their windows, which
   * grows with the day (docs/performance.md); kept, a registration costs the same at the thousandth booking as
   * at the first. They hold only while this connection is the only writer: `PRAGMA data_version` changes when
   * another connection (another server process) commits, and each batch checks it under its write lock; an
   * `update` (which can free or move a seat) and a batch that fails forget them; a registration that is rolled
   * back never adds to them (`booked` runs once it has succeeded).
   */
  const bookings = {
    version: undefined as unknown,
    counts: new Map<string, Ak1BookingCount[]>(),
    highest: new Map<string, number>(),
  };
  const forgetBookings = () => {
    bookings.version = undefined;
    bookings.counts.clear();
    bookings.highest.clear();
  };
  const bookingCounts = (from: string, to: string): Ak1BookingCount[] => {
    const key = `${from} ${to}`;
    let counts = bookings.counts.get(key);
    if (!counts) {
      // A long-running process meets a new range every day; old ones are dropped rather than kept for ever.
      if (bookings.counts.size >= 32) bookings.counts.clear();
      counts = (statements.counts.all(from, to) as Ak1BookingCount[]).map((row) => ({ ...row }));
      bookings.counts.set(key, counts);
    }
    return counts;
  };
  const highestPlace = (date: string, start: string): number => {
    const key = `${date} ${start}`;
    let place = bookings.highest.get(key);
    if (place === undefined) {
      if (bookings.highest.size >= 1024) bookings.highest.clear();
      place = (statements.highestPlace.get(date, start) as { place: number | null }).place ?? 0;
      bookings.highest.set(key, place);
    }
    return place;
  };
  /** Adds a committed-to-be registration's visit to what is kept (a new registration holds its seat). */
  const booked = (visit: { date: string; start: string; queueNumber: string }) => {
    for (const [key, counts] of bookings.counts) {
      const [from, to] = key.split(' ') as [string, string];
      if (visit.date < from || visit.date > to) continue;
      const row = counts.find((c) => c.date === visit.date && c.start === visit.start);
      if (row) row.count++;
      else counts.push({ date: visit.date, start: visit.start, count: 1 });
    }
    const window = `${visit.date} ${visit.start}`;
    if (bookings.highest.has(window)) bookings.highest.set(window, Math.max(bookings.highest.get(window)!, queuePlace(visit.queueNumber)));
  };

  // Called inside `registerBatch`'s transaction, where better-sqlite3 makes it a savepoint: one registration
  // that throws is undone alone and the others in its batch still commit.
  const register = db.transaction((request: Ak1RegisterRequest): Ak1RegisterOutcome => {
    const existing = statements.byKey.get(request.idempotencyKey) as { id: string; fingerprint: string } | undefined;
    if (existing) {
      if (existing.fingerprint !== request.fingerprint) return { outcome: 'key-reused' };
      return { outcome: 'replayed', registration: toStored(statements.summary.get(existing.id) as SummaryRow) };
    }
    const { application } = request;
    if (nikHeldElsewhere(application.nik, request.id, request.registrationDate)) return { outcome: 'already-registered' };
    const last = (statements.lastSerial.get(request.serialScope) as { serial: number | null }).serial ?? 0;
    const serial = last + 1;
    const range = slotRange(request.slots);
    const counts = range ? bookingCounts(range.from, range.to) : [];
    const { clientKey, maxSeatsPerClient } = request;
    const overCap =
      clientKey !== undefined &&
      maxSeatsPerClient !== undefined &&
      (statements.seatsHeld.get(clientKey, request.registrationDate) as { seats: number }).seats >= maxSeatsPerClient;
    const chosen = overCap ? undefined : chooseAppointment(request.slots, counts);
    const appointment = chosen && numberedAfter(chosen, highestPlace(chosen.date, chosen.start));
    const { photo, documents, ...rest } = application;
    statements.insert.run(
      request.id,
      request.idempotencyKey,
      request.fingerprint,
      request.serialScope,
      serial,
      request.formatNumber(serial),
      application.nik,
      application.fullName,
      request.registeredAt,
      request.registrationDate,
      request.validUntil,
      JSON.stringify(request.reportDueDates),
      request.token,
      appointment?.date ?? null,
      appointment?.start ?? null,
      appointment?.end ?? null,
      appointment?.queueNumber ?? null,
      JSON.stringify(rest),
      plainJson({ photo, documents }),
      clientKey ?? null,
      request.warnings?.length ? JSON.stringify(request.warnings) : null,
      request.accessCodeHash ?? null,
      previousRegistrationOf(application) ?? null,
    );
    appendHistory(request.id, { at: request.registeredAt, actor: { kind: 'applicant' }, event: 'submit', to: 'RECEIVED' });
    return { outcome: 'created', registration: toStored(statements.summary.get(request.id) as SummaryRow) };
  });

  /*
   * Group commit. With synchronous=FULL every commit waits for an fsync, and under load that wait was most of a
   * registration's time in the store (docs/performance.md). Registrations that reach the store in the same turn
   * of the event loop are written in one transaction (BEGIN IMMEDIATE, as one was) and answered only once it
   * has committed: each is as durable as before, read and numbered after the ones before it in the batch (its
   * key, its NIK, the serial and the seats see them), and one that fails is rolled back alone. Alone, a
   * registration waits only for the rest of its turn (setImmediate).
   */
  type Pending = { request: Ak1RegisterRequest; resolve(outcome: Ak1RegisterOutcome): void; reject(error: unknown): void };
  let pending: Pending[] = [];
  const registerBatch = db.transaction((batch: readonly Pending[]) => {
    const version = db.pragma('data_version', { simple: true });
    if (version !== bookings.version) {
      forgetBookings();
      bookings.version = version;
    }
    return batch.map((item): { outcome: Ak1RegisterOutcome } | { error: unknown } => {
      try {
        const outcome = register(item.request);
        if (outcome.outcome === 'created' && outcome.registration.appointment) booked(outcome.registration.appointment);
        return { outcome };
      } catch (error) {
        return { error };
      }
    });
  });
  const flushRegistrations = () => {
    const batch = pending;
    pending = [];
    if (!batch.length) return;
    let results: ReturnType<typeof registerBatch>;
    try {
      results = use(() => registerBatch.immediate(batch));
    } catch (error) {
      forgetBookings();
      for (const item of batch) item.reject(error);
      return;
    }
    results.forEach((result, i) => ('error' in result ? batch[i]!.reject(result.error) : batch[i]!.resolve(result.outcome)));
  };

  const readRecord = (registrationNumber: string): Ak1StoredRecord | undefined => {
    const row = statements.byNumber.get(registrationNumber) as (SummaryRow & { application: string; attachments: string }) | undefined;
    if (!row) return undefined;
    return {
      registration: toStored(row),
      application: { ...JSON.parse(row.application), ...JSON.parse(row.attachments) } as Ak1Application,
      history: (statements.historyOf.all(row.id) as HistoryRow[]).map(toHistoryEntry),
    };
  };

  // A read transaction (deferred: no write lock), so the registration and its history are of one instant.
  const readRecordAtOnce = db.transaction(readRecord);

  // Reads, decides and writes under the write lock (`immediate`): a second update of the same record, from this
  // process or another, reads only after the first has committed, so its decision sees the first's version.
  const update = db.transaction((registrationNumber: string, decide: (record: Ak1StoredRecord) => Ak1UpdateDecision): Ak1UpdateOutcome => {
    const record = readRecord(registrationNumber);
    if (!record) return { outcome: 'not-found' };
    const decision = decide(record);
    if ('refuse' in decision) return { outcome: 'refused', reason: decision.refuse };
    let { write } = decision;
    const before = record.registration;
    if (write.rebook) {
      const range = slotRange(write.rebook);
      const counts = range ? (statements.counts.all(range.from, range.to) as Ak1BookingCount[]) : [];
      const highest = (date: string, start: string) => (statements.highestPlace.get(date, start) as { place: number | null }).place ?? 0;
      const rebooked = rebookedWrite(before, write, counts, highest);
      if (!rebooked) return { outcome: 'refused', reason: 'no-room' };
      write = rebooked;
    }
    const after = applyWrite(before, write);
    if (after.nik !== before.nik && nikHeldElsewhere(after.nik, before.id, localDateOf(write.history.at))) {
      return { outcome: 'refused', reason: 'already-registered' };
    }
    const visit = after.appointment;
    statements.updateSummary.run(
      after.status,
      after.nik,
      after.fullName,
      after.version,
      visit?.date ?? null,
      visit?.start ?? null,
      visit?.end ?? null,
      visit?.queueNumber ?? null,
      after.validUntil,
      JSON.stringify(after.reportDueDates),
      after.issuedAt ?? null,
      after.signedBy ? JSON.stringify(after.signedBy) : null,
      // Only what was written: while none is, the reports follow the due dates (`defaultReports`).
      write.set?.reports ? JSON.stringify(write.set.reports) : (statements.summary.get(before.id) as SummaryRow).reports,
      after.checkedInAt ?? null,
      after.accessCodeHash ?? null,
      after.karirhubNumber ?? null,
      before.id,
    );
    if (write.application) {
      const { photo, documents, ...rest } = write.application;
      statements.updateApplication.run(JSON.stringify(rest), plainJson({ photo, documents }), before.id);
    }
    appendHistory(before.id, write.history);
    return { outcome: 'updated', registration: toStored(statements.summary.get(before.id) as SummaryRow) };
  });

  let closed = false;
  /** Runs a database call, turning "busy" and "closed" into the error that asks the client to come back. */
  const use = <T>(work: () => T): T => {
    if (closed) throw new Ak1StoreUnavailableError('The SQLite store is closed');
    try {
      return work();
    } catch (error) {
      if (isBusy(error)) {
        throw new Ak1StoreUnavailableError('The SQLite database is busy', { cause: error });
      }
      throw error;
    }
  };

  const exported = (row: SummaryRow & { application: string }): Ak1ExportedRegistration => ({
    ...toStored(row),
    application: withoutAttachments(JSON.parse(row.application) as Ak1Application),
  });

  return {
    async register(request) {
      if (closed) throw new Ak1StoreUnavailableError('The SQLite store is closed');
      return new Promise<Ak1RegisterOutcome>((resolve, reject) => {
        if (pending.push({ request, resolve, reject }) === 1) setImmediate(flushRegistrations);
      });
    },
    async findByKey(idempotencyKey) {
      return use(() => {
        const row = statements.byKey.get(idempotencyKey) as { id: string; fingerprint: string } | undefined;
        return row ? { fingerprint: row.fingerprint, registration: toStored(statements.summary.get(row.id) as SummaryRow) } : undefined;
      });
    },
    async findById(id) {
      return use(() => {
        const row = statements.summary.get(id) as SummaryRow | undefined;
        return row ? toStored(row) : undefined;
      });
    },
    async getApplication(id) {
      return use(() => {
        const row = statements.application.get(id) as { application: string; attachments: string } | undefined;
        return row ? ({ ...JSON.parse(row.application), ...JSON.parse(row.attachments) } as Ak1Application) : undefined;
      });
    },
    async countBookings(from, to) {
      return use(() => statements.counts.all(from, to) as Ak1BookingCount[]);
    },
    async listRegistrations(filter) {
      return use(() => {
        type Listed = SummaryRow & { application: string };
        if ('status' in filter) {
          return (statements.byStatus.all(filter.status, filter.limit ?? DEFAULT_LISTING_LIMIT) as Listed[]).map(exported);
        }
        if ('query' in filter) {
          const terms = searchTerms(filter.query);
          if (!terms) return [];
          const rows = statements.bySearch.all(terms.exact, terms.exact, terms.name, filter.limit ?? DEFAULT_LISTING_LIMIT) as Listed[];
          return rows.map(exported);
        }
        const rows = (
          'visitDate' in filter ? statements.byVisitDate.all(filter.visitDate) : statements.byRegistrationDate.all(filter.registrationDate)
        ) as Listed[];
        return rows.map(exported).sort(compareForExport);
      });
    },
    async getRecord(registrationNumber) {
      return use(() => readRecordAtOnce(registrationNumber));
    },
    async update(registrationNumber, decide) {
      forgetBookings();
      return use(() => update.immediate(registrationNumber, decide));
    },
    async listHistory(range) {
      return use(() => {
        const { from, to } = historyRange(range);
        const rows = statements.historyBetween.all(from, to, range.limit ?? DEFAULT_HISTORY_LIMIT) as Array<
          HistoryRow & { registration_number: string | null }
        >;
        return rows.map((row) => {
          const { idempotencyKey: _key, ...entry } = toHistoryEntry({ ...row, idempotency_key: null });
          return { ...entry, ...(row.registration_number ? { registrationNumber: row.registration_number } : {}) };
        });
      });
    },
    async recordEvent(entry) {
      use(() => appendHistory(null, entry));
    },
    async listIpkSources({ toMs, fromMs }) {
      return use(() => {
        const changes = (
          fromMs === undefined ? db.prepare(SQLITE_IPK_CHANGES).raw().all(toMs) : db.prepare(SQLITE_IPK_MONTH_CHANGES).raw().all(fromMs, toMs, fromMs, fromMs)
        ) as IpkChangeRow[];
        const applications = db.prepare(SQLITE_IPK_APPLICATIONS).raw().all() as IpkApplicationRow[];
        return ipkSourcesOf(changes, applications);
      });
    },
    async listExpiryDue({ before, limit }) {
      return use(() => (db.prepare(forSqlite(EXPIRY_DUE_SQL)).all(before, limit) as Array<Parameters<typeof expiryDueOf>[0]>).map(expiryDueOf));
    },
    async listEvents(event) {
      return use(() => (db.prepare(forSqlite(EVENTS_SQL)).all(event) as Array<Parameters<typeof eventOf>[0]>).map(eventOf));
    },
    officers: createSqliteOfficerStore(db, use),
    failures: createSqliteFailureStore(db, use),
    async close() {
      if (closed) return;
      // Registrations already handed to the store are written (and answered) before it closes.
      flushRegistrations();
      closed = true;
      db.close();
    },
  };
}

/** How many failures this process records between two sweeps of the expired ones. */
const FAILURES_PER_SWEEP = 100;

/**
 * The throttles' failures in `ak1_failures`, one row per failure, so that every process on the file counts them
 * together; rows past their window are deleted now and then by whichever process records a failure.
 */
function createSqliteFailureStore(db: Database, use: <T>(work: () => T) => T): Ak1FailureStore {
  const statements = {
    add: db.prepare('INSERT INTO ak1_failures (key, at_ms, expires_at_ms) VALUES (?, ?, ?)'),
    sweep: db.prepare('DELETE FROM ak1_failures WHERE expires_at_ms <= ?'),
    nth: db.prepare('SELECT at_ms FROM ak1_failures WHERE key = ? AND at_ms > ? ORDER BY at_ms DESC LIMIT 1 OFFSET ?'),
    clear: db.prepare('DELETE FROM ak1_failures WHERE key = ?'),
  };
  let recorded = 0;
  return {
    async add(key, atMs, expiresAtMs) {
      use(() => {
        statements.add.run(key, atMs, expiresAtMs);
        if (++recorded % FAILURES_PER_SWEEP === 0) statements.sweep.run(atMs);
      });
    },
    async nthNewest(key, n, sinceMs) {
      return use(() => (statements.nth.get(key, sinceMs, n - 1) as { at_ms: number } | undefined)?.at_ms);
    },
    async clear(key) {
      use(() => statements.clear.run(key));
    },
  };
}

function createSqliteOfficerStore(db: Database, use: <T>(work: () => T) => T): Ak1OfficerStore {
  const statements = {
    add: db.prepare(`INSERT INTO ak1_officers (id, username, name, nip, roles, password_hash, password_change_required,
      totp_secret, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    byUsername: db.prepare('SELECT * FROM ak1_officers WHERE username = ?'),
    byId: db.prepare('SELECT * FROM ak1_officers WHERE id = ?'),
    list: db.prepare('SELECT * FROM ak1_officers ORDER BY username'),
    update: db.prepare(`UPDATE ak1_officers SET username = ?, name = ?, nip = ?, roles = ?, password_hash = ?,
      password_change_required = ?, totp_secret = ?, disabled = ? WHERE id = ?`),
    createSession: db.prepare(`INSERT INTO ak1_sessions (token_hash, officer_id, created_at, expires_at, last_seen_at)
      VALUES (?, ?, ?, ?, ?)`),
    findSession: db.prepare('SELECT * FROM ak1_sessions WHERE token_hash = ?'),
    touchSession: db.prepare('UPDATE ak1_sessions SET last_seen_at = ? WHERE token_hash = ?'),
    deleteSession: db.prepare('DELETE FROM ak1_sessions WHERE token_hash = ?'),
    deleteSessionsOf: db.prepare('DELETE FROM ak1_sessions WHERE officer_id = ?'),
  };
  const find = (statement: Statement, key: string) => {
    const row = statement.get(key) as OfficerRow | undefined;
    return row ? toOfficer(row) : undefined;
  };
  const update = db.transaction((id: string, patch: Partial<Ak1StoredOfficer>): Ak1StoredOfficer | undefined => {
    const officer = find(statements.byId, id);
    if (!officer) return undefined;
    const { id: _id, createdAt: _createdAt, ...changes } = patch;
    const next: Ak1StoredOfficer = { ...officer, ...changes };
    try {
      statements.update.run(
        next.username,
        next.name,
        next.nip ?? null,
        JSON.stringify(next.roles),
        next.passwordHash,
        next.passwordChangeRequired ? 1 : 0,
        next.totpSecret ?? null,
        next.disabled ? 1 : 0,
        id,
      );
    } catch (error) {
      if (String((error as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')) {
        throw new Error(`The username ${next.username} is taken`, { cause: error });
      }
      throw error;
    }
    return find(statements.byId, id);
  });

  return {
    async add(officer) {
      return use(() => {
        const { changes } = statements.add.run(
          officer.id,
          officer.username,
          officer.name,
          officer.nip ?? null,
          JSON.stringify(officer.roles),
          officer.passwordHash,
          officer.passwordChangeRequired ? 1 : 0,
          officer.totpSecret ?? null,
          officer.disabled ? 1 : 0,
          officer.createdAt,
        );
        return changes ? 'added' : 'username-taken';
      });
    },
    async findByUsername(username) {
      return use(() => find(statements.byUsername, username));
    },
    async findById(id) {
      return use(() => find(statements.byId, id));
    },
    async update(id, patch) {
      return use(() => update.immediate(id, patch));
    },
    async list() {
      return use(() => (statements.list.all() as OfficerRow[]).map(toOfficer));
    },
    async createSession(session) {
      use(() => statements.createSession.run(session.tokenHash, session.officerId, session.createdAt, session.expiresAt, session.lastSeenAt));
    },
    async findSession(tokenHash) {
      return use(() => {
        const row = statements.findSession.get(tokenHash) as SessionRow | undefined;
        return row
          ? { tokenHash: row.token_hash, officerId: row.officer_id, createdAt: row.created_at, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at }
          : undefined;
      });
    },
    async touchSession(tokenHash, lastSeenAt) {
      use(() => statements.touchSession.run(lastSeenAt, tokenHash));
    },
    async deleteSession(tokenHash) {
      use(() => statements.deleteSession.run(tokenHash));
    },
    async deleteSessionsOf(officerId) {
      use(() => statements.deleteSessionsOf.run(officerId));
    },
  };
}

/**
 * better-sqlite3 through `createRequire`, reached by `process.getBuiltinModule`: bundlers building the msw
 * mocks for a browser see no import of it (nor of `node:module`) to resolve.
 */
function loadBetterSqlite3(): DatabaseConstructor {
  const { createRequire } = nodeBuiltin<typeof import('node:module')>('node:module', 'createSqliteStore');
  try {
    return createRequire(import.meta.url)('better-sqlite3') as DatabaseConstructor;
  } catch (cause) {
    throw new Error('createSqliteStore needs better-sqlite3 12: npm install better-sqlite3@^12', { cause });
  }
}

/**
 * Makes the database file readable and writable by its owner only (0600), before SQLite opens it, whatever
 * the umask: SQLite would create it 0644 less the umask, and gives its `-wal` and `-shm` the database's mode.
 * Files an older version left wider are narrowed; a file of another account is left as it is.
 */
function keepToOwner(path: string): void {
  const fs = nodeBuiltin<typeof import('node:fs')>('node:fs', 'createSqliteStore');
  fs.closeSync(fs.openSync(path, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    try {
      const { mode } = fs.statSync(file);
      if (mode & 0o077) fs.chmodSync(file, mode & 0o700);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'ENOENT' && code !== 'EPERM') throw error;
    }
  }
}

function makeParentFolder(path: string): void {
  const { mkdirSync } = nodeBuiltin<typeof import('node:fs')>('node:fs', 'createSqliteStore');
  const { dirname } = nodeBuiltin<typeof import('node:path')>('node:path', 'createSqliteStore');
  // The folder holds NIKs and phone numbers: only its owner may enter it.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
}

/** What a backup or a restore copied. */
export interface Ak1SqliteCopy {
  /** Registrations in the copy. */
  registrations: number;
  /** SHA-256 (hex) over every registration row in id order: two files with equal rows have equal checksums. */
  checksum: string;
  bytes: number;
}

/**
 * Copies the database at `source` to a new file `destination` with SQLite's online backup, while servers keep
 * writing to it: the copy is the database as it was at one instant (a WAL read snapshot), every committed
 * registration before that instant in it, none after. `destination` must not exist; it is made 0600.
 */
export async function backupSqliteDatabase(source: string, destination: string): Promise<Ak1SqliteCopy> {
  const Database = loadBetterSqlite3();
  const fs = nodeBuiltin<typeof import('node:fs')>('node:fs', 'backupSqliteDatabase');
  if (fs.existsSync(destination)) throw new Error(`${destination} exists; a backup never overwrites a file`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    assertAk1Database(db, source);
    // The first step copies 100 pages; then all the rest in one step, under one read snapshot: a writer in
    // another process between steps restarts the copy, which then finishes in that one step.
    await db.backup(destination, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  fs.chmodSync(destination, 0o600);
  // One self-contained file to copy off the server: no -wal or -shm beside it (a server reopens it in WAL).
  const copy = new Database(destination, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return describeCopy(destination);
}

/**
 * Replaces the database at `target` with the backup at `source`, after checking that `source` is an intact
 * ak1-form database and that no process has `target` open (a server must be stopped first). Refuses to replace
 * an existing database unless `force` is set.
 */
export async function restoreSqliteDatabase(source: string, target: string, options: { force?: boolean } = {}): Promise<Ak1SqliteCopy> {
  const Database = loadBetterSqlite3();
  const fs = nodeBuiltin<typeof import('node:fs')>('node:fs', 'restoreSqliteDatabase');
  const backup = new Database(source, { readonly: true, fileMustExist: true });
  const temporary = `${target}.restore-${crypto.randomUUID()}`;
  try {
    assertAk1Database(backup, source);
    const check = backup.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`${source} is damaged (integrity_check: ${String(check)})`);
    if (fs.existsSync(target)) {
      if (!options.force) throw new Error(`${target} exists; restoring replaces every registration in it: add --force to do so`);
      assertNotInUse(Database, target);
    } else {
      makeParentFolder(target);
    }
    await backup.backup(temporary, { progress: () => 0x7fffffff });
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  } finally {
    backup.close();
  }
  fs.chmodSync(temporary, 0o600);
  // The old database's log and index belong to the file being replaced; left beside the new one, SQLite would
  // apply the old log to it.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(temporary, target);
  return describeCopy(target);
}

/**
 * For `keys retire`: per signing key (`kid` of the token), how many registrations' cards it signed, how many of
 * them are unexpired on `today`, and the last `validUntil` among them.
 */
export async function signingKeyUse(
  path: string,
  today: string,
): Promise<Map<string, { cards: number; unexpired: number; lastValidUntil: string }>> {
  const Database = loadBetterSqlite3();
  const { tokenKeyId } = await import('./tokens.js');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const use = new Map<string, { cards: number; unexpired: number; lastValidUntil: string }>();
  try {
    assertAk1Database(db, path);
    for (const row of db.prepare('SELECT token, valid_until FROM ak1_registrations').iterate() as Iterable<{ token: string; valid_until: string }>) {
      const kid = tokenKeyId(row.token) ?? '?';
      const entry = use.get(kid) ?? { cards: 0, unexpired: 0, lastValidUntil: '' };
      entry.cards++;
      if (row.valid_until >= today) entry.unexpired++;
      if (row.valid_until > entry.lastValidUntil) entry.lastValidUntil = row.valid_until;
      use.set(kid, entry);
    }
  } finally {
    db.close();
  }
  return use;
}

function assertAk1Database(db: Database, path: string): void {
  let version: number;
  let table: unknown;
  try {
    version = db.pragma('user_version', { simple: true }) as number;
    table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ak1_registrations'").get();
  } catch (cause) {
    throw new Error(`${path} is not an SQLite database`, { cause });
  }
  if (!table || version < 1) throw new Error(`${path} is not an ak1-form database`);
  if (version > LATEST_SCHEMA_VERSION) throw new Ak1SchemaTooNewError(version, LATEST_SCHEMA_VERSION, path);
}

/**
 * Throws when another connection (a running server) has the database open: an exclusive lock cannot be had
 * while any connection in WAL mode holds its shared-memory lock.
 */
function assertNotInUse(Database: DatabaseConstructor, path: string): void {
  const db = new Database(path, { timeout: 0, fileMustExist: true });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (cause) {
    throw new Error(`${path} is in use (a server has it open); stop the server before restoring`, { cause });
  } finally {
    db.close();
  }
}

async function describeCopy(path: string): Promise<Ak1SqliteCopy> {
  const Database = loadBetterSqlite3();
  const fs = nodeBuiltin<typeof import('node:fs')>('node:fs', 'describeCopy');
  const { createHash } = nodeBuiltin<typeof import('node:crypto')>('node:crypto', 'describeCopy');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    // Row by row: a district's database holds gigabytes of scans, which never need to be in memory at once.
    const hash = createHash('sha256');
    let registrations = 0;
    for (const row of db.prepare('SELECT * FROM ak1_registrations ORDER BY id').iterate()) {
      hash.update(`${JSON.stringify(row)}\n`);
      registrations++;
    }
    return { registrations, checksum: hash.digest('hex'), bytes: fs.statSync(path).size };
  } finally {
    db.close();
  }
}
