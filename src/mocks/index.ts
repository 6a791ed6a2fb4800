/**
 * `ak1-form/mocks`: msw 2 handlers that answer as a district backend would, for testing an integration of
 * `<ak1-form>` or of the SDK's client without a server, in the browser (`msw/browser`) or in Node
 * (`msw/node`). They are the reference backend (`ak1-form/server`) with a memory store, behind a layer that
 * injects the faults of a bad mobile network on demand.
 *
 * @packageDocumentation
 */
import type { HttpHandler } from 'msw';
import { seededRandom } from './random.js';
import { AK1_EXPOSED_HEADERS, AK1_PROBLEM_PREFIX, type Ak1OfficerRole } from '../schema/index.js';
import { createWebCryptoHasher } from '../server/office/passwords.js';
import {
  ak1DemoDistrict,
  createAk1Handler,
  createMemoryStore,
  type Ak1DistrictOptions,
  type Ak1ProofOfWorkOptions,
  type Ak1SigningKey,
  type Ak1Store,
} from '../server/index.js';
import type { Ak1PasswordHasher } from '../server/office/passwords.js';
import { addOfficer } from '../server/office/accounts.js';

/*
 * msw is an optional peer dependency: loaded here rather than imported, so that a project without it gets a
 * message naming it and how to install it instead of a bare ERR_MODULE_NOT_FOUND.
 */
const { delay, http, HttpResponse } = await loadMsw();

async function loadMsw(): Promise<typeof import('msw')> {
  try {
    return await import('msw');
  } catch (cause) {
    throw new Error('ak1-form/mocks needs msw 2, which is not installed: npm install --save-dev msw@^2', { cause });
  }
}

/** How an injected fault fails a request. */
export type Ak1MockFault =
  /** `500` without a problem body. */
  | 'server-error'
  /** `503` `unavailable` with `Retry-After`. */
  | 'unavailable'
  /** `429` `rate-limited` with `Retry-After`. */
  | 'rate-limited'
  /** The connection fails before the request reaches the backend. */
  | 'network'
  /** The backend handles (and commits) the request, then the reply is lost on the way back. */
  | 'lost-reply'
  /**
   * The backend handles (and commits) the request, then its reply arrives cut in half (a proxy, a dropped
   * connection): the client cannot read it, so the outcome is unknown and the key must be kept.
   */
  | 'garbled-reply'
  /** No reply ever: the client's timeout has to end it. */
  | 'hang';

/** One step of a scripted sequence: a status to answer with, a fault, or `'pass'` for the backend's own reply. */
export type Ak1MockStep = number | Ak1MockFault | 'pass';

export interface Ak1MockFaults {
  /** The share of requests (0 to 1) that fail with one of `kinds`, drawn from the seeded generator. Default 0. */
  failureRate?: number;
  /** The faults `failureRate` picks from, equally likely. Default all but `hang` and `garbled-reply`. */
  kinds?: readonly Ak1MockFault[];
  /** Latency added to every request: milliseconds, or `[min, max]` drawn from the seeded generator. Default 0. */
  latencyMs?: number | readonly [number, number];
  /**
   * What the first requests get, one step each, before `failureRate` applies: e.g. `[503, 503, 'pass']`.
   * A status is answered with the contract's problem for it where there is one (`429`, `503` and `409`
   * with `Retry-After`).
   */
  sequence?: readonly Ak1MockStep[];
  /** `Retry-After` of injected `429`, `503` and `409`, in seconds. Default 1. */
  retryAfterSeconds?: number;
}

export interface Ak1MockOptions {
  /** The endpoint the client is given: absolute, or a path resolved against the page in a browser. */
  endpoint: string;
  /** The district's public site, where `verification.url` points. Default: the endpoint's origin. */
  publicUrl?: string;
  /** Seeds the fault generator, so a failing run can be replayed. Default 1. */
  seed?: number;
  faults?: Ak1MockFaults;
  /** Where registrations go; pass your own `createMemoryStore()` to look at them. Default a new memory store. */
  store?: Ak1Store;
  /** Default: Kabupaten Serang of the demo (requires the KTP document). */
  district?: Ak1DistrictOptions;
  /** Origins allowed by CORS besides the public site's. Default none. */
  corsOrigins?: readonly string[];
  signingKey?: Ak1SigningKey;
  /** The backend's clock. */
  now?: () => Date;
  /**
   * Require a proof of work, as a district may (`GET {endpoint}/challenge`, the `Ak1-Proof` header). Default
   * `false`: `/challenge` answers `404`, none is required.
   */
  proofOfWork?: Ak1ProofOfWorkOptions | false;
  /**
   * Officers who can log in to `{endpoint}/office/…` (and `<ak1-office>`), with the passwords given here, hashed
   * with PBKDF2 from WebCrypto (scrypt is Node's only). Their passwords count as already changed unless
   * `passwordChangeRequired` is set. An admin needs the second factor: give it a `totpSecret` (base32), or it gets
   * a random one and cannot log in. Default none: every login is `401 invalid-credentials`.
   */
  officers?: readonly Ak1MockOfficer[];
  /** Origins of office pages on another origin than the endpoint's (`officeOrigins` of the handler). Default none. */
  officeOrigins?: readonly string[];
}

/** An officer of the mocks. */
export interface Ak1MockOfficer {
  username: string;
  password: string;
  name: string;
  /** 18 digits. */
  nip?: string;
  roles: readonly Ak1OfficerRole[];
  /** Base32 TOTP secret: the account then needs a code at login (required in practice for an admin). */
  totpSecret?: string;
  /** The account still has a one-time password: only the password change is allowed until it is done. */
  passwordChangeRequired?: boolean;
}

