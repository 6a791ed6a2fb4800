import { Ak1SchemaTooNewError } from './index.js';

/*
 * The PostgreSQL dialect of `MIGRATIONS`, step for step. Each district has its own schema (design.md, "Districts
 * and stores"); the number of the last step applied is the one row of `<schema>.ak1_schema_version`. All steps due
 * run at start-up in ONE transaction that first takes a transaction-level advisory lock named after the schema:
 * two processes starting together do not both migrate (the second waits, then finds the work done), and a step
 * that fails leaves the schema as it was (PostgreSQL's DDL is transactional).
 *
 * Columns mirror the SQLite store's: dates and times as the text the handler wrote (RFC 3339 with the district's
 * offset, so a reply shows them as they were written), JSON as text (the attachments are written and read whole,
 * never queried). `search_name` is the folded name the office's search matches, written by the store
 * (`foldName`), so the search does not depend on the database's collation.
 */

/** The part of a pg client the migrations use. */
export interface PostgresMigrationClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
}

export interface PostgresMigration {
  version: number;
  name: string;
  up(client: PostgresMigrationClient): Promise<void>;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'registrations',
    async up(client) {
      await client.query(`
        CREATE TABLE ak1_registrations (
          id                  text PRIMARY KEY,
          idempotency_key     text NOT NULL UNIQUE,
          fingerprint         text NOT NULL,
          serial_scope        text NOT NULL,
          serial              integer NOT NULL,
          registration_number text NOT NULL UNIQUE,
          nik                 text NOT NULL,
          full_name           text NOT NULL,
          search_name         text NOT NULL,
          status              text NOT NULL,
          registered_at       text NOT NULL,
          registration_date   text NOT NULL,
          valid_until         text NOT NULL,
          report_due_dates    text NOT NULL,
          token               text NOT NULL,
          visit_date          text,
          visit_start         text,
          visit_end           text,
          queue_number        text,
          application         text NOT NULL,
          attachments         text NOT NULL,
          UNIQUE (serial_scope, serial)
        );
        CREATE INDEX ak1_registrations_nik ON ak1_registrations (nik);
        CREATE INDEX ak1_registrations_visit ON ak1_registrations (visit_date, visit_start);
        CREATE INDEX ak1_registrations_registration_date ON ak1_registrations (registration_date);
      `);
    },
  },
  {
    version: 2,
    name: 'client-key-and-warnings',
    async up(client) {
      await client.query(`
        ALTER TABLE ak1_registrations ADD COLUMN client_key text, ADD COLUMN warnings text;
        CREATE INDEX ak1_registrations_client ON ak1_registrations (client_key, visit_date);
      `);
    },
  },
  {
    version: 3,
    name: 'lifecycle',
    async up(client) {
      await client.query(`
        ALTER TABLE ak1_registrations
          ADD COLUMN version integer NOT NULL DEFAULT 1,
          ADD COLUMN issued_at text,
          ADD COLUMN signed_by text,
          ADD COLUMN reports text,
          ADD COLUMN checked_in_at text,
          ADD COLUMN access_code_hash text,
          ADD COLUMN karirhub_number text,
          ADD COLUMN previous_registration_number text;
        CREATE INDEX ak1_registrations_status ON ak1_registrations (status, registered_at);
        CREATE INDEX ak1_registrations_seats ON ak1_registrations (visit_date, visit_start, status, queue_number);
        DROP INDEX ak1_registrations_visit;

        CREATE TABLE ak1_history (
          id              bigserial PRIMARY KEY,
          registration_id text,
          at              text NOT NULL,
          at_ms           bigint NOT NULL,
          actor           text NOT NULL,
          event           text NOT NULL,
          from_status     text,
          to_status       text,
          reason          text,
          changes         text,
          note            text,
          idempotency_key text
        );
        CREATE INDEX ak1_history_registration ON ak1_history (registration_id, id);
        CREATE INDEX ak1_history_at ON ak1_history (at_ms, id);

        CREATE TABLE ak1_officers (
          id                       text PRIMARY KEY,
          username                 text NOT NULL,
          name                     text NOT NULL,
          nip                      text,
          roles                    text NOT NULL,
          password_hash            text NOT NULL,
          password_change_required boolean NOT NULL,
          totp_secret              text,
          disabled                 boolean NOT NULL DEFAULT false,
          created_at               text NOT NULL
        );
        -- Usernames are unique without regard to case, as SQLite's COLLATE NOCASE keeps them.
        CREATE UNIQUE INDEX ak1_officers_username ON ak1_officers (lower(username));

        CREATE TABLE ak1_sessions (
          token_hash   text PRIMARY KEY,
          officer_id   text NOT NULL,
          created_at   text NOT NULL,
          expires_at   text NOT NULL,
          last_seen_at text NOT NULL
        );
        CREATE INDEX ak1_sessions_officer ON ak1_sessions (officer_id);

        INSERT INTO ak1_history (registration_id, at, at_ms, actor, event, to_status)
          SELECT id, registered_at, (extract(epoch FROM registered_at::timestamptz) * 1000)::bigint, '{"kind":"applicant"}', 'submit', 'RECEIVED'
          FROM ak1_registrations ORDER BY registered_at, serial_scope, serial;
      `);
    },
  },
  {
    version: 4,
    name: 'shared-failures',
    async up(client) {
      await client.query(`
        CREATE TABLE ak1_failures (
          key           text NOT NULL,
          at_ms         bigint NOT NULL,
          expires_at_ms bigint NOT NULL
        );
        CREATE INDEX ak1_failures_key ON ak1_failures (key, at_ms);
        CREATE INDEX ak1_failures_expiry ON ak1_failures (expires_at_ms);
      `);
    },
  },
  {
    version: 5,
    name: 'report-indexes',
    async up(client) {
      await client.query('CREATE INDEX ak1_registrations_expiry ON ak1_registrations (status, valid_until)');
      // The IPK read's four fields (POSTGRES_IPK_APPLICATIONS), kept as columns written with the application, so that
      // the read parses no JSON: parsing 40,000 applications was most of the route's time on 50,000 registrations.
      // (An expression index would not spare the parse: PostgreSQL's planner answers from an index alone only when it
      // holds the columns the query names, and the expression's column is the application itself.)
      await client.query(`
        ALTER TABLE ak1_registrations
          ADD COLUMN ipk_birth_date text GENERATED ALWAYS AS (application::jsonb ->> 'birthDate') STORED,
          ADD COLUMN ipk_sex text GENERATED ALWAYS AS (application::jsonb ->> 'sex') STORED,
          ADD COLUMN ipk_education text GENERATED ALWAYS AS ((application::jsonb -> 'education')::text) STORED,
          ADD COLUMN ipk_kbji text GENERATED ALWAYS AS (application::jsonb #>> '{jobPreferences,positions,0,kbji}') STORED
      `);
    },
  },
];

