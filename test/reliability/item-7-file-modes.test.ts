import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ak1DemoDistrict, createAk1Handler, createSqliteStore, loadOrCreateSigningKey } from '../../src/server/index.js';
import { testApplicant } from '../node/helpers/applicants.js';
import { figure } from './figures.js';

/*
 * Issue 12, item 7: with an existing data folder and umask 022, the SQLite file (NIKs, phones, KTP scans) was
 * created 0644, readable by every account on the machine, and SQLite gives its -wal and -shm the database's
 * mode. Now the database and both companions, and the signing key, are 0600 whatever the umask, and the
 * demo's data folders 0700.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'ak1-item-7-'));
after(() => rmSync(temp, { recursive: true, force: true }));
const previousUmask = process.umask(0o022);
after(() => process.umask(previousUmask));

const modeOf = (path: string) => `0${(statSync(path).mode & 0o777).toString(8)}`;

/** A folder that exists before the server starts, as an administrator or an older version left it. */
function existingFolder(name: string): string {
  const dir = join(temp, name);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  return dir;
}

async function registerOne(store: Awaited<ReturnType<typeof createSqliteStore>>) {
  const handle = createAk1Handler({
    store,
    endpointPath: '/api/ak1',
    publicUrl: 'http://localhost:8080',
    district: ak1DemoDistrict,
    corsOrigins: [],
    limits: false,
    now: () => new Date('2026-11-28T02:00:00Z'),
  } as Parameters<typeof createAk1Handler>[0]);
  const response = await handle(
    new Request('http://localhost:8080/api/ak1', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(testApplicant(7)),
    }),
  );
  assert.equal(response.status, 201);
}

describe('item 7: file modes under umask 022', () => {
  it('createSqliteStore in an existing folder: the database, -wal and -shm are 0600', async (t) => {
    const database = join(existingFolder('store'), 'ak1.sqlite');
    const store = await createSqliteStore(database);
    await registerOne(store);
    const modes = Object.fromEntries(['', '-wal', '-shm'].map((suffix) => [`ak1.sqlite${suffix}`, modeOf(database + suffix)]));
    await store.close();
    assert.deepEqual(modes, { 'ak1.sqlite': '0600', 'ak1.sqlite-wal': '0600', 'ak1.sqlite-shm': '0600' });
    figure(t, 'item-7', 'createSqliteStore, existing folder', Object.entries(modes).map(([file, mode]) => `${file} ${mode}`).join(', '));
  });

  it('a database an older version left 0644 (with its -wal and -shm) is 0600 once opened', async () => {
    const database = join(existingFolder('older'), 'ak1.sqlite');
    const first = await createSqliteStore(database);
    await registerOne(first);
    await first.close();
    for (const suffix of ['', '-wal', '-shm']) {
      if (!existsSync(database + suffix)) writeFileSync(database + suffix, '');
      chmodSync(database + suffix, 0o644);
    }
    const store = await createSqliteStore(database);
    const modes = ['', '-wal', '-shm'].map((suffix) => modeOf(database + suffix));
    await store.close();
    assert.deepEqual(modes, ['0600', '0600', '0600']);
  });

  it('loadOrCreateSigningKey in an existing folder: the key file is 0600', async () => {
    const file = join(existingFolder('key'), 'signing-key.jwk');
    await loadOrCreateSigningKey(file);
    assert.equal(modeOf(file), '0600');
  });

  it('npm start (demo/start.mjs) with an existing data folder: folders 0700, databases and keys 0600', { skip: !existsSync(join(root, 'dist/server/index.js')) && 'needs the build (dist/)' }, async (t) => {
    const dataDir = existingFolder('demo');
    existingFolder('demo/kota-serang');
    const child = spawn(process.execPath, [join(root, 'demo/start.mjs')], {
      cwd: root,
      env: { ...process.env, PORT: '0', AK1_DATA_DIR: dataDir, AK1_LIMITS: 'off', AK1_PROOF_OF_WORK: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
      umask: 0o022,
    } as Parameters<typeof spawn>[2]);
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start did not start: ${output}`)), 60_000);
        child.stdout!.on('data', () => {
          if (/Ctrl-C/.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`npm start exited (${code}): ${output}`)));
      });
      const files: Record<string, string> = {};
      for (const dir of [dataDir, join(dataDir, 'kota-serang')]) {
        files[dir.slice(temp.length + 1)] = modeOf(dir);
        for (const name of ['ak1.sqlite', 'ak1.sqlite-wal', 'ak1.sqlite-shm', 'signing-key.jwk']) {
          const path = join(dir, name);
          if (existsSync(path)) files[path.slice(temp.length + 1)] = modeOf(path);
        }
      }
      assert.deepEqual(files, {
        demo: '0700',
        'demo/ak1.sqlite': '0600',
        'demo/ak1.sqlite-wal': '0600',
        'demo/ak1.sqlite-shm': '0600',
        'demo/signing-key.jwk': '0600',
        'demo/kota-serang': '0700',
        'demo/kota-serang/ak1.sqlite': '0600',
        'demo/kota-serang/ak1.sqlite-wal': '0600',
        'demo/kota-serang/ak1.sqlite-shm': '0600',
        'demo/kota-serang/signing-key.jwk': '0600',
      });
      figure(t, 'item-7', 'npm start, existing data folder', `folders 0700, ${Object.keys(files).length - 2} files 0600`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    }
  });
});
