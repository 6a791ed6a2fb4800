// The rule lives with the contract's other rules, so the server checks the key the client sends by the same one.
export { IDEMPOTENCY_KEY_PATTERN } from '../schema/index.js';

/**
 * A random version 4 UUID for one logical submission. `crypto.randomUUID` exists only in secure contexts,
 * and many district sites are still `http://`; `getRandomValues` exists everywhere.
 */
export function newIdempotencyKey(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
