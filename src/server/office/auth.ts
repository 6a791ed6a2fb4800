import type { Ak1OfficerRole } from '../../schema/lifecycle.js';
import type { Ak1Officer } from '../../schema/office.js';
import { addressKey } from '../abuse/index.js';
import { addressMatcher, type AddressMatcher } from '../abuse/addresses.js';
import { createFailureWindow } from '../abuse/failures.js';
import type { RequestContext } from '../context.js';
import { problem } from '../http.js';
import type { Ak1FailureStore, Ak1StoredOfficer, Ak1StoredSession } from '../store.js';
import { dummyHashOf, type Ak1PasswordHasher } from './passwords.js';
import { bearerTokenOf, resumeSession } from './sessions.js';

/*
 * Who is asking, for every route under `{endpoint}/office/`: `authenticate` turns the bearer token into an officer
 * or into the problem to answer. The state this needs per handler (the hasher, the office's origins and networks,
 * the login throttle, the TOTP steps used) is one `OfficeControl`, made with the server's context.
 */

/** The handler's office options, as `createAk1Handler` takes them. */
export interface Ak1OfficeOptions {
  /**
   * Hashes and checks officers' passwords: `createScryptHasher()` under Node, `createWebCryptoHasher()` in a
   * browser. Without one, `POST {endpoint}/office/login` and `/office/password` answer `404`: the office half
   * of the server is off.
   */
  passwordHasher?: Ak1PasswordHasher;
  /**
   * Origins of the office's intranet pages that may call `{endpoint}/office/…` from a browser
   * (`https://intranet.disnaker.example.go.id`). `corsOrigins` does not apply to the office routes: a page on the
   * server's own origin needs no entry. Default none.
   */
  officeOrigins?: readonly string[];
  /**
   * Addresses or CIDR ranges the office routes accept requests from (`10.20.0.0/16`); any other client gets
   * `403 forbidden`. Default: any address (the routes still need a login).
   */
  officeNetworks?: readonly string[];
}

/** The office's state in one handler. */
export interface OfficeControl {
  readonly hasher: Ak1PasswordHasher | undefined;
  readonly origins: ReadonlySet<string>;
  readonly networks: AddressMatcher | undefined;
  readonly throttle: LoginThrottle;
  /** The last TOTP step each officer logged in with: a code is never taken twice. Per process. */
  readonly totpSteps: Map<string, number>;
}

const ORIGIN = /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?$/i;

/** Checks the office options; a value that cannot work throws a `TypeError` naming it. */
export function createOfficeControl(options: Ak1OfficeOptions, failures?: Ak1FailureStore): OfficeControl {
  const hasher = options.passwordHasher;
  if (hasher !== undefined && (typeof hasher.hash !== 'function' || typeof hasher.verify !== 'function')) {
    throw new TypeError('createAk1Handler: passwordHasher must have hash() and verify(), as createScryptHasher() makes');
  }
  for (const origin of options.officeOrigins ?? []) {
    if (typeof origin !== 'string' || !ORIGIN.test(origin)) {
      throw new TypeError(`createAk1Handler: officeOrigins holds ${JSON.stringify(origin)}, which is not an origin such as https://intranet.example.go.id`);
    }
  }
  // Made now, in the background, so that even the first login with an unknown username takes no longer than others.
  if (hasher) dummyHashOf(hasher).catch(() => {});
  return {
    hasher,
    origins: new Set((options.officeOrigins ?? []).map((origin) => origin.toLowerCase())),
    networks: options.officeNetworks?.length ? addressMatcher(options.officeNetworks, 'officeNetworks') : undefined,
    throttle: createLoginThrottle(failures),
    totpSteps: new Map(),
  };
}

export interface AuthenticateOptions {
  /** The roles any of which may use the route (a Pengantar Kerja counts as a petugas too). Default: any officer. */
  roles?: readonly Ak1OfficerRole[];
  /** Whether an officer who still has the one-time password may use the route (only logout and the change itself). */
  allowPasswordChange?: boolean;
}

export type Authenticated = { officer: Ak1StoredOfficer; session: Ak1StoredSession; token: string };

/**
 * The officer behind the request's bearer token, or the reply to give instead:
 * - `403 forbidden` from outside `officeNetworks`;
 * - `401 unauthenticated` (with `WWW-Authenticate: Bearer`) for no token, a token that is not one, an unknown or
 *   ended session, or a disabled officer (whose sessions are dead);
 * - `403 password-change-required` while the one-time password is unchanged, unless `allowPasswordChange`;
 * - `403 forbidden` when the officer has none of `roles`.
 */
