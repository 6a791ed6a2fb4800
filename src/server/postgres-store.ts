import {
  EVENTS_SQL,
  eventOf,
  ipkSourcesOf,
  POSTGRES_IPK_APPLICATIONS,
  IPK_MONTH_CHANGES,
  POSTGRES_IPK_CHANGES,
  type IpkApplicationRow,
  type IpkChangeRow,
} from './reports/ipk-sources.js';
import type { Ak1Application, RegistrationStatus } from '../schema/index.js';
import { ACTIVE_STATUSES, isActiveStatus } from '../schema/lifecycle.js';
import { chooseAppointment, slotRange, type Ak1BookingCount } from './calendar.js';
import { checkSchemaName, migratePostgres } from './migrations/postgres.js';
import { EXPIRY_DUE_SQL, expiryDueOf } from './office/expiry.js';
import { nodeBuiltin } from './node-builtins.js';
import { SUMMARY_COLUMNS, toHistoryEntry, toOfficer, toStored, type HistoryRow, type OfficerRow, type SummaryRow } from './store-rows.js';
import {
  Ak1StoreUnavailableError,
  compareForExport,
  isActive,
  withoutAttachments,
  type Ak1ExportedRegistration,
  type Ak1FailureStore,
  type Ak1OfficerStore,
  type Ak1RecordUpdate,
  type Ak1RegisterOutcome,
  type Ak1RegisterRequest,
  type Ak1Store,
  type Ak1StoredHistoryEntry,
  type Ak1StoredOfficer,
  type Ak1StoredRecord,
  type Ak1StoredRegistration,
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
  previousRegistrationOf,
  rebookedWrite,
  searchTerms,
} from './store-rules.js';

/*
 * The PostgreSQL store (node-postgres 8, an optional peer dependency), for several server processes on one
 * database (design.md, "Several servers"; docs/scaling.md). Each district lives in its own schema.
 *
 * Locking. `register` takes ONE transaction-level advisory lock per district (per schema) before it reads
 * anything, and holds it to COMMIT: registrations of a district are serialised whichever process answers, as
 * SQLite's write lock serialises them, so serials are exactly 1..N, no window goes over capacity, and one key or
 * one active NIK gives one registration. Finer locks (per scope, per NIK, per key) would not be enough: the
 * seats of a window and an address's seat cap are shared by every scope and every NIK, so a register would
 * still need a lock covering the district's seats. `update` locks the record's row (`SELECT … FOR UPDATE`), reads
 * it and its history, calls `decide`, and writes; a write that could break one of register's rules (a visit
 * chosen or given, a NIK changed, a status that holds a seat again) also takes the district's lock before it
 * counts. Lock order is always row, then district; `register` never waits for a row lock, so the two never
 * deadlock. A lock not had within `lockTimeoutMs` is `Ak1StoreUnavailableError` (the handler's 503).
 */

export interface PostgresStoreOptions {
  /** `postgresql://user:password@host:port/database` (or `?host=/run/postgresql` for a Unix socket). */
  connectionString: string;
  /** The district's schema (created when missing). Lower-case letters, digits and `_`. Default `ak1`. */
  schema?: string;
  /** Connections this process keeps open at most. Default 10. */
  maxConnections?: number;
  /**
   * How long a request waits for a lock held by another request (another process's registration, an officer on
   * the same record) or for a connection, before it gets `503` with `Retry-After`, in milliseconds. Default 5000.
   */
  lockTimeoutMs?: number;
}

