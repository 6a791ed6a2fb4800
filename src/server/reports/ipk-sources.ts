import type { Ak1HistoryEntry } from '../../schema/lifecycle.js';
import type { Ak1IpkSource } from '../store.js';

/*
 * The lighter read behind the IPK tables for the SQL stores (`listIpkSources`, `listEvents`): only the status
 * changes of the registrations signed by then and the four fields the tables group by, instead of every history
 * entry and whole applications. The same SQL serves SQLite and PostgreSQL (their tables have the same columns);
 * `$1`-style placeholders are turned into `?` for SQLite.
 */

const SIGNED_BY = `SELECT registration_id FROM ak1_history WHERE to_status = 'SIGNED' AND at_ms <= $1`;

/**
 * Every status change up to ? (epoch ms), as rows `[registration id, at, to]`, read straight through the table
 * (`+at_ms`: not through the time index, whose lookups cost more than the scan when nearly every row matches).
 * The signed ones are picked in JavaScript; countIpk orders each registration's changes itself.
 */
export const SQLITE_IPK_CHANGES = `SELECT registration_id, at, to_status FROM ak1_history WHERE to_status IS NOT NULL AND +at_ms <= ?`;

/**
 * As SQLITE_IPK_CHANGES, for a month from `$1` to `$2` (epoch ms), both stores: the changes within it, and before it only each
 * registration's last change where that left it SIGNED (on the books at the month's start). The tables need no
 * more, and a district's older history (most of it) is no longer handed to JavaScript row by row. The last change
 * is the last in time, the last written among changes of the same second (as countIpk's stable sort keeps them).
 * Each change to SIGNED is checked for a later one through the history's index by registration (a few rows each):
 * numbering every registration's changes with a window function sorted the whole older history, twice as slow
 * on the bench's 50,000. Rows `{ id, at, to_status }` (SQLite: as arrays, through SQLITE_IPK_MONTH_CHANGES).
 */
export const IPK_MONTH_CHANGES = `SELECT registration_id AS id, at, to_status FROM ak1_history
  WHERE to_status IS NOT NULL AND at_ms >= $1 AND at_ms <= $2
  UNION ALL
  SELECT h.registration_id AS id, h.at, h.to_status FROM ak1_history h
  WHERE h.to_status = 'SIGNED' AND +h.at_ms < $1
    AND NOT EXISTS (SELECT 1 FROM ak1_history l WHERE l.registration_id = h.registration_id AND l.to_status IS NOT NULL
      AND l.at_ms < $1 AND (l.at_ms > h.at_ms OR (l.at_ms = h.at_ms AND l.id > h.id)))`;

/** IPK_MONTH_CHANGES with SQLite's placeholders: its parameters are from, to, from, from. */
export const SQLITE_IPK_MONTH_CHANGES = forSqlite(IPK_MONTH_CHANGES);

/**
 * `[id, number, birth date, sex, education as JSON, first position's KBJI code]` of every registration whose status
 * a signed card can have now, the fields picked by the database from the application's JSON (parsing whole
 * applications in JavaScript was most of the route's time on a district of 50,000).
 */
export const SQLITE_IPK_APPLICATIONS = `SELECT id, registration_number, json_extract(application, '$.birthDate'), json_extract(application, '$.sex'),
  json_extract(application, '$.education'), json_extract(application, '$.jobPreferences.positions[0].kbji')
  FROM ak1_registrations WHERE status IN ('SIGNED', 'PLACED', 'CANCELLED', 'EXPIRED')`;

/** PostgreSQL: the status changes of the registrations signed by $1, as `{ id, at, to_status }`. */
export const POSTGRES_IPK_CHANGES = `SELECT h.registration_id AS id, h.at, h.to_status FROM ak1_history h
  WHERE h.to_status IS NOT NULL AND h.at_ms <= $1 AND h.registration_id IN (${SIGNED_BY})`;

/**
 * PostgreSQL: those registrations' fields, as the SQLite rows above but by name, from the columns schema step 5
 * keeps with each application (generated from its JSON when it is written), so that no application is parsed here.
 */
export const POSTGRES_IPK_APPLICATIONS = `SELECT id, registration_number, ipk_birth_date AS birth_date, ipk_sex AS sex, ipk_education AS education,
  ipk_kbji AS kbji FROM ak1_registrations WHERE id IN (${SIGNED_BY})`;

/** Entries of no registration with one event name, oldest first. */
export const EVENTS_SQL = `SELECT at, actor, event, from_status, to_status, reason, changes, note FROM ak1_history
  WHERE registration_id IS NULL AND event = $1 ORDER BY at_ms, id`;

/** The SQL with SQLite's placeholders. */
export function forSqlite(sql: string): string {
  return sql.replace(/\$\d+/g, '?');
}

/** A status change: `[registration id, at, to]`. */
export type IpkChangeRow = readonly [id: string, at: string, to: string];
/** `[id, number, birth date, sex, education as JSON text, the first position's KBJI code]`. */
export type IpkApplicationRow = readonly [id: string, number: string, birthDate: string, sex: string, education: string | null, kbji: string | null];

/** The sources from the two reads: the registrations with a change to SIGNED among `changes`, with their fields. */
export function ipkSourcesOf(changes: Iterable<IpkChangeRow>, applications: Iterable<IpkApplicationRow>): Ak1IpkSource[] {
  const histories = new Map<string, Array<{ at: string; to: string }>>();
  const signed = new Set<string>();
  for (const [id, at, to] of changes) {
    let list = histories.get(id);
    if (!list) histories.set(id, (list = []));
    list.push({ at, to });
    if (to === 'SIGNED') signed.add(id);
  }
  const sources: Ak1IpkSource[] = [];
  for (const [id, registrationNumber, birthDate, sex, education, kbji] of applications) {
    if (!signed.has(id)) continue;
    const application = {
      birthDate,
      sex,
      education: education ? JSON.parse(education) : [],
      jobPreferences: { positions: [kbji ? { kbji } : {}] },
    } as Ak1IpkSource['application'];
    // The reads come in table order: oldest first, as the interface promises.
    const history = histories.get(id)!.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    sources.push({ registrationNumber, application, history });
  }
  return sources;
}

/** A history row of `EVENTS_SQL` as an entry. */
export function eventOf(row: { at: string; actor: string; event: string; from_status: string | null; to_status: string | null; reason: string | null; changes: string | null; note: string | null }): Ak1HistoryEntry {
  return {
    at: row.at,
    actor: JSON.parse(row.actor) as Ak1HistoryEntry['actor'],
    event: row.event,
    ...(row.from_status ? { from: row.from_status } : {}),
    ...(row.to_status ? { to: row.to_status } : {}),
    ...(row.reason ? { reason: JSON.parse(row.reason) as Ak1HistoryEntry['reason'] } : {}),
    ...(row.changes ? { changes: JSON.parse(row.changes) as Ak1HistoryEntry['changes'] } : {}),
    ...(row.note ? { note: row.note } : {}),
  };
}
