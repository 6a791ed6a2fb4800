#!/usr/bin/env node
// `npm start`: builds ak1-form when needed, then serves the demo district portal on http://localhost:8080
// (PORT to change) with the reference backend behind it, so the whole journey runs for real:
//   /                        the sample Kabupaten Serang portal page with the <ak1-form> script tag, and the
//                            other demo pages (demo/public/)
//   /dist/                   the built library and script-tag bundle
//   /api/ak1                 the reference backend (ak1-form/server) of Kabupaten Serang, on .data/ak1.sqlite
//   /verify/{token}          the page a card's QR code opens
//   /office                  the counter: <ak1-office> for Kabupaten Serang's officers (demo/public/office.html);
//                            a fresh data folder gets an admin, a petugas and a Pengantar Kerja, whose one-time
//                            passwords are written to .data/demo-officers.txt (owner only), never to the log
//   /api/ak1-kota-serang     Kota Serang's backend, for the partner-portal page (.data/kota-serang/), whose
//   /kota-serang/verify/…    cards verify here, and /kota-serang/office is its counter (.data/kota-serang/demo-officers.txt)
// Ctrl-C stops it cleanly: the server stops taking requests, finishes the ones under way, then closes the
// databases. Settings (all optional): PORT, HOST (default 127.0.0.1: this machine only; docs/server.md says how
// to serve the public behind a proxy), AK1_PUBLIC_URL, AK1_DATA_DIR, AK1_SIGNING_KEY (a private Ed25519 JWK, for
// Kabupaten Serang), AK1_EXPORT_TOKEN (enables GET …/export.csv), AK1_CORS_ORIGINS (comma-separated),
// AK1_FRAME_ANCESTORS (space-separated origins that may frame the pages; default none), AK1_TRUST_PROXY (the
// reverse proxies' addresses or CIDR ranges, comma-separated), AK1_LIMITS=off and AK1_PROOF_OF_WORK=off (the
// per-address limits and the proof of work are on by default; off for local development only),
// AK1_OFFICE_ORIGINS (comma-separated origins of intranet pages that embed <ak1-office>), AK1_DEMO_OFFICERS (the
// demo's accounts with fixed passwords, JSON: see demo/officers.mjs; honoured only on loopback), AK1_DATABASE_URL (a
// PostgreSQL connection string: the registrations go there, each office in its own schema, instead of SQLite files
// in AK1_DATA_DIR, so that several processes can serve them: docs/scaling.md), AK1_NOW (an ISO instant the server's
// clock starts from, honoured only with NODE_ENV=test: the end-to-end tests' return six months later).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { kotaSerangDistrict, serangDistrict } from './district.mjs';
import { ensureDemoOfficers, fixedOfficers } from './officers.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const port = Number(process.env.PORT ?? 8080);
// Loopback unless told otherwise: a demo (or a district's first try) is not on the open internet by accident.
const host = process.env.HOST || '127.0.0.1';
const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
const publicUrl = process.env.AK1_PUBLIC_URL ?? `http://localhost:${port}`;
const dataDir = resolve(root, process.env.AK1_DATA_DIR ?? '.data');
const frameAncestors = (process.env.AK1_FRAME_ANCESTORS ?? '').split(/[\s,]+/).filter(Boolean);
const trustProxy = (process.env.AK1_TRUST_PROXY ?? '').split(',').map((a) => a.trim()).filter(Boolean);
// The demo is a public service's sample: its seats are held only after a proof of work (about a second on a
// cheap phone: maxnumber 50,000, half of it tried on average), and every address has the default limits.
const limits = process.env.AK1_LIMITS === 'off' ? false : {};
const proofOfWork = process.env.AK1_PROOF_OF_WORK === 'off' ? false : { maxNumber: 50_000 };
const officeOrigins = (process.env.AK1_OFFICE_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
// Known passwords are for a machine nobody else reaches: off loopback the demo makes one-time ones instead.
const demoOfficers = fixedOfficers(process.env.AK1_DEMO_OFFICERS);
if (demoOfficers && !loopback) console.warn('AK1_DEMO_OFFICERS is ignored: the demo does not listen on loopback only (HOST)');
// Checked before the build: a mistyped instant should stop the start at once, not after a minute of rollup.
const now = serverClock(process.env.AK1_NOW, process.env.NODE_ENV);

/**
 * The server's clock (design.md, "Tests and time"): with NODE_ENV=test, AK1_NOW is where it starts and it runs on
 * from there, so sessions, throttles and timeouts behave as on any day; `undefined` (the real clock) otherwise. Outside
 * tests the setting is ignored, loudly: an office on a moved clock would date registrations and signatures wrongly.
 */
function serverClock(value, nodeEnv) {
  if (!value) return undefined;
  if (nodeEnv !== 'test') {
    console.warn('AK1_NOW is ignored: it moves the server\'s clock only when NODE_ENV=test (for the end-to-end tests)');
    return undefined;
  }
  const start = parseInstant(value);
  if (start === undefined) {
    console.error(`AK1_NOW is not an ISO 8601 instant with its offset, such as 2027-06-15T10:00:00+07:00 or 2027-06-15T03:00:00Z: ${JSON.stringify(value.slice(0, 60))}`);
    process.exit(1);
  }
  const started = performance.now();
  return () => new Date(start + (performance.now() - started));
}

/** Milliseconds of `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or `±HH:MM`, or `undefined` (Date.parse alone takes 30 February). */
function parseInstant(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day] = match.slice(1, 4).map(Number);
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day || month < 1 || month > 12) return undefined;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The strict policy of docs/component.md, which every demo page runs under (everything on one origin), and who
 * may frame the pages: nobody, unless AK1_FRAME_ANCESTORS names the portals that may.
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  `frame-ancestors ${frameAncestors.length ? frameAncestors.join(' ') : "'none'"}`,
].join('; ');

