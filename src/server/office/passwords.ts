import { nodeBuiltin } from '../node-builtins.js';

/*
 * Officers' passwords. The handler is platform neutral, so it never calls a hash function of its own: it is given
 * an `Ak1PasswordHasher` (design.md, "Decisions": Accounts). Under Node that is scrypt from `node:crypto`
 * (`createScryptHasher`); in a browser, under the msw mocks, PBKDF2 from WebCrypto stands in
 * (`createWebCryptoHasher`). Each encoded hash carries its own parameters and salt, so a district can raise the cost
 * later and old hashes keep verifying.
 */

/** Hashes and checks officers' passwords. `encoded` is the text kept in the store, parameters and salt included. */
export interface Ak1PasswordHasher {
  hash(password: string): Promise<string>;
  /** `false` for a wrong password and for an encoded hash this hasher cannot read; never throws for those. */
  verify(password: string, encoded: string): Promise<boolean>;
}

/**
 * The hasher has more passwords waiting than it takes (scrypt holds 32 MB and a core per hash): the login
 * answers `503` with `Retry-After` instead of queueing without end.
 */
export class Ak1HasherBusyError extends Error {
  constructor() {
    super('The password hasher is busy');
    this.name = 'Ak1HasherBusyError';
  }
}

export interface Ak1ScryptOptions {
  /** log2 of scrypt's N. Default 15 (N = 32768). */
  logN?: number;
  /** Default 8. */
  r?: number;
  /** Default 1. */
  p?: number;
  /** Hashes waiting behind the one under way before `Ak1HasherBusyError`. Default 4. */
  maxWaiting?: number;
}

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Parameters a stored hash may carry: beyond them, verifying would take the server's memory or minutes. */
const MAX_LOG_N = 20;
const MAX_R = 32;
const MAX_P = 16;

type NodeCrypto = typeof import('node:crypto');

/**
 * scrypt from `node:crypto` (N = 2^15, r = 8, p = 1, a 16-byte salt per password), encoded as
 * `scrypt$15$8$1$<salt base64>$<hash base64>`. One hash runs at a time; `maxWaiting` more may wait; more than
 * that is `Ak1HasherBusyError`. Hashes are compared with `timingSafeEqual`.
 */
export function createScryptHasher(options: Ak1ScryptOptions = {}): Ak1PasswordHasher {
  const crypto = nodeBuiltin<NodeCrypto>('node:crypto', 'createScryptHasher');
  const logN = options.logN ?? 15;
  const r = options.r ?? 8;
  const p = options.p ?? 1;
  if (!validParameters(logN, r, p)) throw new TypeError('createScryptHasher: logN, r and p must be small positive whole numbers');
  const queue = createQueue(options.maxWaiting ?? 4);

  const derive = (password: string, salt: Uint8Array, n: number, rr: number, pp: number) =>
    queue.run(
      () =>
        new Promise<Uint8Array>((resolve, reject) => {
          const N = 2 ** n;
          // Node's default limit (32 MB) is just below what N = 2^15, r = 8 takes (128 · N · r plus a little).
          const maxmem = 128 * N * rr * (pp + 1) + 1024 * 1024;
          crypto.scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N, r: rr, p: pp, maxmem }, (error, key) =>
            error ? reject(error) : resolve(new Uint8Array(key.buffer, key.byteOffset, key.byteLength)),
          );
        }),
    );

  return {
    async hash(password) {
      const salt = new Uint8Array(crypto.randomBytes(SALT_BYTES));
      const key = await derive(password, salt, logN, r, p);
      return ['scrypt', logN, r, p, toBase64(salt), toBase64(key)].join('$');
    },
    async verify(password, encoded) {
      const parts = encoded.split('$');
      if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
      const [n, rr, pp] = parts.slice(1, 4).map(Number) as [number, number, number];
      const salt = fromBase64(parts[4]!);
      const expected = fromBase64(parts[5]!);
      if (!validParameters(n, rr, pp) || !salt || !expected || expected.length < 16) return false;
      const key = await derive(password, salt, n, rr, pp);
      return key.length === expected.length && crypto.timingSafeEqual(key, expected);
    },
  };
}

export interface Ak1WebCryptoHasherOptions {
  /** PBKDF2-SHA256 iterations. Default 100 000. */
  iterations?: number;
}

/**
 * A stand-in for scrypt where `node:crypto` is missing (the msw mocks in a browser): PBKDF2-SHA256 from
 * WebCrypto, encoded as `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`. Not for a real office: PBKDF2
 * costs an attacker with graphics cards far less than scrypt does.
 */
export function createWebCryptoHasher(options: Ak1WebCryptoHasherOptions = {}): Ak1PasswordHasher {
  const iterations = options.iterations ?? 100_000;
  if (!(Number.isInteger(iterations) && iterations >= 1 && iterations <= 10_000_000)) {
    throw new TypeError('createWebCryptoHasher: iterations must be a whole number from 1 to 10,000,000');
  }
  const derive = async (password: string, salt: Uint8Array, rounds: number) => {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
    return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations: rounds }, key, KEY_BYTES * 8));
  };
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
      return ['pbkdf2-sha256', iterations, toBase64(salt), toBase64(await derive(password, salt, iterations))].join('$');
    },
    async verify(password, encoded) {
      const parts = encoded.split('$');
      if (parts.length !== 4 || parts[0] !== 'pbkdf2-sha256') return false;
      const rounds = Number(parts[1]);
      const salt = fromBase64(parts[2]!);
      const expected = fromBase64(parts[3]!);
      if (!(Number.isInteger(rounds) && rounds >= 1 && rounds <= 10_000_000) || !salt || !expected || expected.length < 16) return false;
      const key = await derive(password, salt, rounds);
      let difference = key.length ^ expected.length;
      for (let i = 0; i < Math.min(key.length, expected.length); i++) difference |= key[i]! ^ expected[i]!;
      return difference === 0;
    },
  };
}

/**
 * A hash of a random password nobody knows, made once per hasher: an unknown username is checked against it, so
 * the reply takes as long as for a known one and does not tell which usernames exist.
 */
export function dummyHashOf(hasher: Ak1PasswordHasher): Promise<string> {
  let made = dummies.get(hasher);
  if (!made) {
    made = hasher.hash(toBase64(crypto.getRandomValues(new Uint8Array(18))));
    dummies.set(hasher, made);
    // A failure (a busy hasher) is not kept: the next login makes it again.
    made.catch(() => dummies.delete(hasher));
  }
  return made;
}

const dummies = new WeakMap<Ak1PasswordHasher, Promise<string>>();

function validParameters(logN: number, r: number, p: number): boolean {
  const whole = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max;
  return whole(logN, MAX_LOG_N) && whole(r, MAX_R) && whole(p, MAX_P);
}

/** Runs one task at a time; refuses a task when `maxWaiting` already wait. */
function createQueue(maxWaiting: number): { run<T>(task: () => Promise<T>): Promise<T> } {
  let tail: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  return {
    run(task) {
      if (waiting > maxWaiting) return Promise.reject(new Ak1HasherBusyError());
      waiting++;
      const result = tail.then(task).finally(() => waiting--);
      tail = result.catch(() => {});
      return result;
    },
  };
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
