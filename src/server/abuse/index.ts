import { addressMatcher, type AddressMatcher } from './addresses.js';
import { createProofOfWork, type Ak1ProofOfWorkOptions, type ProofOfWork } from './proof-of-work.js';
import { assertRateLimit, createRateLimiter, type Ak1RateLimit, type RateLimiter } from './rate-limits.js';

export { addressKey, clientAddressOf } from './addresses.js';
export type { Ak1ProofOfWorkOptions, Ak1Challenge, ProofOfWork } from './proof-of-work.js';
export type { Ak1RateLimit } from './rate-limits.js';

/** The handler's `limits` option: per address (IPv4 /32, IPv6 /64); each field has a default. */
export interface Ak1Limits {
  /**
   * Registrations tried (`POST {endpoint}`), whatever their outcome. Default 30 an hour: an internet café or
   * a carrier's NAT puts many applicants behind one address (the proof of work carries the cost, not this).
   */
  registrations?: Ak1RateLimit;
  /** Every other request a route answers (availability, verification, keys, challenge, pages). Default 300 a minute. */
  lookups?: Ak1RateLimit;
  /**
   * Visit seats one address holds at once (appointments from today on). Past it a registration is still
   * made, without an appointment. Default 20.
   */
  seatsPerAddress?: number;
}

export const DEFAULT_LIMITS = {
  registrations: { count: 30, perSeconds: 3600 },
  lookups: { count: 300, perSeconds: 60 },
  seatsPerAddress: 20,
} as const satisfies Required<Ak1Limits>;

/** Which budget a route's requests are counted against. */
export type LimitName = 'registrations' | 'lookups';

/** What the options make of abuse control for one handler. */
export interface AbuseControl {
  /** `undefined` when limits are off. */
  readonly limiters?: Readonly<Record<LimitName, RateLimiter>>;
  readonly seatsPerAddress?: number;
  /** `undefined` when no proof of work is required. */
  readonly proofOfWork?: ProofOfWork;
  /** The proxies whose `X-Forwarded-For` is believed. */
  readonly trustProxy?: AddressMatcher;
}

export function createAbuseControl(options: {
  limits?: Ak1Limits | false;
  proofOfWork?: Ak1ProofOfWorkOptions | false;
  trustProxy?: readonly string[];
}): AbuseControl {
  const limits = options.limits === false ? undefined : { ...DEFAULT_LIMITS, ...options.limits };
  if (limits) {
    assertRateLimit(limits.registrations, 'registrations');
    assertRateLimit(limits.lookups, 'lookups');
    if (!Number.isInteger(limits.seatsPerAddress) || limits.seatsPerAddress < 0) {
      throw new TypeError('createAk1Handler: limits.seatsPerAddress must be a whole number');
    }
  }
  return {
    ...(limits
      ? {
          limiters: { registrations: createRateLimiter(limits.registrations), lookups: createRateLimiter(limits.lookups) },
          seatsPerAddress: limits.seatsPerAddress,
        }
      : {}),
    ...(options.proofOfWork ? { proofOfWork: createProofOfWork(options.proofOfWork) } : {}),
    ...(options.trustProxy?.length ? { trustProxy: addressMatcher(options.trustProxy, 'trustProxy') } : {}),
  };
}
