import type { RequestContext } from './context.js';

/**
 * One row of the route table: a method and a path pattern, and the function that answers. Patterns are
 * literal paths with named parts: `:name` is one path segment, `*name` the rest of the path (slashes and
 * nothing included).
 */
export interface Ak1Route {
  method: 'GET' | 'POST';
  path: string;
  /**
   * `api` (the default): the path is under `endpointPath`; browsers on allowed origins may call it (CORS).
   * `public`: the path is under the public site's path (pages a person opens, such as the verification page).
   */
  base?: 'api' | 'public';
  /** `false` for replies no script on another site may read, whatever `corsOrigins` says. Default `true`. */
  cors?: boolean;
  /** The per-address rate limit its requests count against (the `limits` option). Default `lookups`. */
  limit?: 'registrations' | 'lookups';
  handle(context: RequestContext): Promise<Response> | Response;
}

/** What the table says of a request's path and method. */
export type RouteMatch =
  | { kind: 'route'; route: Ak1Route; params: Record<string, string> }
  /** A CORS preflight under the API (answered for any path there, as browsers send them before any method). */
  | { kind: 'preflight' }
  /** The path exists, not with this method. `allow` is the `Allow` header. */
  | { kind: 'method-not-allowed'; allow: string }
  | { kind: 'not-found' };

export interface Router {
  match(method: string, path: string): RouteMatch;
  /** The route that answers `path` with any method, for what applies per route whatever the reply (CORS). */
  routeOf(path: string): Ak1Route | undefined;
}

interface CompiledRoute {
  route: Ak1Route;
  pattern: RegExp;
  names: string[];
}

/**
 * Compiles the table for one handler. A path under `endpointPath` is matched against the `api` rows only
 * (so the API wins where the public site's path and the endpoint overlap); any other path under the public
 * site's path, against the `public` rows.
 */
export function createRouter(routes: readonly Ak1Route[], bases: { endpointPath: string; publicPath: string }): Router {
  const compiled = routes.map(compile);
  const api = compiled.filter(({ route }) => (route.base ?? 'api') === 'api');
  const pages = compiled.filter(({ route }) => route.base === 'public');

  function scope(path: string): { rows: CompiledRoute[]; sub: string; isApi: boolean } | undefined {
    const { endpointPath, publicPath } = bases;
    if (path === endpointPath || path.startsWith(`${endpointPath}/`)) return { rows: api, sub: path.slice(endpointPath.length), isApi: true };
    if (path.startsWith(`${publicPath}/`)) return { rows: pages, sub: path.slice(publicPath.length), isApi: false };
    return undefined;
  }

  return {
    match(method, path) {
      const found = scope(path);
      if (!found) return { kind: 'not-found' };
      if (found.isApi && method === 'OPTIONS') return { kind: 'preflight' };
      // HEAD is GET without the body; the handler drops the body.
      const asked = method === 'HEAD' ? 'GET' : method;
      const methods: string[] = [];
      for (const { route, pattern, names } of found.rows) {
        const hit = pattern.exec(found.sub);
        if (!hit) continue;
        if (route.method === asked) {
          return { kind: 'route', route, params: Object.fromEntries(names.map((name, i) => [name, hit[i + 1]!])) };
        }
        methods.push(route.method);
      }
      if (!methods.length) return { kind: 'not-found' };
      const allow = ['GET', 'HEAD', 'POST'].filter((m) => methods.includes(m === 'HEAD' ? 'GET' : m));
      return { kind: 'method-not-allowed', allow: [...allow, ...(found.isApi ? ['OPTIONS'] : [])].join(', ') };
    },
    routeOf(path) {
      const found = scope(path);
      return found?.rows.find(({ pattern }) => pattern.test(found.sub))?.route;
    },
  };
}

function compile(route: Ak1Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const named = /^([:*])([A-Za-z]\w*)$/.exec(segment);
      if (!named) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(named[2]!);
      return named[1] === ':' ? '([^/]+)' : '(.*)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`), names };
}
