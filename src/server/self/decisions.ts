import type { Ak1Application } from '../../schema/index.js';
import type { Ak1FieldChange, Ak1HistoryEntry } from '../../schema/lifecycle.js';
import { SELF_ACTION_RULES, selfActionAllowed, type Ak1SelfAction } from '../../schema/self.js';
import type { Ak1Report } from '../../schema/office.js';
import type { Ak1Slot } from '../calendar.js';
import { withoutBytes } from '../office/lifecycle.js';
import type { Ak1RecordUpdate, Ak1StoredHistoryEntry, Ak1StoredRecord, Ak1StoredRegistration } from '../store.js';

/*
 * What the applicant's own actions do to a registration, decided inside `store.update(number, decide)`: synchronous
 * and pure, as the office's decisions are (office/lifecycle.ts), and in the same order of checks: a retry is answered
 * first (it was taken already), then whether the applicant saw the current record, then the lifecycle's table, then
 * what the action needs. Entries are the applicant's: `actor: { kind: 'applicant' }`, never an id or a name.
 */

/** When and under which key the applicant acts. */
export interface SelfContext {
  /** RFC 3339 with the district's offset. */
  at: string;
  /** The district's calendar date at `at`. */
  today: string;
  idempotencyKey: string;
}

export type SelfRefusal =
  /** This `Idempotency-Key` already wrote an entry of this registration: answer with the record as it is (200). */
  | { refuse: 'replayed' }
  /** `409 version-conflict`, with the record's current version. */
  | { refuse: 'version-conflict'; version: number }
  /** `422 transition-not-allowed`. */
  | { refuse: 'transition-not-allowed' }
  /** `422 report-window-closed`: no report is open today; `opensOn` is when the next one opens, if one is left. */
  | { refuse: 'report-window-closed'; opensOn?: string };

export type SelfDecision = { write: Ak1RecordUpdate } | SelfRefusal;

/** The checks every action makes first, in their order; `undefined` when the action may go on. */
export function selfPreconditions(
  record: Ak1StoredRecord,
  action: Ak1SelfAction,
  version: number | undefined,
  context: SelfContext,
): SelfRefusal | undefined {
  const { registration } = record;
  if (record.history.some((entry) => entry.idempotencyKey === context.idempotencyKey)) return { refuse: 'replayed' };
  if (version !== undefined && version !== registration.version) return { refuse: 'version-conflict', version: registration.version };
  if (!selfActionAllowed(action, registration.status)) return { refuse: 'transition-not-allowed' };
  return undefined;
}

function entry(record: Ak1StoredRecord, event: Ak1HistoryEntry['event'], context: SelfContext, to?: string): Ak1StoredHistoryEntry {
  return {
    at: context.at,
    actor: { kind: 'applicant' },
    event,
    ...(to ? { from: record.registration.status, to } : {}),
    idempotencyKey: context.idempotencyKey,
  };
}

/** `correction`: the application validated before the transaction (`application`), back to `RECEIVED`. */
export function decideCorrection(record: Ak1StoredRecord, version: number, application: Ak1Application, context: SelfContext): SelfDecision {
  const refusal = selfPreconditions(record, 'correction', version, context);
  if (refusal) return refusal;
  const history = entry(record, 'correct', context, SELF_ACTION_RULES.correction.to);
  const changes = changedPaths(record.application, application);
  if (changes.length) history.changes = changes;
  return { write: { status: SELF_ACTION_RULES.correction.to, application, history } };
}

/** `reschedule`: a new visit from `slots`, chosen by the store inside its transaction (`rebook`). */
export function decideReschedule(record: Ak1StoredRecord, version: number | undefined, slots: readonly Ak1Slot[], context: SelfContext): SelfDecision {
  const refusal = selfPreconditions(record, 'reschedule', version, context);
  if (refusal) return refusal;
  return { write: { rebook: slots, history: entry(record, 'reschedule', context) } };
}

/** `cancel`: `CANCELLED`; the stores free the visit's seat and the NIK with the status. */
export function decideCancel(record: Ak1StoredRecord, version: number | undefined, context: SelfContext): SelfDecision {
  const refusal = selfPreconditions(record, 'cancel', version, context);
  if (refusal) return refusal;
  return { write: { status: SELF_ACTION_RULES.cancel.to, history: entry(record, 'cancel', context, SELF_ACTION_RULES.cancel.to) } };
}

