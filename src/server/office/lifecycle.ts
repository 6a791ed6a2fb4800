import {
  cardDates,
  decodedLength,
  validateApplication,
  type Ak1Application,
  type Ak1Issue,
  type ValidationOptions,
} from '../../schema/index.js';
import {
  OFFICE_ACTION_RULES,
  REASON_DEFAULT_PATHS,
  refusalOf,
  type Ak1FieldChange,
  type Ak1HistoryEntry,
  type Ak1Reason,
} from '../../schema/lifecycle.js';
import type { Ak1OfficeActionRequest, Ak1Report } from '../../schema/office.js';
import type {
  Ak1RecordUpdate,
  Ak1StoredHistoryEntry,
  Ak1StoredOfficer,
  Ak1StoredRecord,
  Ak1StoredRegistration,
} from '../store.js';

/*
 * What each office action does to a registration, decided inside `store.update(number, decide)`: synchronous and
 * pure, from the record as it is in the transaction and what the route worked out before (the clock, a new access
 * code's hash, the region lists loaded). The order of the checks is the order an officer needs the answers in:
 * a retry is answered first (it was taken already), then who may, then whether the officer saw the current record
 * (a stale view may be why a transition looks wrong), then the lifecycle's table, then what the action needs.
 */

/** Who acts, when, and what the route prepared for the decision. */
export interface ActionContext {
  officer: Pick<Ak1StoredOfficer, 'id' | 'name' | 'nip' | 'roles'>;
  /** The moment of the action, RFC 3339 with the district's offset. */
  at: string;
  /** The district's calendar date at `at`. */
  today: string;
  /** The request's `Idempotency-Key`, kept on the history entry it writes. */
  idempotencyKey: string;
  /** The district's title for the signer ("Pengantar Kerja Ahli Muda"), printed under the name. */
  signerTitle?: string;
  /** `reissue-code`: SHA-256 (hex) of the new access code, made before the transaction. */
  accessCodeHash?: string;
  /** `edit`: how the whole application is validated again (the district's rules, region lists already loaded). */
  validation?: Omit<ValidationOptions, 'today'>;
}

/** One thing an action request lacks, as a problem's `errors` entry. */
export interface ActionIssue {
  path: (string | number)[];
  code: string;
}

/** Why an action is not taken; the route turns each into its problem. */
export type ActionRefusal =
  /** This `Idempotency-Key` already wrote an entry of this registration: answer with the record as it is (200). */
  | { refuse: 'replayed' }
  /** `403 forbidden`. */
  | { refuse: 'forbidden' }
  /** `422 transition-not-allowed`. */
  | { refuse: 'transition-not-allowed' }
  /** `409 version-conflict`, with the record's current version. */
  | { refuse: 'version-conflict'; version: number }
  /** `422 invalid-action`: reasons, changes or a placement missing or wrong for this action. */
  | { refuse: 'invalid-action'; errors: ActionIssue[] }
  /** `422 invalid-application`: an edit leaves the application invalid. */
  | { refuse: 'invalid-application'; errors: Ak1Issue[] };

export type ActionDecision = { write: Ak1RecordUpdate } | ActionRefusal;

