import { hasForbiddenCharacter } from '../../schema/characters.js';
import { LIMITS } from '../../schema/limits.js';
import { OFFICER_ROLES, type Ak1OfficerRole } from '../../schema/lifecycle.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, NIP_PATTERN, OFFICER_USERNAME_PATTERN, type Ak1Officer } from '../../schema/office.js';
import type { Ak1Store, Ak1StoredOfficer } from '../store.js';
import { publicOfficer } from './auth.js';
import type { Ak1PasswordHasher } from './passwords.js';
import { base32Decode, generateTotpSecret, otpauthUri } from './totp.js';

/*
 * Officers' accounts, as the `officer` command, the demo and the mocks make them. Accounts are made with a
 * one-time password that the officer changes at the first login; an admin also gets a TOTP secret (design.md,
 * "The office"). Nothing here prints or logs: the caller shows the one-time password once, to whoever creates
 * the account.
 */

export interface Ak1NewOfficer {
  username: string;
  name: string;
  /** 18 digits. */
  nip?: string;
  roles: readonly Ak1OfficerRole[];
  /**
   * A password chosen already (the demo's `AK1_DEMO_OFFICERS`, the mocks): stored as changed, and no one-time
   * password is made. Default: a one-time password, to be changed at the first login.
   */
  password?: string;
  /**
   * A TOTP secret (base32) to use instead of a new one (fixed demo or test accounts). Given for an officer who is
   * not an admin, it turns the second factor on for them too.
   */
  totpSecret?: string;
  /** The name authenticator apps show beside the code. Default `AK1`. */
  issuer?: string;
  /** The clock, for `createdAt`. */
  now?: Date;
}

export interface Ak1NewOfficerResult {
  officer: Ak1Officer;
  /** The one-time password (absent when `password` was given): shown once, never stored. */
  oneTimePassword?: string;
  /** For admins (and officers given a `totpSecret`): the second factor's secret and its `otpauth://` URI. */
  totpSecret?: string;
  otpauthUri?: string;
}

/** Why an account command was refused; `code` for scripts, `message` for people. */
export class Ak1AccountError extends Error {
  constructor(
    readonly code: 'invalid-username' | 'invalid-name' | 'invalid-nip' | 'invalid-roles' | 'invalid-password' | 'invalid-totp-secret' | 'username-taken' | 'not-found',
    message: string,
  ) {
    super(message);
    this.name = 'Ak1AccountError';
  }
}

/** Letters and digits nobody misreads on a slip of paper: no 0/O/o, 1/l/I. */
const ONE_TIME_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
export const ONE_TIME_PASSWORD_LENGTH = 16;

/** A new one-time password: 16 characters from an unambiguous alphabet (about 92 bits). */
export function generateOneTimePassword(): string {
  let out = '';
  // 256 − 256 % 55: bytes above it are drawn again, so every character is equally likely.
  const limit = 256 - (256 % ONE_TIME_ALPHABET.length);
  while (out.length < ONE_TIME_PASSWORD_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
      if (byte < limit && out.length < ONE_TIME_PASSWORD_LENGTH) out += ONE_TIME_ALPHABET[byte % ONE_TIME_ALPHABET.length];
    }
  }
  return out;
}

type Officers = Pick<Ak1Store, 'officers'>;

/**
 * Makes an account: `{ officer, oneTimePassword }`, and for an admin `totpSecret` and `otpauthUri` too. Throws
 * `Ak1AccountError` for a username, name, NIP or roles that are not valid, or a username that is taken.
 */
export async function addOfficer(store: Officers, hasher: Ak1PasswordHasher, input: Ak1NewOfficer): Promise<Ak1NewOfficerResult> {
  const username = normaliseUsername(input.username);
  if (!OFFICER_USERNAME_PATTERN.test(username)) {
    throw new Ak1AccountError('invalid-username', 'A username is 2 to 40 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit');
  }
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name || name.length > LIMITS.nameLength || hasForbiddenCharacter(name)) {
    throw new Ak1AccountError('invalid-name', `A name is 1 to ${LIMITS.nameLength} characters`);
  }
  const nip = input.nip?.replace(/\s/g, '') || undefined;
  if (nip !== undefined && !NIP_PATTERN.test(nip)) throw new Ak1AccountError('invalid-nip', 'An NIP is 18 digits');
  const roles = [...new Set(input.roles)];
  if (!roles.length || !roles.every((role) => (OFFICER_ROLES as readonly string[]).includes(role))) {
    throw new Ak1AccountError('invalid-roles', `Give one or more roles of: ${OFFICER_ROLES.join(', ')}`);
  }
  roles.sort((a, b) => OFFICER_ROLES.indexOf(a) - OFFICER_ROLES.indexOf(b));
  if (input.password !== undefined) assertPasswordRules(input.password, username);
  // Admins always get one; another officer gets one only when it is given (and then needs its codes too).
  const totpSecret =
    input.totpSecret !== undefined ? checkedSecret(input.totpSecret) : roles.includes('admin') ? generateTotpSecret() : undefined;
  const oneTimePassword = input.password === undefined ? generateOneTimePassword() : undefined;
  const stored: Ak1StoredOfficer = {
    id: crypto.randomUUID(),
    username,
    name,
    ...(nip ? { nip } : {}),
    roles,
    passwordHash: await hasher.hash(input.password ?? oneTimePassword!),
    passwordChangeRequired: oneTimePassword !== undefined,
    ...(totpSecret ? { totpSecret } : {}),
    disabled: false,
    createdAt: (input.now ?? new Date()).toISOString(),
  };
  if ((await store.officers.add(stored)) === 'username-taken') {
    throw new Ak1AccountError('username-taken', `The username ${username} is taken`);
  }
  return {
    officer: publicOfficer(stored),
    ...(oneTimePassword ? { oneTimePassword } : {}),
    ...(totpSecret ? { totpSecret, otpauthUri: otpauthUri({ secret: totpSecret, account: username, issuer: input.issuer ?? DEFAULT_ISSUER }) } : {}),
  };
}

