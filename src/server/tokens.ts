import { isTokenShaped } from '../schema/index.js';

/*
 * Verification tokens: a compact JWS signed with Ed25519 (`{"alg":"EdDSA","kid":…}`) over
 * `{"sub":<opaque registration id>,"iat":<seconds>}`. No NIK and no name inside, so a QR code photographed
 * off a card tells nobody anything without the district's server. A token is accepted only in exactly the
 * encoding this module writes: the same JSON bytes, unpadded base64url with zero spare bits; any other
 * spelling of the same content is refused, so every card has one token and one verification URL.
 * WebCrypto only (Node 20, browsers, workers), so the msw mocks can sign in the browser.
 */

/**
 * A JSON Web Key: the members of WebCrypto's `Ak1Jwk` these keys use. Declared here, as is
 * {@link Ak1KeyPair}, because the DOM lib's types are missing from a Node-only TypeScript project
 * (`lib: ["ES2022"]`, `types: ["node"]`), where the server's declarations must compile too.
 */
export interface Ak1Jwk {
  kty?: string;
  crv?: string;
  x?: string;
  d?: string;
  kid?: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
  ext?: boolean;
}

/** A WebCrypto key pair: the DOM's `CryptoKeyPair` and node:crypto's `webcrypto.CryptoKeyPair` both fit. */
export interface Ak1KeyPair {
  privateKey: { readonly type: string; readonly algorithm: { readonly name: string } };
  publicKey: { readonly type: string; readonly algorithm: { readonly name: string } };
}

/** A private Ed25519 key as a JWK (`kty` `OKP`, `crv` `Ed25519`, `d` and `x`), or a WebCrypto key pair. */
export type Ak1SigningKey = Ak1Jwk | Ak1KeyPair;

/** A public key as `GET …/keys` publishes it. */
export interface Ak1PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export interface TokenClaims {
  /** The registration's opaque id. */
  sub: string;
  /** Issued at, in whole seconds since 1970. */
  iat: number;
}

export interface TokenSigner {
  /** The key that signs new tokens. */
  readonly publicJwk: Ak1PublicJwk;
  /** Every key that verifies: the signing key first, then the earlier ones still kept for older cards. */
  readonly publicJwks: readonly Ak1PublicJwk[];
  sign(claims: TokenClaims): Promise<string>;
  /** The claims of a valid token in its canonical encoding, else `undefined`. Never throws. */
  verify(token: string): Promise<TokenClaims | undefined>;
  /**
   * An applicant's bearer token for `{endpoint}/self/…` (30 minutes after a lookup). Its header names the type
   * `ak1-self`, so it is never taken for a card's verification token, nor a card's token (printed, public) for it.
   */
  signSelf(claims: SelfTokenClaims): Promise<string>;
  /** The claims of a valid, canonical self-service token (expiry not checked here), else `undefined`. Never throws. */
  verifySelf(token: string): Promise<SelfTokenClaims | undefined>;
}

export interface SelfTokenClaims {
  /** The registration's opaque id. */
  sub: string;
  /** Expires at, in whole seconds since 1970. */
  exp: number;
  /** The first 16 hex digits of the access code's hash when the token was made: a reissued code ends the token. */
  ach: string;
}

const ED25519 = { name: 'Ed25519' } as const;
/** Registration ids are 16 random bytes in base64url. */
const ID = /^[A-Za-z0-9_-]{22}$/;

/** A new random registration id: 128 bits, base64url, not derived from anything about the applicant. */
export function newRegistrationId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** A new Ed25519 key pair, its private half as a JWK to keep (in an environment variable or a key file). */
export async function generateSigningKey(): Promise<Ak1Jwk> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const { kty, crv, d, x } = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { kty, crv, d, x } as Ak1Jwk;
}

interface NodeCryptoSigning {
  KeyObject: { from(key: CryptoKey): unknown };
  sign(algorithm: null, data: Uint8Array, key: unknown): Uint8Array;
}

/**
 * Signs with `privateKey`. In Node at once through node:crypto: WebCrypto's sign is a job on the thread pool whose
 * round trip cost each registration more than the signature itself (docs/performance.md). Ed25519 signatures are
 * deterministic, so the bytes are the same either way; elsewhere (browsers, workers, the msw mocks) WebCrypto.
 */
