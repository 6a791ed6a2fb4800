import { datesFrom, isActiveStatus, type Ak1Application } from '../schema/index.js';
import type { Ak1HistoryEntry } from '../schema/lifecycle.js';
import { chooseAppointment, slotRange, type Ak1BookedVisit, type Ak1BookingCount } from './calendar.js';
import {
  Ak1StoreUnavailableError,
  compareForExport,
  isActive,
  withoutAttachments,
  type Ak1ExportedRegistration,
  type Ak1OfficerStore,
  type Ak1RegisterOutcome,
  type Ak1RegisterRequest,
  type Ak1Store,
  type Ak1StoredHistoryEntry,
  type Ak1StoredOfficer,
  type Ak1StoredRecord,
  type Ak1StoredRegistration,
  type Ak1StoredSession,
} from './store.js';
import {
  applyWrite,
  compareNewestFirst,
  DEFAULT_HISTORY_LIMIT,
  DEFAULT_LISTING_LIMIT,
  defaultReports,
  heldSeat,
  historyRange,
  localDateOf,
  matchesSearch,
  numberedAfter,
  previousRegistrationOf,
  queuePlace,
  rebookedWrite,
  searchTerms,
} from './store-rules.js';

interface Row {
  registration: Ak1StoredRegistration;
  fingerprint: string;
  serialScope: string;
  application: Ak1Application;
  clientKey?: string;
  history: Ak1StoredHistoryEntry[];
}

/** One history entry in the order of writing, for `listHistory` across registrations. */
interface LoggedEntry {
  entry: Ak1StoredHistoryEntry;
  registrationNumber?: string;
}

/**
 * A store in this process's memory, for tests, the msw mocks and trying things out: everything is lost when
 * the process ends. `register` and `update` never await between reading and writing, so each is atomic in one
 * JavaScript realm, which is all a memory store can share.
 */
