import type { Ak1Registration } from '../../schema/index.js';

/**
 * An iCalendar file (RFC 5545) made on the device: the office visit, the three report due dates and the
 * renewal when the card ends (month 24), each with reminders. Districts that measured it found fewer than one holder in ten ever reported back.
 */
export function registrationCalendar(
  registration: Ak1Registration,
  texts: {
    visitTitle: string;
    reportTitle: (n: number) => string;
    reportDescription: string;
    visitDescription: string;
    renewalTitle: string;
    renewalDescription: string;
    reminder: string;
  },
  now: Date = new Date(),
): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const number = registration.registrationNumber;
  const events: string[][] = [];
  const appointment = registration.appointment;
  if (appointment) {
    const day = appointment.date.replace(/-/g, '');
    events.push([
      `UID:${number}-visit@ak1-form`,
      `DTSTAMP:${stamp}`,
      // Floating local times: the visit is at the office's clock, whatever the phone's time zone.
      `DTSTART:${day}T${appointment.start.replace(':', '')}00`,
      `DTEND:${day}T${appointment.end.replace(':', '')}00`,
      `SUMMARY:${escapeText(texts.visitTitle)}`,
      `LOCATION:${escapeText(appointment.place)}`,
      `DESCRIPTION:${escapeText(`${texts.visitDescription} ${number}${appointment.queueNumber ? ` (${appointment.queueNumber})` : ''}`)}`,
      ...alarm('-P1D', texts.reminder),
      ...alarm('-PT2H', texts.reminder),
    ]);
  }
  registration.reportDueDates.forEach((date, i) => {
    const day = date.replace(/-/g, '');
    events.push([
      `UID:${number}-report-${i + 1}@ak1-form`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${day}`,
      `DTEND;VALUE=DATE:${nextDay(date)}`,
      `SUMMARY:${escapeText(texts.reportTitle(i + 1))}`,
      `DESCRIPTION:${escapeText(`${texts.reportDescription} ${number}`)}`,
      ...alarm('-P14D', texts.reminder),
      ...alarm('-P1D', texts.reminder),
    ]);
  });
  // The card's last day: a month ahead gives time to register again before it lapses.
  const end = registration.validUntil.replace(/-/g, '');
  events.push([
    `UID:${number}-renewal@ak1-form`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${end}`,
    `DTEND;VALUE=DATE:${nextDay(registration.validUntil)}`,
    `SUMMARY:${escapeText(texts.renewalTitle)}`,
    `DESCRIPTION:${escapeText(`${texts.renewalDescription} ${number}`)}`,
    ...alarm('-P30D', texts.reminder),
    ...alarm('-P7D', texts.reminder),
  ]);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//ak1-form//AK-I//ID', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const event of events) lines.push('BEGIN:VEVENT', ...event, 'END:VEVENT');
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

function alarm(trigger: string, text: string): string[] {
  return ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(text)}`, `TRIGGER:${trigger}`, 'END:VALARM'];
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10).replace(/-/g, '');
}

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in text. */
function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (ch) => `\\${ch}`).replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (never inside a UTF-8 sequence). */
function fold(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const ch of line) {
    if (encoder.encode(current + ch).length > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
    }
    current += ch;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
