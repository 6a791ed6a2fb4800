import { LIMITS } from '../schema/index.js';

const HOUR = 60 * 60 * 1000;

/** How long things stay on the device and how big they may be. One place, so the code and docs/storage.md agree. */
export const DEVICE_STORE_LIMITS = {
  /** A tab draft untouched for longer than this is gone: the next person at an internet café must not find it. */
  draftIdleMs: 2 * HOUR,
  /** "Ingat di perangkat ini" and the outbox last this long after their last write (under Safari's 7-day purge). */
  rememberMs: 72 * HOUR,
  /** The tab draft holds typed answers only; anything this big means attachments slipped in. */
  draftMaxChars: 1024 * 1024,
  /** The outbox holds the application, which the contract caps at 4 MB, plus its key and endpoint. */
  outboxMaxChars: LIMITS.bodyBytes + 16 * 1024,
  /**
   * A record stamped this far in the future was written under a wrong clock. It is trusted that much and no
   * more, so a clock set ahead when writing cannot stretch a record's life past the policy.
   */
  clockSkewMs: 10 * 60 * 1000,
} as const;
