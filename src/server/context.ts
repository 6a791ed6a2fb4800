import { calendarDate, type RegionCheck } from '../schema/index.js';
import { createAbuseControl, type AbuseControl, type Ak1Limits, type Ak1ProofOfWorkOptions } from './abuse/index.js';
import { createBodyReads, type Ak1BodyOptions, type BodyReads } from './bodies.js';
import { resolveDistrict, type Ak1DistrictOptions, type District } from './district.js';
import { createOfficeControl, type Ak1OfficeOptions, type OfficeControl } from './office/auth.js';
import { createLookupThrottle, type LookupThrottle } from './self/throttle.js';
import type { Ak1Store } from './store.js';
import { assertSigningKey, createTokenSigner, type Ak1Jwk, type Ak1SigningKey, type TokenSigner } from './tokens.js';

/** One line of the access log. It never holds the body, the query, a token, a NIK or a phone number. */
export interface Ak1LogEntry {
  method: string;
  /** The path with any token replaced by `…`. */
  path: string;
  status: number;
  durationMs: number;
  /** The problem's name for a problem reply. */
  problem?: string;
  /** For a `500`: the error's name and message (our own code's, never the request's content). */
  error?: string;
}

export interface Ak1HandlerOptions extends Ak1OfficeOptions {
  /** Where registrations are kept: `await createSqliteStore('.data/ak1.sqlite')` or `createMemoryStore()`. */
  store: Ak1Store;
  /** The API's path, as `<ak1-form endpoint>` names it: `/api/ak1`. Requests are matched on it. */
  endpointPath: string;
  /**
   * The district's public site, where the human verification page lives: `verification.url` is
   * `{publicUrl}/verify/{token}`, and this handler also serves that page (for requests whose path is
   * the public URL's path + `/verify/{token}`). Its origin may always call the API.
   */
  publicUrl: string;
  district: Ak1DistrictOptions;
  /**
   * The Ed25519 key that signs verification tokens: a private JWK or a CryptoKeyPair. Without one a new key is
   * made for this process only, and cards issued before a restart stop verifying: keep one
   * (`loadOrCreateSigningKey`, or a JWK in an environment variable).
   */
  signingKey?: Ak1SigningKey;
  /**
   * Earlier signing keys (public or private Ed25519 JWKs) whose cards must still verify after `keys rotate`;
   * `GET {endpoint}/keys` lists them after the signing key. `loadOrCreateSigningKeys` reads both from a key file.
   */
  verificationKeys?: readonly Ak1Jwk[];
  /** Other origins that may call the API from a browser (`https://disnaker.example.go.id`), or `'*'` for any. */
  corsOrigins: readonly string[];
  /** The bearer token of `GET {endpointPath}/export.csv`; without it the export does not exist (`404`). */
  exportToken?: string;
  /**
   * Who may show the server's pages (the verification page) in a frame: origins such as
   * `https://portal.serangkab.go.id` (or `https://*.serangkab.go.id`, `'self'`), as CSP `frame-ancestors`.
   * Default none: `frame-ancestors 'none'`, so no other site can frame them to trick a click.
   */
  frameAncestors?: readonly string[];
  /** The clock, for tests. Default `() => new Date()`. */
  now?: () => Date;
  /**
   * Region lists to check that the address's codes exist, as `validateApplication` takes them. The handler
   * loads the lists an application needs (when the lookup can, as `createRegionLookup` can) before it validates.
   */
  regions?: RegionCheck & {
    regencies?(provinceCode: string): Promise<unknown>;
    districts?(regencyCode: string): Promise<unknown>;
    villages?(districtCode: string): Promise<unknown>;
  };
  /** Called once per request after the reply is made. Default: nothing is logged. */
  log?: (entry: Ak1LogEntry) => void;
  /**
   * How request bodies must arrive: a grace period (default 15 s), then a minimum average rate (default 8 kB/s),
   * else `408 request-timeout`; and how many may be read at once per client address (default 8, then `429`)
   * and in all (default 128, then `503`). A registration takes a submission slot only once its body is in.
   */
  bodies?: Ak1BodyOptions;
  /**
   * Per-address rate limits (`429` `rate-limited` with `Retry-After`) and the cap on the visit seats one
   * address holds; each field has a default (`Ak1Limits`). `false` turns them off. Requests whose address
   * the server does not pass (`Ak1RequestInfo.clientAddress`) are not limited.
   */
  limits?: Ak1Limits | false;
  /**
   * A proof of work (ALTCHA v1, from `GET {endpointPath}/challenge`) required before a registration is made,
   * in the `Ak1-Proof` header (else `403` `proof-required`). Default `false`: none is required.
   */
  proofOfWork?: Ak1ProofOfWorkOptions | false;
  /**
   * The addresses (or CIDR ranges) of the reverse proxies in front of this server. A request from one of them
   * is counted under the rightmost `X-Forwarded-For` entry that is not one of them. Default none: the
   * peer's address, and `X-Forwarded-For` is ignored.
   */
  trustProxy?: readonly string[];
}

