import type { Ak1Warning, RegistrationStatus } from '../schema/index.js';
import type { Ak1StoredHistoryEntry, Ak1StoredOfficer, Ak1StoredRegistration } from './store.js';
import { defaultReports } from './store-rules.js';

/*
 * The rows the SQL stores read, and what they make of them: SQLite and PostgreSQL keep the same columns (their
 * migrations, migrations/), with JSON in text columns, so one mapping serves both. PostgreSQL's booleans are
 * SQLite's 0 and 1.
 */

/** Every column but the application and its attachments, which only some readers need. */
export const SUMMARY_COLUMNS = `id, registration_number, status, registered_at, registration_date, valid_until, report_due_dates,
  token, full_name, visit_date, visit_start, visit_end, queue_number, warnings, version, nik, issued_at, signed_by, reports,
  checked_in_at, access_code_hash, karirhub_number, previous_registration_number`;

export interface SummaryRow {
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
  version: number;
  nik: string;
  issued_at: string | null;
  signed_by: string | null;
  reports: string | null;
  checked_in_at: string | null;
  access_code_hash: string | null;
  karirhub_number: string | null;
  previous_registration_number: string | null;
}

export interface HistoryRow {
  at: string;
  actor: string;
  event: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  changes: string | null;
  note: string | null;
  idempotency_key: string | null;
}

export interface OfficerRow {
  id: string;
  username: string;
  name: string;
  nip: string | null;
  roles: string;
  password_hash: string;
  password_change_required: boolean | number;
  totp_secret: string | null;
  disabled: boolean | number;
  created_at: string;
}

export function toOfficer(row: OfficerRow): Ak1StoredOfficer {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    ...(row.nip !== null ? { nip: row.nip } : {}),
    roles: JSON.parse(row.roles) as Ak1StoredOfficer['roles'],
    passwordHash: row.password_hash,
    passwordChangeRequired: row.password_change_required === true || row.password_change_required === 1,
    ...(row.totp_secret !== null ? { totpSecret: row.totp_secret } : {}),
    disabled: row.disabled === true || row.disabled === 1,
    createdAt: row.created_at,
  };
}

export function toHistoryEntry(row: HistoryRow): Ak1StoredHistoryEntry {
  return {
    at: row.at,
    actor: JSON.parse(row.actor) as Ak1StoredHistoryEntry['actor'],
    event: row.event,
    ...(row.from_status !== null ? { from: row.from_status } : {}),
    ...(row.to_status !== null ? { to: row.to_status } : {}),
    ...(row.reason !== null ? { reason: JSON.parse(row.reason) as NonNullable<Ak1StoredHistoryEntry['reason']> } : {}),
    ...(row.changes !== null ? { changes: JSON.parse(row.changes) as NonNullable<Ak1StoredHistoryEntry['changes']> } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
    ...(row.idempotency_key !== null ? { idempotencyKey: row.idempotency_key } : {}),
  };
}

export function toStored(row: SummaryRow): Ak1StoredRegistration {
  const reportDueDates = JSON.parse(row.report_due_dates) as [string, string, string];
  return {
    id: row.id,
    registrationNumber: row.registration_number,
    status: row.status,
    registeredAt: row.registered_at,
    registrationDate: row.registration_date,
    validUntil: row.valid_until,
    reportDueDates,
    token: row.token,
    fullName: row.full_name,
    version: row.version,
    nik: row.nik,
    ...(row.warnings ? { warnings: JSON.parse(row.warnings) as Ak1Warning[] } : {}),
    ...(row.visit_date && row.visit_start && row.visit_end && row.queue_number
      ? { appointment: { date: row.visit_date, start: row.visit_start, end: row.visit_end, queueNumber: row.queue_number } }
      : {}),
    ...(row.issued_at !== null ? { issuedAt: row.issued_at } : {}),
    ...(row.signed_by !== null ? { signedBy: JSON.parse(row.signed_by) as NonNullable<Ak1StoredRegistration['signedBy']> } : {}),
    reports: row.reports !== null ? (JSON.parse(row.reports) as NonNullable<Ak1StoredRegistration['reports']>) : defaultReports(reportDueDates),
    ...(row.checked_in_at !== null ? { checkedInAt: row.checked_in_at } : {}),
    ...(row.access_code_hash !== null ? { accessCodeHash: row.access_code_hash } : {}),
    ...(row.karirhub_number !== null ? { karirhubNumber: row.karirhub_number } : {}),
    ...(row.previous_registration_number !== null ? { previousRegistrationNumber: row.previous_registration_number } : {}),
  };
}
