import type { Ak1Application, Ak1Warning, RegistrationStatus } from '../schema/index.js';
import { chooseAppointment, slotRange, type Ak1BookingCount } from './calendar.js';
import {
  Ak1StoreUnavailableError,
  compareForExport,
  isActive,
  SEAT_RELEASING_STATUSES,
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
  iterate(...params: unknown[]): IterableIterator<unknown>;
}
interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): { immediate(...args: A): R };
  backup(destination: string, options?: { progress?: (info: { totalPages: number; remainingPages: number }) => number }): Promise<{
    totalPages: number;
    remainingPages: number;
  }>;
  close(): unknown;
}
type DatabaseConstructor = new (path: string, options?: { timeout?: number; readonly?: boolean; fileMustExist?: boolean }) => Database;

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

/**
 * Columns added after schema 1 was released, nullable, added to an existing database when missing (there are
 * no numbered migrations yet): the client's address key for the per-address seat cap, and the validation's
 * warnings (JSON) for the officer.
 */
const ADDED_COLUMNS = { client_key: 'TEXT', warnings: 'TEXT' } as const;

/** Every column but the application and its attachments, which only some readers need. */
const SUMMARY_COLUMNS = `id, registration_number, status, registered_at, registration_date, valid_until, report_due_dates,
  token, full_name, visit_date, visit_start, visit_end, queue_number, warnings`;

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
  warnings: string | null;
}

/**
 * A store in a SQLite database file (created with its folder on first use), through better-sqlite3 12 in
 * WAL mode with full fsync on commit: a registration acknowledged to the applicant survives a power cut.
 * Node only; better-sqlite3 is loaded when this is called, so importing `ak1-form/server` never needs it.
 */
export async function createSqliteStore(path: string, options: SqliteStoreOptions = {}): Promise<Ak1Store> {
  const Database = loadBetterSqlite3();
  if (path !== ':memory:' && !path.startsWith('file:')) {
    makeParentFolder(path);
    keepToOwner(path);
  }
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
    seatsHeld: db.prepare(`SELECT COUNT(*) AS seats FROM ak1_registrations WHERE client_key = ? AND visit_date >= ?
      AND status NOT IN (${SEAT_RELEASING_STATUSES.map(() => '?').join(', ')})`),
    activeForNik: db.prepare('SELECT status, valid_until FROM ak1_registrations WHERE nik = ?'),
    lastSerial: db.prepare('SELECT MAX(serial) AS serial FROM ak1_registrations WHERE serial_scope = ?'),
    counts: db.prepare(`SELECT visit_date AS date, visit_start AS start, COUNT(*) AS count FROM ak1_registrations
      WHERE visit_date BETWEEN ? AND ? GROUP BY visit_date, visit_start`),
    insert: db.prepare(`INSERT INTO ak1_registrations (id, idempotency_key, fingerprint, serial_scope, serial,
      registration_number, nik, full_name, status, registered_at, registration_date, valid_until, report_due_dates,
      token, visit_date, visit_start, visit_end, queue_number, application, attachments, client_key, warnings)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
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
    const { clientKey, maxSeatsPerClient } = request;
    const overCap =
      clientKey !== undefined &&
      maxSeatsPerClient !== undefined &&
      (statements.seatsHeld.get(clientKey, request.registrationDate, ...SEAT_RELEASING_STATUSES) as { seats: number }).seats >= maxSeatsPerClient;
    const appointment = overCap ? undefined : chooseAppointment(request.slots, counts);
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
      clientKey ?? null,
      request.warnings?.length ? JSON.stringify(request.warnings) : null,
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
    ...(row.warnings ? { warnings: JSON.parse(row.warnings) as Ak1Warning[] } : {}),
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
  // Two processes starting on a new file at once: the write lock makes one create and the other find it done.
  if (version < SCHEMA_VERSION) {
    db.transaction(() => {
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  }
  addMissingColumns(db);
}

/** `ADDED_COLUMNS` on a database made before them; under the write lock, so two processes add each once. */
function addMissingColumns(db: Database): void {
  const missing = () => {
    const present = new Set((db.prepare('PRAGMA table_info(ak1_registrations)').all() as Array<{ name: string }>).map((c) => c.name));
    return Object.entries(ADDED_COLUMNS).filter(([name]) => !present.has(name));
  };
  if (!missing().length) return;
  db.transaction(() => {
    for (const [name, type] of missing()) db.exec(`ALTER TABLE ak1_registrations ADD COLUMN ${name} ${type}`);
    db.exec('CREATE INDEX IF NOT EXISTS ak1_registrations_client ON ak1_registrations (client_key, visit_date)');
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
  if (version > SCHEMA_VERSION) throw new Error(`${path} was written by a newer ak1-form (schema ${version})`);
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
