/**
 * Issue 13, the demo: `npm start` on a fresh data folder makes each office's admin, petugas and Pengantar Kerja
 * with one-time passwords written to `demo-officers.txt` (owner only), never to the log; a later start keeps them;
 * `AK1_DEMO_OFFICERS` (fixed passwords) is honoured on loopback only. No browser: the login is the API's.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ROOT, requireBuild } from './helpers.js';
import { OFFICERS } from './office-helpers.js';

interface Started {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** `node demo/start.mjs` on `host` and a free port (PORT=0), with `dataDir` and more settings. */
async function start(dataDir: string, settings: NodeJS.ProcessEnv = {}, host = '127.0.0.1'): Promise<Started> {
  requireBuild();
  const env: NodeJS.ProcessEnv = { ...process.env, ...settings, PORT: '0', HOST: host, AK1_DATA_DIR: dataDir };
  delete env.AK1_PUBLIC_URL;
  delete env.AK1_SIGNING_KEY;
  if (!('AK1_DEMO_OFFICERS' in settings)) delete env.AK1_DEMO_OFFICERS;
  const child = spawn(process.execPath, [join(ROOT, 'demo/start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The demo did not start within 60 s:\n${output}`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The demo exited (${code}):\n${output}`));
    });
    child.stdout.on('data', () => {
      const match = /ak1-form demo: http:\/\/([^/\s]+)\//.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(`http://${match[1]!.replace('localhost', '127.0.0.1')}`);
    });
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function login(url: string, username: string, password: string, endpoint = '/api/ak1'): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${endpoint}/office/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, body: await response.json() };
}

/** The one-time passwords in a demo-officers.txt, by username. */
function passwordsIn(text: string): Map<string, string> {
  const found = new Map<string, string>();
  let user = '';
  for (const line of text.split('\n')) {
    const account = /^([a-z0-9._-]+) \(/.exec(line);
    if (account) user = account[1]!;
    const password = /^\s+one-time password: (\S+)$/.exec(line);
    if (password && user) found.set(user, password[1]!);
  }
  return found;
}

describe('the demo’s officer accounts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ak1-e2e-officers-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('a fresh data folder: three accounts per office, one-time passwords in a 0600 file, none in the log', { timeout: 120_000 }, async () => {
    const demo = await start(dataDir);
    try {
      for (const [dir, endpoint] of [[dataDir, '/api/ak1'], [join(dataDir, 'kota-serang'), '/api/ak1-kota-serang']] as const) {
        const file = join(dir, 'demo-officers.txt');
        assert.equal(statSync(file).mode & 0o777, 0o600, `${file} is the owner's only`);
        const text = readFileSync(file, 'utf8');
        const passwords = passwordsIn(text);
        assert.deepEqual([...passwords.keys()], ['admin', 'petugas', 'pengantar']);
        assert.match(text, /^\s+totp secret: [A-Z2-7]{16,}$/m, 'the admin’s second factor');
        assert.match(text, /otpauth:\/\/totp\//);
        for (const password of passwords.values()) assert.ok(!demo.output().includes(password), 'no password in the log');
        assert.ok(demo.output().includes(file), 'the log says where the file is');
        const petugas = await login(demo.url, 'petugas', passwords.get('petugas')!, endpoint);
        assert.equal(petugas.status, 200);
        assert.equal(petugas.body.passwordChangeRequired, true, 'a one-time password must be changed');
        assert.deepEqual(petugas.body.officer.roles, ['petugas']);
        const pengantar = await login(demo.url, 'pengantar', passwords.get('pengantar')!, endpoint);
        assert.deepEqual(pengantar.body.officer.roles, ['pengantar-kerja']);
        assert.equal(pengantar.body.officer.nip, '196912202007012018');
        // The admin needs the second factor.
        const admin = await login(demo.url, 'admin', passwords.get('admin')!, endpoint);
        assert.equal(admin.status, 401);
        assert.equal(admin.body.type.split(':').pop(), 'second-factor-required');
      }
    } finally {
      await demo.stop();
    }
  });

  test('a later start keeps the accounts and the file', { timeout: 120_000 }, async () => {
    const before = readFileSync(join(dataDir, 'demo-officers.txt'), 'utf8');
    const demo = await start(dataDir);
    try {
      assert.equal(readFileSync(join(dataDir, 'demo-officers.txt'), 'utf8'), before);
      const petugas = await login(demo.url, 'petugas', passwordsIn(before).get('petugas')!);
      assert.equal(petugas.status, 200);
      assert.match(demo.output(), /office accounts: see .*demo-officers\.txt/);
    } finally {
      await demo.stop();
    }
  });

  test('AK1_DEMO_OFFICERS on loopback: the fixed passwords, already changed; no file', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ak1-e2e-officers-'));
    const demo = await start(dir, { AK1_DEMO_OFFICERS: JSON.stringify(Object.values(OFFICERS)) });
    try {
      const petugas = await login(demo.url, OFFICERS.petugas.username, OFFICERS.petugas.password);
      assert.equal(petugas.status, 200);
      assert.equal(petugas.body.passwordChangeRequired, undefined, 'no change required');
      assert.throws(() => statSync(join(dir, 'demo-officers.txt')), /ENOENT/);
      assert.ok(!demo.output().includes(OFFICERS.petugas.password));
    } finally {
      await demo.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('AK1_DEMO_OFFICERS off loopback: ignored with a warning, one-time passwords instead', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ak1-e2e-officers-'));
    // 127.0.0.2 is on this machine's loopback interface, but not the default address: the demo treats any
    // HOST other than 127.0.0.1, ::1 and localhost as reachable by others, without the test opening a real port.
    const demo = await start(dir, { AK1_DEMO_OFFICERS: JSON.stringify(Object.values(OFFICERS)) }, '127.0.0.2');
    try {
      assert.match(demo.output(), /AK1_DEMO_OFFICERS is ignored/);
      const fixed = await login(demo.url, OFFICERS.petugas.username, OFFICERS.petugas.password);
      assert.equal(fixed.status, 401, 'the fixed password does not open the account');
      assert.equal(passwordsIn(readFileSync(join(dir, 'demo-officers.txt'), 'utf8')).size, 3);
    } finally {
      await demo.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('AK1_DEMO_OFFICERS that is not a list of accounts stops the demo with a readable message', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ak1-e2e-officers-'));
    try {
      await assert.rejects(start(dir, { AK1_DEMO_OFFICERS: '{"petugas":"x"}' }), /AK1_DEMO_OFFICERS must be a non-empty JSON list/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
