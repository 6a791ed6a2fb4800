import type { Ak1FailureStore } from '../store.js';

/*
 * Failures counted over a sliding window, by key: the login throttle (office/auth.ts) and the lookup throttle
 * (self/throttle.ts) both lock a key out once it has failed `max` times within the window, until the oldest of
 * those failures leaves it. Counted in the store's `failures` when it has them (PostgreSQL, SQLite: one count for
 * every process on the database, so a brute force spread over processes is stopped all the same); else in memory
 * per process, with a cap on the keys kept so that a flood of made-up keys cannot fill the memory (past it the
 * oldest key is dropped).
 */

export interface FailureWindow {
  /** Records one failure of `key` at `now` (milliseconds). */
  add(key: string, now: number): Promise<void>;
  /** Seconds until `key` has fewer than `max` failures in the window, or `undefined` when it has fewer now. */
  waitFor(key: string, max: number, now: number): Promise<number | undefined>;
  /** Forgets the failures of `key`. */
  clear(key: string): Promise<void>;
}

export function createFailureWindow(windowMs: number, maxKeys = 50_000, shared?: Ak1FailureStore): FailureWindow {
  /** Seconds from `now` until a failure at `at` leaves the window. */
  const secondsUntilGone = (at: number, now: number) => Math.max(1, Math.ceil((at + windowMs - now) / 1000));
  if (shared) {
    return {
      add: (key, now) => shared.add(key, now, now + windowMs),
      async waitFor(key, max, now) {
        const at = await shared.nthNewest(key, max, now - windowMs);
        return at === undefined ? undefined : secondsUntilGone(at, now);
      },
      clear: (key) => shared.clear(key),
    };
  }
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
    async add(key, now) {
      const times = recent(key, now);
      if (!times.length) {
        if (failures.size >= maxKeys) failures.delete(failures.keys().next().value!);
        failures.set(key, times);
      }
      times.push(now);
    },
    async waitFor(key, max, now) {
      const times = recent(key, now);
      return times.length >= max ? secondsUntilGone(times[times.length - max]!, now) : undefined;
    },
    async clear(key) {
      failures.delete(key);
    },
  };
}
