/**
 * A clock time (`HH:MM`, as the protocol carries it) as Indonesian text writes it: `08.00`. One copy for every
 * Indonesian text that prints a time (the done screen, the card, the counter); the word "pukul" stays in
 * the texts. English texts keep `08:00`.
 */
export function dottedTime(time: string): string {
  return time.replace(':', '.');
}

/** A time window in Indonesian text: `08.00–09.00`. */
export function dottedTimeRange(start: string, end: string): string {
  return `${dottedTime(start)}–${dottedTime(end)}`;
}
