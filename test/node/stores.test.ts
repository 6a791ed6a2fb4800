import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  Ak1SchemaTooNewError,
  ak1DemoDistrict,
  backupSqliteDatabase,
  createAk1Handler,
  createMemoryStore,
  createSqliteStore,
  generateSigningKey,
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
} from '../../src/server/index.js';
import { migrateSqlite, SQLITE_MIGRATIONS, type SqliteMigrationDatabase } from '../../src/server/migrations/sqlite.js';
import { testApplicant } from './helpers/applicants.js';
import { storeRequest, storeSuite } from './store-suite.js';

/*
 * The shared store suite against the memory and SQLite stores (PostgreSQL's, with its throwaway cluster, is in
 * stores-postgres.test.ts), then the SQLite store's migrations, with a database file made by ak1-form 0.1.0.
 */

const temp = mkdtempSync(join(tmpdir(), 'ak1-stores-test-'));
after(() => rmSync(temp, { recursive: true, force: true }));
let files = 0;

storeSuite('memory', async () => ({ store: createMemoryStore() }));

storeSuite('SQLite', async () => {
  const path = join(temp, `store-${++files}.sqlite`);
  return { store: await createSqliteStore(path), another: () => createSqliteStore(path) };
});

const FIXTURE = fileURLToPath(new URL('../fixtures/databases/release-0.1.0.sqlite', import.meta.url));
const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as typeof import('better-sqlite3');
/** The fixture's registrations, as ak1-form 0.1.0 made them (test/fixtures/databases/README.md). */
const RELEASED = ['3604-000001-281126', '3604-000002-281126', '3604-000003-281126', '3604-000004-281126'];

/** A copy of the 0.1.0 fixture to change: the committed file is never opened for writing. */
function copyOfRelease(): string {
  const path = join(temp, `release-${++files}.sqlite`);
  copyFileSync(FIXTURE, path);
  return path;
}

