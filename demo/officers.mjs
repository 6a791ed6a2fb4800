// The demo's officer accounts (design.md, "Decisions": Accounts). On the first start with fresh demo data each
// office gets an admin, a petugas and a Pengantar Kerja, made the way `npx ak1-form officer add` makes them: with
// one-time passwords, which the counter asks to change at the first login. The passwords (and the admin's TOTP
// secret) go to `demo-officers.txt` in the office's data folder, readable by its owner only, never to the log: a
// log is copied, mailed and pasted into issues.
//
// AK1_DEMO_OFFICERS sets the accounts instead, with fixed passwords already changed (for tests and screenshots):
//   [{ "username": "petugas", "name": "Dewi Lestari", "roles": ["petugas"], "password": "…" }, …]
// with `nip` and, for an admin, `totpSecret` (base32) optional. A known password is only safe where nobody else
// can reach the server, so it is honoured only when the demo listens on loopback.
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The three accounts of a fresh demo. */
export const DEMO_OFFICERS = [
  { username: 'admin', name: 'Rahmat Hidayat', roles: ['admin'] },
  { username: 'petugas', name: 'Dewi Lestari', roles: ['petugas'] },
  { username: 'pengantar', name: 'Yuningsih, S.Sos.', nip: '196912202007012018', roles: ['pengantar-kerja'] },
];

export const DEMO_OFFICERS_FILE = 'demo-officers.txt';

/**
 * The fixed accounts of `AK1_DEMO_OFFICERS`, checked, or `undefined` when it is not set. Throws with a readable
 * message when it is set but unusable (a typo should stop the demo, not leave it with accounts nobody knows).
 */
export function fixedOfficers(value) {
  if (!value) return undefined;
  let parsed;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error('AK1_DEMO_OFFICERS is not JSON: give a list such as [{"username":"petugas","roles":["petugas"],"password":"…"}]');
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new Error('AK1_DEMO_OFFICERS must be a non-empty JSON list of accounts');
  return parsed.map((entry, i) => {
    const ok =
      entry &&
      typeof entry.username === 'string' &&
      typeof entry.password === 'string' &&
      entry.password.length >= 10 &&
      Array.isArray(entry.roles) &&
      entry.roles.length > 0;
    if (!ok) throw new Error(`AK1_DEMO_OFFICERS[${i}] needs a username, roles and a password of at least 10 characters`);
    return { name: entry.username, ...entry };
  });
}

/**
 * Makes the demo's officers in `store` when it has none yet. `fixed` are the accounts of AK1_DEMO_OFFICERS (or
 * `undefined`); returns the lines for the start-up log, which never hold a password or a secret.
 */
export async function ensureDemoOfficers({ store, hasher, addOfficer, dir, officeName, officeUrl, fixed }) {
  const file = join(dir, DEMO_OFFICERS_FILE);
  if ((await store.officers.list()).length > 0) {
    return existsSync(file) ? [`office accounts: see ${file}`] : [];
  }
  if (fixed) {
    for (const account of fixed) {
      // A chosen password is stored as changed: these accounts go straight to work.
      await addOfficer(store, hasher, {
        username: account.username,
        name: account.name,
        nip: account.nip,
        roles: account.roles,
        password: account.password,
        totpSecret: account.totpSecret,
        issuer: officeName,
      });
    }
    return [`office accounts from AK1_DEMO_OFFICERS: ${fixed.map((a) => a.username).join(', ')}`];
  }
  const lines = [
    `Demo officer accounts of ${officeName} (npm start), made ${new Date().toISOString()}.`,
    `Log in at ${officeUrl}. Each password is a one-time password: the first login asks for a new one.`,
    'The admin also needs the code of an authenticator app set up with the TOTP secret (or the otpauth:// link).',
    'This file is for the demo only: delete it once the passwords are changed.',
    '',
  ];
  for (const account of DEMO_OFFICERS) {
    const made = await addOfficer(store, hasher, { ...account, issuer: officeName });
    lines.push(`${account.username} (${account.roles.join(', ')}): ${account.name}`);
    lines.push(`  one-time password: ${made.oneTimePassword}`);
    if (made.totpSecret) lines.push(`  totp secret: ${made.totpSecret}`);
    if (made.otpauthUri) lines.push(`  ${made.otpauthUri}`);
  }
  // Owner only from the first byte, and narrowed if an older file was there with a wider mode.
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return [`office accounts made: ${DEMO_OFFICERS.map((a) => a.username).join(', ')}; their one-time passwords are in ${file}`];
}