export async function authenticate(context: RequestContext, options: AuthenticateOptions = {}): Promise<Authenticated | { response: Response }> {
  const outside = refuseOutsideNetworks(context);
  if (outside) return { response: outside };
  const { store, request } = context;
  const token = bearerTokenOf(request);
  const session = token === undefined ? undefined : await resumeSession(store.officers, token, context.now());
  const officer = session && (await store.officers.findById(session.officerId));
  if (!token || !session || !officer || officer.disabled) {
    if (session && (!officer || officer.disabled)) await store.officers.deleteSession(session.tokenHash);
    return { response: unauthenticated() };
  }
  if (officer.passwordChangeRequired && !options.allowPasswordChange) return { response: problem('password-change-required') };
  if (options.roles && !options.roles.some((role) => hasRole(officer, role))) return { response: problem('forbidden') };
  return { officer, session, token };
}

/** Whether the officer has the role; a Pengantar Kerja may do all a petugas may (design.md, "Decisions"). */
export function hasRole(officer: Pick<Ak1StoredOfficer, 'roles'>, role: Ak1OfficerRole): boolean {
  return officer.roles.includes(role) || (role === 'petugas' && officer.roles.includes('pengantar-kerja'));
}

/** `403 forbidden` for a client outside `officeNetworks`, or `undefined`. */
export function refuseOutsideNetworks(context: RequestContext): Response | undefined {
  const { networks } = context.office;
  if (!networks) return undefined;
  return context.clientAddress !== undefined && networks.has(context.clientAddress) ? undefined : problem('forbidden');
}

export function unauthenticated(): Response {
  return problem('unauthenticated', { headers: { 'www-authenticate': 'Bearer realm="ak1-office"' } });
}

/** An officer as replies show one: never the hash, the TOTP secret or the flags. */
export function publicOfficer(officer: Ak1StoredOfficer): Ak1Officer {
  return {
    id: officer.id,
    username: officer.username,
    name: officer.name,
    ...(officer.nip ? { nip: officer.nip } : {}),
    roles: [...officer.roles],
  };
}

/*
 * Login throttling (design.md, "The office" and "Decisions": Accounts). Failures are counted over 15 minutes per
 * (username, address) pair, per username from addresses that never logged in as it, and per address. Five failures
 * lock a username, but only for addresses that have not logged in successfully as it before: somebody guessing
 * from elsewhere cannot lock the officer out of their own counter PC. Twenty failures lock an address. The failures
 * are counted in the store when it keeps them (every process on the database counts together, so guesses spread
 * over processes are stopped as soon); the addresses that logged in are remembered per process, so an officer
 * whose username is locked may be let in only by a process that saw them log in.
 */

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
/** Keys kept at most per map: past it the oldest are dropped, so a flood of usernames cannot fill the memory. */
const MAX_KEYS = 50_000;

export interface LoginThrottle {
  /** Seconds to wait before this username may try from this address, or `undefined` when it may now. */
  check(username: string, address: string | undefined, now: number): Promise<number | undefined>;
  failed(username: string, address: string | undefined, now: number): Promise<void>;
  succeeded(username: string, address: string | undefined, now: number): Promise<void>;
}

export function createLoginThrottle(shared?: Ak1FailureStore): LoginThrottle {
  const failures = createFailureWindow(LOGIN_WINDOW_MS, MAX_KEYS, shared);
  /** (username, address) pairs that have logged in successfully, with when they last did. */
  const known = new Map<string, number>();

  const keysOf = (username: string, address: string | undefined) => {
    const user = username.trim().toLowerCase();
    const place = address === undefined ? '-' : addressKey(address);
    return { pair: `p\n${user}\n${place}`, user: `u\n${user}`, address: `a\n${place}`, knownPair: `${user}\n${place}` };
  };

  return {
    async check(username, address, now) {
      const keys = keysOf(username, address);
      const waits = (
        await Promise.all([
          failures.waitFor(keys.address, MAX_FAILURES_PER_ADDRESS, now),
          failures.waitFor(keys.pair, MAX_FAILURES_PER_USERNAME, now),
          known.has(keys.knownPair) ? undefined : failures.waitFor(keys.user, MAX_FAILURES_PER_USERNAME, now),
        ])
      ).filter((wait): wait is number => wait !== undefined);
      return waits.length ? Math.max(...waits) : undefined;
    },
    async failed(username, address, now) {
      const keys = keysOf(username, address);
      await Promise.all([
        failures.add(keys.address, now),
        failures.add(keys.pair, now),
        !known.has(keys.knownPair) && failures.add(keys.user, now),
      ]);
    },
    async succeeded(username, address, now) {
      const keys = keysOf(username, address);
      await failures.clear(keys.pair);
      known.delete(keys.knownPair);
      if (known.size >= MAX_KEYS) known.delete(known.keys().next().value!);
      known.set(keys.knownPair, now);
    },
  };
}
