// The server bench's floor: the least a registration server can do with the same request and the same
// durability. A bare node:http server reads the body, runs JSON.parse, and stores it with one prepared
// better-sqlite3 insert (WAL, synchronous=FULL: the reply comes after the commit's fsync). No validation, no
// idempotency, no serials: what is left of the handler's time above this is what the handler adds.
// Started by server-floor.mjs with the database path in argv; prints {"port":N} once listening, and on
// SIGTERM closes and prints {"closed":true,"maxRssBytes":N}, as test/node/helpers/server-process.ts does.
import { createServer } from 'node:http';
import Database from 'better-sqlite3';

const db = new Database(process.argv[2]);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, idempotency_key TEXT, nik TEXT, application TEXT)');
const insert = db.prepare('INSERT INTO floor (idempotency_key, nik, application) VALUES (?, ?, ?)');

let maxRssBytes = process.memoryUsage.rss();
setInterval(() => {
  maxRssBytes = Math.max(maxRssBytes, process.memoryUsage.rss());
}, 50).unref();

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    let application;
    try {
      application = JSON.parse(text);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const { lastInsertRowid } = insert.run(request.headers['idempotency-key'] ?? null, application.nik, text);
    const body = JSON.stringify({ id: String(lastInsertRowid) });
    response.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));

process.once('SIGTERM', () => {
  server.close(() => {
    db.close();
    maxRssBytes = Math.max(maxRssBytes, process.memoryUsage.rss());
    process.stdout.write(`${JSON.stringify({ closed: true, maxRssBytes })}\n`, () => process.exit(0));
  });
  server.closeIdleConnections();
});