/** A schema name as the store accepts it: plain lower-case letters, digits and `_`, so it never needs escaping. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new RangeError(`A PostgreSQL schema name for ak1-form is lower-case letters, digits and _ (at most 63), not ${JSON.stringify(schema)}`);
  }
  return schema;
}

/** The advisory-lock name of a schema's migrations (also what a DBA sees in pg_locks while they run). */
export function migrationLockName(schema: string): string {
  return `ak1-form migrations ${schema}`;
}

/**
 * Brings `schema` (created when missing) up to the last step of `migrations`, or throws `Ak1SchemaTooNewError`
 * when it is newer. `client` must be a connection of its own (not a pool): the steps run in its transaction.
 */
export async function migratePostgres(
  client: PostgresMigrationClient,
  schema: string,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<{ from: number; to: number }> {
  checkSchemaName(schema);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  await client.query('BEGIN');
  try {
    // Held until COMMIT or ROLLBACK: a second process starting now waits here, then reads the version written.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [migrationLockName(schema)]);
    // Made only when missing: CREATE SCHEMA (even with IF NOT EXISTS) needs CREATE on the database, which an account
    // given a schema its DBA made does not have.
    const exists = (await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rows.length > 0;
    if (!exists) await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET LOCAL search_path TO ${schema}`);
    await client.query('CREATE TABLE IF NOT EXISTS ak1_schema_version (version integer NOT NULL)');
    const from = ((await client.query('SELECT version FROM ak1_schema_version')).rows[0]?.version as number | undefined) ?? 0;
    if (from > latest) throw new Ak1SchemaTooNewError(from, latest, `The PostgreSQL schema ${schema}`);
    for (const migration of migrations) {
      if (migration.version > from) await migration.up(client);
    }
    if (from !== latest) {
      await client.query('DELETE FROM ak1_schema_version');
      await client.query('INSERT INTO ak1_schema_version (version) VALUES ($1)', [latest]);
    }
    await client.query('COMMIT');
    return { from, to: latest };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
