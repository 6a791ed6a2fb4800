import { addressKey, clientAddressOf } from './abuse/index.js';
import { createServerContext, type Ak1HandlerOptions, type Ak1RequestInfo, type ServerContext } from './context.js';
import { preflight, withCors } from './cors.js';
import { RETRY_AFTER_SECONDS, problem, problemNameOf, type ProblemName } from './http.js';
import { createRouter, type Router } from './router.js';
import { ROUTES } from './routes/index.js';
import { Ak1StoreUnavailableError } from './store.js';

export type { Ak1HandlerOptions, Ak1LogEntry, Ak1RequestInfo } from './context.js';
export { initials } from './routes/verify.js';

/**
 * A Fetch-API request handler: Node's http server (through `toNodeListener`), Deno, Bun, workers, msw.
 * `info` carries what the server knows beyond the request (the client's address); it may be left out.
 */
export type Ak1Handler = (request: Request, info?: Ak1RequestInfo) => Promise<Response>;

/**
 * The reference backend of `docs/openapi.yaml` as one Fetch-API handler, its routes in `routes/index.ts`:
 * - `POST {endpointPath}`: register (idempotent by `Idempotency-Key`);
 * - `GET {endpointPath}/availability?from&to`, `GET {endpointPath}/verify/{token}`, `GET {endpointPath}/keys`;
 * - `GET {endpointPath}/export.csv?date=` (or `?registeredOn=`) for the office, behind `exportToken`;
 * - `GET {publicUrl path}/verify/{token}`: the human verification page.
 * Anything else is `404` `not-found`. The district's settings are checked here, so a mistake stops the
 * server at start-up with a `TypeError` that says which setting.
 */
export function createAk1Handler(options: Ak1HandlerOptions): Ak1Handler {
  const server = createServerContext(options);
  const router = createRouter(ROUTES, server);

  return async function handle(request: Request, info: Ak1RequestInfo = {}): Promise<Response> {
    const started = performance.now();
    const url = new URL(request.url);
    let response: Response;
    let error: string | undefined;
    try {
      response = await dispatch(server, router, request, url, info);
    } catch (caught) {
      if (caught instanceof Ak1StoreUnavailableError) {
        response = problem('unavailable', { retryAfterSeconds: RETRY_AFTER_SECONDS });
      } else {
        error = caught instanceof Error ? `${caught.name}: ${caught.message}` : 'non-error thrown';
        response = problem('internal-error');
      }
    }
    const problemName = problemNameOf(response);
    response = withCors(server, request, response, router.routeOf(url.pathname)?.cors !== false);
    if (request.method === 'HEAD') response = new Response(null, { status: response.status, headers: response.headers });
    options.log?.({
      method: request.method,
      path: redactPath(url.pathname),
      status: response.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(problemName ? { problem: problemName } : {}),
      ...(error ? { error } : {}),
    });
    return response;
  };
}

async function dispatch(server: ServerContext, router: Router, request: Request, url: URL, info: Ak1RequestInfo): Promise<Response> {
  const match = router.match(request.method, url.pathname);
  switch (match.kind) {
    case 'route': {
      const clientAddress = clientAddressOf(info.clientAddress, request.headers.get('x-forwarded-for'), server.abuse.trustProxy);
      const limiter = server.abuse.limiters?.[match.route.limit ?? 'lookups'];
      const waitSeconds = clientAddress === undefined ? undefined : limiter?.take(addressKey(clientAddress), performance.now());
      if (waitSeconds !== undefined) return problem('rate-limited', { retryAfterSeconds: waitSeconds });
      return match.route.handle({ ...server, request, url, params: match.params, clientAddress });
    }
    case 'preflight':
      return preflight(server, request);
    case 'method-not-allowed':
      return problem('method-not-allowed', { headers: { allow: match.allow } });
    case 'not-found':
      return problem('not-found');
  }
}

function redactPath(path: string): string {
  return path.replace(/\/verify\/[^/]*/, '/verify/…');
}

export type { ProblemName };