function inspect<T>(path: string, read: (db: import('better-sqlite3').Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('SQLite migrations', () => {
  it('list the same steps as the intents, numbered 1, 2, 3 …', () => {
    assert.deepEqual(
      SQLITE_MIGRATIONS.map((m) => [m.version, m.name]),
      MIGRATIONS.map((m) => [m.version, m.name]),
    );
    assert.deepEqual(MIGRATIONS.map((m) => m.version), MIGRATIONS.map((_, i) => i + 1));
    assert.equal(LATEST_SCHEMA_VERSION, MIGRATIONS.length);
  });

  it('upgrade a database of 0.1.0 in place: every registration at version 1 with one submit entry, and it takes new ones', async () => {
    const path = copyOfRelease();
    assert.equal(inspect(path, (db) => db.pragma('user_version', { simple: true })), 1);
    const store = await createSqliteStore(path);
    try {
      assert.equal(inspect(path, (db) => db.pragma('user_version', { simple: true })), LATEST_SCHEMA_VERSION);
      for (const number of RELEASED) {
        const record = await store.getRecord(number);
        assert.ok(record, number);
        assert.equal(record.registration.version, 1);
        assert.equal(record.registration.status, 'RECEIVED');
        assert.match(record.registration.nik, /^36040501017590\d\d$/);
        assert.deepEqual(record.history, [{ at: record.registration.registeredAt, actor: { kind: 'applicant' }, event: 'submit', to: 'RECEIVED' }]);
        assert.deepEqual(record.registration.reports, record.registration.reportDueDates.map((due) => ({ due })));
        assert.ok(record.application.photo, 'the attachments are still there');
      }
      assert.equal((await store.listHistory({ from: '2026-11-28T00:00:00+07:00', to: '2026-11-28T23:59:59+07:00' })).length, RELEASED.length);
      assert.deepEqual(
        (await store.listRegistrations({ query: 'siti aminah' })).map((r) => r.registrationNumber),
        ['3604-000001-281126'],
      );
      assert.deepEqual((await store.countBookings('2026-11-30', '2026-12-02')).map((c) => `${c.date} ${c.start} ${c.count}`).sort(), [
        '2026-11-30 08:00 3',
        '2026-12-02 08:00 1',
      ]);

      // The current handler on the upgraded file: a new NIK is registered with the next serial, a held NIK is not.
      const handler = createAk1Handler({
        store,
        endpointPath: '/api/ak1',
        publicUrl: 'http://localhost:8080',
        district: ak1DemoDistrict,
        signingKey: await generateSigningKey(),
        corsOrigins: [],
        now: () => new Date('2026-11-28T04:00:00Z'),
      });
      const post = (body: unknown, key: string) =>
        handler(
          new Request('http://localhost:8080/api/ak1', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': key },
            body: JSON.stringify(body),
          }),
        );
      const fresh = await post(testApplicant(9100, { fullName: 'Rina Marlina' }), 'after-upgrade-1');
      assert.equal(fresh.status, 201, await fresh.clone().text());
      const body = await fresh.json();
      assert.equal(body.registrationNumber, '3604-000005-281126');
      const record = (await store.getRecord(body.registrationNumber))!;
      assert.equal(record.registration.version, 1);
      assert.deepEqual(record.history.map((h) => h.event), ['submit']);
      assert.equal((await post(testApplicant(9000, { fullName: 'Siti Aminah' }), 'after-upgrade-2')).status, 409);
    } finally {
      await store.close();
    }
    // Opened again: nothing is due, nothing is written twice.
    const again = await createSqliteStore(path);
    await again.close();
    assert.deepEqual(inspect(path, (db) => db.prepare("SELECT COUNT(*) AS n FROM ak1_history WHERE event = 'submit'").get()), { n: 5 });
  });

  it('give a new file 16 kB pages and copy its WAL into it every 4 MB; leave an existing file its own pages', async () => {
    const old = copyOfRelease();
    const store = await createSqliteStore(old);
    await store.close();
    assert.equal(inspect(old, (db) => db.pragma('page_size', { simple: true })), 4096);

    const made = join(temp, `pages-${++files}.sqlite`);
    const fresh = await createSqliteStore(made);
    try {
      assert.equal(inspect(made, (db) => db.pragma('page_size', { simple: true })), 16384);
      // 100 registrations of 70 kB, each its own commit with its index pages: over 7 MB through the WAL. With
      // SQLite's default of 1000 pages (16 MB with these pages) the WAL grew to 16.5 MB here.
      const photo = { ...(testApplicant(0).photo as object), dataBase64: 'A'.repeat(70_000) };
      for (let i = 0; i < 100; i++) assert.equal((await fresh.register(storeRequest(i, { application: { photo } }))).outcome, 'created');
      const walBytes = statSync(`${made}-wal`).size;
      assert.ok(walBytes < 5 * 1024 * 1024, `the WAL grew to ${walBytes} bytes`);
    } finally {
      await fresh.close();
    }
  });

  it('upgrade a file made before the two columns 0.1.0 added at open (version 1 without them)', async () => {
    const path = copyOfRelease();
    const db = new Database(path);
    db.exec('DROP INDEX ak1_registrations_client; ALTER TABLE ak1_registrations DROP COLUMN client_key; ALTER TABLE ak1_registrations DROP COLUMN warnings');
    db.close();
    const store = await createSqliteStore(path);
    try {
      assert.equal((await store.getRecord(RELEASED[0]!))!.registration.version, 1);
      const columns = inspect(path, (db) => (db.prepare('PRAGMA table_info(ak1_registrations)').all() as Array<{ name: string }>).map((c) => c.name));
      assert.ok(columns.includes('client_key') && columns.includes('warnings') && columns.includes('version'));
    } finally {
      await store.close();
    }
  });

  it('refuse a database written by a newer ak1-form, and leave it as it is', async () => {
    const path = join(temp, `newer-${++files}.sqlite`);
    await (await createSqliteStore(path)).close();
    const db = new Database(path);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    await assert.rejects(createSqliteStore(path), (error: Error) => {
      assert.ok(error instanceof Ak1SchemaTooNewError);
      assert.match(error.message, new RegExp(`schema version ${LATEST_SCHEMA_VERSION + 1}, written by a newer ak1-form`));
      return true;
    });
    assert.equal(inspect(path, (db) => db.pragma('user_version', { simple: true })), LATEST_SCHEMA_VERSION + 1);
    await assert.rejects(backupSqliteDatabase(path, join(temp, `newer-backup-${files}.sqlite`)), Ak1SchemaTooNewError);
  });

  it('roll a failing step back whole: the file stays at its version', () => {
    const path = join(temp, `failing-${++files}.sqlite`);
    const db = new Database(path);
    try {
      assert.deepEqual(migrateSqlite(db), { from: 0, to: LATEST_SCHEMA_VERSION });
      assert.deepEqual(migrateSqlite(db), { from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
      const failing = {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'failing',
        up(db: SqliteMigrationDatabase) {
          db.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('the step failed');
        },
      };
      assert.throws(() => migrateSqlite(db, [...SQLITE_MIGRATIONS, failing]), /the step failed/);
      assert.equal(db.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
      assert.equal(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get(), undefined);
    } finally {
      db.close();
    }
  });

  it('migrate once when two processes open the same old file at the same moment', async () => {
    // The file is in rollback-journal mode; of two processes switching it to WAL at the same instant, SQLite
    // refuses one at once, without waiting (the store retries). That instant is narrow, so the race is run on
    // several files in turn, the two processes meeting at each file's own start time.
    const paths = Array.from({ length: 12 }, () => copyOfRelease());
    const script = childScript(`
const lengths = [];
for (const [index, file] of path.split('|').entries()) {
  while (Date.now() < Number(startAt) + index * 250) {}
  const store = await createSqliteStore(file);
  lengths.push((await store.getRecord('3604-000001-281126')).history.length);
  await store.close();
}
console.log(lengths.join(' '));`);
    const startAt = Date.now() + 4000;
    const once = paths.map(() => '1').join(' ');
    assert.deepEqual(await Promise.all([runChild(script, paths.join('|'), startAt), runChild(script, paths.join('|'), startAt)]), [once, once]);
    for (const path of paths) {
      assert.deepEqual(inspect(path, (db) => db.prepare("SELECT COUNT(*) AS n FROM ak1_history WHERE event = 'submit'").get()), {
        n: RELEASED.length,
      });
    }
  });
});

describe('SQLite store, two processes on one file', () => {
  it('let only one of two decisions taken on the same version win', async () => {
    const path = copyOfRelease();
    await (await createSqliteStore(path)).close();
    // Opened before the start line: only the updates race.
    const script = childScript(`
const outcome = await store.update('3604-000001-281126', (record) =>
  record.registration.version === 1
    ? { write: { status: 'VERIFIED', history: { at: new Date().toISOString(), actor: { kind: 'officer', id: String(process.pid) }, event: 'verify' } } }
    : { refuse: 'version-conflict' });
console.log(outcome.outcome);
await store.close();`, 'const store = await createSqliteStore(path);');
    const startAt = Date.now() + 4000;
    const outcomes = await Promise.all([runChild(script, path, startAt), runChild(script, path, startAt)]);
    assert.deepEqual(outcomes.sort(), ['refused', 'updated']);
    const store = await createSqliteStore(path);
    try {
      const record = (await store.getRecord('3604-000001-281126'))!;
      assert.equal(record.registration.version, 2);
      assert.deepEqual(record.history.map((h) => h.event), ['submit', 'verify'], 'one action recorded, the refused one not');
    } finally {
      await store.close();
    }
  });
});

/**
 * A script for a child process that loads the SQLite store (and runs `setup`), waits for the start time given
 * to every child, then runs `body` with `path`: so that two processes reach the file within microseconds of
 * each other.
 */
function childScript(body: string, setup = ''): string {
  const source = fileURLToPath(new URL('../../src/server/sqlite-store.ts', import.meta.url));
  const script = join(temp, `child-${++files}.mts`);
  writeFileSync(
    script,
    `import { createRequire } from 'node:module';
import { createSqliteStore } from ${JSON.stringify(pathToFileURL(source).href)};
createRequire(${JSON.stringify(source)})('better-sqlite3');
const [path, startAt] = process.argv.slice(2);
${setup}
while (Date.now() < Number(startAt)) {}
${body}
`,
  );
  return script;
}

function runChild(script: string, path: string, startAt: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, path, String(startAt)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}: ${err}`))));
  });
}
