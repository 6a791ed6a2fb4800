import { addressKey } from '../abuse/index.js';
import { createFailureWindow } from '../abuse/failures.js';
import type { Ak1FailureStore } from '../store.js';

/*
 * Lookup throttling (design.md, "The applicant comes back"): failed lookups are counted over an hour per
 * registration number and per client address; 5 for one number or 20 from one address and further lookups of it
 * (or from it) answer `429` until the oldest failure is an hour old, even with the right code, so an access code
 * (40 bits) cannot be guessed by trying. A locked number also locks out its owner for that hour: they can still
 * ask at the counter. Counted in the store when it keeps failures (every process on the database counts together),
else in memory per process.
 */

export const LOOKUP_WINDOW_MS = 60 * 60 * 1000;
export const MAX_LOOKUP_FAILURES_PER_NUMBER = 5;
export const MAX_LOOKUP_FAILURES_PER_ADDRESS = 20;
/** Keys kept at most: past it the oldest are dropped, so a flood of made-up numbers cannot fill the memory. */
const MAX_KEYS = 50_000;

export interface LookupThrottle {
  /** Seconds to wait before this number may be looked up from this address, or `undefined` when it may now. */
  check(registrationNumber: string, address: string | undefined, now: number): Promise<number | undefined>;
  failed(registrationNumber: string, address: string | undefined, now: number): Promise<void>;
}

export function createLookupThrottle(shared?: Ak1FailureStore): LookupThrottle {
  const failures = createFailureWindow(LOOKUP_WINDOW_MS, MAX_KEYS, shared);
  const keysOf = (registrationNumber: string, address: string | undefined) => ({
    number: `n\n${registrationNumber.trim().toUpperCase()}`,
    address: address === undefined ? undefined : `a\n${addressKey(address)}`,
  });

  return {
    async check(registrationNumber, address, now) {
      const keys = keysOf(registrationNumber, address);
      const waits = (
        await Promise.all([
          failures.waitFor(keys.number, MAX_LOOKUP_FAILURES_PER_NUMBER, now),
          keys.address === undefined ? undefined : failures.waitFor(keys.address, MAX_LOOKUP_FAILURES_PER_ADDRESS, now),
        ])
      ).filter((wait): wait is number => wait !== undefined);
      return waits.length ? Math.max(...waits) : undefined;
    },
    async failed(registrationNumber, address, now) {
      const keys = keysOf(registrationNumber, address);
      await Promise.all([failures.add(keys.number, now), keys.address !== undefined && failures.add(keys.address, now)]);
    },
  };
}