export function createMemoryStore(): Ak1Store {
  const rows = new Map<string, Row>();
  const idByKey = new Map<string, string>();
  const idByNumber = new Map<string, string>();
  const idsByNik = new Map<string, string[]>();
  const lastSerial = new Map<string, number>();
  /** Seats held (`heldSeat`): date → window start → count. */
  const bookings = new Map<string, Map<string, number>>();
  /** The highest queue place given per window (`date start`), cancelled visits included: numbers are never reused. */
  const highestPlace = new Map<string, number>();
  const log: LoggedEntry[] = [];
  let closed = false;

  const assertOpen = () => {
    if (closed) throw new Ak1StoreUnavailableError('The memory store is closed');
  };

  function countBetween(from: string, to: string): Ak1BookingCount[] {
    const counts: Ak1BookingCount[] = [];
    for (const date of datesFrom(from, to)) {
      for (const [start, count] of bookings.get(date) ?? []) if (count > 0) counts.push({ date, start, count });
    }
    return counts;
  }

  function book(seat: Ak1BookedVisit | undefined, delta: 1 | -1): void {
    if (!seat) return;
    const day = bookings.get(seat.date) ?? new Map<string, number>();
    day.set(seat.start, (day.get(seat.start) ?? 0) + delta);
    bookings.set(seat.date, day);
  }

  function seatsHeld(clientKey: string, from: string): number {
    let seats = 0;
    for (const row of rows.values()) {
      const seat = heldSeat(row.registration);
      if (row.clientKey === clientKey && seat && seat.date >= from) seats++;
    }
    return seats;
  }

  /** A copy for the caller, with the reports' default filled in. */
  function present(registration: Ak1StoredRegistration): Ak1StoredRegistration {
    const copy = structuredClone(registration);
    copy.reports ??= defaultReports(copy.reportDueDates);
    return copy;
  }

  function append(entry: Ak1StoredHistoryEntry, row?: Row): void {
    const stored = structuredClone(entry);
    row?.history.push(stored);
    log.push({ entry: stored, ...(row ? { registrationNumber: row.registration.registrationNumber } : {}) });
  }

  function recordOf(row: Row): Ak1StoredRecord {
    return { registration: present(row.registration), application: structuredClone(row.application), history: structuredClone(row.history) };
  }

  function nikHeldElsewhere(nik: string, id: string, today: string): boolean {
    return (idsByNik.get(nik) ?? []).some((other) => other !== id && isActive(rows.get(other)!.registration, today));
  }

  const officers = createMemoryOfficerStore(assertOpen);

  return {
    async register(request: Ak1RegisterRequest): Promise<Ak1RegisterOutcome> {
      assertOpen();
      const existing = rows.get(idByKey.get(request.idempotencyKey) ?? '');
      if (existing) {
        return existing.fingerprint === request.fingerprint
          ? { outcome: 'replayed', registration: present(existing.registration) }
          : { outcome: 'key-reused' };
      }
      const nik = request.application.nik;
      if (nikHeldElsewhere(nik, request.id, request.registrationDate)) return { outcome: 'already-registered' };
      const serial = (lastSerial.get(request.serialScope) ?? 0) + 1;
      const registrationNumber = request.formatNumber(serial);
      if (idByNumber.has(registrationNumber) || rows.has(request.id)) {
        throw new Error('Registration number or id already taken: the number pattern or the id source is not unique');
      }
      const range = slotRange(request.slots);
      const { clientKey, maxSeatsPerClient } = request;
      const overCap = clientKey !== undefined && maxSeatsPerClient !== undefined && seatsHeld(clientKey, request.registrationDate) >= maxSeatsPerClient;
      const chosen = range && !overCap ? chooseAppointment(request.slots, countBetween(range.from, range.to)) : undefined;
      const appointment = chosen && numberedAfter(chosen, highestPlace.get(`${chosen.date} ${chosen.start}`) ?? 0);
      const previous = previousRegistrationOf(request.application);

      // Everything that could throw has run: only now is anything written, so a failure leaves no trace.
      const registration: Ak1StoredRegistration = {
        id: request.id,
        registrationNumber,
        status: 'RECEIVED',
        registeredAt: request.registeredAt,
        registrationDate: request.registrationDate,
        validUntil: request.validUntil,
        reportDueDates: [...request.reportDueDates],
        token: request.token,
        fullName: request.application.fullName,
        version: 1,
        nik,
        ...(request.warnings?.length ? { warnings: structuredClone([...request.warnings]) } : {}),
        ...(appointment ? { appointment } : {}),
        ...(request.accessCodeHash ? { accessCodeHash: request.accessCodeHash } : {}),
        ...(previous ? { previousRegistrationNumber: previous } : {}),
      };
      const row: Row = {
        registration,
        fingerprint: request.fingerprint,
        serialScope: request.serialScope,
        application: structuredClone(request.application),
        history: [],
        ...(clientKey !== undefined ? { clientKey } : {}),
      };
      rows.set(request.id, row);
      idByKey.set(request.idempotencyKey, request.id);
      idsByNik.set(nik, [...(idsByNik.get(nik) ?? []), request.id]);
      idByNumber.set(registrationNumber, request.id);
      lastSerial.set(request.serialScope, serial);
      book(heldSeat(registration), 1);
      if (appointment) highestPlace.set(`${appointment.date} ${appointment.start}`, queuePlace(appointment.queueNumber));
      append({ at: request.registeredAt, actor: { kind: 'applicant' }, event: 'submit', to: 'RECEIVED' }, row);
      return { outcome: 'created', registration: present(registration) };
    },

    async findByKey(idempotencyKey) {
      assertOpen();
      const row = rows.get(idByKey.get(idempotencyKey) ?? '');
      return row ? { fingerprint: row.fingerprint, registration: present(row.registration) } : undefined;
    },

    async findById(id) {
      assertOpen();
      const row = rows.get(id);
      return row ? present(row.registration) : undefined;
    },

    async getApplication(id) {
      assertOpen();
      const row = rows.get(id);
      return row ? structuredClone(row.application) : undefined;
    },

    async countBookings(from, to) {
      assertOpen();
      return countBetween(from, to);
    },

    async listRegistrations(filter) {
      assertOpen();
      const exported = (row: Row): Ak1ExportedRegistration => ({
        ...present(row.registration),
        application: structuredClone(withoutAttachments(row.application)),
      });
      if ('visitDate' in filter || 'registrationDate' in filter) {
        const matches = (r: Ak1StoredRegistration) =>
          'visitDate' in filter ? r.appointment?.date === filter.visitDate : r.registrationDate === filter.registrationDate;
        return [...rows.values()].filter((row) => matches(row.registration)).map(exported).sort(compareForExport);
      }
      let matches: (r: Ak1StoredRegistration) => boolean;
      if ('status' in filter) {
        matches = (r) => r.status === filter.status;
      } else {
        const terms = searchTerms(filter.query);
        if (!terms) return [];
        matches = (r) => matchesSearch(r, terms);
      }
      const found = [...rows.values()].filter((row) => matches(row.registration)).map((row) => row.registration);
      return found
        .sort(compareNewestFirst)
        .slice(0, filter.limit ?? DEFAULT_LISTING_LIMIT)
        .map((registration) => exported(rows.get(registration.id)!));
    },

    async getRecord(registrationNumber) {
      assertOpen();
      const row = rows.get(idByNumber.get(registrationNumber) ?? '');
      return row ? recordOf(row) : undefined;
    },

    async update(registrationNumber, decide) {
      assertOpen();
      const row = rows.get(idByNumber.get(registrationNumber) ?? '');
      if (!row) return { outcome: 'not-found' };
      const decision = decide(recordOf(row));
      if ('refuse' in decision) return { outcome: 'refused', reason: decision.refuse };
      let { write } = decision;
      const before = row.registration;
      if (write.rebook) {
        const range = slotRange(write.rebook);
        const counts = range ? countBetween(range.from, range.to) : [];
        const rebooked = rebookedWrite(before, write, counts, (date, start) => highestPlace.get(`${date} ${start}`) ?? 0);
        if (!rebooked) return { outcome: 'refused', reason: 'no-room' };
        write = rebooked;
      }
      const nik = write.application?.nik ?? before.nik;
      if (nik !== before.nik && nikHeldElsewhere(nik, before.id, localDateOf(write.history.at))) {
        return { outcome: 'refused', reason: 'already-registered' };
      }

      const after = applyWrite(before, write);

      // Nothing below throws: the record, its indexes and the seat counts change together.
      book(heldSeat(before), -1);
      book(heldSeat(after), 1);
      if (after.appointment) {
        const window = `${after.appointment.date} ${after.appointment.start}`;
        highestPlace.set(window, Math.max(highestPlace.get(window) ?? 0, queuePlace(after.appointment.queueNumber)));
      }
      if (nik !== before.nik) {
        idsByNik.set(before.nik, (idsByNik.get(before.nik) ?? []).filter((id) => id !== before.id));
        idsByNik.set(nik, [...(idsByNik.get(nik) ?? []), before.id]);
      }
      row.registration = after;
      if (write.application !== undefined) row.application = structuredClone(write.application);
      append(write.history, row);
      return { outcome: 'updated', registration: present(after) };
    },

    async listHistory(range) {
      assertOpen();
      const { from, to } = historyRange(range);
      const found: Array<{ at: number; order: number; logged: LoggedEntry }> = [];
      log.forEach((logged, order) => {
        const at = Date.parse(logged.entry.at);
        if (at >= from && at <= to) found.push({ at, order, logged });
      });
      return found
        .sort((a, b) => a.at - b.at || a.order - b.order)
        .slice(0, range.limit ?? DEFAULT_HISTORY_LIMIT)
        .map(({ logged }) => {
          const { idempotencyKey: _key, ...entry } = structuredClone(logged.entry);
          return { ...entry, ...(logged.registrationNumber ? { registrationNumber: logged.registrationNumber } : {}) };
        });
    },

    async recordEvent(entry: Ak1HistoryEntry) {
      assertOpen();
      append(entry);
    },

    async listIpkSources({ toMs }) {
      assertOpen();
      const sources = [];
      for (const row of rows.values()) {
        const changes = row.history
          .filter((entry) => entry.to !== undefined && Date.parse(entry.at) <= toMs)
          .map((entry) => ({ at: entry.at, to: entry.to!, ms: Date.parse(entry.at) }))
          .sort((a, b) => a.ms - b.ms);
        if (!changes.some((change) => change.to === 'SIGNED')) continue;
        const { birthDate, sex, education, jobPreferences } = structuredClone(row.application);
        sources.push({
          registrationNumber: row.registration.registrationNumber,
          application: { birthDate, sex, education, jobPreferences },
          history: changes.map(({ at, to }) => ({ at, to })),
        });
      }
      return sources;
    },

    async listExpiryDue({ before, limit }) {
      assertOpen();
      return [...rows.values()]
        .map((row) => row.registration)
        .filter((r) => isActiveStatus(r.status) && r.validUntil < before)
        .sort((a, b) => a.validUntil.localeCompare(b.validUntil))
        .slice(0, limit)
        .map(({ registrationNumber, status, validUntil, registeredAt }) => ({ registrationNumber, status, validUntil, registeredAt }));
    },

    async listEvents(event) {
      assertOpen();
      return log
        .filter((logged) => logged.registrationNumber === undefined && logged.entry.event === event)
        .map((logged) => {
          const { idempotencyKey: _key, ...entry } = structuredClone(logged.entry);
          return entry;
        });
    },

    officers,

    async close() {
      closed = true;
    },
  };
}

