import { loadCatalogue } from '../i18n/index.js';
import {
  LIMITS,
  addDays,
  addMonths,
  calendarDate,
  canonicalJson,
  isCalendarDate,
  validateApplication,
  type Ak1Registration,
  type Ak1Verification,
  type RegionCheck,
} from '../schema/index.js';
import { appointmentSlots, availability } from './calendar.js';
import { exportCsv } from './csv.js';
import { resolveDistrict, type Ak1DistrictOptions } from './district.js';
import {
  API_HEADERS,
  isIdempotencyKey,
  isJsonContentType,
  json,
  problem,
  problemNameOf,
  readText,
  secretsEqual,
  sha256Hex,
  type ProblemName,
} from './http.js';
import { Ak1StoreUnavailableError, isActive, type Ak1Store, type Ak1StoredRegistration } from './store.js';
import { timestampIn } from './time.js';
import { assertSigningKey, createTokenSigner, newRegistrationId, type Ak1SigningKey, type TokenSigner } from './tokens.js';
import { verifyPage } from './verify-page.js';

/** A Fetch-API request handler: Node's http server (through `toNodeListener`), Deno, Bun, workers, msw. */
export type Ak1Handler = (request: Request) => Promise<Response>;

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

export interface Ak1HandlerOptions {
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
  /** Other origins that may call the API from a browser (`https://disnaker.example.go.id`), or `'*'` for any. */
  corsOrigins: readonly string[];
  /** The bearer token of `GET {endpointPath}/export.csv`; without it the export does not exist (`404`). */
  exportToken?: string;
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
}

/** How long a client should wait before retrying a request that is still in progress or a busy store. */
const RETRY_AFTER_SECONDS = 1;
/** Submissions handled at once; more get `503` so a burst cannot hold 4 MB bodies without bound. */
const MAX_CONCURRENT_SUBMISSIONS = 64;
/** The widest availability range one request may ask for, in days. */
const MAX_AVAILABILITY_DAYS = 62;
const CORS_MAX_AGE_SECONDS = 7200;

/**
 * The reference backend of `docs/openapi.yaml` as one Fetch-API handler:
 * - `POST {endpointPath}`: register (idempotent by `Idempotency-Key`);
 * - `GET {endpointPath}/availability?from&to`, `GET {endpointPath}/verify/{token}`, `GET {endpointPath}/keys`;
 * - `GET {endpointPath}/export.csv?date=` (or `?registeredOn=`) for the office, behind `exportToken`;
 * - `GET {publicUrl path}/verify/{token}`: the human verification page.
 * Anything else is `404` `not-found`. The district's settings are checked here, so a mistake stops the
 * server at start-up with a `TypeError` that says which setting.
 */
