import { sha256Hex } from '../http.js';
import type { Ak1OfficerStore, Ak1StoredSession } from '../store.js';

/*
 * Officers' sessions (design.md, "The office"): a bearer token of 256 random bits, sent as `Authorization: Bearer`
 * (no cookies, so no CSRF, and it works from an intranet page on another origin). The store keeps only its SHA-256,
 * so a copy of the database logs nobody in. A session lasts 8 hours at most and ends after 30 minutes without a
 * request; each use moves its idle deadline, written at most once a minute so a busy counter does not write to the
 * database on every request.
 */

export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** A session's last use is written when it is older than this. */
export const SESSION_TOUCH_MS = 60 * 1000;

/** A token as the login hands it out: 32 bytes, base64url without padding. */
export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new session for an officer, stored as its token's hash; the token itself is returned once, to the login. */
export async function startSession(
  officers: Ak1OfficerStore,
  officerId: string,
  now: Date,
): Promise<{ token: string; session: Ak1StoredSession }> {
  const token = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const at = now.toISOString();
  const session: Ak1StoredSession = {
    tokenHash: await sha256Hex(token),
    officerId,
    createdAt: at,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
    lastSeenAt: at,
  };
  await officers.createSession(session);
  return { token, session };
}

/**
 * The live session a token names, its use recorded; `undefined` for a token that is not one, unknown, past its
 * 8 hours or idle for 30 minutes (an ended session is deleted on the way).
 */
export async function resumeSession(officers: Ak1OfficerStore, token: string, now: Date): Promise<Ak1StoredSession | undefined> {
  if (!SESSION_TOKEN_PATTERN.test(token)) return undefined;
  const tokenHash = await sha256Hex(token);
  const session = await officers.findSession(tokenHash);
  if (!session) return undefined;
  const at = now.getTime();
  const lastSeen = Date.parse(session.lastSeenAt);
  if (!(at < Date.parse(session.expiresAt) && at < lastSeen + SESSION_IDLE_MS)) {
    await officers.deleteSession(tokenHash);
    return undefined;
  }
  if (at - lastSeen >= SESSION_TOUCH_MS) {
    const lastSeenAt = now.toISOString();
    await officers.touchSession(tokenHash, lastSeenAt);
    return { ...session, lastSeenAt };
  }
  return session;
}

/** Ends the session a token names (logout); nothing happens for an unknown token. */
export async function endSession(officers: Ak1OfficerStore, token: string): Promise<void> {
  if (SESSION_TOKEN_PATTERN.test(token)) await officers.deleteSession(await sha256Hex(token));
}

/** The token of an `Authorization: Bearer …` header, or `undefined`. */
export function bearerTokenOf(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  return header ? /^Bearer +(\S+) *$/i.exec(header)?.[1] : undefined;
}

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
