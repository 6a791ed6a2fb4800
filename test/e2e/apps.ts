/**
 * The example apps of test/e2e/apps/ as their users meet them: the package packed as npm would publish it,
 * unpacked into a temporary copy of each app's node_modules, the app's own build run there, and its output
 * served by a plain static server on its own loopback port (so the backend and a CDN are other origins).
 *
 * The registry is not asked: the temporary app's node_modules holds the packed ak1-form and links to this
 * repository's node_modules for everything else (vite, react, vue, lit, zod…), which package.json pins.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { ROOT } from './helpers.js';

export const APPS = join(ROOT, 'test/e2e/apps');

/** Runs a command, failing with its output when it fails; returns what it printed. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}:\n${output}`);
  return output;
}

/** `npm pack` of the built package into a temporary folder: the tarball's path and the folder (to remove). */
export function packPackage(): { tarball: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ak1-pack-'));
  const output = run('npm', ['pack', '--silent', '--pack-destination', dir], ROOT);
  const name = output.trim().split('\n').pop()!.trim();
  const tarball = join(dir, name);
  if (!existsSync(tarball)) throw new Error(`npm pack wrote no ${tarball}:\n${output}`);
  return { tarball, dir };
}

/**
 * A temporary copy of test/e2e/apps/<name> with the packed package installed in its node_modules (unpacked as
 * npm does: the tarball's package/ folder becomes node_modules/ak1-form) and the rest linked from ours.
 */
export function prepareApp(name: string, tarball: string, into: string): string {
  const app = join(into, name);
  cpSync(join(APPS, name), app, { recursive: true });
  const modules = join(app, 'node_modules');
  mkdirSync(join(modules, 'ak1-form'), { recursive: true });
  run('tar', ['-xzf', tarball, '-C', join(modules, 'ak1-form'), '--strip-components=1'], app);
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === 'ak1-form' || entry === '.package-lock.json' || entry === '.cache') continue;
    symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry));
  }
  return app;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>` or `http://localhost:<port>` (another origin than the other server's). */
  origin: string;
  /** Every path asked for, with its status. */
  requests: Array<{ path: string; status: number }>;
  close(): Promise<void>;
}

/**
 * Serves a folder as a static host does. `spa`: an unknown path gets index.html (as `vite preview` and most
 * app hosts do, which is how a missing region list turns into an HTML page). `cors`: files may be fetched from
 * other origins (a CDN). `mounts`: extra folders under a path prefix.
 */
export function serveStatic(
  root: string,
  { host = '127.0.0.1', spa = false, cors = false, mounts = {} as Record<string, string>, headers = {} as Record<string, string> } = {},
): Promise<StaticServer> {
  const requests: StaticServer['requests'] = [];
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const mount = Object.keys(mounts).find((prefix) => path.startsWith(prefix));
    const base = mount ? mounts[mount]! : root;
    const relative = mount ? path.slice(mount.length) : path;
    let file = normalize(join(base, relative));
    if (!file.startsWith(normalize(base + sep)) && file !== normalize(base)) file = '';
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    let status = 200;
    if (!file || !existsSync(file)) {
      if (spa && existsSync(join(root, 'index.html'))) file = join(root, 'index.html');
      else status = 404;
    }
    requests.push({ path, status });
    const common: Record<string, string> = { 'cache-control': 'no-store', ...headers, ...(cors ? { 'access-control-allow-origin': '*' } : {}) };
    if (status === 404) {
      response.writeHead(404, { ...common, 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { ...common, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        origin: `http://${host}:${port}`,
        requests,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** A fresh temporary folder for the apps of one test file, removed by `remove`. */
export function scratch(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
