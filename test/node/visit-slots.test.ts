import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appointmentSlots } from '../../src/server/calendar.js';
import { resolveDistrict } from '../../src/server/district.js';
import { ak1DemoDistrict } from '../../src/server/index.js';

// Friday 27 November 2026; Monday 30 November is closed.
const district = resolveDistrict({
  ...ak1DemoDistrict,
  horizonDays: 10,
  closedDates: ['2026-11-30'],
  windows: [
    { start: '08:00', end: '12:00', capacity: 5 },
    { start: '13:00', end: '15:00', capacity: 3 },
  ],
});
const days = (slots: ReadonlyArray<{ date: string }>) => [...new Set(slots.map((slot) => slot.date))];

describe('the visit slots of a new registration', () => {
  it('are every window of every open day from tomorrow to the horizon, in order', () => {
    const slots = appointmentSlots(district, '2026-11-27');
    assert.deepEqual(days(slots), ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07']);
    assert.deepEqual(slots.slice(0, 2).map((slot) => `${slot.queue} ${slot.start}-${slot.end} ${slot.windowCapacity}`), ['A 08:00-12:00 5', 'B 13:00-15:00 3']);
  });

  it('put an open preferred day first and leave the rest in order', () => {
    assert.deepEqual(days(appointmentSlots(district, '2026-11-27', '2026-12-03')), ['2026-12-03', '2026-12-01', '2026-12-02', '2026-12-04', '2026-12-07']);
    // Closed, past the horizon, today: the day is not offered, and the order is the plain one.
    for (const preferred of ['2026-11-30', '2026-12-12', '2026-11-27']) {
      assert.deepEqual(days(appointmentSlots(district, '2026-11-27', preferred))[0], '2026-12-01', preferred);
    }
  });

  it('follow the day they are asked on (they are worked out once a day, not once)', () => {
    assert.equal(days(appointmentSlots(district, '2026-11-27'))[0], '2026-12-01');
    assert.deepEqual(days(appointmentSlots(district, '2026-12-01')), ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']);
    assert.equal(days(appointmentSlots(district, '2026-11-27', '2026-12-04'))[0], '2026-12-04');
    // A caller cannot change what the next registration is offered.
    assert.throws(() => (appointmentSlots(district, '2026-11-27') as unknown as unknown[]).pop());
  });
});
