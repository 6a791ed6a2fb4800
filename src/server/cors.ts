import { AK1_EXPOSED_HEADERS, AK1_REQUEST_HEADERS } from '../schema/index.js';
import type { ServerContext } from './context.js';
import { problem } from './http.js';

/*
 * Cross-origin access, in one place: the preflight, and the headers that let a page on an allowed origin read
 * a reply. Routes never set CORS headers themselves; a route marked `cors: false` is never readable across
 * origins.
 */

const CORS_MAX_AGE_SECONDS = 7200;

/**
 * Same origin, the public site's origin, or a configured one. Under `{endpoint}/office/` only the same origin and
 * `officeOrigins`: an applicants' site allowed by `corsOrigins` has no business with the counter's API.
 */
export function isAllowedOrigin(server: ServerContext, origin: string, request: Request): boolean {
  const url = new URL(request.url);
  if (isOfficePath(server, url.pathname)) return server.office.origins.has(origin.toLowerCase()) || origin === url.origin;
  const { corsOrigins } = server;
  return corsOrigins.has('*') || corsOrigins.has(origin) || origin === server.publicUrl.origin || origin === url.origin;
}

/** Whether a path is one of the office's, which take a bearer token from other origins only when those are the office's. */
export function isOfficePath(server: Pick<ServerContext, 'endpointPath'>, path: string): boolean {
  return path === `${server.endpointPath}/office` || path.startsWith(`${server.endpointPath}/office/`);
}

/** Whether a path takes `Authorization: Bearer` (the office's session, the applicant's lookup token under `/self/`). */
function takesBearer(server: Pick<ServerContext, 'endpointPath'>, path: string): boolean {
  return isOfficePath(server, path) || path.startsWith(`${server.endpointPath}/self/`);
}

/** `OPTIONS` under the API, whatever the path. */
export function preflight(server: ServerContext, request: Request): Response {
  const origin = request.headers.get('origin');
  if (!origin || !isAllowedOrigin(server, origin, request)) return problem('origin-not-allowed', { headers: { vary: 'origin' } });
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': [...AK1_REQUEST_HEADERS, ...(takesBearer(server, new URL(request.url).pathname) ? ['Authorization'] : [])].join(', '),
      'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
      'x-content-type-options': 'nosniff',
      vary: 'origin',
    },
  });
}

/** The reply, readable by the request's origin when that origin is allowed and the route allows it. */
export function withCors(server: ServerContext, request: Request, response: Response, routeAllows: boolean): Response {
  const origin = request.headers.get('origin');
  if (!origin || request.method === 'OPTIONS' || response.headers.has('access-control-allow-origin')) return response;
  if (!routeAllows || !isAllowedOrigin(server, origin, request)) return response;
  const headers = new Headers(response.headers);
  headers.set('access-control-allow-origin', origin);
  headers.set('access-control-expose-headers', AK1_EXPOSED_HEADERS.join(', '));
  headers.append('vary', 'origin');
  return new Response(response.body, { status: response.status, headers });
}

