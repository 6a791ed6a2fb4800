/** Per time zone: its formatter, and the last second written (a busy server writes the same second many times). */
const zones = new Map<string, { formatter: Intl.DateTimeFormat; second: number; text: string }>();

/**
 * `when` as RFC 3339 with the offset the district's clock had at that moment, to the second:
 * `2026-11-28T09:00:00+07:00`. The contract wants the district's offset, not `Z`, so the office reads its
 * own time.
 */
export function timestampIn(when: Date, timeZone: string): string {
  let zone = zones.get(timeZone);
  if (!zone) {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    zone = { formatter, second: NaN, text: '' };
    zones.set(timeZone, zone);
  }
  const second = Math.floor(when.getTime() / 1000);
  if (second === zone.second) return zone.text;
  const part: Record<string, string> = {};
  for (const { type, value } of zone.formatter.formatToParts(when)) part[type] = value;
  // `longOffset` writes `GMT+07:00`, and plain `GMT` for a zero offset.
  const offset = part.timeZoneName === 'GMT' ? '+00:00' : (part.timeZoneName ?? '').replace('GMT', '');
  zone.second = second;
  zone.text = `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}${offset}`;
  return zone.text;
}
