import type { Ak1Application, RegistrationStatus } from '../schema/index.js';
import { chooseAppointment, slotRange, type Ak1BookingCount } from './calendar.js';
import {
  Ak1StoreUnavailableError,
  compareForExport,
  isActive,
  withoutAttachments,
  type Ak1ExportedRegistration,
  type Ak1RegisterOutcome,
  type Ak1RegisterRequest,
  type Ak1Store,
  type Ak1StoredRegistration,
} from './store.js';
import { nodeBuiltin } from './node-builtins.js';

/*
 * The SQLite store (better-sqlite3 12, an optional peer dependency). Several server processes may share one
 * database file: WAL lets readers run beside the one writer, and `register` runs in a `BEGIN IMMEDIATE`
 * transaction, which takes the write lock before reading, so two processes can never both see the same
 * last serial, the same free seat or the same unused idempotency key.
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
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}
interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): { immediate(...args: A): R };
  close(): unknown;
}
type DatabaseConstructor = new (path: string, options?: { timeout?: number }) => Database;

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ak1_registrations (
  id                  TEXT PRIMARY KEY,
  idempotency_key     TEXT NOT NULL UNIQUE,
  fingerprint         TEXT NOT NULL,
  serial_scope        TEXT NOT NULL,
  serial              INTEGER NOT NULL,
  registration_number TEXT NOT NULL UNIQUE,
  nik                 TEXT NOT NULL,
  full_name           TEXT NOT NULL,
  status              TEXT NOT NULL,
  registered_at       TEXT NOT NULL,
  registration_date   TEXT NOT NULL,
  valid_until         TEXT NOT NULL,
  report_due_dates    TEXT NOT NULL,
  token               TEXT NOT NULL,
  visit_date          TEXT,
  visit_start         TEXT,
  visit_end           TEXT,
  queue_number        TEXT,
  application         TEXT NOT NULL,
  attachments         TEXT NOT NULL,
  UNIQUE (serial_scope, serial)
) STRICT;
CREATE INDEX IF NOT EXISTS ak1_registrations_nik ON ak1_registrations (nik);
CREATE INDEX IF NOT EXISTS ak1_registrations_visit ON ak1_registrations (visit_date, visit_start);
CREATE INDEX IF NOT EXISTS ak1_registrations_registration_date ON ak1_registrations (registration_date);
`;

/** Every column but the application and its attachments, which only some readers need. */
const SUMMARY_COLUMNS = `id, registration_number, status, registered_at, registration_date, valid_until, report_due_dates,
  token, full_name, visit_date, visit_start, visit_end, queue_number`;

interface SummaryRow {
  id: string;
  registration_number: string;
  status: RegistrationStatus;
  registered_at: string;
  registration_date: string;
  valid_until: string;
  report_due_dates: string;
  token: string;
  full_name: string;
  visit_date: string | null;
  visit_start: string | null;
  visit_end: string | null;
  queue_number: string | null;
}

/**
 * A store in a SQLite database file (created with its folder on first use), through better-sqlite3 12 in
 * WAL mode with full fsync on commit: a registration acknowledged to the applicant survives a power cut.
 * Node only; better-sqlite3 is loaded when this is called, so importing `ak1-form/server` never needs it.
 */