/** The parts of node-postgres used here, so that its types are not needed to build or to use this package. */
interface QueryResult {
  rows: any[];
  rowCount: number | null;
}
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<QueryResult>;
  /** A named statement: parsed and planned once per connection. */
  query(statement: { name: string; text: string; values: unknown[] }): Promise<QueryResult>;
  /** Rows as arrays in the columns' order: no object per row (the IPK read's tens of thousands). */
  query(statement: { text: string; values: unknown[]; rowMode: 'array' }): Promise<QueryResult>;
}
interface PoolClient extends Queryable {
  release(destroy?: boolean | Error): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
interface Pool extends Queryable {
  connect(): Promise<PoolClient>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
type PoolConstructor = new (config: Record<string, unknown>) => Pool;

/** The statuses whose visit holds a seat (`heldSeat`), as SQL. */
const SEAT_HOLDING = `status IN (${ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** The number within its window of a queue number (`A-017` → 17), as SQL (`queuePlace`). */
const QUEUE_PLACE = `CAST(substr(queue_number, strpos(queue_number, '-') + 1) AS integer)`;

/**
 * Error codes that mean "not now" rather than "never": the server is unreachable, shutting down or out of
 * connections, a lock or a connection was not had in time, or a serialisation failure. The request may be tried again.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOENT',
  'ETIMEDOUT',
  'EPIPE',
  '08000',
  '08001',
  '08003',
  '08006',
  '40001',
  '40P01',
  '53300',
  '55P03',
  '57014',
  '57P01',
  '57P02',
  '57P03',
]);

function isUnavailable(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  if (UNAVAILABLE_CODES.has(code)) return true;
  const message = String((error as { message?: unknown }).message ?? '');
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message);
}

/**
 * A store in a PostgreSQL database, the district's tables in their own schema. Creating it runs the numbered
 * migrations that are due (`migrations/postgres.ts`) under an advisory lock, so two processes starting together
 * migrate once; a schema of a later release is refused (`Ak1SchemaTooNewError`). Node only; node-postgres is
 * loaded when this is called, so importing `ak1-form/server` never needs it.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Ak1Store> {
  const Pool = loadPg();
  const schema = checkSchemaName(options.schema ?? 'ak1');
  const lockTimeoutMs = options.lockTimeoutMs ?? 5000;
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: lockTimeoutMs,
    // Every connection of this store works in the district's schema and gives up on a lock in time.
    options: `-c search_path=${schema} -c lock_timeout=${Math.max(1, Math.round(lockTimeoutMs))}`,
    application_name: `ak1-form ${schema}`,
  });
  // An idle connection the server dropped (a restart, a failover) is replaced at the next request; without a
  // listener node-postgres would end the process.
  pool.on('error', () => {});

  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, schema);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    if (isUnavailable(error)) throw new Ak1StoreUnavailableError(`PostgreSQL cannot be reached for the schema ${schema}`, { cause: error });
    throw error;
  }

  const registerLock = `ak1-form register ${schema}`;
  let closed = false;

  /** Runs database work, turning "unreachable", "busy" and "closed" into the error that asks the client to come back. */
  const use = async <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) throw new Ak1StoreUnavailableError('The PostgreSQL store is closed');
    try {
      return await work();
    } catch (error) {
      if (error instanceof Ak1StoreUnavailableError) throw error;
      if (closed || isUnavailable(error)) throw new Ak1StoreUnavailableError('The PostgreSQL database cannot answer now', { cause: error });
      throw error;
    }
  };

  /** One transaction on one connection; rolled back when `work` throws, the connection dropped with it. */
  const listened = new WeakSet<PoolClient>();
  const transaction = async <T>(work: (client: Queryable) => Promise<T>, begin = 'BEGIN'): Promise<T> => {
    const client = await pool.connect();
    // A connection lost while checked out also emits 'error' (its query is rejected as well, and answered 503):
    // without a listener node-postgres would end the process.
    if (!listened.has(client)) {
      client.on('error', () => {});
      listened.add(client);
    }
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  };

  const lockDistrict = (client: Queryable) => client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [registerLock]);

  const appendHistory = async (client: Queryable, registrationId: string | null, entry: Ak1StoredHistoryEntry) => {
    const atMs = Date.parse(entry.at);
    if (Number.isNaN(atMs)) throw new RangeError(`A history entry needs an RFC 3339 time, not ${entry.at}`);
    await client.query(
      `INSERT INTO ak1_history (registration_id, at, at_ms, actor, event, from_status, to_status, reason, changes, note, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
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
      ],
    );
  };

  const nikHeldElsewhere = async (client: Queryable, nik: string, id: string, today: string) =>
    ((await client.query('SELECT id, status, valid_until FROM ak1_registrations WHERE nik = $1', [nik])).rows as Array<{
      id: string;
      status: RegistrationStatus;
      valid_until: string;
    }>).some((r) => r.id !== id && isActive({ status: r.status, validUntil: r.valid_until }, today));

  const countsBetween = async (client: Queryable, from: string, to: string): Promise<Ak1BookingCount[]> =>
    (
      await client.query(
        `SELECT visit_date AS date, visit_start AS start, COUNT(*)::integer AS count FROM ak1_registrations
         WHERE visit_date BETWEEN $1 AND $2 AND ${SEAT_HOLDING} GROUP BY visit_date, visit_start`,
        [from, to],
      )
    ).rows as Ak1BookingCount[];

  const highestPlace = async (client: Queryable, date: string, start: string): Promise<number> =>
    ((await client.query(`SELECT MAX(${QUEUE_PLACE}) AS place FROM ak1_registrations WHERE visit_date = $1 AND visit_start = $2`, [date, start]))
      .rows[0]?.place as number | null) ?? 0;

  /*
   * Everything register decides from, read in ONE statement after the lock is had (a statement's snapshot is taken
   * when it starts, so the lock cannot be taken inside it): the lock is held for four round trips (BEGIN with the
   * lock, this read, the insert with its history entry, COMMIT) instead of ten, which is what bounds a district's
   * registrations per second (docs/scaling.md).
   */
  const registerRead = `SELECT
      (SELECT json_build_object('id', id, 'fingerprint', fingerprint) FROM ak1_registrations WHERE idempotency_key = $1) AS existing,
      (SELECT COALESCE(json_agg(json_build_object('id', id, 'status', status, 'validUntil', valid_until)), '[]'::json)
         FROM ak1_registrations WHERE nik = $2) AS holders,
      (SELECT MAX(serial) FROM ak1_registrations WHERE serial_scope = $3) AS last_serial,
      (SELECT COUNT(*)::integer FROM ak1_registrations WHERE client_key = $4 AND visit_date >= $5 AND ${SEAT_HOLDING}) AS seats,
      (SELECT COALESCE(json_agg(json_build_object('date', visit_date, 'start', visit_start, 'count', count, 'place', place)), '[]'::json)
         FROM (SELECT visit_date, visit_start, (COUNT(*) FILTER (WHERE ${SEAT_HOLDING}))::integer AS count, MAX(${QUEUE_PLACE}) AS place
               FROM ak1_registrations WHERE visit_date BETWEEN $6 AND $7 GROUP BY visit_date, visit_start) AS w) AS windows`;

  const registerInsert = `WITH r AS (
      INSERT INTO ak1_registrations (id, idempotency_key, fingerprint, serial_scope, serial, registration_number, nik, full_name,
        search_name, status, registered_at, registration_date, valid_until, report_due_dates, token, visit_date, visit_start,
        visit_end, queue_number, application, attachments, client_key, warnings, version, access_code_hash,
        previous_registration_number)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'RECEIVED', $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, 1, $23, $24)
      RETURNING ${SUMMARY_COLUMNS}
    ), h AS (
      INSERT INTO ak1_history (registration_id, at, at_ms, actor, event, to_status)
      SELECT id, registered_at, $25, '{"kind":"applicant"}', 'submit', 'RECEIVED' FROM r
    )
    SELECT * FROM r`;

  const register = (request: Ak1RegisterRequest): Promise<Ak1RegisterOutcome> =>
    transaction(async (client) => {
      const { application } = request;
      const range = slotRange(request.slots);
      const read = (
        await client.query({ name: 'ak1-register-read', text: registerRead, values: [
          request.idempotencyKey,
          application.nik,
          request.serialScope,
          request.clientKey ?? null,
          request.registrationDate,
          range?.from ?? null,
          range?.to ?? null,
        ] })
      ).rows[0] as {
        existing: { id: string; fingerprint: string } | null;
        holders: Array<{ id: string; status: RegistrationStatus; validUntil: string }>;
        last_serial: number | null;
        seats: number;
        windows: Array<{ date: string; start: string; count: number; place: number | null }>;
      };
      if (read.existing) {
        if (read.existing.fingerprint !== request.fingerprint) return { outcome: 'key-reused' };
        const row = (await client.query(`SELECT ${SUMMARY_COLUMNS} FROM ak1_registrations WHERE id = $1`, [read.existing.id])).rows[0] as SummaryRow;
        return { outcome: 'replayed', registration: toStored(row) };
      }
      if (read.holders.some((r) => r.id !== request.id && isActive(r, request.registrationDate))) return { outcome: 'already-registered' };
      const serial = (read.last_serial ?? 0) + 1;
      const counts: Ak1BookingCount[] = read.windows.filter((w) => w.count > 0).map(({ date, start, count }) => ({ date, start, count }));
      const { clientKey, maxSeatsPerClient } = request;
      const overCap = clientKey !== undefined && maxSeatsPerClient !== undefined && read.seats >= maxSeatsPerClient;
      const chosen = overCap ? undefined : chooseAppointment(request.slots, counts);
      const highest = chosen ? (read.windows.find((w) => w.date === chosen.date && w.start === chosen.start)?.place ?? 0) : 0;
      const appointment = chosen && numberedAfter(chosen, highest);
      const { photo, documents, ...rest } = application;
      const atMs = Date.parse(request.registeredAt);
      if (Number.isNaN(atMs)) throw new RangeError(`A registration needs an RFC 3339 time, not ${request.registeredAt}`);
      const inserted = await client.query({ name: 'ak1-register-insert', text: registerInsert, values: [
        request.id,
        request.idempotencyKey,
        request.fingerprint,
        request.serialScope,
        serial,
        request.formatNumber(serial),
        application.nik,
        application.fullName,
        foldName(application.fullName),
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
        request.accessCodeHash ?? null,
        previousRegistrationOf(application) ?? null,
        atMs,
      ] });
      return { outcome: 'created', registration: toStored(inserted.rows[0] as SummaryRow) };
    }, `BEGIN; SELECT pg_advisory_xact_lock(hashtext('${registerLock}'))`);

  const readRecord = async (client: Queryable, registrationNumber: string, forUpdate: boolean): Promise<Ak1StoredRecord | undefined> => {
    const row = (
      await client.query(
        `SELECT ${SUMMARY_COLUMNS}, application, attachments FROM ak1_registrations WHERE registration_number = $1${forUpdate ? ' FOR UPDATE' : ''}`,
        [registrationNumber],
      )
    ).rows[0] as (SummaryRow & { application: string; attachments: string }) | undefined;
    if (!row) return undefined;
    const history = (
      await client.query(
        `SELECT at, actor, event, from_status, to_status, reason, changes, note, idempotency_key FROM ak1_history
         WHERE registration_id = $1 ORDER BY id`,
        [row.id],
      )
    ).rows as HistoryRow[];
    return {
      registration: toStored(row),
      application: { ...JSON.parse(row.application), ...JSON.parse(row.attachments) } as Ak1Application,
      history: history.map(toHistoryEntry),
    };
  };

  /** Whether a write could break one of register's rules, and so must hold the district's lock as register does. */
  const touchesDistrict = (before: Ak1StoredRegistration, write: Ak1RecordUpdate) =>
    write.rebook !== undefined ||
    (write.appointment !== undefined && write.appointment !== null) ||
    (write.application !== undefined && write.application.nik !== before.nik) ||
    (write.status !== undefined && isActiveStatus(write.status) && !isActiveStatus(before.status));

  const update = (registrationNumber: string, decide: (record: Ak1StoredRecord) => Ak1UpdateDecision): Promise<Ak1UpdateOutcome> =>
    transaction(async (client) => {
      // The row lock first: a second update of this record waits here and then reads the first's version.
      const record = await readRecord(client, registrationNumber, true);
      if (!record) return { outcome: 'not-found' };
      const decision = decide(record);
      if ('refuse' in decision) return { outcome: 'refused', reason: decision.refuse };
      let { write } = decision;
      const before = record.registration;
      if (touchesDistrict(before, write)) await lockDistrict(client);
      if (write.rebook) {
        const range = slotRange(write.rebook);
        const counts = range ? await countsBetween(client, range.from, range.to) : [];
        // rebookedWrite asks synchronously: the highest number of every window in the range, read beforehand.
        const highest = new Map<string, number>();
        if (range) {
          const rows = (
            await client.query(
              `SELECT visit_date, visit_start, MAX(${QUEUE_PLACE}) AS place FROM ak1_registrations
               WHERE visit_date BETWEEN $1 AND $2 GROUP BY visit_date, visit_start`,
              [range.from, range.to],
            )
          ).rows as Array<{ visit_date: string; visit_start: string; place: number | null }>;
          for (const row of rows) highest.set(`${row.visit_date} ${row.visit_start}`, row.place ?? 0);
        }
        const rebooked = rebookedWrite(before, write, counts, (date, start) => highest.get(`${date} ${start}`) ?? 0);
        if (!rebooked) return { outcome: 'refused', reason: 'no-room' };
        write = rebooked;
      }
      const after = applyWrite(before, write);
      if (after.nik !== before.nik && (await nikHeldElsewhere(client, after.nik, before.id, localDateOf(write.history.at)))) {
        return { outcome: 'refused', reason: 'already-registered' };
      }
      const visit = after.appointment;
      const updated = await client.query(
        `UPDATE ak1_registrations SET status = $1, nik = $2, full_name = $3, search_name = $4, version = $5, visit_date = $6,
           visit_start = $7, visit_end = $8, queue_number = $9, valid_until = $10, report_due_dates = $11, issued_at = $12,
           signed_by = $13, reports = COALESCE($14, reports), checked_in_at = $15, access_code_hash = $16, karirhub_number = $17
         WHERE id = $18 RETURNING ${SUMMARY_COLUMNS}`,
        [
          after.status,
          after.nik,
          after.fullName,
          foldName(after.fullName),
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
          write.set?.reports ? JSON.stringify(write.set.reports) : null,
          after.checkedInAt ?? null,
          after.accessCodeHash ?? null,
          after.karirhubNumber ?? null,
          before.id,
        ],
      );
      if (write.application) {
        const { photo, documents, ...rest } = write.application;
        await client.query('UPDATE ak1_registrations SET application = $1, attachments = $2 WHERE id = $3', [
          JSON.stringify(rest),
          JSON.stringify({ photo, documents }),
          before.id,
        ]);
      }
      await appendHistory(client, before.id, write.history);
      return { outcome: 'updated', registration: toStored(updated.rows[0] as SummaryRow) };
    });

  const exported = (row: SummaryRow & { application: string }): Ak1ExportedRegistration => ({
    ...toStored(row),
    application: withoutAttachments(JSON.parse(row.application) as Ak1Application),
  });

  return {
    async register(request) {
      return use(() => register(request));
    },
    async findByKey(idempotencyKey) {
      return use(async () => {
        const row = (await pool.query(`SELECT ${SUMMARY_COLUMNS}, fingerprint FROM ak1_registrations WHERE idempotency_key = $1`, [idempotencyKey]))
          .rows[0] as (SummaryRow & { fingerprint: string }) | undefined;
        return row ? { fingerprint: row.fingerprint, registration: toStored(row) } : undefined;
      });
    },
    async findById(id) {
      return use(async () => {
        const row = (await pool.query(`SELECT ${SUMMARY_COLUMNS} FROM ak1_registrations WHERE id = $1`, [id])).rows[0] as SummaryRow | undefined;
        return row ? toStored(row) : undefined;
      });
    },
    async getApplication(id) {
      return use(async () => {
        const row = (await pool.query('SELECT application, attachments FROM ak1_registrations WHERE id = $1', [id])).rows[0] as
          | { application: string; attachments: string }
          | undefined;
        return row ? ({ ...JSON.parse(row.application), ...JSON.parse(row.attachments) } as Ak1Application) : undefined;
      });
    },
    async countBookings(from, to) {
      return use(() => countsBetween(pool, from, to));
    },
    async listRegistrations(filter) {
      return use(async () => {
        type Listed = SummaryRow & { application: string };
        const select = `SELECT ${SUMMARY_COLUMNS}, application FROM ak1_registrations`;
        const newestFirst = 'ORDER BY registered_at DESC, registration_number DESC';
        if ('status' in filter) {
          const { rows } = await pool.query(`${select} WHERE status = $1 ${newestFirst} LIMIT $2`, [filter.status, filter.limit ?? DEFAULT_LISTING_LIMIT]);
          return (rows as Listed[]).map(exported);
        }
        if ('query' in filter) {
          const terms = searchTerms(filter.query);
          if (!terms) return [];
          const { rows } = await pool.query(
            `${select} WHERE registration_number = $1 OR nik = $1 OR strpos(search_name, $2) > 0 ${newestFirst} LIMIT $3`,
            [terms.exact, terms.name, filter.limit ?? DEFAULT_LISTING_LIMIT],
          );
          return (rows as Listed[]).map(exported);
        }
        const { rows } =
          'visitDate' in filter
            ? await pool.query(`${select} WHERE visit_date = $1`, [filter.visitDate])
            : await pool.query(`${select} WHERE registration_date = $1`, [filter.registrationDate]);
        return (rows as Listed[]).map(exported).sort(compareForExport);
      });
    },
    async getRecord(registrationNumber) {
      // One snapshot for the registration and its history.
      return use(() => transaction((client) => readRecord(client, registrationNumber, false), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'));
    },
    async update(registrationNumber, decide) {
      return use(() => update(registrationNumber, decide));
    },
    async listHistory(range) {
      return use(async () => {
        const { from, to } = historyRange(range);
        const { rows } = await pool.query(
          `SELECT h.at, h.actor, h.event, h.from_status, h.to_status, h.reason, h.changes, h.note, r.registration_number
           FROM ak1_history h LEFT JOIN ak1_registrations r ON r.id = h.registration_id
           WHERE h.at_ms BETWEEN $1 AND $2 ORDER BY h.at_ms, h.id LIMIT $3`,
          [from, to, range.limit ?? DEFAULT_HISTORY_LIMIT],
        );
        return (rows as Array<HistoryRow & { registration_number: string | null }>).map((row) => {
          const { idempotencyKey: _key, ...entry } = toHistoryEntry({ ...row, idempotency_key: null });
          return { ...entry, ...(row.registration_number ? { registrationNumber: row.registration_number } : {}) };
        });
      });
    },
    async recordEvent(entry) {
      await use(() => appendHistory(pool, null, entry));
    },
    async listIpkSources({ toMs, fromMs }) {
      return use(async () => {
        // Both reads in one snapshot, so a card signed between them is in both or in neither.
        return transaction(async (client) => {
          const rows = async (text: string, values: unknown[]) => (await client.query({ text, values, rowMode: 'array' })).rows;
          // The columns are in the order of the rows ipkSourcesOf takes.
          const changes = (fromMs === undefined ? await rows(POSTGRES_IPK_CHANGES, [toMs]) : await rows(IPK_MONTH_CHANGES, [fromMs, toMs])) as IpkChangeRow[];
          return ipkSourcesOf(changes, (await rows(POSTGRES_IPK_APPLICATIONS, [toMs])) as IpkApplicationRow[]);
        }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      });
    },
    async listExpiryDue({ before, limit }) {
      return use(async () => ((await pool.query(EXPIRY_DUE_SQL, [before, limit])).rows as Array<Parameters<typeof expiryDueOf>[0]>).map(expiryDueOf));
    },
    async listEvents(event) {
      return use(async () => ((await pool.query(EVENTS_SQL, [event])).rows as Array<Parameters<typeof eventOf>[0]>).map(eventOf));
    },
    officers: createPostgresOfficerStore(pool, use, transaction),
    failures: createPostgresFailureStore(pool, use),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** How many failures this process records between two sweeps of the expired ones. */
const FAILURES_PER_SWEEP = 100;

/**
 * The throttles' failures in `ak1_failures`, one row per failure: every process on the schema counts in it. Each
 * statement is one round trip and takes no lock a registration waits for; rows past their window are deleted
 * now and then by whichever process records a failure.
 */
function createPostgresFailureStore(pool: Pool, use: <T>(work: () => Promise<T>) => Promise<T>): Ak1FailureStore {
  let recorded = 0;
  return {
    async add(key, atMs, expiresAtMs) {
      await use(async () => {
        await pool.query({ name: 'ak1-failure-add', text: 'INSERT INTO ak1_failures (key, at_ms, expires_at_ms) VALUES ($1, $2, $3)', values: [key, atMs, expiresAtMs] });
        if (++recorded % FAILURES_PER_SWEEP === 0) await pool.query('DELETE FROM ak1_failures WHERE expires_at_ms <= $1', [atMs]);
      });
    },
    async nthNewest(key, n, sinceMs) {
      return use(async () => {
        const { rows } = await pool.query({
          name: 'ak1-failure-nth',
          text: 'SELECT at_ms FROM ak1_failures WHERE key = $1 AND at_ms > $2 ORDER BY at_ms DESC OFFSET $3 LIMIT 1',
          values: [key, sinceMs, n - 1],
        });
        return rows[0] ? Number(rows[0].at_ms) : undefined;
      });
    },
    async clear(key) {
      await use(() => pool.query('DELETE FROM ak1_failures WHERE key = $1', [key]));
    },
  };
}

function createPostgresOfficerStore(
  pool: Pool,
  use: <T>(work: () => Promise<T>) => Promise<T>,
  transaction: <T>(work: (client: Queryable) => Promise<T>) => Promise<T>,
): Ak1OfficerStore {
  const find = async (client: Queryable, where: string, key: string) => {
    const row = (await client.query(`SELECT * FROM ak1_officers WHERE ${where}`, [key])).rows[0] as OfficerRow | undefined;
    return row ? toOfficer(row) : undefined;
  };
  return {
    async add(officer) {
      return use(async () => {
        const { rowCount } = await pool.query(
          `INSERT INTO ak1_officers (id, username, name, nip, roles, password_hash, password_change_required, totp_secret, disabled, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
          [
            officer.id,
            officer.username,
            officer.name,
            officer.nip ?? null,
            JSON.stringify(officer.roles),
            officer.passwordHash,
            officer.passwordChangeRequired,
            officer.totpSecret ?? null,
            officer.disabled,
            officer.createdAt,
          ],
        );
        return rowCount ? 'added' : 'username-taken';
      });
    },
    async findByUsername(username) {
      return use(() => find(pool, 'lower(username) = lower($1)', username));
    },
    async findById(id) {
      return use(() => find(pool, 'id = $1', id));
    },
    async update(id, patch) {
      return use(() =>
        transaction(async (client) => {
          const officer = await find(client, 'id = $1 FOR UPDATE', id);
          if (!officer) return undefined;
          const { id: _id, createdAt: _createdAt, ...changes } = patch as Partial<Ak1StoredOfficer>;
          const next: Ak1StoredOfficer = { ...officer, ...changes };
          try {
            await client.query(
              `UPDATE ak1_officers SET username = $1, name = $2, nip = $3, roles = $4, password_hash = $5, password_change_required = $6,
                 totp_secret = $7, disabled = $8 WHERE id = $9`,
              [next.username, next.name, next.nip ?? null, JSON.stringify(next.roles), next.passwordHash, next.passwordChangeRequired, next.totpSecret ?? null, next.disabled, id],
            );
          } catch (error) {
            if ((error as { code?: unknown }).code === '23505') throw new Error(`The username ${next.username} is taken`, { cause: error });
            throw error;
          }
          return find(client, 'id = $1', id);
        }),
      );
    },
    async list() {
      return use(async () => ((await pool.query('SELECT * FROM ak1_officers ORDER BY username')).rows as OfficerRow[]).map(toOfficer));
    },
    async createSession(session) {
      await use(() =>
        pool.query('INSERT INTO ak1_sessions (token_hash, officer_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)', [
          session.tokenHash,
          session.officerId,
          session.createdAt,
          session.expiresAt,
          session.lastSeenAt,
        ]),
      );
    },
    async findSession(tokenHash) {
      return use(async () => {
        const row = (await pool.query('SELECT * FROM ak1_sessions WHERE token_hash = $1', [tokenHash])).rows[0] as
          | { token_hash: string; officer_id: string; created_at: string; expires_at: string; last_seen_at: string }
          | undefined;
        return row
          ? { tokenHash: row.token_hash, officerId: row.officer_id, createdAt: row.created_at, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at }
          : undefined;
      });
    },
    async touchSession(tokenHash, lastSeenAt) {
      await use(() => pool.query('UPDATE ak1_sessions SET last_seen_at = $1 WHERE token_hash = $2', [lastSeenAt, tokenHash]));
    },
    async deleteSession(tokenHash) {
      await use(() => pool.query('DELETE FROM ak1_sessions WHERE token_hash = $1', [tokenHash]));
    },
    async deleteSessionsOf(officerId) {
      await use(() => pool.query('DELETE FROM ak1_sessions WHERE officer_id = $1', [officerId]));
    },
  };
}

/**
 * node-postgres through `createRequire`, reached by `process.getBuiltinModule`: bundlers building the msw mocks
 * for a browser see no import of it to resolve.
 */
function loadPg(): PoolConstructor {
  const { createRequire } = nodeBuiltin<typeof import('node:module')>('node:module', 'createPostgresStore');
  let pg: { Pool?: PoolConstructor; default?: { Pool?: PoolConstructor } };
  try {
    pg = createRequire(import.meta.url)('pg') as typeof pg;
  } catch (cause) {
    throw new Error('createPostgresStore needs node-postgres 8: npm install pg@^8', { cause });
  }
  const Pool = pg.Pool ?? pg.default?.Pool;
  if (!Pool) throw new Error('createPostgresStore needs node-postgres 8 (the pg package has no Pool)');
  return Pool;
}