function signerOf(privateKey: CryptoKey): (data: Uint8Array<ArrayBuffer>) => Promise<Uint8Array> {
  const node = (globalThis as { process?: { getBuiltinModule?(id: string): unknown } }).process?.getBuiltinModule?.('node:crypto') as
    | NodeCryptoSigning
    | undefined;
  if (node) {
    const key = node.KeyObject.from(privateKey);
    return async (data) => new Uint8Array(node.sign(null, data, key));
  }
  return async (data) => new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, data));
}

/**
 * Imports the key (or makes a throwaway one when there is none) and proves it can sign what its public half
 * verifies: a JWK whose `x` does not belong to its `d` would issue tokens nobody can check. `verificationKeys`
 * are earlier keys (public or private JWKs) whose tokens still verify after a rotation; they never sign.
 */
export async function createTokenSigner(
  key: Ak1SigningKey | undefined,
  verificationKeys: readonly Ak1Jwk[] = [],
): Promise<TokenSigner> {
  const { privateKey, publicKey } = await importPair(key);
  const active = await verifierOf(publicKey);

  const probe = new TextEncoder().encode('ak1-form key check');
  const probeSignature = await crypto.subtle.sign(ED25519, privateKey, probe);
  if (!(await crypto.subtle.verify(ED25519, publicKey, probeSignature, probe))) {
    throw new TypeError('signingKey: x is not the public key of d');
  }

  const signBytes = signerOf(privateKey);
  const others = await Promise.all(verificationKeys.map(async (jwk) => verifierOf(await importPublic(jwk))));
  // A token names its key in its header; each key's header is spelled one way only, as `sign` spells it.
  const byHeader = new Map<string, CryptoKey>();
  for (const verifier of [active, ...others]) if (!byHeader.has(verifier.header)) byHeader.set(verifier.header, verifier.key);
  const publicJwks = [active, ...others]
    .map((verifier) => verifier.jwk)
    .filter((jwk, i, all) => all.findIndex((other) => other.kid === jwk.kid) === i);

  return {
    publicJwk: active.jwk,
    publicJwks,
    async sign({ sub, iat }) {
      const signingInput = `${active.header}.${encodeJson({ sub, iat })}`;
      return `${signingInput}.${base64url(await signBytes(new TextEncoder().encode(signingInput)))}`;
    },
    async signSelf({ sub, exp, ach }) {
      const signingInput = `${active.selfHeader}.${encodeJson({ sub, exp, ach })}`;
      return `${signingInput}.${base64url(await signBytes(new TextEncoder().encode(signingInput)))}`;
    },
    async verifySelf(token) {
      try {
        if (token.length > 1024) return undefined;
        const [headerPart, payloadPart, signaturePart, extra] = token.split('.');
        // Only the key that signs now: self-service tokens live 30 minutes, so none survives a key rotation anyway.
        if (headerPart !== active.selfHeader || !payloadPart || !signaturePart || extra !== undefined) return undefined;
        const payload: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(payloadPart)));
        const { sub, exp, ach } = (payload ?? {}) as Record<string, unknown>;
        if (typeof sub !== 'string' || !ID.test(sub) || !Number.isSafeInteger(exp) || typeof ach !== 'string' || !/^[0-9a-f]{16}$/.test(ach)) {
          return undefined;
        }
        const claims: SelfTokenClaims = { sub, exp: exp as number, ach };
        if (encodeJson(claims) !== payloadPart) return undefined;
        const signature = fromBase64url(signaturePart);
        if (signature.length !== 64 || base64url(signature) !== signaturePart) return undefined;
        const valid = await crypto.subtle.verify(ED25519, active.key, signature, new TextEncoder().encode(`${headerPart}.${payloadPart}`));
        return valid ? claims : undefined;
      } catch {
        return undefined;
      }
    },
    async verify(token) {
      try {
        const headerPart = token.split('.', 1)[0] ?? '';
        const verifyingKey = byHeader.get(headerPart);
        if (!verifyingKey) return undefined;
        const claims = readCanonical(token, headerPart);
        if (!claims) return undefined;
        const [, payloadPart, signaturePart] = token.split('.') as [string, string, string];
        const valid = await crypto.subtle.verify(
          ED25519,
          verifyingKey,
          fromBase64url(signaturePart),
          new TextEncoder().encode(`${headerPart}.${payloadPart}`),
        );
        return valid ? claims : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

interface Verifier {
  key: CryptoKey;
  jwk: Ak1PublicJwk;
  /** The token header this key signs under. */
  header: string;
  /** The header of the applicant's self-service tokens this key signs. */
  selfHeader: string;
}

async function verifierOf(publicKey: CryptoKey): Promise<Verifier> {
  const jwk = await crypto.subtle.exportKey('jwk', publicKey);
  if (typeof jwk.x !== 'string') throw new TypeError('signingKey: the public key has no x');
  const kid = await signingKeyId(jwk.x);
  return { key: publicKey, jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' }, header: encodeJson({ alg: 'EdDSA', kid }), selfHeader: encodeJson({ alg: 'EdDSA', kid, typ: 'ak1-self' }) };
}

async function importPublic(jwk: Ak1Jwk): Promise<CryptoKey> {
  if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new TypeError('verificationKeys must be Ed25519 JWKs ({ kty: "OKP", crv: "Ed25519", x })');
  }
  return crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, ED25519, true, ['verify']);
}

/** The `kid` of a token's header, without checking anything else; undefined for anything that is not one. */
export function tokenKeyId(token: string): string | undefined {
  try {
    const header: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(token.split('.', 1)[0] ?? '')));
    const kid = (header as { kid?: unknown } | null)?.kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The claims of `token` if it is spelled exactly as `sign` spells it: the header of our key, a payload that
 * re-encodes to the same characters, and a 64-byte signature in canonical base64url.
 */
function readCanonical(token: string, expectedHeader: string): TokenClaims | undefined {
  // The same shape test as the client's, which does not even ask about a token that fails it.
  if (!isTokenShaped(token)) return undefined;
  const [headerPart, payloadPart, signaturePart] = token.split('.') as [string, string, string];
  // A token signed by another key (or with another header spelling) is unknown to us either way.
  if (headerPart !== expectedHeader) return undefined;

  const payload: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(payloadPart)));
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { sub, iat } = payload as Record<string, unknown>;
  if (typeof sub !== 'string' || !ID.test(sub) || !Number.isSafeInteger(iat) || (iat as number) < 0) return undefined;
  const claims = { sub, iat: iat as number };
  if (encodeJson(claims) !== payloadPart) return undefined;

  const signature = fromBase64url(signaturePart);
  if (signature.length !== 64 || base64url(signature) !== signaturePart) return undefined;
  return claims;
}

