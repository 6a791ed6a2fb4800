// One local server for every page of the peers bench, each response gzipped (level 9, compressed once and
// kept): /<page>/ from build/<page>/, /ak1/cdn/ (a copy of dist/cdn) and /ak1/region-data/ (dist/'s) as a
// district that self-hosts the bundle serves them (docs/component.md).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { OUT, ROOT } from './build.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.woff2': 'font/woff2', '.woff': 'font/woff', '.svg': 'image/svg+xml', '.ttf': 'font/ttf' };

function fileFor(pathname) {
  const path = normalize(decodeURIComponent(pathname));
  if (path.includes('..')) return undefined;
  // The bundle from the bench's copy of dist/cdn (build.mjs), the region lists from dist/ itself.
  const regions = /^\/ak1\/(region-data\/.+)$/.exec(path);
  const file = regions ? join(ROOT, 'dist', regions[1]) : join(OUT, path.endsWith('/') ? `${path}index.html` : path);
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/** Starts the server on a free loopback port; resolves to its origin and a stop function. */
export async function startPeersServer() {
  const cache = new Map();
  const server = createServer((request, response) => {
    const file = fileFor(new URL(request.url, 'http://localhost').pathname);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let body = cache.get(file);
    if (!body) cache.set(file, (body = gzipSync(readFileSync(file), { level: 9 })));
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-encoding': 'gzip',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
