#!/usr/bin/env node
// `npm start`: builds ak1-form when needed and serves the demo district portal on http://localhost:8080
// (PORT to change). Ctrl-C stops it cleanly.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const port = Number(process.env.PORT ?? 8080);

if (!existsSync(join(root, 'dist/cdn/ak1-form.js')) || process.argv.includes('--build')) {
  console.log('Building ak1-form…');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** URL paths served from folders of the project; everything else is a 404. */
const MOUNTS = [
  ['/dist/', join(root, 'dist')],
  ['/', join(root, 'demo/public')],
];

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const file = resolveFile(url.pathname);
  if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  // Content-hashed chunks never change; everything else is revalidated.
  const immutable = /\/chunks\/[^/]+-[A-Za-z0-9_-]{8,}\.js$/.test(file);
  const headers = {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    vary: 'accept-encoding',
  };
  const compress = /gzip/.test(String(request.headers['accept-encoding'])) && /text|json|svg/.test(type);
  if (compress) headers['content-encoding'] = 'gzip';
  response.writeHead(200, headers);
  if (request.method === 'HEAD') return response.end();
  const stream = createReadStream(file);
  (compress ? stream.pipe(createGzip()) : stream).pipe(response);
});

function resolveFile(pathname) {
  for (const [prefix, dir] of MOUNTS) {
    if (!pathname.startsWith(prefix)) continue;
    let path;
    try {
      path = normalize(join(dir, decodeURIComponent(pathname.slice(prefix.length))));
    } catch {
      return undefined;
    }
    if (path !== dir && !path.startsWith(dir + sep)) return undefined;
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  return undefined;
}

server.listen(port, () => {
  console.log(`ak1-form demo: http://localhost:${port}/  (Ctrl-C to stop)`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
  });
}