/** Top-level fields of the application an officer does not change: the applicant's own consent and wishes. */
const NOT_EDITABLE = new Set(['schemaVersion', 'consent', 'preferredVisitDate']);
/** Keys that would reach an object's prototype if a path were followed blindly. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Decides `request` on `record`: the write with its history entry, or why not. */
export function decideAction(record: Ak1StoredRecord, request: Ak1OfficeActionRequest, context: ActionContext): ActionDecision {
  const { registration } = record;
  if (record.history.some((entry) => entry.idempotencyKey === context.idempotencyKey)) return { refuse: 'replayed' };
  const action = request.action;
  // Roles before versions: an officer who may never take the action is told so, not asked to reload.
  if (refusalOf(action, registration.status, context.officer.roles) === 'forbidden') return { refuse: 'forbidden' };
  if (request.version !== registration.version) return { refuse: 'version-conflict', version: registration.version };
  if (refusalOf(action, registration.status, context.officer.roles)) return { refuse: 'transition-not-allowed' };

  const rule = OFFICE_ACTION_RULES[action];
  const reasons = request.reason?.map(withDefaultPath);
  if (rule.needsReason) {
    if (!reasons?.length) return invalid(['reason'], 'reason.required');
    const bare = reasons.findIndex((reason) => reason.code === 'other' && !reason.note?.trim());
    if (bare >= 0) return invalid(['reason', bare, 'note'], 'reason.other.noteRequired');
  }

  const entry: Ak1StoredHistoryEntry = {
    at: context.at,
    actor: { kind: 'officer', id: context.officer.id, name: context.officer.name },
    event: action,
    ...(rule.to ? { from: registration.status, to: rule.to } : {}),
    ...(reasons?.length ? { reason: reasons } : {}),
    ...(request.note?.trim() ? { note: request.note.trim() } : {}),
    idempotencyKey: context.idempotencyKey,
  };
  const update: Ak1RecordUpdate = { history: entry, ...(rule.to ? { status: rule.to } : {}) };

  switch (action) {
    case 'check-in':
      // A second check-in (a second visit) is recorded, but the first arrival stays the one the queue shows.
      if (!registration.checkedInAt) update.set = { checkedInAt: context.at };
      return { write: update };
    case 'sign': {
      const dates = cardDates(context.today);
      update.set = {
        issuedAt: context.today,
        validUntil: dates.validUntil,
        reportDueDates: dates.reportDueDates,
        reports: dates.reportDueDates.map((due) => ({ due })),
        signedBy: {
          officerId: context.officer.id,
          name: context.officer.name,
          ...(context.officer.nip ? { nip: context.officer.nip } : {}),
          ...(context.signerTitle ? { title: context.signerTitle } : {}),
        },
      };
      return { write: update };
    }
    case 'edit':
      return decideEdit(record, request, context, update);
    case 'report': {
      const report = request.report ?? { kind: 'seeking' as const };
      if (report.kind === 'placed') return invalid(['report', 'kind'], 'report.placedIsPlace');
      const reports = markReport(registration, context, report);
      if (!reports) return invalid(['report'], 'report.noneOpen');
      update.set = { reports: reports.list };
      entry.changes = [{ path: ['reports', reports.index], after: reports.list[reports.index] }];
      return { write: update };
    }
    case 'place': {
      const placement = request.placement ?? request.report;
      if (!placement) return invalid(['placement'], 'placement.required');
      if (placement.kind !== 'placed') return invalid(['placement', 'kind'], 'placement.kind');
      const reports = markReport(registration, context, placement);
      if (reports) update.set = { reports: reports.list };
      entry.changes = (['employer', 'position', 'startDate'] as const)
        .filter((key) => placement[key] !== undefined)
        .map((key) => ({ path: ['placement', key], after: placement[key] }));
      if (!entry.changes.length) delete entry.changes;
      return { write: update };
    }
    case 'karirhub': {
      // Metadata like an edit's, not a change of the card: the version stays (the store bumps it only for the
      // status, the application or the appointment), and the history keeps the number before and after.
      const number = request.karirhubNumber?.trim();
      if (!number) return invalid(['karirhubNumber'], 'karirhubNumber.required');
      update.set = { karirhubNumber: number };
      entry.changes = [{ path: ['karirhubNumber'], ...(registration.karirhubNumber ? { before: registration.karirhubNumber } : {}), after: number }];
      return { write: update };
    }
    case 'reissue-code':
      if (!context.accessCodeHash) throw new Error('reissue-code needs the new code made before the transaction');
      update.set = { accessCodeHash: context.accessCodeHash };
      return { write: update };
    case 'verify':
    case 'request-correction':
    case 'reject':
    case 'cancel':
    case 'print':
    case 'collect':
      return { write: update };
  }
}

/** An officer opened the full record (UU PDP access log). Never changes the version, so it never conflicts. */
export function decideView(officer: ActionContext['officer'], at: string): { write: Ak1RecordUpdate } {
  return { write: { history: { at, actor: { kind: 'officer', id: officer.id, name: officer.name }, event: 'view' } } };
}