function createMemoryOfficerStore(assertOpen: () => void): Ak1OfficerStore {
  const byId = new Map<string, Ak1StoredOfficer>();
  /** Usernames are unique whatever their case: `Siti` and `siti` are one account. */
  const idByUsername = new Map<string, string>();
  const sessions = new Map<string, Ak1StoredSession>();
  const usernameKey = (username: string) => username.toLowerCase();

  return {
    async add(officer) {
      assertOpen();
      if (idByUsername.has(usernameKey(officer.username)) || byId.has(officer.id)) return 'username-taken';
      byId.set(officer.id, structuredClone(officer));
      idByUsername.set(usernameKey(officer.username), officer.id);
      return 'added';
    },
    async findByUsername(username) {
      assertOpen();
      const officer = byId.get(idByUsername.get(usernameKey(username)) ?? '');
      return officer ? structuredClone(officer) : undefined;
    },
    async findById(id) {
      assertOpen();
      const officer = byId.get(id);
      return officer ? structuredClone(officer) : undefined;
    },
    async update(id, patch) {
      assertOpen();
      const officer = byId.get(id);
      if (!officer) return undefined;
      const { id: _id, createdAt: _createdAt, ...changes } = patch as Partial<Ak1StoredOfficer>;
      if (changes.username !== undefined && usernameKey(changes.username) !== usernameKey(officer.username)) {
        if (idByUsername.has(usernameKey(changes.username))) throw new Error(`The username ${changes.username} is taken`);
        idByUsername.delete(usernameKey(officer.username));
        idByUsername.set(usernameKey(changes.username), id);
      }
      const updated: Ak1StoredOfficer = { ...officer, ...structuredClone(changes) };
      for (const key of ['nip', 'totpSecret'] as const) if (key in changes && changes[key] === undefined) delete updated[key];
      byId.set(id, updated);
      return structuredClone(updated);
    },
    async list() {
      assertOpen();
      return [...byId.values()].map((officer) => structuredClone(officer)).sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
    },
    async createSession(session) {
      assertOpen();
      sessions.set(session.tokenHash, structuredClone(session));
    },
    async findSession(tokenHash) {
      assertOpen();
      const session = sessions.get(tokenHash);
      return session ? structuredClone(session) : undefined;
    },
    async touchSession(tokenHash, lastSeenAt) {
      assertOpen();
      const session = sessions.get(tokenHash);
      if (session) session.lastSeenAt = lastSeenAt;
    },
    async deleteSession(tokenHash) {
      assertOpen();
      sessions.delete(tokenHash);
    },
    async deleteSessionsOf(officerId) {
      assertOpen();
      for (const [hash, session] of sessions) if (session.officerId === officerId) sessions.delete(hash);
    },
  };
}
