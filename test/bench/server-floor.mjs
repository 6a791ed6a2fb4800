// The server bench's parts for the floor and the SQLite handler (server.bench.mjs prints them): the request
// body, the load, and the two servers, each in its own process on loopback.
//
// - The floor (server-floor-process.mjs): node:http, read the body, JSON.parse, one prepared better-sqlite3
//   insert, WAL, synchronous=FULL.
// - The handler as docs/server.md wires it: createAk1Handler + createSqliteStore on a file (WAL,
//   synchronous=FULL), through toNodeListener, per-address limits off and no proof of work (docs/server.md:
//   AK1_LIMITS=off, AK1_PROOF_OF_WORK=off, for load from one address), capacity high so booking never turns a
//   registration away (test/node/helpers/server-process.ts).
//
// Both get the same requests: autocannon, 20 keep-alive connections, 10 s, every request a new applicant
// (own NIK, own Idempotency-Key) with a real 40 kB 300×400 JPEG photo and a KTP picture (about 65 kB of JSON).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import jpeg from 'jpeg-js';
import { testApplicant, testNik } from '../node/helpers/applicants.ts';
import { startServer } from '../node/helpers/processes.ts';
import { photoJpeg, toBase64 } from '../fixtures/card-photo.ts';

export const CONNECTIONS = 20;
export const DURATION_SECONDS = Number(process.env.AK1_BENCH_SECONDS ?? 10);

/**
 * A KTP picture as the device's `prepareDocument` could send it: a real JPEG (428×270, the card's blue, lines
 * of "text", the red photo box), deterministic, about 12 kB. Real bytes, so the server's structure check
 * passes them.
 */
export function ktpJpeg() {
  const width = 428;
  const height = 270;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [X, Y] = [x * 2, y * 2];
      let rgb = [178, 214, 236];
      const line = Math.floor((Y - 120) / 34);
      if (Y > 120 && Y < 470 && (Y - 120) % 34 < 12 && X > 40 && X < 520 - line * 29) rgb = [40, 40, 60];
      if (X > 610 && X < 810 && Y > 130 && Y < 400) rgb = [196, 40, 40];
      data.set([...rgb, 255], (y * width + x) * 4);
    }
  }
  return new Uint8Array(jpeg.encode({ data, width, height }, 60).data);
}

/**
 * The one body template: each request swaps in its own NIK and birth date (string work, not JSON work, so the
 * load generator sharing these cores spends little).
 */
export function benchBody() {
  return JSON.stringify(
    testApplicant(0, {
      nik: '__NIK__',
      birthDate: '__BIRTH__',
      photo: { mediaType: 'image/jpeg', dataBase64: toBase64(photoJpeg()) },
      documents: [{ kind: 'KTP', mediaType: 'image/jpeg', dataBase64: toBase64(ktpJpeg()) }],
    }),
  );
}

/** autocannon against `url`'s POST path, each request a new applicant; the figures and the replies by status. */
export async function load(url, path, template, { connections = CONNECTIONS, duration = DURATION_SECONDS } = {}) {
  let sent = 0;
  const statuses = new Map();
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        setupRequest(request) {
          const i = sent++;
          const { nik, birthDate } = testNik(i);
          return {
            ...request,
            headers: { ...request.headers, 'idempotency-key': `bench-${i}` },
            body: template.replace('__NIK__', nik).replace('__BIRTH__', birthDate),
          };
        },
      },
    ],
    setupClient(client) {
      client.on('response', (status) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
    },
  });
  const created = statuses.get(201) ?? 0;
  return {
    perSecond: created / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    created,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    duration: result.duration,
    statuses: Object.fromEntries(statuses),
  };
}

/** The floor server in its own process (Node, no tsx), on a database in `dir`. */
function startFloor(dir, nodeOptions = []) {
  const child = spawn(process.execPath, [...nodeOptions, new URL('./server-floor-process.mjs', import.meta.url).pathname, join(dir, 'floor.sqlite')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const reports = [];
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the floor server exited with ${code}`)));
    lines.on('line', (line) => {
      reports.push(JSON.parse(line));
      if (typeof reports[0]?.port !== 'number' || reports.length > 1) return;
      resolve({
        url: `http://127.0.0.1:${reports[0].port}`,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('close', (code) => done({ code, maxRssBytes: reports.find((r) => r.closed)?.maxRssBytes }));
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Runs the floor, then the handler with the SQLite store, under the same load; their figures. */
export async function floorAndSqlite(template = benchBody()) {
  const dir = mkdtempSync(join(tmpdir(), 'ak1-bench-'));
  try {
    const floorServer = await startFloor(dir);
    const floor = await load(floorServer.url, '/api/ak1', template);
    const floorStop = await floorServer.stop();
    floor.maxRssBytes = floorStop.maxRssBytes;
    floor.clean = floorStop.code === 0 && floor.non2xx === 0 && floor.errors === 0;

    const database = join(dir, 'handler.sqlite');
    const server = await startServer({
      database,
      keyFile: join(dir, 'key.jwk'),
      now: '2026-11-28T02:00:00Z',
      district: { capacityPerDay: 1_000_000, windows: [{ start: '08:00', end: '16:00', capacity: 1_000_000 }] },
    });
    const handler = await load(server.url, '/api/ak1', template);
    const { maxRssBytes, code } = await server.stop();
    const db = new Database(database, { readonly: true });
    const stored = db.prepare('SELECT COUNT(*) AS n, MAX(serial) AS last FROM ak1_registrations').get();
    db.close();
    handler.maxRssBytes = maxRssBytes;
    handler.stored = stored;
    // Requests still in flight when autocannon stops are committed without their reply being counted.
    const inFlightAtEnd = stored.n - handler.created;
    handler.clean =
      code === 0 && stored.n === stored.last && inFlightAtEnd >= 0 && inFlightAtEnd <= CONNECTIONS && handler.non2xx === 0 && handler.errors === 0;
    return { floor, handler };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows server.bench.mjs prints for the floor and the SQLite handler: [label, floor, handler, ratio]. */
export function floorRows({ floor, handler }) {
  const mb = (bytes) => (bytes ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : '–');
  return [
    ['registrations/s', floor.perSecond.toFixed(1), handler.perSecond.toFixed(1), `${(handler.perSecond / floor.perSecond).toFixed(2)} (target ≥ 0.50)`],
    ['latency p50', `${floor.p50} ms`, `${handler.p50} ms`, `${(handler.p50 / floor.p50).toFixed(2)}×`],
    ['latency p99', `${floor.p99} ms`, `${handler.p99} ms`, `${(handler.p99 / floor.p99).toFixed(2)}× (target ≤ 1.5×)`],
    ['latency max', `${floor.max} ms`, `${handler.max} ms`, ''],
    ['201 replies', String(floor.created), String(handler.created), ''],
    ['non-2xx / errors / timeouts', `${floor.non2xx} / ${floor.errors} / ${floor.timeouts}`, `${handler.non2xx} / ${handler.errors} / ${handler.timeouts}`, ''],
    ['peak RSS', mb(floor.maxRssBytes), mb(handler.maxRssBytes), ''],
  ];
}
