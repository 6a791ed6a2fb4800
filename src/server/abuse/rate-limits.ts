/*
 * Per-address rate limits, as token buckets kept in this process's memory: a bucket holds `count` requests
 * and refills at `count` per `perSeconds`, so a client may burst up to `count` and then goes on at the
 * average rate. Several processes behind one balancer each count on their own (the limit is then at most
 * that many times higher), which is enough for its purpose: to make flooding slow, not to count exactly.
 */

/** `count` requests per `perSeconds` seconds from one address (IPv4 /32, IPv6 /64). */
export interface Ak1RateLimit {
  count: number;
  perSeconds: number;
}

/** How many addresses a limiter remembers. Past it, full buckets are forgotten first, then the oldest. */
const MAX_ADDRESSES = 50_000;

interface Bucket {
  tokens: number;
  at: number;
}

export interface RateLimiter {
  /** Takes one request from `key`'s bucket: `undefined` when it may go on, else the seconds until it may. */
  take(key: string, nowMs: number): number | undefined;
}

export function createRateLimiter(limit: Ak1RateLimit): RateLimiter {
  const perMs = limit.count / (limit.perSeconds * 1000);
  const buckets = new Map<string, Bucket>();

  function forgetSome(nowMs: number) {
    for (const [key, bucket] of buckets) {
      if (bucket.tokens + (nowMs - bucket.at) * perMs >= limit.count) buckets.delete(key);
    }
    // Still full: a flood from very many addresses. The oldest entries go; they start again with a full bucket.
    for (const key of buckets.keys()) {
      if (buckets.size < MAX_ADDRESSES) break;
      buckets.delete(key);
    }
  }

  return {
    take(key, nowMs) {
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= MAX_ADDRESSES) forgetSome(nowMs);
        bucket = { tokens: limit.count, at: nowMs };
        buckets.set(key, bucket);
      } else {
        bucket.tokens = Math.min(limit.count, bucket.tokens + Math.max(0, nowMs - bucket.at) * perMs);
        bucket.at = nowMs;
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return undefined;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
  };
}

/** Throws a `TypeError` naming the limit that is not a positive count over a positive time. */
export function assertRateLimit(limit: Ak1RateLimit, name: string): void {
  const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n > 0;
  if (!limit || !ok(limit.count) || !ok(limit.perSeconds)) {
    throw new TypeError(`createAk1Handler: limits.${name} must be { count, perSeconds } with positive numbers`);
  }
}