/** Throws a `TypeError` at once for a key that cannot be an Ed25519 key pair, before any import is awaited. */
export function assertSigningKey(key: Ak1SigningKey | undefined): void {
  if (key === undefined || isKeyPair(key)) return;
  const jwk = key as Ak1Jwk | null;
  if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string' || typeof jwk.x !== 'string') {
    throw new TypeError('signingKey must be a private Ed25519 JWK ({ kty: "OKP", crv: "Ed25519", d, x }) or a CryptoKeyPair');
  }
}

function isKeyPair(key: Ak1SigningKey): key is Ak1KeyPair {
  return typeof key === 'object' && key !== null && 'privateKey' in key && 'publicKey' in key;
}

async function importPair(key: Ak1SigningKey | undefined): Promise<CryptoKeyPair> {
  if (key === undefined) return (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  if (isKeyPair(key)) return key as CryptoKeyPair;
  assertSigningKey(key);
  const jwk = key as Ak1Jwk & { d: string; x: string };
  const base = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
  const [privateKey, publicKey] = await Promise.all([
    crypto.subtle.importKey('jwk', { ...base, d: jwk.d }, ED25519, false, ['sign']),
    crypto.subtle.importKey('jwk', base, ED25519, true, ['verify']),
  ]);
  return { privateKey, publicKey };
}

/** RFC 7638 JWK thumbprint (SHA-256) of an Ed25519 public key (its `x`): a `kid` that names the key itself. */
export async function signingKeyId(x: string): Promise<string> {
  const members = `{"crv":"Ed25519","kty":"OKP","x":"${x}"}`;
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(members))));
}

function encodeJson(value: unknown): string {
  return base64url(new TextEncoder().encode(JSON.stringify(value)));
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Decodes unpadded base64url; throws on characters or lengths base64 cannot have. */
function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  if (text.length % 4 === 1) throw new TypeError('not base64url');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
