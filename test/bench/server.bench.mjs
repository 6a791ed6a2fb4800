// The reference server under load, beside its floor, in one run (issue 17). Each server in its own process on
// loopback; autocannon with 20 keep-alive connections for 10 s, every request a new applicant (own NIK, own
// Idempotency-Key) with a 40 kB JPEG photo and a KTP picture. The floor and the SQLite handler rows are built
// in server-floor.mjs. Prints registrations per second, latency, non-2xx replies and each server's peak
// memory (RSS sampled every 50 ms). Run by `npm run bench` (or `npm run bench -- server`), under tsx.
import { cpus, loadavg, tmpdir } from 'node:os';
import { CONNECTIONS, benchBody, floorAndSqlite, floorRows } from './server-floor.mjs';

const template = benchBody();
const sqlite = await floorAndSqlite(template);

const bodyKb = (Buffer.byteLength(template) / 1024).toFixed(1);
console.log(
  `\nRegistrations on loopback, ${CONNECTIONS} keep-alive connections, ${sqlite.handler.duration} s each, ~${bodyKb} kB bodies ` +
    `(40 kB JPEG photo + KTP picture), databases in ${tmpdir()} (WAL, synchronous=FULL); Node ${process.version}\n`,
);
const rows = floorRows(sqlite);
console.log('| | floor (node:http + JSON.parse + 1 insert) | createAk1Handler + SQLite store | handler / floor |');
console.log('|---|---:|---:|---:|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
const { stored } = sqlite.handler;
console.log(`\nrows in the handler's SQLite: ${stored.n}, serials 1..${stored.last} (replies cut off at the end: ${stored.n - sqlite.handler.created})`);
console.log(`load average after the run: ${loadavg().map((n) => n.toFixed(2)).join(' ')} on ${cpus().length} cores`);
for (const [name, figures] of Object.entries(sqlite)) {
  if (Object.keys(figures.statuses).some((status) => status !== '201')) console.log(`${name} statuses: ${JSON.stringify(figures.statuses)}`);
}

if (!sqlite.floor.clean || !sqlite.handler.clean) {
  console.error('\nThe run was not clean: see the table.');
  process.exitCode = 1;
}