function decideEdit(
  record: Ak1StoredRecord,
  request: Ak1OfficeActionRequest,
  context: ActionContext,
  update: Ak1RecordUpdate,
): ActionDecision {
  const changes = request.changes;
  if (!changes?.length) return invalid(['changes'], 'changes.required');
  const applied = applyChanges(record.application, changes);
  if ('errors' in applied) return { refuse: 'invalid-action', errors: applied.errors };
  // Judged on the registration's own day: the rules about the visit date and the consent's time held then.
  const result = validateApplication(applied.application, { ...context.validation, today: record.registration.registrationDate });
  if (!result.ok) return { refuse: 'invalid-application', errors: result.issues };
  const before = record.application;
  const after = result.value;
  const recorded: Ak1FieldChange[] = [];
  for (const { path } of changes) {
    const old = valueAt(before, path);
    const now = valueAt(after, path);
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    recorded.push({
      path,
      ...(old === undefined ? {} : { before: withoutBytes(old) }),
      ...(now === undefined ? {} : { after: withoutBytes(now) }),
    });
  }
  if (!recorded.length) return invalid(['changes'], 'changes.unchanged');
  update.application = after;
  update.history.changes = recorded;
  return { write: update };
}

/**
 * The application with each change's `after` set at its path (`after` left out: the optional field removed).
 * Paths name a top-level field the officer may change and then keys or indexes into it.
 */
export function applyChanges(
  application: Ak1Application,
  changes: ReadonlyArray<{ path: ReadonlyArray<string | number>; after?: unknown }>,
): { application: Record<string, unknown> } | { errors: ActionIssue[] } {
  const copy = structuredClone(application) as unknown as Record<string, unknown>;
  const errors: ActionIssue[] = [];
  changes.forEach(({ path, after }, i) => {
    const head = path[0];
    if (typeof head !== 'string' || NOT_EDITABLE.has(head) || path.some((key) => typeof key === 'string' && UNSAFE_KEYS.has(key))) {
      errors.push({ path: ['changes', i, 'path'], code: 'changes.pathNotEditable' });
      return;
    }
    let parent: Record<string | number, unknown> = copy;
    for (let depth = 0; depth < path.length - 1; depth++) {
      const key = path[depth]!;
      const next = parent[key];
      if (typeof next !== 'object' || next === null) {
        if (next !== undefined) {
          errors.push({ path: ['changes', i, 'path'], code: 'changes.pathNotFound' });
          return;
        }
        parent[key] = typeof path[depth + 1] === 'number' ? [] : {};
      }
      parent = parent[key] as Record<string | number, unknown>;
    }
    const last = path[path.length - 1]!;
    if (after === undefined) {
      if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
      else delete parent[last];
    } else {
      parent[last] = structuredClone(after);
    }
  });
  return errors.length ? { errors } : { application: copy };
}

/** The registration's reports, with the open one whose due date is nearest to today marked as made. */
function markReport(
  registration: Ak1StoredRegistration,
  context: ActionContext,
  report: Ak1Report,
): { list: NonNullable<Ak1StoredRegistration['reports']>; index: number } | undefined {
  const list: NonNullable<Ak1StoredRegistration['reports']> = structuredClone(
    registration.reports ?? registration.reportDueDates.map((due) => ({ due })),
  );
  let index = -1;
  let distance = Infinity;
  list.forEach((item, i) => {
    if (item.madeAt) return;
    const days = Math.abs(Date.parse(item.due) - Date.parse(context.today));
    if (days < distance) [index, distance] = [i, days];
  });
  if (index < 0) return undefined;
  list[index] = { ...list[index]!, madeAt: context.at, kind: report.kind };
  return { list, index };
}

function valueAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** A value for the history: any attachment in it (an object with `dataBase64`) keeps its kind and size, not its bytes. */
export function withoutBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBytes);
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) {
    if (key === 'dataBase64' && typeof item === 'string') out.byteLength = decodedLength(item);
    else out[key] = withoutBytes(item);
  }
  return out;
}

function withDefaultPath(reason: Ak1Reason): Ak1Reason {
  const path = REASON_DEFAULT_PATHS[reason.code];
  return reason.path || !path ? reason : { ...reason, path: [...path] };
}

function invalid(path: (string | number)[], code: string): ActionRefusal {
  return { refuse: 'invalid-action', errors: [{ path, code }] };
}

/** The history as an officer sees it: without the requests' idempotency keys. */
export function officeHistory(history: readonly Ak1StoredHistoryEntry[]): Ak1HistoryEntry[] {
  return history.map(({ idempotencyKey: _key, ...entry }) => entry);
}

/** The alphabet of access codes: no 0/O, 1/I, so a code read aloud or copied by hand comes out right. */
export const ACCESS_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new 8-character access code (40 random bits: 32 letters, so each byte's low five bits are uniform). */
export function newAccessCode(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => ACCESS_CODE_ALPHABET[byte & 31]).join('');
}
