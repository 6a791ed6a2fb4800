import { nodeBuiltin } from './node-builtins.js';
import { generateSigningKey, signingKeyId, type Ak1Jwk } from './tokens.js';

/*
 * The signing-key file (`.data/signing-key.jwk`): the key that signs new cards' tokens, and the earlier keys
 * that still verify the cards they signed. A file written by ak1-form 0.1 holds one private JWK: it is read
 * as a ring whose only key signs, and is rewritten as a ring only by `keys rotate`. Printed cards carry
 * tokens, so a key leaves the file only when no unexpired card needs it (`keys retire`).
 */

/** One key of the file. */
export interface Ak1KeyRingEntry {
  /** The key's RFC 7638 thumbprint: the `kid` of its tokens and of `GET …/keys`. */
  kid: string;
  /** When `keys rotate` made it; absent for a key from a 0.1 file. */
  createdAt?: string;
  /** When a newer key took over signing; absent for the signing key. */
  replacedAt?: string;
  /** The private Ed25519 JWK (`kty`, `crv`, `d`, `x`). */
  jwk: Ak1Jwk;
}

/** The file's content: `keys[0]` signs, every key verifies. */
export interface Ak1KeyRing {
  ak1SigningKeys: 1;
  keys: Ak1KeyRingEntry[];
}

/** The signing key of a key file's parsed content, in either format (a ring, or one JWK). */
export function signingKeyOf(content: unknown): Ak1Jwk {
  return isRing(content) ? content.keys[0]!.jwk : (content as Ak1Jwk);
}

function isRing(content: unknown): content is Ak1KeyRing {
  const ring = content as Partial<Ak1KeyRing> | null;
  return typeof ring === 'object' && ring !== null && ring.ak1SigningKeys === 1 && Array.isArray(ring.keys) && ring.keys.length > 0;
}

/** The key file as a ring (a 0.1 file as a ring of one), or undefined when there is no file. */
export async function readKeyRing(path: string): Promise<Ak1KeyRing | undefined> {
  const fs = nodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises', 'readKeyRing');
  let content: unknown;
  try {
    content = JSON.parse(await fs.readFile(path, 'utf8'));
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
  if (isRing(content)) return content;
  const jwk = content as Ak1Jwk;
  if (typeof jwk?.x !== 'string' || typeof jwk.d !== 'string') throw new TypeError(`${path} holds no Ed25519 signing key`);
  return { ak1SigningKeys: 1, keys: [{ kid: await signingKeyId(jwk.x), jwk }] };
}

/**
 * The handler's `signingKey` and `verificationKeys` from the key file at `path`, which is made (with one new
 * key, as `loadOrCreateSigningKey` makes it) when it does not exist.
 */
export async function loadOrCreateSigningKeys(path: string): Promise<{ signingKey: Ak1Jwk; verificationKeys: Ak1Jwk[] }> {
  let ring = await readKeyRing(path);
  if (!ring) {
    const { loadOrCreateSigningKey } = await import('./node.js');
    await loadOrCreateSigningKey(path);
    ring = (await readKeyRing(path))!;
  }
  const [signing, ...earlier] = ring.keys;
  return { signingKey: signing!.jwk, verificationKeys: earlier.map((entry) => publicHalf(entry.jwk)) };
}

/** A new signing key in front of the ring; the one before keeps verifying. Returns the new ring. */
export async function rotateSigningKey(path: string, now = new Date()): Promise<Ak1KeyRing> {
  const { loadOrCreateSigningKey } = await import('./node.js');
  await loadOrCreateSigningKey(path);
  const ring = (await readKeyRing(path))!;
  const jwk = await generateSigningKey();
  const at = now.toISOString();
  const next: Ak1KeyRing = {
    ak1SigningKeys: 1,
    keys: [{ kid: await signingKeyId(jwk.x!), createdAt: at, jwk }, ...ring.keys.map((entry, i) => (i === 0 ? { ...entry, replacedAt: at } : entry))],
  };
  await writeKeyRing(path, next);
  return next;
}

/** The ring without `kid`. The signing key cannot be dropped (rotate first). Returns the new ring. */
export async function dropSigningKey(path: string, kid: string): Promise<Ak1KeyRing> {
  const ring = await readKeyRing(path);
  const index = ring?.keys.findIndex((entry) => entry.kid === kid) ?? -1;
  if (!ring || index < 0) throw new Error(`No key ${kid} in ${path}`);
  if (index === 0) throw new Error(`${kid} signs new cards: run "keys rotate" first`);
  const next: Ak1KeyRing = { ak1SigningKeys: 1, keys: ring.keys.filter((entry) => entry.kid !== kid) };
  await writeKeyRing(path, next);
  return next;
}

/** Replaces the file at once (a new file renamed over it), readable by its owner only. */
async function writeKeyRing(path: string, ring: Ak1KeyRing): Promise<void> {
  const fs = nodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises', 'writeKeyRing');
  const temporary = `${path}.${crypto.randomUUID()}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(ring, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.unlink(temporary).catch(() => {});
    throw error;
  }
}

function publicHalf(jwk: Ak1Jwk): Ak1Jwk {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x } as Ak1Jwk;
}