const DEFAULT_ISSUER = 'AK1';

/** A new one-time password for an officer, to be changed at the next login; their sessions end. */
export async function resetPassword(store: Officers, hasher: Ak1PasswordHasher, username: string): Promise<{ officer: Ak1Officer; oneTimePassword: string }> {
  const officer = await find(store, username);
  const oneTimePassword = generateOneTimePassword();
  await store.officers.update(officer.id, { passwordHash: await hasher.hash(oneTimePassword), passwordChangeRequired: true });
  await store.officers.deleteSessionsOf(officer.id);
  return { officer: publicOfficer(officer), oneTimePassword };
}

/**
 * A new TOTP secret for an officer (a lost phone; or a second factor for an officer who is not an admin); their
 * sessions end, and the next login needs a code from the new secret.
 */
export async function resetTotp(
  store: Officers,
  username: string,
  options: { issuer?: string; totpSecret?: string } = {},
): Promise<{ officer: Ak1Officer; totpSecret: string; otpauthUri: string }> {
  const officer = await find(store, username);
  const totpSecret = options.totpSecret === undefined ? generateTotpSecret() : checkedSecret(options.totpSecret);
  await store.officers.update(officer.id, { totpSecret });
  await store.officers.deleteSessionsOf(officer.id);
  return {
    officer: publicOfficer(officer),
    totpSecret,
    otpauthUri: otpauthUri({ secret: totpSecret, account: officer.username, issuer: options.issuer ?? DEFAULT_ISSUER }),
  };
}

/** Disables an account: it can no longer log in, and its sessions end at once. The history keeps its name. */
export async function disableOfficer(store: Officers, username: string): Promise<Ak1Officer> {
  const officer = await find(store, username);
  await store.officers.update(officer.id, { disabled: true });
  await store.officers.deleteSessionsOf(officer.id);
  return publicOfficer(officer);
}

/** Lets a disabled account log in again (with the password it had; `resetPassword` for a new one). */
export async function enableOfficer(store: Officers, username: string): Promise<Ak1Officer> {
  const officer = await find(store, username);
  await store.officers.update(officer.id, { disabled: false });
  return publicOfficer(officer);
}

/** An account as listings show it: never the password's hash or the TOTP secret. */
export interface Ak1OfficerListing extends Ak1Officer {
  disabled: boolean;
  passwordChangeRequired: boolean;
  secondFactor: boolean;
  createdAt: string;
}

export async function listOfficers(store: Officers): Promise<Ak1OfficerListing[]> {
  return (await store.officers.list())
    .map((officer) => ({
      ...publicOfficer(officer),
      disabled: officer.disabled,
      passwordChangeRequired: officer.passwordChangeRequired,
      secondFactor: officer.totpSecret !== undefined,
      createdAt: officer.createdAt,
    }))
    .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}

/** Why a new password is refused: `too-short`, `too-long`, `username` (it is the username), or `undefined`. */
export function passwordRuleBroken(password: string, username: string): 'too-short' | 'too-long' | 'username' | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too-short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too-long';
  if (password.trim().toLowerCase() === username.toLowerCase()) return 'username';
  return undefined;
}

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

function assertPasswordRules(password: string, username: string): void {
  const broken = passwordRuleBroken(password, username);
  if (broken) throw new Ak1AccountError('invalid-password', `A password has at least ${MIN_PASSWORD_LENGTH} characters and is not the username (${broken})`);
}

function checkedSecret(secret: string): string {
  const bytes = base32Decode(secret);
  if (!bytes || bytes.length < 10) throw new Ak1AccountError('invalid-totp-secret', 'A TOTP secret is base32, at least 16 characters');
  return secret.replace(/[\s=]/g, '').toUpperCase();
}

async function find(store: Officers, username: string): Promise<Ak1StoredOfficer> {
  const officer = await store.officers.findByUsername(normaliseUsername(username));
  if (!officer) throw new Ak1AccountError('not-found', `No officer has the username ${normaliseUsername(username)}`);
  return officer;
}