const DEFAULT_KINDS: readonly Ak1MockFault[] = ['server-error', 'unavailable', 'rate-limited', 'network', 'lost-reply'];

async function addOfficers(store: Ak1Store, hasher: Ak1PasswordHasher, officers: readonly Ak1MockOfficer[], now: () => Date): Promise<void> {
  for (const officer of officers) {
    const { password, passwordChangeRequired, totpSecret, ...account } = officer;
    // The same checks as `officer add` (username, name, NIP, roles, the password's rules).
    const { officer: added } = await addOfficer(store, hasher, { ...account, password, ...(totpSecret === undefined ? {} : { totpSecret }), now: now() });
    if (passwordChangeRequired) await store.officers.update(added.id, { passwordChangeRequired: true });
  }
}

/** The contract's problem for an injected status, where it has one. */
const PROBLEM_FOR_STATUS: Record<number, string> = {
  400: 'malformed-json',
  404: 'not-found',
  409: 'request-in-progress',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  503: 'unavailable',
};

/** msw handlers implementing the whole backend contract in memory, with faults on demand. */
export function createAk1Handlers(options: Ak1MockOptions): HttpHandler[] {
  const base = (globalThis as { location?: { href: string } }).location?.href ?? 'http://localhost/';
  const endpointUrl = new URL(options.endpoint, base);
  const endpoint = endpointUrl.href.replace(/\/+$/, '');
  const publicUrl = options.publicUrl ?? endpointUrl.origin;
  const store = options.store ?? createMemoryStore();
  // Fewer PBKDF2 rounds than a real office would take: these accounts guard test data, and a browser test logs in often.
  const passwordHasher = createWebCryptoHasher({ iterations: 10_000 });
  const handler = createAk1Handler({
    store,
    endpointPath: endpointUrl.pathname.replace(/\/+$/, ''),
    publicUrl,
    district: options.district ?? ak1DemoDistrict,
    corsOrigins: options.corsOrigins ?? [],
    signingKey: options.signingKey,
    now: options.now,
    proofOfWork: options.proofOfWork ?? false,
    passwordHasher,
    officeOrigins: options.officeOrigins ?? [],
  });
  // Hashing is asynchronous and the handlers are not: every request waits for the officers to be in the store.
  const officersReady = addOfficers(store, passwordHasher, options.officers ?? [], options.now ?? (() => new Date()));
  // Each request fails with the reason; this keeps the rejection from going unhandled before the first one.
  officersReady.catch(() => undefined);
  const challengePath = `${endpointUrl.pathname.replace(/\/+$/, '')}/challenge`;

  const faults = options.faults ?? {};
  const random = seededRandom(options.seed ?? 1);
  const kinds = faults.kinds?.length ? faults.kinds : DEFAULT_KINDS;
  const retryAfter = String(faults.retryAfterSeconds ?? 1);
  let requests = 0;

  function nextStep(): Ak1MockStep {
    const scripted = faults.sequence?.[requests++];
    if (scripted !== undefined) return scripted;
    if (faults.failureRate && random() < faults.failureRate) return kinds[Math.floor(random() * kinds.length)]!;
    return 'pass';
  }

  async function answer(request: Request): Promise<Response> {
    await officersReady;
    // A preflight is the browser's own; failing it would test the browser, not the client.
    if (request.method === 'OPTIONS') return handler(request);
    // A client asks for a challenge once before its first registration; faults there would shift every
    // scripted step by one, and the registration's own faults are what the mocks are for.
    if (request.method === 'GET' && new URL(request.url).pathname === challengePath) return handler(request);
    const latency = faults.latencyMs;
    if (latency) await delay(typeof latency === 'number' ? latency : latency[0] + random() * (latency[1] - latency[0]));
    const step = nextStep();
    switch (step) {
      case 'pass':
        return handler(request);
      case 'network':
        return HttpResponse.error();
      case 'lost-reply':
        await handler(request);
        return HttpResponse.error();
      case 'garbled-reply':
        return garble(await handler(request));
      case 'hang':
        await delay('infinite');
        return HttpResponse.error();
      case 'server-error':
        return injected(request, 500);
      case 'unavailable':
        return injected(request, 503);
      case 'rate-limited':
        return injected(request, 429);
      default:
        return injected(request, step);
    }
  }

  function injected(request: Request, status: number): Response {
    const name = PROBLEM_FOR_STATUS[status];
    const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
    // As the backend's own 429 and 503 would: readable, Retry-After included, from a cross-origin page.
    const origin = request.headers.get('origin');
    if (origin) Object.assign(headers, { 'access-control-allow-origin': origin, 'access-control-expose-headers': AK1_EXPOSED_HEADERS.join(', '), vary: 'origin' });
    if (status === 429 || status === 503 || status === 409) headers['retry-after'] = retryAfter;
    const body = name ? { type: `${AK1_PROBLEM_PREFIX}${name}`, title: name, status } : { type: 'about:blank', status };
    return new Response(JSON.stringify(body), { status, headers });
  }

  async function garble(response: Response): Promise<Response> {
    const text = await response.text();
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(text.slice(0, Math.floor(text.length / 2)), { status: response.status, headers });
  }

  const handlers = [
    http.all(endpoint, ({ request }) => answer(request)),
    http.all(`${endpoint}/*`, ({ request }) => answer(request)),
  ];
  if (options.publicUrl) {
    const page = `${options.publicUrl.replace(/\/+$/, '')}/verify/*`;
    handlers.push(http.get(page, ({ request }) => handler(request)));
  }
  return handlers;
}
