import { Ak1SchemaTooNewError } from './index.js';

/*
 * The SQLite dialect of `MIGRATIONS`. The number of the last step applied is `PRAGMA user_version`. All steps
 * due run at open in ONE `BEGIN IMMEDIATE` transaction, which takes the write lock before the version is read:
 * two processes opening the same file at once do not both migrate (the second waits, then finds the work done),
 * and a step that fails leaves the file as it was.
 */

/** The parts of better-sqlite3 the migrations use. */
export interface SqliteMigrationDatabase {
  prepare(sql: string): { run(...params: unknown[]): unknown; all(...params: unknown[]): unknown[]; iterate(...params: unknown[]): IterableIterator<unknown> };
  exec(sql: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) & { immediate(...args: A): R };
}

export interface SqliteMigration {
  version: number;
  name: string;
  up(db: SqliteMigrationDatabase): void;
}

function columnsOf(db: SqliteMigrationDatabase, table: string): Set<string> {
  return new Set((db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((column) => column.name));
}

export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'registrations',
    up(db) {
      // As released in 0.1.0 (IF NOT EXISTS: that release could leave a table behind without its number).
      db.exec(`
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
      `);
    },
  },
  {
    version: 2,
    name: 'client-key-and-warnings',
    up(db) {
      // 0.1.0 added these at every open without a number: its files are at version 1 with or without them.
      const present = columnsOf(db, 'ak1_registrations');
      for (const [name, type] of [['client_key', 'TEXT'], ['warnings', 'TEXT']] as const) {
        if (!present.has(name)) db.exec(`ALTER TABLE ak1_registrations ADD COLUMN ${name} ${type}`);
      }
      db.exec('CREATE INDEX IF NOT EXISTS ak1_registrations_client ON ak1_registrations (client_key, visit_date)');
    },
  },
  {
    version: 3,
    name: 'lifecycle',
    up(db) {
      db.exec(`
        ALTER TABLE ak1_registrations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE ak1_registrations ADD COLUMN issued_at TEXT;
        ALTER TABLE ak1_registrations ADD COLUMN signed_by TEXT;
        ALTER TABLE ak1_registrations ADD COLUMN reports TEXT;
        ALTER TABLE ak1_registrations ADD COLUMN checked_in_at TEXT;
        ALTER TABLE ak1_registrations ADD COLUMN access_code_hash TEXT;
        ALTER TABLE ak1_registrations ADD COLUMN karirhub_number TEXT;
        ALTER TABLE ak1_registrations ADD COLUMN previous_registration_number TEXT;
        CREATE INDEX ak1_registrations_status ON ak1_registrations (status, registered_at);
        -- Seats are now counted by status: this index answers the window counts and the highest queue number
        -- without reading the rows (the visit index it replaces was its prefix).
        CREATE INDEX ak1_registrations_seats ON ak1_registrations (visit_date, visit_start, status, queue_number);
        DROP INDEX IF EXISTS ak1_registrations_visit;

        CREATE TABLE ak1_history (
          id              INTEGER PRIMARY KEY,
          registration_id TEXT,
          at              TEXT NOT NULL,
          at_ms           INTEGER NOT NULL,
          actor           TEXT NOT NULL,
          event           TEXT NOT NULL,
          from_status     TEXT,
          to_status       TEXT,
          reason          TEXT,
          changes         TEXT,
          note            TEXT,
          idempotency_key TEXT
        ) STRICT;
        CREATE INDEX ak1_history_registration ON ak1_history (registration_id, id);
        CREATE INDEX ak1_history_at ON ak1_history (at_ms, id);

        CREATE TABLE ak1_officers (
          id                       TEXT PRIMARY KEY,
          username                 TEXT NOT NULL COLLATE NOCASE UNIQUE,
          name                     TEXT NOT NULL,
          nip                      TEXT,
          roles                    TEXT NOT NULL,
          password_hash            TEXT NOT NULL,
          password_change_required INTEGER NOT NULL,
          totp_secret              TEXT,
          disabled                 INTEGER NOT NULL DEFAULT 0,
          created_at               TEXT NOT NULL
        ) STRICT;

        CREATE TABLE ak1_sessions (
          token_hash   TEXT PRIMARY KEY,
          officer_id   TEXT NOT NULL,
          created_at   TEXT NOT NULL,
          expires_at   TEXT NOT NULL,
          last_seen_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX ak1_sessions_officer ON ak1_sessions (officer_id);
      `);
      // Every registration so far was submitted and nothing has changed it since (no route changed a status).
      const insert = db.prepare(`INSERT INTO ak1_history (registration_id, at, at_ms, actor, event, to_status)
        VALUES (?, ?, ?, '{"kind":"applicant"}', 'submit', 'RECEIVED')`);
      const rows = db.prepare('SELECT id, registered_at FROM ak1_registrations ORDER BY registered_at, serial_scope, serial').all() as Array<{
        id: string;
        registered_at: string;
      }>;
      for (const row of rows) insert.run(row.id, row.registered_at, Date.parse(row.registered_at));
    },
  },
  {
    version: 4,
    name: 'shared-failures',
    up(db) {
      db.exec(`
        CREATE TABLE ak1_failures (
          key           TEXT NOT NULL,
          at_ms         INTEGER NOT NULL,
          expires_at_ms INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX ak1_failures_key ON ak1_failures (key, at_ms);
        CREATE INDEX ak1_failures_expiry ON ak1_failures (expires_at_ms);
      `);
    },
  },
  {
    version: 5,
    name: 'report-indexes',
    up(db) {
      db.exec('CREATE INDEX ak1_registrations_expiry ON ak1_registrations (status, valid_until)');
      // The IPK read's four fields (SQLITE_IPK_APPLICATIONS, written exactly as there) kept in an index with the
      // number and the id, so that the read never parses the applications' JSON: half its time on 50,000.
      db.exec(`CREATE INDEX ak1_registrations_ipk ON ak1_registrations (status, json_extract(application, '$.birthDate'),
        json_extract(application, '$.sex'), json_extract(application, '$.education'),
        json_extract(application, '$.jobPreferences.positions[0].kbji'), registration_number, id)`);
    },
  },
];

/**
 * Brings the database up to `LATEST_SCHEMA_VERSION`, or throws `Ak1SchemaTooNewError` when it is newer. A new
 * file gets every step; a file of 0.1.0 (version 1) gets steps 2 and after.
 */
export function migrateSqlite(db: SqliteMigrationDatabase, migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS): { from: number; to: number } {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const versionNow = () => db.pragma('user_version', { simple: true }) as number;
  const before = versionNow();
  if (before > latest) throw new Ak1SchemaTooNewError(before, latest);
  if (before === latest) return { from: before, to: before };
  return db
    .transaction(() => {
      // Read again under the write lock: another process may have migrated while this one waited for it.
      const from = versionNow();
      if (from > latest) throw new Ak1SchemaTooNewError(from, latest);
      for (const migration of migrations) {
        if (migration.version > from) migration.up(db);
      }
      db.pragma(`user_version = ${latest}`);
      return { from, to: latest };
    })
    .immediate();
}