const needed = ['dist/cdn/ak1-form.js', 'dist/server/index.js', 'dist/index.js'];
if (needed.some((file) => !existsSync(join(root, file))) || process.argv.includes('--build')) {
  console.log('Building ak1-form…');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const {
  createAk1Handler,
  createSqliteStore,
  createPostgresStore,
  loadOrCreateSigningKeys,
  toNodeListener,
  ak1NationalHolidays,
  ak1HolidayWarning,
  createScryptHasher,
  addOfficer,
} = await import(pathToFileURL(join(root, 'dist/server/index.js')).href);
// One hasher for both offices: scrypt takes 32 MB and a core per hash, one at a time.
const passwordHasher = createScryptHasher?.();
const { createRegionLookup } = await import(pathToFileURL(join(root, 'dist/index.js')).href);
const regions = createRegionLookup({ baseUrl: pathToFileURL(join(root, 'dist/region-data/')) });

/** One backend per office: its own database and key, as two real districts would have. */
const offices = [
  { endpointPath: '/api/ak1', publicPath: '', district: serangDistrict, dir: dataDir, key: process.env.AK1_SIGNING_KEY, officePage: 'office.html', schema: 'kab_serang' },
  {
    endpointPath: '/api/ak1-kota-serang',
    publicPath: '/kota-serang',
    district: kotaSerangDistrict,
    dir: join(dataDir, 'kota-serang'),
    officePage: 'office-kota-serang.html',
    schema: 'kota_serang',
  },
];
const holidayWarning = ak1HolidayWarning({ horizonDays: serangDistrict.horizonDays, timeZone: serangDistrict.timeZone, now: now?.() });
if (holidayWarning) console.warn(holidayWarning);
for (const office of offices) {
  ownerOnly(office.dir);
  office.store = process.env.AK1_DATABASE_URL
    ? await createPostgresStore({ connectionString: process.env.AK1_DATABASE_URL, schema: office.schema })
    : await createSqliteStore(join(office.dir, 'ak1.sqlite'));
  const handler = createAk1Handler({
    store: office.store,
    endpointPath: office.endpointPath,
    publicUrl: `${publicUrl}${office.publicPath}`,
    // Closed on the national holidays and cuti bersama the package knows; the log says when that runs out.
    district: { ...office.district, closedDates: ak1NationalHolidays() },
    // The key file's signing key, and the keys before `npx ak1-form keys rotate`, whose cards still verify.
    ...(office.key ? { signingKey: JSON.parse(office.key) } : await loadOrCreateSigningKeys(join(office.dir, 'signing-key.jwk'))),
    corsOrigins: (process.env.AK1_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    exportToken: process.env.AK1_EXPORT_TOKEN || undefined,
    frameAncestors,
    regions,
    limits,
    proofOfWork,
    trustProxy,
    passwordHasher,
    officeOrigins,
    now,
    // The handler's entries hold no body, query, token, NIK or phone.
    log: ({ method, path, status, durationMs, problem, error }) =>
      console.log(`${method} ${path} ${status} ${durationMs} ms${problem ? ` ${problem}` : ''}${error ? ` ${error}` : ''}`),
  });
  office.listener = toNodeListener(handler);
  if (passwordHasher && addOfficer) {
    let lines = [];
    try {
      lines = await ensureDemoOfficers({
        store: office.store,
        hasher: passwordHasher,
        addOfficer,
        dir: office.dir,
        officeName: office.district.officeName,
        officeUrl: `${publicUrl}${office.publicPath}/office`,
        fixed: loopback ? demoOfficers : undefined,
      });
    } catch (error) {
      // Several processes starting at once on one PostgreSQL each found no accounts; the first to add one made
      // them all, and the others' first add met its username. Anything else stops the demo.
      if (!process.env.AK1_DATABASE_URL || (await office.store.officers.list()).length === 0) throw error;
    }
    for (const line of lines) console.log(`  ${office.district.officeName}: ${line}`);
  }
  office.serves = (path) =>
    path === office.endpointPath || path.startsWith(`${office.endpointPath}/`) || path.startsWith(`${office.publicPath}/verify/`);
}

/**
 * A data folder only its owner may enter (NIKs, phone numbers, KTP scans, the signing key): made 0700, or
 * narrowed to it when it exists. A shared folder such as /tmp (sticky) is left alone: it is not ours to close.
 */
function ownerOnly(dir) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { mode } = statSync(dir);
  if (mode & 0o1000) {
    console.warn(`${dir} is a shared folder: give the demo a folder of its own (AK1_DATA_DIR)`);
    return;
  }
  if (mode & 0o077) chmodSync(dir, 0o700);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** URL paths served from folders of the project; everything else is a 404. */
const MOUNTS = [
  ['/dist/', join(root, 'dist')],
  ['/', join(root, 'demo/public')],
];

/** Compressed files, made once per file version: brotli at its best level costs too much per request. */
const compressed = new Map();

/** Pages served at a path of their own: each office's counter. */
const PAGES = new Map(offices.map((office) => [`${office.publicPath}/office`, `/${office.officePage}`]));

const server = createServer((request, response) => {
  const requested = pathOf(request.url);
  const path = PAGES.get(requested?.replace(/\/$/, '')) ?? requested;
  // A target that is no URL (`//[`, `http://x:99999/`) goes to the backend's adapter, which answers it with a
  // 400 problem: nothing a client sends may end the process.
  const office = path === undefined ? offices[0] : offices.find((o) => o.serves(path));
  if (office) {
    office.listener(request, response);
    return;
  }
  const started = performance.now();
  try {
    serveStatic(request, response, path);
  } catch (error) {
    // A file removed or unreadable between the checks and the read: this request fails, the server stays.
    if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
    response.end();
    console.log(`${request.method} ${requested} error ${error?.code ?? error?.name ?? 'unknown'}`);
    return;
  }
  console.log(`${request.method} ${requested} ${response.statusCode} ${Math.round((performance.now() - started) * 10) / 10} ms`);
});

/** The request target's path, or `undefined` when it is not a URL at all. */
function pathOf(target) {
  try {
    return new URL(target ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

function serveStatic(request, response, path) {
  const file = resolveFile(path);
  if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'content-security-policy': PAGE_POLICY });
    response.end('Not found\n');
    return;
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const stat = statSync(file);
  const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
  // Content-hashed chunks never change under their name; everything else is revalidated by its ETag.
  const immutable = /\/chunks\/[^/]+-[A-Za-z0-9_-]{8,}\.js$/.test(file);
  const headers = {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
    'x-content-type-options': 'nosniff',
    vary: 'accept-encoding',
  };
  if (type.startsWith('text/html')) headers['content-security-policy'] = PAGE_POLICY;
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  const encoding = /text|json|svg|javascript/.test(type) ? chooseEncoding(request.headers['accept-encoding']) : undefined;
  let body;
  if (encoding) {
    const key = `${encoding} ${file}`;
    let cached = compressed.get(key);
    if (!cached || cached.etag !== etag) {
      const bytes = readFileSync(file);
      cached = {
        etag,
        bytes:
          encoding === 'br'
            ? brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
            : gzipSync(bytes, { level: 9 }),
      };
      compressed.set(key, cached);
    }
    headers['content-encoding'] = encoding;
    body = cached.bytes;
  } else {
    body = readFileSync(file);
  }
  headers['content-length'] = String(body.length);
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** `br` when the browser takes it, else `gzip`, else none (a `q=0` refuses a coding). */
function chooseEncoding(header) {
  const accepted = new Map(
    String(header ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .map(([coding, ...params]) => {
        const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
        return [coding.trim().toLowerCase(), q === undefined ? 1 : Number(q)];
      }),
  );
  const wants = (coding) => (accepted.get(coding) ?? accepted.get('*') ?? 0) > 0;
  if (wants('br')) return 'br';
  if (wants('gzip')) return 'gzip';
  return undefined;
}

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

server.listen(port, host, () => {
  const { port: listening } = server.address();
  // On loopback the demo is http://localhost, a secure context in browsers (so "Ingat di perangkat ini" shows,
  // and the counter may use the camera).
  console.log(`ak1-form demo: http://${loopback ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${listening}/  (Ctrl-C to stop)`);
  if (loopback) console.log('  listening on this machine only; HOST=0.0.0.0 listens on every interface (see docs/server.md first)');
  for (const office of offices) console.log(`  ${office.district.officeName}: API ${publicUrl}${office.endpointPath}, counter ${publicUrl}${office.publicPath}/office`);
  console.log(`  data in ${dataDir}`);
  if (now) console.log(`  the server's clock is moved (AK1_NOW, NODE_ENV=test): it is ${now().toISOString()} here`);
  if (!process.env.AK1_EXPORT_TOKEN) console.log('  Set AK1_EXPORT_TOKEN to enable the office export (GET /api/ak1/export.csv?date=YYYY-MM-DD).');
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait
    stopping = true;
    console.log('\nStopping…');
    server.close(async () => {
      for (const office of offices) await office.store.close();
      console.log('Stopped.');
      process.exit(0);
    });
    server.closeIdleConnections();
    // Requests still under way after 5 s are cut: a registration is one transaction, committed or not.
    setTimeout(() => server.closeAllConnections(), 5000).unref();
  });
}
