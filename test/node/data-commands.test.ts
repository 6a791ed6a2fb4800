/*
 * `ak1-form backup`, `restore` and `keys`: a backup taken while a server registers is one consistent instant and
 * restores to the same rows; signing keys rotate without orphaning a printed card, and a key leaves only once
 * its cards have expired.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ak1DemoDistrict,
  createAk1Handler,
  createSqliteStore,
  generateSigningKey,
  loadOrCreateSigningKey,
  loadOrCreateSigningKeys,
  type Ak1Store,
} from '../../src/server/index.js';
import { testApplicant } from './helpers/applicants.js';
import { startServer } from './helpers/processes.js';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'ak1-data-commands-'));
after(() => rmSync(temp, { recursive: true, force: true }));
const Database = createRequire(import.meta.url)('better-sqlite3');

/** Runs `ak1-form …` from the source, as `npx ak1-form …` runs the built one. */
function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every registration row, by id, as JSON: what "the same rows" means. */
function rowsOf(path: string): Map<string, string> {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT * FROM ak1_registrations ORDER BY id').all() as Array<{ id: string }>;
  db.close();
  return new Map(rows.map((row) => [row.id, JSON.stringify(row)]));
}

function serialsOf(path: string): number[] {
  const db = new Database(path, { readonly: true });
  const serials = (db.prepare('SELECT serial FROM ak1_registrations ORDER BY serial').all() as Array<{ serial: number }>).map((r) => r.serial);
  db.close();
  return serials;
}

describe('backup and restore', () => {
  it('backs up while a server process registers, and restores to the same rows (count and checksum)', async () => {
    const dir = join(temp, 'load');
    mkdirSync(dir);
    const database = join(dir, 'ak1.sqlite');
    const server = await startServer({ database, keyFile: join(dir, 'signing-key.jwk'), options: { limits: false } });
    let registered = 0;
    let failures = 0;
    let writing = true;
    let next = 0;
    // Four applicants at a time, each registering again as soon as the last one is answered.
    const writer = async () => {
      while (writing) {
        const response = await fetch(`${server.url}/api/ak1`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `backup-${next}` },
          body: JSON.stringify(testApplicant(next++)),
        });
        if (response.status === 201) registered++;
        else failures++;
        await response.arrayBuffer();
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    try {
      while (registered < 40) await new Promise((r) => setTimeout(r, 50));
      const before = registered;
      const backupFile = join(temp, 'load-backup.sqlite');
      const backup = await cli('backup', '--to', backupFile, '--data-dir', dir);
      const afterBackup = registered;
      assert.equal(backup.code, 0, backup.stderr);
      const [, count, checksum] = /: (\d+) registrations, \d+ bytes, sha256 ([0-9a-f]{64})/.exec(backup.stdout) ?? [];
      // Writes went on during the backup; the copy holds one instant of them: serials 1..N without a gap.
      assert.ok(Number(count) >= before && Number(count) <= afterBackup, `${count} outside ${before}..${afterBackup}`);
      assert.deepEqual(serialsOf(backupFile), Array.from({ length: Number(count) }, (_, i) => i + 1));
      assert.equal((statSync(backupFile).mode & 0o777).toString(8), '600');
      assert.equal(existsSync(`${backupFile}-wal`) || existsSync(`${backupFile}-shm`), false, 'the backup is one file');
      while (registered < afterBackup + 20) await new Promise((r) => setTimeout(r, 50));

      // Every row of the backup is in the live database, byte for byte.
      writing = false;
      await Promise.all(writers);
      const live = rowsOf(database);
      const saved = rowsOf(backupFile);
      for (const [id, row] of saved) assert.equal(live.get(id), row);
      assert.ok(live.size > saved.size);

      // A running server's database is never replaced, with or without --force.
      const busy = await cli('restore', backupFile, '--force', '--data-dir', dir);
      assert.equal(busy.code, 1);
      assert.match(busy.stderr, /in use/);
      assert.equal(rowsOf(database).size, live.size);
    } finally {
      writing = false;
      await Promise.all(writers);
      await server.stop();
    }
    assert.equal(failures, 0);

    const backupFile = join(temp, 'load-backup.sqlite');
    const refused = await cli('restore', backupFile, '--data-dir', dir);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /--force/);
    const restored = await cli('restore', backupFile, '--force', '--data-dir', dir);
    assert.equal(restored.code, 0, restored.stderr);
    assert.deepEqual(rowsOf(database), rowsOf(backupFile));
    const [, count, checksum] = /: (\d+) registrations, sha256 ([0-9a-f]{64})/.exec(restored.stdout) ?? [];
    const again = await cli('backup', '--to', join(temp, 'load-backup-2.sqlite'), '--data-dir', dir);
    assert.match(again.stdout, new RegExp(`: ${count} registrations, \\d+ bytes, sha256 ${checksum}`));

    // The restored database serves again: the next registration continues the serials.
    const store = await createSqliteStore(database);
    const handler = createAk1Handler({ store, endpointPath: '/api/ak1', publicUrl: 'http://localhost:8080', district: ak1DemoDistrict, corsOrigins: [] });
    const reply = await handler(
      new Request('http://localhost:8080/api/ak1', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'after-restore' },
        body: JSON.stringify(testApplicant(99_999)),
      }),
    );
    assert.equal(reply.status, 201);
    assert.match((await reply.json()).registrationNumber, new RegExp(`^3604-${String(Number(count) + 1).padStart(6, '0')}-`));
    await store.close();
  });

  it('restores only an intact ak1-form database, and backs up only to a new file', async () => {
    const dir = join(temp, 'checks');
    mkdirSync(dir);
    const notSqlite = join(temp, 'not-a-database.sqlite');
    writeFileSync(notSqlite, 'hello');
    const otherSqlite = join(temp, 'other.sqlite');
    const db = new Database(otherSqlite);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    for (const file of [notSqlite, otherSqlite, join(temp, 'missing.sqlite')]) {
      const result = await cli('restore', file, '--data-dir', dir);
      assert.equal(result.code, 1, file);
      assert.match(result.stderr, /not an SQLite database|not an ak1-form database|does not exist|unable to open/i);
    }
    const store = await createSqliteStore(join(dir, 'ak1.sqlite'));
    await store.close();
    const existing = join(temp, 'existing-backup.sqlite');
    writeFileSync(existing, 'keep me');
    const refused = await cli('backup', '--to', existing, '--data-dir', dir);
    assert.equal(refused.code, 1);
    assert.equal(readFileSync(existing, 'utf8'), 'keep me');
    assert.equal((await cli('backup', '--data-dir', dir)).code, 2);
  });
});