/** What the server that runs the handler knows of a request beyond the request itself. */
export interface Ak1RequestInfo {
  /** The peer's address (`req.socket.remoteAddress` under Node), for limits per address. */
  clientAddress?: string;
}

/**
 * What every route may use, made once by `createAk1Handler` from its options. Mutable state lives in named
 * objects here (never in a route's module), so two handlers in one process share nothing.
 */
export interface ServerContext {
  readonly options: Ak1HandlerOptions;
  readonly store: Ak1Store;
  readonly district: District;
  /** The API's path without a trailing slash: `/api/ak1`. */
  readonly endpointPath: string;
  readonly publicUrl: URL;
  /** `publicUrl` without query, fragment or trailing slash: verification URLs start with it. */
  readonly publicBase: string;
  /** The path of the public site without a trailing slash (`''` at the root): its pages are under it. */
  readonly publicPath: string;
  readonly corsOrigins: ReadonlySet<string>;
  /** The source list of the pages' CSP `frame-ancestors`: `'none'`, or the `frameAncestors` option. */
  readonly frameAncestors: string;
  readonly now: () => Date;
  /** The district's calendar date now. */
  today(): string;
  readonly signer: Promise<TokenSigner>;
  /** Registrations being handled in this process: how many, and under which keys. */
  readonly submissions: { active: number; readonly keys: Set<string> };
  /** Request bodies being read in this process, per client address and in all. */
  readonly bodyReads: BodyReads;
  /** Rate limits, the seat cap, the proof of work and the trusted proxies, as the options set them. */
  readonly abuse: AbuseControl;
  /** The office routes' password hasher, origins, networks, login throttle and second-factor steps. */
  readonly office: OfficeControl;
  /** The applicant's lookups that failed, per registration number and per address (`{endpoint}/self/lookup`). */
  readonly lookups: LookupThrottle;
}

/** One request on its way through a route: the server's context, the request and what the route matched. */
export interface RequestContext extends ServerContext {
  readonly request: Request;
  readonly url: URL;
  /** The path's named parts, as the route's pattern captured them (`{ token }` for `/verify/*token`). */
  readonly params: Readonly<Record<string, string>>;
  /** The client's address (`trustProxy` applied), or `undefined` when the server that runs the handler gave none. */
  readonly clientAddress: string | undefined;
}

/**
 * Checks the options and makes the server's context. The district's settings are checked here, so a mistake
 * stops the server at start-up with a `TypeError` that says which setting.
 */
export function createServerContext(options: Ak1HandlerOptions): ServerContext {
  const district = resolveDistrict(options.district);
  const store = options.store;
  if (!store || typeof store.register !== 'function') throw new TypeError('createAk1Handler: store is required');
  const endpointPath = trimSlash(options.endpointPath);
  if (!endpointPath.startsWith('/')) throw new TypeError('createAk1Handler: endpointPath must be a path such as /api/ak1');
  let publicUrl: URL;
  try {
    publicUrl = new URL(options.publicUrl);
  } catch {
    throw new TypeError('createAk1Handler: publicUrl must be an absolute http(s) URL');
  }
  if (publicUrl.protocol !== 'https:' && publicUrl.protocol !== 'http:') {
    throw new TypeError('createAk1Handler: publicUrl must be an absolute http(s) URL');
  }
  assertSigningKey(options.signingKey);
  const signer = createTokenSigner(options.signingKey, options.verificationKeys);
  // A key whose halves do not match fails every request that needs it; keep the rejection handled meanwhile.
  signer.catch(() => {});
  const now = options.now ?? (() => new Date());
  return {
    options,
    store,
    district,
    endpointPath,
    publicUrl,
    publicBase: trimSlash(publicUrl.href.replace(/[?#].*$/, '')),
    publicPath: trimSlash(publicUrl.pathname),
    corsOrigins: new Set(options.corsOrigins ?? []),
    frameAncestors: frameAncestorsOf(options.frameAncestors),
    now,
    today: () => calendarDate(now(), district.timeZone),
    signer,
    submissions: { active: 0, keys: new Set() },
    bodyReads: createBodyReads(options.bodies),
    abuse: createAbuseControl(options),
    office: createOfficeControl(options, store.failures),
    lookups: createLookupThrottle(store.failures),
  };
}

/** Origins, host wildcards or `'self'` only: anything else could end the directive and add one of its own. */
const FRAME_ANCESTOR = /^(?:'self'|https?:\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?)$/i;

function frameAncestorsOf(list: readonly string[] | undefined): string {
  if (list === undefined || list.length === 0) return "'none'";
  for (const entry of list) {
    if (typeof entry !== 'string' || !FRAME_ANCESTOR.test(entry)) {
      throw new TypeError(`createAk1Handler: frameAncestors holds ${JSON.stringify(entry)}, which is not an origin such as https://portal.example.go.id`);
    }
  }
  return list.join(' ');
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}
