// The server bench's floor (issue 17) and the body every row gets: server.bench.mjs measures the floor
// beside the handler (test/node/helpers/server-process.ts: createAk1Handler + createSqliteStore as
// docs/server.md wires it, per-address limits off and no proof of work, as docs/server.md says for load from
// one address) under the same load, and prints the ratios built here.
//
// - The floor (server-floor-process.mjs): node:http, read the body, JSON.parse, one prepared better-sqlite3
//   insert, WAL, synchronous=FULL.
// - The body: a new applicant per request with a real 40 kB 300×400 JPEG photo and a KTP picture.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import jpeg from 'jpeg-js';
import { testApplicant } from '../node/helpers/applicants.ts';
import { photoJpeg, toBase64 } from '../fixtures/card-photo.ts';

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

/** The floor server in its own process (Node, no tsx), on the SQLite file `database`; as startServer answers. */
export function startFloor(database) {
  const child = spawn(process.execPath, [new URL('./server-floor-process.mjs', import.meta.url).pathname, database], {
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

/** The lines under the bench's table: the SQLite handler's figures against the floor's, with issue 17's targets. */
export function floorRows(floor, sqlite) {
  const perSecond = sqlite.perSecond / floor.perSecond;
  const p99 = sqlite.p99 / floor.p99;
  return [
    `SQLite handler / floor: registrations/s ${perSecond.toFixed(2)} (target ≥ 0.50${perSecond >= 0.5 ? ', met' : ''}), ` +
      `p99 ${p99.toFixed(2)}× (target ≤ 1.5×${p99 <= 1.5 ? ', met' : ''})`,
  ].join('\n');
}
