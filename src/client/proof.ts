/*
 * The proof of work a district may require before a registration (ALTCHA v1: find n ≤ maxnumber with
 * SHA-256(salt + n) = challenge). Solved here so that SDK users and <ak1-form> need no code. WebCrypto's
 * digest runs outside the page's JavaScript and resolves as a task, so a loop of batches keeps the page
 * responsive without a worker (a worker would need a script URL, which the strict CSP of docs/component.md
 * does not grant to blob: and the script-tag bundle does not have). Where the page has no WebCrypto (plain
 * http:// on an address other than localhost), a small SHA-256 runs in slices of a few milliseconds.
 */

/** ALTCHA's challenge, as `GET {endpoint}/challenge` answers it. */
export interface Ak1ProofChallenge {
  algorithm: 'SHA-256';
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

/** The most work the client accepts to do: a backend asking more is misconfigured (minutes on a phone). */
const MAX_NUMBER = 10_000_000;
/** Digests asked of WebCrypto at once: enough to keep it busy, few enough to stop soon after an abort. */
const BATCH = 256;
/** The main thread's share per slice of the fallback, in milliseconds. */
const SLICE_MS = 8;

/** The challenge in a `200` reply's JSON, or `undefined` when it is not one this client can solve. */
export function parseChallenge(value: unknown): Ak1ProofChallenge | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as Record<string, unknown>;
  const ok =
    c.algorithm === 'SHA-256' &&
    typeof c.challenge === 'string' &&
    /^[0-9a-f]{64}$/.test(c.challenge) &&
    typeof c.maxnumber === 'number' &&
    Number.isInteger(c.maxnumber) &&
    c.maxnumber >= 0 &&
    c.maxnumber <= MAX_NUMBER &&
    typeof c.salt === 'string' &&
    c.salt.length <= 512 &&
    typeof c.signature === 'string' &&
    c.signature.length <= 512;
  return ok ? (c as unknown as Ak1ProofChallenge) : undefined;
}

/**
 * Solves a challenge and returns the `Ak1-Proof` header's value (base64 of ALTCHA's JSON payload), or
 * `undefined` when no number up to `maxnumber` solves it. Rejects with the signal's reason on abort.
 */
export async function solveProof(challenge: Ak1ProofChallenge, signal?: AbortSignal): Promise<string | undefined> {
  const started = Date.now();
  const target = hexBytes(challenge.challenge);
  const subtle = globalThis.crypto?.subtle;
  const number = subtle
    ? await searchWithWebCrypto(subtle, challenge.salt, target, challenge.maxnumber, signal)
    : await searchInSlices(challenge.salt, target, challenge.maxnumber, signal);
  if (number === undefined) return undefined;
  const payload = {
    algorithm: challenge.algorithm,
    challenge: challenge.challenge,
    number,
    salt: challenge.salt,
    signature: challenge.signature,
    took: Date.now() - started,
  };
  // The payload is ASCII (hex, digits and the salt's URL parameters), so btoa takes it as it is.
  return btoa(JSON.stringify(payload));
}

async function searchWithWebCrypto(
  subtle: SubtleCrypto,
  salt: string,
  target: Uint8Array,
  max: number,
  signal: AbortSignal | undefined,
): Promise<number | undefined> {
  const encoder = new TextEncoder();
  for (let start = 0; start <= max; start += BATCH) {
    signal?.throwIfAborted();
    const end = Math.min(max, start + BATCH - 1);
    const digests = await Promise.all(
      Array.from({ length: end - start + 1 }, (_, i) => subtle.digest('SHA-256', encoder.encode(salt + (start + i)))),
    );
    const found = digests.findIndex((digest) => equalBytes(new Uint8Array(digest), target));
    if (found >= 0) return start + found;
  }
  return undefined;
}

async function searchInSlices(salt: string, target: Uint8Array, max: number, signal: AbortSignal | undefined): Promise<number | undefined> {
  const encoder = new TextEncoder();
  let n = 0;
  while (n <= max) {
    signal?.throwIfAborted();
    const until = Date.now() + SLICE_MS;
    do {
      if (equalBytes(sha256(encoder.encode(salt + n)), target)) return n;
      n++;
    } while (n <= max && ((n & 63) !== 0 || Date.now() < until));
    // Give the page its turn (input, rendering) before the next slice.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return undefined;
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const K = Uint32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 (FIPS 180-4) of a short message, for pages without WebCrypto. */
export function sha256(message: Uint8Array): Uint8Array {
  const length = message.length;
  const blocks = Math.ceil((length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(message);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 4, length * 8);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  const h = Uint32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block * 64 + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15]!, 7) ^ rotr(w[i - 15]!, 18) ^ (w[i - 15]! >>> 3);
      const s1 = rotr(w[i - 2]!, 17) ^ rotr(w[i - 2]!, 19) ^ (w[i - 2]! >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as unknown as number[];
    for (let i = 0; i < 64; i++) {
      const t1 = (hh! + (rotr(e!, 6) ^ rotr(e!, 11) ^ rotr(e!, 25)) + ((e! & f!) ^ (~e! & g!)) + K[i]! + w[i]!) | 0;
      const t2 = ((rotr(a!, 2) ^ rotr(a!, 13) ^ rotr(a!, 22)) + ((a! & b!) ^ (a! & c!) ^ (b! & c!))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d! + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0]! += a!;
    h[1]! += b!;
    h[2]! += c!;
    h[3]! += d!;
    h[4]! += e!;
    h[5]! += f!;
    h[6]! += g!;
    h[7]! += hh!;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  h.forEach((word, i) => outView.setUint32(i * 4, word));
  return out;
}
