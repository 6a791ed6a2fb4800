/*
 * The stored schema's numbered migrations, by intent: what each version adds, whatever the database. Each store
 * implements every step in its own dialect (`sqlite.ts`, `postgres.ts`) and keeps the number of the last step
 * applied in the database itself (SQLite: `PRAGMA user_version`; PostgreSQL: `<schema>.ak1_schema_version`). Steps are only
 * ever appended: a released step is never edited, so that every database reaches the same schema whatever
 * version it starts from. A database whose number is higher than the last step known refuses to open.
 */

export interface Ak1MigrationIntent {
  /** 1, 2, 3 …: applied in order, each exactly once. */
  version: number;
  name: string;
  /** What the step adds, for an implementer of another store. */
  intent: string;
}

/** Every step of the stored schema, in order: the list each store's dialect follows step for step. */
export const MIGRATIONS = [
  {
    version: 1,
    name: 'registrations',
    intent:
      'ak1_registrations: id (primary key), idempotency_key (unique), fingerprint, serial_scope and serial (unique together), ' +
      'registration_number (unique), nik, full_name, status, registered_at, registration_date, valid_until, report_due_dates (JSON), ' +
      'token, visit_date, visit_start, visit_end, queue_number, application (JSON without attachments), attachments (JSON); ' +
      'indexes on nik, (visit_date, visit_start), registration_date.',
  },
  {
    version: 2,
    name: 'client-key-and-warnings',
    intent:
      'ak1_registrations gains client_key (the address key, for the per-address seat cap) and warnings (JSON), both nullable, ' +
      'when missing (ak1-form 0.1.0 added them at open without a number); index on (client_key, visit_date).',
  },
  {
    version: 3,
    name: 'lifecycle',
    intent:
      'ak1_registrations gains version (not null, 1), issued_at, signed_by (JSON), reports (JSON), checked_in_at, access_code_hash, ' +
      'karirhub_number, previous_registration_number; an index on (status, registered_at), and one on (visit_date, visit_start, ' +
      'status, queue_number) that replaces the one on (visit_date, visit_start) (seats are counted by status). New tables: ak1_history (id in ' +
      'order of writing, registration_id (null for logins), at (RFC 3339 as written), at_ms (the same instant in ms, for ranges), ' +
      'actor (JSON), event, from_status, to_status, reason (JSON), changes (JSON), note, idempotency_key; indexes on ' +
      '(registration_id, id) and (at_ms, id)); ak1_officers (id, username unique without regard to case, name, nip, roles (JSON), ' +
      'password_hash, password_change_required, totp_secret, disabled, created_at); ak1_sessions (token_hash primary key, ' +
      'officer_id (indexed), created_at, expires_at, last_seen_at). Every existing registration gets one history entry ' +
      "{ at: registered_at, actor: { kind: 'applicant' }, event: 'submit', to: 'RECEIVED' }.",
  },
  {
    version: 4,
    name: 'shared-failures',
    intent:
      'New table ak1_failures: key (a login or lookup throttle key), at_ms (when the failure happened), expires_at_ms (when it ' +
      'leaves its window); indexes on (key, at_ms) and (expires_at_ms). The throttles count failed logins and lookups in it, ' +
      'so that every process on the database counts them together.',
  },
  {
    version: 5,
    name: 'report-indexes',
    intent:
      'An index on ak1_registrations (status, valid_until): the daily expiry sweep reads the registrations in an active status ' +
      'whose valid_until has passed through it, one short range per status, instead of every active registration. SQLite ' +
      "also: an index on (status, the application's birthDate, sex, education and first position's kbji as json_extract " +
      'gives them, registration_number, id), which answers the IPK read without parsing the applications. PostgreSQL also: ' +
      'those four fields as generated columns (ipk_birth_date, ipk_sex, ipk_education, ipk_kbji), for the same read.',
  },
] as const satisfies readonly Ak1MigrationIntent[];

/** The schema version this code writes: the last migration's. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** A database was written by a newer ak1-form than this one: it is not opened, so nothing in it is misread. */
export class Ak1SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number = LATEST_SCHEMA_VERSION,
    where = 'This database',
  ) {
    super(`${where} has schema version ${found}, written by a newer ak1-form; this one knows versions up to ${known}: upgrade ak1-form`);
    this.name = 'Ak1SchemaTooNewError';
  }
}
