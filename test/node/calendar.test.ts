import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registrationCalendar } from '../../src/components/form/calendar.js';
import { idJourney } from '../../src/i18n/id/journey.js';
import type { Ak1Registration } from '../../src/schema/index.js';
import { cardRegistration } from '../fixtures/card.js';

/** The calendar file of the done screen, unfolded (RFC 5545 §3.1) into its events. */
function events(ics: string): string[][] {
  const lines = ics.replace(/\r\n /g, '').split('\r\n');
  const found: string[][] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT') {
      found.push(current!);
      current = undefined;
    } else current?.push(line);
  }
  return found;
}

describe('the calendar file', () => {
  const registration = cardRegistration() as Ak1Registration;
  const ics = registrationCalendar(registration, idJourney.done.calendar, new Date('2026-11-28T02:00:00Z'));

  it('holds the visit, the three reports and the renewal at month 24', () => {
    const all = events(ics);
    assert.equal(all.length, (registration.appointment ? 1 : 0) + registration.reportDueDates.length + 1);
    const renewal = all.find((event) => event.some((line) => line.startsWith('UID:') && line.includes('-renewal@')));
    assert.ok(renewal, 'no renewal event');
    assert.ok(renewal.includes(`DTSTART;VALUE=DATE:${registration.validUntil.replace(/-/g, '')}`));
    assert.ok(renewal.includes(`SUMMARY:${idJourney.done.calendar.renewalTitle}`));
    assert.ok(renewal.some((line) => line.startsWith('DESCRIPTION:') && line.endsWith(registration.registrationNumber)));
    // Reminded a month and a week ahead: time to register again before the card lapses.
    assert.ok(renewal.includes('TRIGGER:-P30D'));
    assert.ok(renewal.includes('TRIGGER:-P7D'));
  });

  it('keeps every line within 75 octets', () => {
    for (const line of ics.split('\r\n')) assert.ok(new TextEncoder().encode(line).length <= 75, line);
  });
});