describe('signing keys', () => {
  async function handlerOn(dir: string, store: Ak1Store, now?: Date) {
    const handler = createAk1Handler({
      store,
      endpointPath: '/api/ak1',
      publicUrl: 'http://localhost:8080',
      district: ak1DemoDistrict,
      corsOrigins: [],
      ...(await loadOrCreateSigningKeys(join(dir, 'signing-key.jwk'))),
      ...(now ? { now: () => now } : {}),
    });
    let keys = 0;
    return {
      async register(i: number, changes: Record<string, unknown> = {}) {
        const response = await handler(
          new Request('http://localhost:8080/api/ak1', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': `keys-${i}-${++keys}` },
            body: JSON.stringify(testApplicant(i, changes)),
          }),
        );
        assert.equal(response.status, 201, await response.clone().text());
        return (await response.json()).verification.token as string;
      },
      async verifies(token: string) {
        const response = await handler(new Request(`http://localhost:8080/api/ak1/verify/${token}`));
        await response.arrayBuffer();
        return response.status === 200;
      },
      async keys() {
        return ((await (await handler(new Request('http://localhost:8080/api/ak1/keys'))).json()).keys as Array<{ kid: string }>).map((k) => k.kid);
      },
    };
  }
  const kidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid as string;

  it('rotates: new cards are signed with the new key, old cards still verify, /keys lists both; an old key file is the one key', async () => {
    const dir = join(temp, 'rotate');
    mkdirSync(dir);
    // A key file as ak1-form 0.1 wrote it: one private JWK.
    writeFileSync(join(dir, 'signing-key.jwk'), `${JSON.stringify(await generateSigningKey())}\n`, { mode: 0o600 });
    const store = await createSqliteStore(join(dir, 'ak1.sqlite'));
    const first = await handlerOn(dir, store);
    const oldCard = await first.register(1);
    const oldKid = kidOf(oldCard);
    assert.deepEqual(await first.keys(), [oldKid]);
    const listed = await cli('keys', 'list', '--data-dir', dir);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`^${oldKid}  signs  created before rotation  1 valid cards of 1`));

    const rotated = await cli('keys', 'rotate', '--data-dir', dir);
    assert.equal(rotated.code, 0, rotated.stderr);
    const restarted = await handlerOn(dir, store);
    const newCard = await restarted.register(2);
    const newKid = kidOf(newCard);
    assert.notEqual(newKid, oldKid);
    assert.ok(await restarted.verifies(oldCard));
    assert.ok(await restarted.verifies(newCard));
    assert.deepEqual(await restarted.keys(), [newKid, oldKid]);
    assert.equal((statSync(join(dir, 'signing-key.jwk')).mode & 0o777).toString(8), '600');
    // What loadOrCreateSigningKey (and any 0.1 caller of it) reads from a rotated file: the signing key.
    assert.equal((await loadOrCreateSigningKey(join(dir, 'signing-key.jwk'))).x, (await loadOrCreateSigningKeys(join(dir, 'signing-key.jwk'))).signingKey.x);

    // The old key signed a card that is still valid: it stays unless forced.
    const refused = await cli('keys', 'retire', oldKid, '--data-dir', dir);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /1 card\(s\) signed with .* are valid until/);
    const signing = await cli('keys', 'retire', newKid, '--force', '--data-dir', dir);
    assert.equal(signing.code, 1, `the signing key never retires: ${signing.stderr}`);
    const forced = await cli('keys', 'retire', oldKid, '--force', '--data-dir', dir);
    assert.equal(forced.code, 0, forced.stderr);
    const after = await handlerOn(dir, store);
    assert.equal(await after.verifies(oldCard), false);
    assert.ok(await after.verifies(newCard));
    assert.deepEqual(await after.keys(), [newKid]);
    await store.close();
  });

  it("takes a key id that starts with '-' (one in 64 do) as the key to retire, not as an option", async () => {
    const dir = join(temp, 'dash');
    mkdirSync(dir);
    writeFileSync(join(dir, 'signing-key.jwk'), `${JSON.stringify(await generateSigningKey())}\n`, { mode: 0o600 });
    const result = await cli('keys', 'retire', '-Zx0_dash', '--force', '--data-dir', dir);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /No key -Zx0_dash in /);
  });

  it('retires a key without --force once every card it signed has expired', async () => {
    const dir = join(temp, 'retire');
    mkdirSync(dir);
    const store = await createSqliteStore(join(dir, 'ak1.sqlite'));
    // Registered on 10 January 2020: valid until 10 January 2022, long expired.
    const old = await handlerOn(dir, store, new Date('2020-01-10T02:00:00Z'));
    const expiredCard = await old.register(3, { consent: { noticeVersion: '2026-11', acceptedAt: '2020-01-10T01:00:00.000Z' } });
    const oldKid = kidOf(expiredCard);
    assert.equal((await cli('keys', 'rotate', '--data-dir', dir)).code, 0);
    const listed = await cli('keys', 'list', '--data-dir', dir);
    assert.match(listed.stdout, new RegExp(`${oldKid}  verifies  created before rotation  replaced \\S+  0 valid cards of 1, last valid until 2022-01-10`));
    const retired = await cli('keys', 'retire', oldKid, '--data-dir', dir);
    assert.equal(retired.code, 0, retired.stderr);
    assert.match(retired.stdout, /1 key\(s\) left/);
    assert.equal((await cli('keys', 'retire', 'no-such-kid', '--data-dir', dir)).code, 1);
    await store.close();
    copyFileSync(join(dir, 'signing-key.jwk'), join(temp, 'retired-ring.json'));
    assert.equal(JSON.parse(readFileSync(join(temp, 'retired-ring.json'), 'utf8')).keys.length, 1);
  });
});
