import { BODY_GRACE_MS, BODY_MIN_BYTES_PER_SECOND } from '../schema/index.js';
import { addressKey } from './abuse/index.js';
import { RETRY_AFTER_SECONDS, problem, readText } from './http.js';

/*
 * Request bodies on the open internet. A client that sends a POST's headers and then a byte a minute costs
 * nothing to send and, unchecked, holds whatever the server set aside for it until Node's own timeout (300 s).
 * So a body must keep up a minimum average rate once a grace period is over (`408` otherwise), nothing scarce
 * (a submission slot) is taken until the body is in, and one address may have only a few bodies being read
 * at once: stalling many connections from one address stalls only that address.
 */

/** The handler's `bodies` option. */
export interface Ak1BodyOptions {
  /** Any body may take this long, in milliseconds, before its rate is checked. Default 15 000. */
  graceMs?: number;
  /**
   * Past the grace period, the slowest average rate (bytes since the body began, per second) a body may keep;
   * slower gets `408 request-timeout` and the connection is closed. Default 8192 (8 kB/s: a 4 MB body in
   * 8.5 minutes, on the weakest mobile link).
   */
  minBytesPerSecond?: number;
  /**
   * Bodies read at once from one client address (IPv4 /32, IPv6 /64); more get `429 rate-limited` with
   * `Retry-After`. Default 8. Requests whose address the server does not pass are not counted per address.
   */
  perAddress?: number;
  /** Bodies read at once in all; more get `503 unavailable` with `Retry-After`. Default 128 (at most 512 MB held). */
  total?: number;
}

export const DEFAULT_BODY_OPTIONS = {
  graceMs: BODY_GRACE_MS,
  minBytesPerSecond: BODY_MIN_BYTES_PER_SECOND,
  perAddress: 8,
  total: 128,
} as const satisfies Required<Ak1BodyOptions>;

/** The bodies being read by one handler: the options, and how many per address and in all. */
export interface BodyReads {
  readonly options: Required<Ak1BodyOptions>;
  total: number;
  readonly byAddress: Map<string, number>;
}

/** Checks the `bodies` option; a value that cannot work throws a `TypeError` naming it. */
export function createBodyReads(options: Ak1BodyOptions = {}): BodyReads {
  const resolved = { ...DEFAULT_BODY_OPTIONS, ...options };
  for (const name of ['graceMs', 'minBytesPerSecond', 'perAddress', 'total'] as const) {
    const value = resolved[name];
    if (!(typeof value === 'number' && value > 0 && (Number.isInteger(value) || value === Infinity))) {
      throw new TypeError(`createAk1Handler: bodies.${name} must be a positive whole number`);
    }
  }
  return { options: resolved, total: 0, byAddress: new Map() };
}

/**
 * Reads a request body as UTF-8 text within `limit` bytes and the deadline, counting it against the client's
 * address while it arrives. A reply instead of the text is the problem to answer with.
 */
export async function readBody(
  reads: BodyReads,
  request: Request,
  clientAddress: string | undefined,
  limit: number,
): Promise<{ text: string } | { reply: Response }> {
  const { options } = reads;
  if (reads.total >= options.total) return { reply: problem('unavailable', { retryAfterSeconds: RETRY_AFTER_SECONDS }) };
  const address = clientAddress === undefined ? undefined : addressKey(clientAddress);
  const mine = address === undefined ? 0 : (reads.byAddress.get(address) ?? 0);
  if (mine >= options.perAddress) return { reply: problem('rate-limited', { retryAfterSeconds: RETRY_AFTER_SECONDS }) };
  reads.total++;
  if (address !== undefined) reads.byAddress.set(address, mine + 1);
  try {
    const body = await readText(request, limit, { graceMs: options.graceMs, minBytesPerSecond: options.minBytesPerSecond });
    if ('text' in body) return body;
    switch (body.failure) {
      case 'too-large':
        return { reply: problem('payload-too-large') };
      case 'too-slow':
        // The client is not sending: waiting for the rest of its body to drop it would hold the connection.
        return { reply: problem('request-timeout', { headers: { connection: 'close' } }) };
      default:
        return { reply: problem('malformed-json') };
    }
  } finally {
    reads.total--;
    if (address !== undefined) {
      const left = (reads.byAddress.get(address) ?? 1) - 1;
      if (left > 0) reads.byAddress.set(address, left);
      else reads.byAddress.delete(address);
    }
  }
}
