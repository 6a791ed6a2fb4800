import type { Ak1HistoryEntry } from '../../schema/lifecycle.js';
import type { Ak1IpkSource } from '../store.js';

/*
 * The lighter read behind the IPK tables for the SQL stores (`listIpkSources`, `listEvents`): only the status
 * changes of the registrations signed by then and the four fields the tables group by, instead of every history
 * entry and whole applications. The same SQL serves SQLite and PostgreSQL (their tables have the same columns);
 * `$1`-style placeholders are turned into `?` for SQLite.
 */

const SIGNED_BY = `SELECT registration_id FROM ak1_history WHERE to_status = 'SIGNED' AND at_ms <= $1`;

/** Status changes up to $1 (epoch ms) of the registrations signed by then, grouped by registration, oldest first. */
export const IPK_CHANGES_SQL = `SELECT h.registration_id AS id, h.at, h.to_status FROM ak1_history h
  WHERE h.to_status IS NOT NULL AND h.at_ms <= $1 AND h.registration_id IN (${SIGNED_BY})
  ORDER BY h.registration_id, h.at_ms, h.id`;

/** Each one's number and application without attachments (the fields are picked from it in JavaScript). */
export const IPK_APPLICATIONS_SQL = `SELECT id, registration_number, application FROM ak1_registrations WHERE id IN (${SIGNED_BY})`;

/** Entries of no registration with one event name, oldest first. */
export const EVENTS_SQL = `SELECT at, actor, event, from_status, to_status, reason, changes, note FROM ak1_history
  WHERE registration_id IS NULL AND event = $1 ORDER BY at_ms, id`;

/** The SQL with SQLite's placeholders. */
export function forSqlite(sql: string): string {
  return sql.replace(/\$\d+/g, '?');
}

/** The sources from the two queries' rows. */
export function ipkSourcesOf(
  changes: ReadonlyArray<{ id: string; at: string; to_status: string }>,
  applications: ReadonlyArray<{ id: string; registration_number: string; application: string }>,
): Ak1IpkSource[] {
  const histories = new Map<string, Array<{ at: string; to: string }>>();
  for (const row of changes) {
    let list = histories.get(row.id);
    if (!list) histories.set(row.id, (list = []));
    list.push({ at: row.at, to: row.to_status });
  }
  const sources: Ak1IpkSource[] = [];
  for (const row of applications) {
    const { birthDate, sex, education, jobPreferences } = JSON.parse(row.application) as Ak1IpkSource['application'];
    sources.push({ registrationNumber: row.registration_number, application: { birthDate, sex, education, jobPreferences }, history: histories.get(row.id) ?? [] });
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