export async function createSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<Ak1Store> {
  const Database = loadBetterSqlite3();
  if (path !== ':memory:' && !path.startsWith('file:')) makeParentFolder(path);
  const db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const statements = {
    byKey: db.prepare('SELECT id, fingerprint FROM ak1_registrations WHERE idempotency_key = ?'),
    activeForNik: db.prepare('SELECT status, valid_until FROM ak1_registrations WHERE nik = ?'),
    lastSerial: db.prepare('SELECT MAX(serial) AS serial FROM ak1_registrations WHERE serial_scope = ?'),
    counts: db.prepare(`SELECT visit_date AS date, visit_start AS start, COUNT(*) AS count FROM ak1_registrations
      WHERE visit_date BETWEEN ? AND ? GROUP BY visit_date, visit_start`),
    insert: db.prepare(`INSERT INTO ak1_registrations (id, idempotency_key, fingerprint, serial_scope, serial,
      registration_number, nik, full_name, status, registered_at, registration_date, valid_until, report_due_dates,
      token, visit_date, visit_start, visit_end, queue_number, application, attachments)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    summary: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM ak1_registrations WHERE id = ?`),
    application: db.prepare('SELECT application, attachments FROM ak1_registrations WHERE id = ?'),
    byVisitDate: db.prepare(`SELECT ${SUMMARY_COLUMNS}, application FROM ak1_registrations WHERE visit_date = ?`),
    byRegistrationDate: db.prepare(`SELECT ${SUMMARY_COLUMNS}, application FROM ak1_registrations WHERE registration_date = ?`),
  };

  const register = db.transaction((request: Ak1RegisterRequest): Ak1RegisterOutcome => {
    const existing = statements.byKey.get(request.idempotencyKey) as { id: string; fingerprint: string } | undefined;
    if (existing) {
      if (existing.fingerprint !== request.fingerprint) return { outcome: 'key-reused' };
      return { outcome: 'replayed', registration: toStored(statements.summary.get(existing.id) as SummaryRow) };
    }
    const { application } = request;
    const others = statements.activeForNik.all(application.nik) as Array<{ status: RegistrationStatus; valid_until: string }>;
    if (others.some((r) => isActive({ status: r.status, validUntil: r.valid_until }, request.registrationDate))) {
      return { outcome: 'already-registered' };
    }
    const last = (statements.lastSerial.get(request.serialScope) as { serial: number | null }).serial ?? 0;
    const serial = last + 1;
    const range = slotRange(request.slots);
    const counts = range ? (statements.counts.all(range.from, range.to) as Ak1BookingCount[]) : [];
    const appointment = chooseAppointment(request.slots, counts);
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
      JSON.stringify({ photo, documents }),
    );
    return { outcome: 'created', registration: toStored(statements.summary.get(request.id) as SummaryRow) };
  });

  let closed = false;
  /** Runs a database call, turning "busy" and "closed" into the error that asks the client to come back. */
  const use = <T>(work: () => T): T => {
    if (closed) throw new Ak1StoreUnavailableError('The SQLite store is closed');
    try {
      return work();
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? '');
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
        throw new Ak1StoreUnavailableError('The SQLite database is busy', { cause: error });
      }
      throw error;
    }
  };

  return {
    async register(request) {
      return use(() => register.immediate(request));
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
        const rows = (
          'visitDate' in filter ? statements.byVisitDate.all(filter.visitDate) : statements.byRegistrationDate.all(filter.registrationDate)
        ) as Array<SummaryRow & { application: string }>;
        const found: Ak1ExportedRegistration[] = rows.map((row) => ({
          ...toStored(row),
          application: withoutAttachments(JSON.parse(row.application) as Ak1Application),
        }));
        return found.sort(compareForExport);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

function toStored(row: SummaryRow): Ak1StoredRegistration {
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    status: row.status,
    registeredAt: row.registered_at,
    registrationDate: row.registration_date,
    validUntil: row.valid_until,
    reportDueDates: JSON.parse(row.report_due_dates) as [string, string, string],
    token: row.token,
    fullName: row.full_name,
    ...(row.visit_date && row.visit_start && row.visit_end && row.queue_number
      ? { appointment: { date: row.visit_date, start: row.visit_start, end: row.visit_end, queueNumber: row.queue_number } }
      : {}),
  };
}

function migrate(db: Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`This database was written by a newer ak1-form (schema ${version}); this one knows schema ${SCHEMA_VERSION}`);
  }
  if (version === SCHEMA_VERSION) return;
  // Two processes starting on a new file at once: the write lock makes one create and the other find it done.
  db.transaction(() => {
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
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

function makeParentFolder(path: string): void {
  const { mkdirSync } = nodeBuiltin<typeof import('node:fs')>('node:fs', 'createSqliteStore');
  const { dirname } = nodeBuiltin<typeof import('node:path')>('node:path', 'createSqliteStore');
  // The folder holds NIKs and phone numbers: only its owner may enter it.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
}
