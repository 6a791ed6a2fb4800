/*
 * Failures counted over a sliding window, by key: the login throttle (office/auth.ts) and the lookup throttle
 * (self/throttle.ts) both lock a key out once it has failed `max` times within the window, until the oldest of
 * those failures leaves it. In memory per process, with a cap on the keys kept so that a flood of made-up keys
 * cannot fill the memory (past it the oldest key is dropped).
 */

export interface FailureWindow {
  /** Records one failure of `key` at `now` (milliseconds). */
  add(key: string, now: number): void;
  /** Seconds until `key` has fewer than `max` failures in the window, or `undefined` when it has fewer now. */
  waitFor(key: string, max: number, now: number): number | undefined;
  /** Forgets the failures of `key`. */
  clear(key: string): void;
}

export function createFailureWindow(windowMs: number, maxKeys = 50_000): FailureWindow {
  /** Failure times, oldest first, by key. */
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number) => {
    const times = failures.get(key);
    if (!times) return [];
    while (times.length && times[0]! <= now - windowMs) times.shift();
    if (!times.length) failures.delete(key);
    return times;
  };
  return {
    add(key, now) {
      const times = recent(key, now);
      if (!times.length) {
        if (failures.size >= maxKeys) failures.delete(failures.keys().next().value!);
        failures.set(key, times);
      }
      times.push(now);
    },
    waitFor(key, max, now) {
      const times = recent(key, now);
      return times.length >= max ? Math.max(1, Math.ceil((times[times.length - max]! + windowMs - now) / 1000)) : undefined;
    },
    clear(key) {
      failures.delete(key);
    },
  };
}