/**
 * `report`: marks the report whose window holds today as made. `seeking` is a `report` entry; `placed` is a `place`
 * entry that moves `SIGNED` to `PLACED` (the office's `place` writes the same), with what the applicant said of the job.
 */
export function decideReport(
  record: Ak1StoredRecord,
  version: number | undefined,
  report: Ak1Report,
  windowDays: number,
  context: SelfContext,
): SelfDecision {
  const refusal = selfPreconditions(record, 'report', version, context);
  if (refusal) return refusal;
  const open = openReport(record.registration, context.today, windowDays);
  if ('closed' in open) return { refuse: 'report-window-closed', ...(open.opensOn ? { opensOn: open.opensOn } : {}) };
  const list = open.list;
  list[open.index] = { ...list[open.index]!, madeAt: context.at, kind: report.kind };
  const placed = report.kind === 'placed';
  const history = entry(record, placed ? 'place' : 'report', context, placed ? 'PLACED' : undefined);
  history.changes = [
    { path: ['reports', open.index], after: list[open.index] },
    ...(['employer', 'position', 'startDate'] as const)
      .filter((key) => placed && report[key] !== undefined)
      .map((key) => ({ path: ['placement', key], after: report[key] })),
  ];
  return { write: { ...(placed ? { status: 'PLACED' as const } : {}), set: { reports: list }, history } };
}

/**
 * The report open on `today`: not made yet, with `today` from `windowDays` before its due date to `windowDays` after
 * it (the nearest due date when two windows overlap); else when the next one not made opens.
 */
export function openReport(
  registration: Pick<Ak1StoredRegistration, 'reports' | 'reportDueDates'>,
  today: string,
  windowDays: number,
): { list: NonNullable<Ak1StoredRegistration['reports']>; index: number } | { closed: true; opensOn?: string } {
  const list: NonNullable<Ak1StoredRegistration['reports']> = structuredClone(
    registration.reports ?? registration.reportDueDates.map((due) => ({ due })),
  );
  const day = 24 * 60 * 60 * 1000;
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  let index = -1;
  let distance = Infinity;
  let opensOn: string | undefined;
  list.forEach((item, i) => {
    if (item.madeAt) return;
    const dueMs = Date.parse(`${item.due}T00:00:00Z`);
    const days = Math.round((todayMs - dueMs) / day);
    if (Math.abs(days) <= windowDays && Math.abs(days) < distance) [index, distance] = [i, Math.abs(days)];
    if (days < -windowDays) {
      const opens = new Date(dueMs - windowDays * day).toISOString().slice(0, 10);
      if (!opensOn || opens < opensOn) opensOn = opens;
    }
  });
  if (index < 0) return { closed: true, ...(opensOn ? { opensOn } : {}) };
  return { list, index };
}

/** Paths deeper than this are recorded as the whole value at this depth (the contract's field paths hold 8 keys). */
const MAX_DEPTH = 6;
/** At most this many changes on one entry (the contract's bound is 200). */
const MAX_CHANGES = 100;

/** The leaves that differ between two applications, with their values before and after (no attachments' bytes). */
export function changedPaths(before: unknown, after: unknown): Ak1FieldChange[] {
  const changes: Ak1FieldChange[] = [];
  const walk = (a: unknown, b: unknown, path: (string | number)[]) => {
    if (changes.length >= MAX_CHANGES || JSON.stringify(a) === JSON.stringify(b)) return;
    const container = (value: unknown) => typeof value === 'object' && value !== null && !('dataBase64' in value);
    if (path.length < MAX_DEPTH && container(a) && container(b) && Array.isArray(a) === Array.isArray(b)) {
      if (Array.isArray(a) && Array.isArray(b)) {
        for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], [...path, i]);
      } else {
        const left = a as Record<string, unknown>;
        const right = b as Record<string, unknown>;
        for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) walk(left[key], right[key], [...path, key]);
      }
      return;
    }
    changes.push({
      path,
      ...(a === undefined ? {} : { before: withoutBytes(a) }),
      ...(b === undefined ? {} : { after: withoutBytes(b) }),
    });
  };
  walk(before, after, []);
  return changes;
}
