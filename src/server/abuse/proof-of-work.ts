import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';

/*
 * The proof of work a district may require before a seat is held: ALTCHA's v1 scheme through altcha-lib
 * (WebCrypto only, so it runs wherever the handler does). A challenge is `SHA-256(salt + n)` for a secret
 * n ≤ maxnumber, signed with this server's HMAC key; the browser finds n by trying them. The salt carries the
 * expiry, so the signature covers it. Spent proofs are remembered until they expire, in this process.
 */

export interface Ak1ProofOfWorkOptions {
  /**
   * The secret that signs challenges. Default: a random one made for this process (a challenge lives minutes,
   * so a restart costs at most a new one). Processes behind one balancer must share one.
   */
  hmacKey?: string;
  /** The largest secret number: a browser tries half this many SHA-256 hashes on average. Default 50 000. */
  maxNumber?: number;
  /** How long a challenge may be solved and used, in seconds. Default 600. */
  expiresInSeconds?: number;
}

export const DEFAULT_PROOF_MAX_NUMBER = 50_000;
const DEFAULT_EXPIRES_SECONDS = 600;
/** A challenge harder than this takes a cheap phone minutes: a district's mistake, refused at start-up. */
const MAX_MAX_NUMBER = 10_000_000;

/** ALTCHA's challenge: what `GET {endpoint}/challenge` answers. */
export interface Ak1Challenge {
  algorithm: 'SHA-256';
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

export type ProofCheck = 'valid' | 'missing' | 'invalid' | 'spent';

export interface ProofOfWork {
  challenge(now: Date): Promise<Ak1Challenge>;
  /** Checks an `Ak1-Proof` header; a valid one is held, so no other request can use it meanwhile. */
  check(header: string | null, now: Date): Promise<{ result: ProofCheck; release(spent: boolean): void }>;
}

export function createProofOfWork(options: Ak1ProofOfWorkOptions): ProofOfWork {
  const maxNumber = options.maxNumber ?? DEFAULT_PROOF_MAX_NUMBER;
  if (!Number.isInteger(maxNumber) || maxNumber < 1 || maxNumber > MAX_MAX_NUMBER) {
    throw new TypeError(`createAk1Handler: proofOfWork.maxNumber must be a whole number from 1 to ${MAX_MAX_NUMBER}`);
  }
  const expiresInSeconds = options.expiresInSeconds ?? DEFAULT_EXPIRES_SECONDS;
  if (!(expiresInSeconds > 0)) throw new TypeError('createAk1Handler: proofOfWork.expiresInSeconds must be positive');
  if (options.hmacKey !== undefined && (typeof options.hmacKey !== 'string' || options.hmacKey.length < 16)) {
    throw new TypeError('createAk1Handler: proofOfWork.hmacKey must be a secret of at least 16 characters');
  }
  const hmacKey = options.hmacKey ?? randomKey();
  /** Signatures of proofs in use or spent → when they expire (epoch ms). */
  const used = new Map<string, number>();

  function forgetExpired(nowMs: number) {
    for (const [signature, expires] of used) if (expires < nowMs) used.delete(signature);
  }

  return {
    async challenge(now) {
      const challenge = await createChallenge({
        hmacKey,
        maxnumber: maxNumber,
        expires: new Date(now.getTime() + expiresInSeconds * 1000),
      });
      return { algorithm: 'SHA-256', challenge: challenge.challenge, maxnumber: maxNumber, salt: challenge.salt, signature: challenge.signature };
    },
    async check(header, now) {
      const none = { release: () => {} };
      if (header === null || header.trim() === '') return { result: 'missing', ...none };
      const payload = decode(header);
      if (!payload) return { result: 'invalid', ...none };
      const expires = Number(extractParams(payload).expires) * 1000;
      if (!Number.isFinite(expires) || expires < now.getTime()) return { result: 'invalid', ...none };
      // Expiry is ours to judge (the handler's clock); the library checks the hash and the signature.
      if (!(await verifySolution(payload, hmacKey, false))) return { result: 'invalid', ...none };
      forgetExpired(now.getTime());
      if (used.has(payload.signature)) return { result: 'spent', ...none };
      used.set(payload.signature, expires);
      return {
        result: 'valid',
        release(spent) {
          if (!spent) used.delete(payload.signature);
        },
      };
    },
  };
}

interface Payload {
  algorithm: 'SHA-256';
  challenge: string;
  number: number;
  salt: string;
  signature: string;
}

/** Base64 of ALTCHA's JSON payload, checked for shape before the library sees it; `number` a whole number. */
function decode(header: string): Payload | undefined {
  if (header.length > 2048) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(atob(header.trim()));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const p = value as Record<string, unknown>;
  const ok =
    p.algorithm === 'SHA-256' &&
    typeof p.challenge === 'string' &&
    /^[0-9a-f]{64}$/.test(p.challenge) &&
    typeof p.number === 'number' &&
    Number.isSafeInteger(p.number) &&
    p.number >= 0 &&
    typeof p.salt === 'string' &&
    p.salt.length <= 512 &&
    typeof p.signature === 'string' &&
    /^[0-9a-f]{64}$/.test(p.signature);
  return ok ? { algorithm: 'SHA-256', challenge: p.challenge as string, number: p.number as number, salt: p.salt as string, signature: p.signature as string } : undefined;
}

function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
