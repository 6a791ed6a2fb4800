/*
 * The admins' second factor: RFC 6238 time-based one-time passwords (HMAC-SHA1, 30-second steps, 6 digits), the
 * kind every authenticator app reads from an `otpauth://` QR code. WebCrypto only, so the handler stays platform
 * neutral. A code is accepted for the step before and after the current one (clocks drift), and never twice: the
 * caller remembers the last step each officer used.
 */

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps before and after the current one that are still accepted. */
export const TOTP_WINDOW = 1;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A new secret: 160 random bits (RFC 4226's recommended length), as 32 base32 characters. */
export function generateTotpSecret(): string {
  return base32Encode(crypto.getRandomValues(new Uint8Array(20)));
}

/** RFC 4648 base32 without padding. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Base32 as apps and people write it (any case, spaces, padding); `undefined` for anything else. */
export function base32Decode(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  if (!clean || !/^[A-Z2-7]+$/.test(clean)) return undefined;
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    value = ((value << 5) | BASE32.indexOf(char)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** The step a moment falls in (RFC 6238's T). */
export function totpStep(at: Date, stepSeconds = TOTP_STEP_SECONDS): number {
  return Math.floor(at.getTime() / 1000 / stepSeconds);
}

/** The code of one step (RFC 4226's HOTP with the step as counter), zero-padded to `digits`. */
export async function totpCode(secret: Uint8Array, step: number, digits = TOTP_DIGITS): Promise<string> {
  const counter = new Uint8Array(8);
  // The step exceeds 32 bits only after the year 6000 at 30-second steps, but RFC 6238's own vectors go there.
  new DataView(counter.buffer).setUint32(0, Math.floor(step / 2 ** 32));
  new DataView(counter.buffer).setUint32(4, step >>> 0);
  const key = await crypto.subtle.importKey('raw', secret as BufferSource, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, counter));
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * The step whose code `code` is, within `TOTP_WINDOW` steps of `at` and after `lastUsedStep`, or `undefined`.
 * The caller stores the step returned as the officer's last used one, so the same code cannot log in twice.
 */
export async function verifyTotp(secret: string, code: string, at: Date, lastUsedStep = -1): Promise<number | undefined> {
  const key = base32Decode(secret);
  if (!key || !/^\d{6}$/.test(code)) return undefined;
  const now = totpStep(at);
  let found: number | undefined;
  // Every step in the window is computed, so the time taken does not say which one matched.
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    if (step > lastUsedStep && constantTimeEqual(await totpCode(key, step), code) && found === undefined) found = step;
  }
  return found;
}

/**
 * The `otpauth://totp/…` URI that authenticator apps read from a QR code (the Key Uri Format of Google
 * Authenticator): `issuer` is the office, `account` the username.
 */
export function otpauthUri({ secret, account, issuer }: { secret: string; account: string; issuer: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${query.toString().replace(/\+/g, '%20')}`;
}

function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.min(a.length, b.length); i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
