import { addDays, type Ak1Application } from '../schema/index.js';
import { chooseAppointment, slotRange, type Ak1BookingCount } from './calendar.js';
import {
  Ak1StoreUnavailableError,
  compareForExport,
  isActive,
  SEAT_RELEASING_STATUSES,
  withoutAttachments,
  type Ak1ExportedRegistration,
  type Ak1RegisterOutcome,
  type Ak1RegisterRequest,
  type Ak1Store,
  type Ak1StoredRegistration,
} from './store.js';

interface Row {
  registration: Ak1StoredRegistration;
  fingerprint: string;
  serialScope: string;
  application: Ak1Application;
  clientKey?: string;
}

/**
 * A store in this process's memory, for tests, the msw mocks and trying things out: everything is lost when
 * the process ends. `register` never awaits between reading and writing, so it is atomic in one JavaScript
 * realm, which is all a memory store can share.
 */
export function createMemoryStore(): Ak1Store {
  const rows = new Map<string, Row>();
  const idByKey = new Map<string, string>();
  const idsByNik = new Map<string, string[]>();
  const numbers = new Set<string>();
  const lastSerial = new Map<string, number>();
  /** Booked visits: date → window start → count. */
  const bookings = new Map<string, Map<string, number>>();
  let closed = false;

  const assertOpen = () => {
    if (closed) throw new Ak1StoreUnavailableError('The memory store is closed');
  };

  function countBetween(from: string, to: string): Ak1BookingCount[] {
    const counts: Ak1BookingCount[] = [];
    for (let date = from; date <= to; date = addDays(date, 1)) {
      for (const [start, count] of bookings.get(date) ?? []) counts.push({ date, start, count });
    }
    return counts;
  }

  function seatsHeld(clientKey: string, from: string): number {
    let seats = 0;
    for (const row of rows.values()) {
      const { appointment, status } = row.registration;
      if (row.clientKey === clientKey && appointment && appointment.date >= from && !SEAT_RELEASING_STATUSES.includes(status)) seats++;
    }
    return seats;
  }

  return {
    async register(request: Ak1RegisterRequest): Promise<Ak1RegisterOutcome> {
      assertOpen();
      const existing = rows.get(idByKey.get(request.idempotencyKey) ?? '');
      if (existing) {
        return existing.fingerprint === request.fingerprint
          ? { outcome: 'replayed', registration: structuredClone(existing.registration) }
          : { outcome: 'key-reused' };
      }
      const nik = request.application.nik;
      if ((idsByNik.get(nik) ?? []).some((id) => isActive(rows.get(id)!.registration, request.registrationDate))) {
        return { outcome: 'already-registered' };
      }
      const serial = (lastSerial.get(request.serialScope) ?? 0) + 1;
      const registrationNumber = request.formatNumber(serial);
      if (numbers.has(registrationNumber) || rows.has(request.id)) {
        throw new Error('Registration number or id already taken: the number pattern or the id source is not unique');
      }
      const range = slotRange(request.slots);
      const { clientKey, maxSeatsPerClient } = request;
      const overCap = clientKey !== undefined && maxSeatsPerClient !== undefined && seatsHeld(clientKey, request.registrationDate) >= maxSeatsPerClient;
      const appointment = range && !overCap ? chooseAppointment(request.slots, countBetween(range.from, range.to)) : undefined;

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
        ...(request.warnings?.length ? { warnings: structuredClone([...request.warnings]) } : {}),
        ...(appointment ? { appointment } : {}),
      };
      rows.set(request.id, {
        registration,
        fingerprint: request.fingerprint,
        serialScope: request.serialScope,
        application: structuredClone(request.application),
        ...(clientKey !== undefined ? { clientKey } : {}),
      });
      idByKey.set(request.idempotencyKey, request.id);
      idsByNik.set(nik, [...(idsByNik.get(nik) ?? []), request.id]);
      numbers.add(registrationNumber);
      lastSerial.set(request.serialScope, serial);
      if (appointment) {
        const day = bookings.get(appointment.date) ?? new Map<string, number>();
        day.set(appointment.start, (day.get(appointment.start) ?? 0) + 1);
        bookings.set(appointment.date, day);
      }
      return { outcome: 'created', registration: structuredClone(registration) };
    },

    async findByKey(idempotencyKey) {
      assertOpen();
      const row = rows.get(idByKey.get(idempotencyKey) ?? '');
      return row ? { fingerprint: row.fingerprint, registration: structuredClone(row.registration) } : undefined;
    },

    async findById(id) {
      assertOpen();
      const row = rows.get(id);
      return row ? structuredClone(row.registration) : undefined;
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
      const matches = (r: Ak1StoredRegistration) =>
        'visitDate' in filter ? r.appointment?.date === filter.visitDate : r.registrationDate === filter.registrationDate;
      const found: Ak1ExportedRegistration[] = [];
      for (const row of rows.values()) {
        if (matches(row.registration)) {
          found.push({ ...structuredClone(row.registration), application: structuredClone(withoutAttachments(row.application)) });
        }
      }
      return found.sort(compareForExport);
    },

    async close() {
      closed = true;
    },
  };
}