export function createAk1Handler(options: Ak1HandlerOptions): Ak1Handler {
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
  const publicBase = trimSlash(publicUrl.href.replace(/[?#].*$/, ''));
  const verifyPagePrefix = `${trimSlash(publicUrl.pathname)}/verify/`;
  const corsOrigins = new Set(options.corsOrigins ?? []);
  const now = options.now ?? (() => new Date());
  assertSigningKey(options.signingKey);
  const signer: Promise<TokenSigner> = createTokenSigner(options.signingKey);
  // A key whose halves do not match fails every request that needs it; keep the rejection handled meanwhile.
  signer.catch(() => {});
  const inFlight = new Set<string>();
  let submissions = 0;

  const today = () => calendarDate(now(), district.timeZone);

  /** Same origin, the public site's origin, or a configured one. */
  function isAllowedOrigin(origin: string, request: Request): boolean {
    return corsOrigins.has('*') || corsOrigins.has(origin) || origin === publicUrl.origin || origin === new URL(request.url).origin;
  }

  async function route(request: Request, path: string): Promise<Response> {
    const method = request.method === 'HEAD' ? 'GET' : request.method;

    if (path.startsWith(verifyPagePrefix) && !path.startsWith(`${endpointPath}/`)) {
      if (method !== 'GET') return methodNotAllowed('GET, HEAD');
      return humanVerifyPage(request, path.slice(verifyPagePrefix.length));
    }
    if (path !== endpointPath && !path.startsWith(`${endpointPath}/`)) return problem('not-found');
    const sub = path.slice(endpointPath.length);

    if (method === 'OPTIONS') return preflight(request);
    if (sub === '') return method === 'POST' ? register(request) : methodNotAllowed('POST, OPTIONS');
    if (method !== 'GET') return methodNotAllowed('GET, HEAD, OPTIONS');
    if (sub === '/availability') return availabilityReply(new URL(request.url).searchParams);
    if (sub === '/keys') return json({ keys: [(await signer).publicJwk] }, 200, { 'cache-control': 'public, max-age=3600' });
    if (sub.startsWith('/verify/')) return verifyReply(sub.slice('/verify/'.length));
    if (sub === '/export.csv') return exportReply(request);
    return problem('not-found');
  }

  function preflight(request: Request): Response {
    const origin = request.headers.get('origin');
    if (!origin || !isAllowedOrigin(origin, request)) return problem('origin-not-allowed', { headers: { vary: 'origin' } });
    return new Response(null, {
      status: 204,
      headers: {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'Content-Type, Idempotency-Key',
        'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
        vary: 'origin',
      },
    });
  }

  async function register(request: Request): Promise<Response> {
    if (!isJsonContentType(request.headers.get('content-type'))) return problem('unsupported-media-type');
    const key = request.headers.get('idempotency-key');
    if (key === null || !isIdempotencyKey(key)) return problem('idempotency-key-missing');
    if (submissions >= MAX_CONCURRENT_SUBMISSIONS) return problem('unavailable', { retryAfterSeconds: RETRY_AFTER_SECONDS });
    submissions++;
    try {
      return await registerWithin(request, key);
    } finally {
      submissions--;
    }
  }

  async function registerWithin(request: Request, key: string): Promise<Response> {
    const body = await readText(request, LIMITS.bodyBytes);
    if ('failure' in body) return body.failure === 'too-large' ? problem('payload-too-large') : problem('malformed-json');
    let input: unknown;
    try {
      input = JSON.parse(body.text);
    } catch {
      return problem('malformed-json');
    }

    const at = now();
    const registrationDate = calendarDate(at, district.timeZone);
    await loadRegionsFor(input);
    const result = validateApplication(input, {
      today: registrationDate,
      minAge: district.minAge,
      requiredDocuments: district.requiredDocuments,
      ...(options.regions ? { regions: options.regions } : {}),
    });
    if (!result.ok) return problem('invalid-application', { errors: result.issues });

    // The store makes concurrent duplicates safe across processes; this spares the work inside one.
    if (inFlight.has(key)) return problem('request-in-progress', { retryAfterSeconds: RETRY_AFTER_SECONDS });
    inFlight.add(key);
    try {
      const application = result.value;
      const id = newRegistrationId();
      const [fingerprint, token] = await Promise.all([
        sha256Hex(canonicalJson(application)),
        (await signer).sign({ sub: id, iat: Math.floor(at.getTime() / 1000) }),
      ]);
      const outcome = await store.register({
        id,
        idempotencyKey: key,
        fingerprint,
        application,
        registeredAt: timestampIn(at, district.timeZone),
        registrationDate,
        validUntil: addMonths(registrationDate, 24),
        reportDueDates: [addMonths(registrationDate, 6), addMonths(registrationDate, 12), addMonths(registrationDate, 18)],
        token,
        serialScope: `${district.code}/${registrationDate.slice(0, 4)}`,
        formatNumber: (serial) => district.formatNumber({ regencyCode: district.code, serial, date: registrationDate }),
        slots: appointmentSlots(district, registrationDate, application.preferredVisitDate),
      });
      switch (outcome.outcome) {
        case 'created':
          return json(registrationReply(outcome.registration), 201);
        case 'replayed':
          return json(registrationReply(outcome.registration), 200);
        case 'key-reused':
          return problem('idempotency-key-reused');
        case 'already-registered':
          return problem('already-registered', { detail: `Please contact ${district.officeName}, ${district.officeAddress}.` });
      }
    } finally {
      inFlight.delete(key);
    }
  }

  /** Loads the region lists the application's address needs, so the synchronous validation can check its codes. */
  async function loadRegionsFor(input: unknown): Promise<void> {
    const regions = options.regions;
    const address = (input as { address?: Record<string, unknown> } | null)?.address;
    if (!regions || typeof address !== 'object' || address === null) return;
    const code = (key: string, pattern: RegExp) => {
      const value = address[key];
      return typeof value === 'string' && pattern.test(value.trim()) ? value.trim() : undefined;
    };
    const province = code('provinceCode', /^\d{2}$/);
    const regency = code('regencyCode', /^\d{2}\.\d{2}$/);
    const districtCode = code('districtCode', /^\d{2}\.\d{2}\.\d{2}$/);
    // A list that cannot be loaded leaves its codes unchecked (`has` answers undefined), as in the browser.
    await Promise.allSettled([
      province && regions.regencies?.(province),
      regency && regions.districts?.(regency),
      districtCode && regions.villages?.(districtCode),
    ]);
  }

  function registrationReply(r: Ak1StoredRegistration): Ak1Registration {
    return {
      registrationNumber: r.registrationNumber,
      registeredAt: r.registeredAt,
      validUntil: r.validUntil,
      reportDueDates: [...r.reportDueDates] as [string, string, string],
      status: r.status,
      verification: { url: `${publicBase}/verify/${r.token}`, token: r.token },
      ...(r.appointment
        ? {
            appointment: {
              date: r.appointment.date,
              start: r.appointment.start,
              end: r.appointment.end,
              place: `${district.officeName}, ${district.officeAddress}`,
              queueNumber: r.appointment.queueNumber,
            },
          }
        : {}),
    };
  }

  async function availabilityReply(query: URLSearchParams): Promise<Response> {
    const day = today();
    const from = query.get('from') ?? addDays(day, 1);
    const to = query.get('to') ?? addDays(from, Math.min(district.horizonDays, MAX_AVAILABILITY_DAYS) - 1);
    if (!isCalendarDate(from) || !isCalendarDate(to) || to < from) {
      return problem('invalid-request', { detail: 'from and to must be YYYY-MM-DD dates, from not after to' });
    }
    if (addDays(from, MAX_AVAILABILITY_DAYS - 1) < to) {
      return problem('invalid-request', { detail: `At most ${MAX_AVAILABILITY_DAYS} days at a time` });
    }
    const counts = await store.countBookings(from, to);
    return json(availability(district, day, from, to, counts), 200);
  }

  /** The registration a token names, if the token is ours, canonical and its registration exists. */
  async function lookUpToken(token: string): Promise<Ak1StoredRegistration | undefined> {
    const claims = await (await signer).verify(token);
    return claims ? store.findById(claims.sub) : undefined;
  }

  function verification(r: Ak1StoredRegistration): Ak1Verification & { valid: true } {
    // A card past its date reads as expired even before anyone marks it so.
    const status = r.status !== 'REJECTED' && !isActive(r, today()) ? 'EXPIRED' : r.status;
    return { valid: true, status, initials: initials(r.fullName), registeredAt: r.registeredAt, validUntil: r.validUntil };
  }

  async function verifyReply(token: string): Promise<Response> {
    const registration = await lookUpToken(token);
    if (!registration) return problem('invalid-token');
    return json(verification(registration), 200);
  }

  async function humanVerifyPage(request: Request, token: string): Promise<Response> {
    const registration = await lookUpToken(token);
    return verifyPage({
      verification: registration ? verification(registration) : undefined,
      ...(registration ? { registrationDate: registration.registrationDate } : {}),
      officeName: district.officeName,
      officeAddress: district.officeAddress,
      acceptLanguage: request.headers.get('accept-language'),
    });
  }

  async function exportReply(request: Request): Promise<Response> {
    if (!options.exportToken) return problem('not-found');
    const authorization = request.headers.get('authorization') ?? '';
    const given = /^Bearer (\S+)$/i.exec(authorization)?.[1] ?? '';
    if (!(await secretsEqual(given, options.exportToken))) {
      return problem('unauthorized', { headers: { 'www-authenticate': 'Bearer realm="ak1-export"' } });
    }
    const query = new URL(request.url).searchParams;
    const visitDate = query.get('date');
    const registeredOn = query.get('registeredOn');
    const date = visitDate ?? registeredOn;
    if ((visitDate === null) === (registeredOn === null) || !date || !isCalendarDate(date)) {
      return problem('invalid-request', { detail: 'Give exactly one of date (visit day) or registeredOn, as YYYY-MM-DD' });
    }
    const delimiterParam = query.get('delimiter') ?? ',';
    if (delimiterParam !== ',' && delimiterParam !== ';') return problem('invalid-request', { detail: 'delimiter is , or ;' });
    const registrations = await store.listRegistrations(visitDate ? { visitDate } : { registrationDate: date });
    const catalogue = await loadCatalogue(query.get('lang') ?? 'id');
    const csv = exportCsv(registrations, catalogue, delimiterParam);
    return new Response(csv, {
      status: 200,
      headers: {
        ...API_HEADERS,
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="ak1-${visitDate ? 'kunjungan' : 'pendaftaran'}-${date}.csv"`,
      },
    });
  }

  return async function handle(request: Request): Promise<Response> {
    const started = performance.now();
    let path: string;
    try {
      path = new URL(request.url).pathname;
    } catch {
      path = '/';
    }
    let response: Response;
    let error: string | undefined;
    let problemName: string | undefined;
    try {
      response = await route(request, path);
    } catch (caught) {
      if (caught instanceof Ak1StoreUnavailableError) {
        response = problem('unavailable', { retryAfterSeconds: RETRY_AFTER_SECONDS });
      } else {
        error = caught instanceof Error ? `${caught.name}: ${caught.message}` : 'non-error thrown';
        response = problem('internal-error');
      }
    }
    problemName = problemNameOf(response);
    response = withCors(request, response);
    if (request.method === 'HEAD') response = new Response(null, { status: response.status, headers: response.headers });
    options.log?.({
      method: request.method,
      path: redactPath(path),
      status: response.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(problemName ? { problem: problemName } : {}),
      ...(error ? { error } : {}),
    });
    return response;
  };

  function withCors(request: Request, response: Response): Response {
    const origin = request.headers.get('origin');
    if (!origin || request.method === 'OPTIONS' || response.headers.has('access-control-allow-origin')) return response;
    const path = new URL(request.url).pathname;
    // The export is for the office's own tools, never for scripts on other sites.
    if (path === `${endpointPath}/export.csv` || !isAllowedOrigin(origin, request)) return response;
    const headers = new Headers(response.headers);
    headers.set('access-control-allow-origin', origin);
    headers.set('access-control-expose-headers', 'Retry-After');
    headers.append('vary', 'origin');
    return new Response(response.body, { status: response.status, headers });
  }

  function redactPath(path: string): string {
    return path.replace(/\/verify\/[^/]*/, '/verify/…');
  }

  function methodNotAllowed(allow: string): Response {
    return problem('method-not-allowed', { headers: { allow } });
  }
}

/** `S. N.` for `Siti Nur’aini`: the first letter of each word, at most six. */
export function initials(fullName: string): string {
  return fullName
    .split(/\s+/)
    .map((word) => /\p{L}/u.exec(word)?.[0])
    .filter((letter): letter is string => letter !== undefined)
    .slice(0, 6)
    .map((letter) => `${letter.toLocaleUpperCase('id')}.`)
    .join(' ');
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}

export type { ProblemName };
