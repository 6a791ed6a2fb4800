import { addressKey } from '../abuse/index.js';

/*
 * Lookup throttling (design.md, "The applicant comes back"): failed lookups are counted over an hour per
 * registration number and per client address; 5 for one number or 20 from one address and further lookups of it
 * (or from it) answer `429` until the oldest failure is an hour old, even with the right code, so an access code
 * (40 bits) cannot be guessed by trying. A locked number also locks out its owner for that hour: they can still
 * ask at the counter. In memory per process, like the login throttle (several processes each count their own).
 */

export const LOOKUP_WINDOW_MS = 60 * 60 * 1000;
export const MAX_LOOKUP_FAILURES_PER_NUMBER = 5;
export const MAX_LOOKUP_FAILURES_PER_ADDRESS = 20;
/** Keys kept at most: past it the oldest are dropped, so a flood of made-up numbers cannot fill the memory. */
const MAX_KEYS = 50_000;

export interface LookupThrottle {
  /** Seconds to wait before this number may be looked up from this address, or `undefined` when it may now. */
  check(registrationNumber: string, address: string | undefined, now: number): number | undefined;
  failed(registrationNumber: string, address: string | undefined, now: number): void;
}

export function createLookupThrottle(): LookupThrottle {
  /** Failure times, oldest first, by key. */
  const failures = new Map<string, number[]>();
  const keysOf = (registrationNumber: string, address: string | undefined) => ({
    number: `n\n${registrationNumber.trim().toUpperCase()}`,
    address: address === undefined ? undefined : `a\n${addressKey(address)}`,
  });
  const recent = (key: string, now: number) => {
    const times = failures.get(key);
    if (!times) return [];
    while (times.length && times[0]! <= now - LOOKUP_WINDOW_MS) times.shift();
    if (!times.length) failures.delete(key);
    return times;
  };
  const add = (key: string, now: number) => {
    const times = recent(key, now);
    if (!times.length) {
      if (failures.size >= MAX_KEYS) failures.delete(failures.keys().next().value!);
      failures.set(key, times);
    }
    times.push(now);
  };
  const waitFor = (times: number[], max: number, now: number) =>
    times.length >= max ? Math.max(1, Math.ceil((times[times.length - max]! + LOOKUP_WINDOW_MS - now) / 1000)) : undefined;

  return {
    check(registrationNumber, address, now) {
      const keys = keysOf(registrationNumber, address);
      const waits = [
        waitFor(recent(keys.number, now), MAX_LOOKUP_FAILURES_PER_NUMBER, now),
        keys.address === undefined ? undefined : waitFor(recent(keys.address, now), MAX_LOOKUP_FAILURES_PER_ADDRESS, now),
      ].filter((wait): wait is number => wait !== undefined);
      return waits.length ? Math.max(...waits) : undefined;
    },
    failed(registrationNumber, address, now) {
      const keys = keysOf(registrationNumber, address);
      add(keys.number, now);
      if (keys.address !== undefined) add(keys.address, now);
    },
  };
}
