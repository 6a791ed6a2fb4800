/**
 * A clock time as Indonesian text writes it: `08.00`, not `08:00` (the colon is the English and ISO habit).
 * One copy for every Indonesian text that prints a time: the done screen, the card and the counter.
 */
export function jam(time: string): string {
  return time.replace(':', '.');
}

/** A time window in Indonesian text: `pukul 08.00–09.00`. */
export function pukul(start: string, end: string): string {
  return `pukul ${jam(start)}–${jam(end)}`;
}
