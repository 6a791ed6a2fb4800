/**
 * `ak1-form officer …`: officers' accounts in the database `npm start` uses (AK1_DATA_DIR, default `.data/`). See
 * docs/office-accounts.md. One-time passwords and TOTP secrets are printed once, here, to whoever runs the command,
 * and never stored in clear or logged.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OFFICER_ROLES, type Ak1OfficerRole } from './schema/lifecycle.js';
import {
  Ak1AccountError,
  addOfficer,
  disableOfficer,
  enableOfficer,
  listOfficers,
  resetPassword,
  resetTotp,
} from './server/office/accounts.js';
import { createScryptHasher } from './server/office/passwords.js';
import { createSqliteStore } from './server/sqlite-store.js';

export const OFFICER_USAGE = `Usage: ak1-form officer add --username <username> --name <name> [--nip <18 digits>] --role <role> [--role <role>…]
       ak1-form officer list [--json]
       ak1-form officer disable|enable <username>
       ak1-form officer reset-password <username>
       ak1-form officer reset-totp <username>

add             makes an account and prints its one-time password on a line of its own
                ("one-time password: …"), to be changed at the first login; an admin also gets a TOTP
                secret for an authenticator app ("totp secret: …" and "otpauth uri: otpauth://…")
list            the accounts: username, name, NIP, roles, state (never a password or its hash)
disable         the account can no longer log in; its sessions end at once (enable undoes it)
reset-password  prints a new one-time password the same way; the officer's sessions end
reset-totp      prints a new TOTP secret (a lost phone); the officer's sessions end

Roles: ${OFFICER_ROLES.join(', ')} (--role may be repeated; a pengantar-kerja may do all a petugas may).

Options:
  --data-dir <dir>         where npm start keeps its files (default: AK1_DATA_DIR, else .data)
  --district <folder>      another district's data: the folder of that name (its code, or a name such as
                           kota-serang) inside the data dir; default the first district, in the data dir itself
  --database <file>        the SQLite database (default: <data-dir>[/<district>]/ak1.sqlite)
  --database-url <url>     a PostgreSQL database (not yet: PostgreSQL comes with createPostgresStore)
  --issuer <name>          the name an authenticator app shows beside the code (default: AK1)

Exit status: 0 on success, 1 when refused or failed, 2 on a usage error.`;

export async function runOfficerCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        nip: { type: 'string' },
        role: { type: 'string', multiple: true },
        'data-dir': { type: 'string' },
        district: { type: 'string' },
        database: { type: 'string' },
        'database-url': { type: 'string' },
        issuer: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${OFFICER_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(OFFICER_USAGE);
    return 0;
  }
  const [, action, target, ...extra] = positionals;
  const needsTarget = ['disable', 'enable', 'reset-password', 'reset-totp'].includes(action ?? '');
  if (!['add', 'list'].includes(action ?? '') && !needsTarget) return usage();
  if (extra.length || (needsTarget ? !target : target !== undefined)) return usage();
  if (values['database-url'] !== undefined) {
    console.error('ak1-form officer: --database-url is not supported yet: PostgreSQL comes with createPostgresStore (issue 16)');
    return 1;
  }

  const dataDir = resolve(values['data-dir'] ?? process.env.AK1_DATA_DIR ?? '.data');
  const district = values.district;
  if (district !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(district)) {
    console.error(`ak1-form officer: --district names a folder inside the data dir, such as 36.73 or kota-serang\n\n${OFFICER_USAGE}`);
    return 2;
  }
  const database = resolve(values.database ?? join(district === undefined ? dataDir : join(dataDir, district), 'ak1.sqlite'));
  // A mistyped district must not make a new, empty database that the server never reads.
  if (district !== undefined && !existsSync(database)) {
    console.error(`ak1-form officer: no database for district ${district} at ${database} (npm start makes it)`);
    return 1;
  }
  if (action !== 'add' && !existsSync(database)) {
    console.error(`ak1-form officer: no database at ${database} (npm start makes it; or give --data-dir)`);
    return 1;
  }

  const store = await createSqliteStore(database);
  const issuer = values.issuer;
  try {
    switch (action) {
      case 'add': {
        const roles = values.role ?? [];
        if (!values.username || !values.name || !roles.length) return usage();
        const unknown = roles.filter((role) => !(OFFICER_ROLES as readonly string[]).includes(role));
        if (unknown.length) {
          console.error(`ak1-form officer: unknown role ${unknown.join(', ')}; the roles are ${OFFICER_ROLES.join(', ')}`);
          return 2;
        }
        const made = await addOfficer(store, createScryptHasher(), {
          username: values.username,
          name: values.name,
          ...(values.nip !== undefined ? { nip: values.nip } : {}),
          roles: roles as Ak1OfficerRole[],
          ...(issuer !== undefined ? { issuer } : {}),
        });
        console.log(`added ${made.officer.username} (${made.officer.name}), roles: ${made.officer.roles.join(', ')}`);
        console.log(`one-time password: ${made.oneTimePassword}`);
        if (made.totpSecret) {
          console.log(`totp secret: ${made.totpSecret}`);
          console.log(`otpauth uri: ${made.otpauthUri}`);
        }
        console.log('Give the one-time password to the officer in person; it must be changed at the first login.');
        return 0;
      }
      case 'list': {
        const officers = await listOfficers(store);
        if (values.json) {
          console.log(JSON.stringify(officers, null, 2));
          return 0;
        }
        if (!officers.length) {
          console.log('no officers yet: ak1-form officer add …');
          return 0;
        }
        for (const officer of officers) {
          const state = officer.disabled ? 'disabled' : officer.passwordChangeRequired ? 'one-time password not yet changed' : 'active';
          console.log(
            [officer.username, officer.name, officer.nip ?? '-', officer.roles.join(','), state, officer.secondFactor ? 'totp' : 'no totp'].join('\t'),
          );
        }
        return 0;
      }
      case 'disable': {
        const officer = await disableOfficer(store, target!);
        console.log(`disabled ${officer.username}; their sessions have ended`);
        return 0;
      }
      case 'enable': {
        const officer = await enableOfficer(store, target!);
        console.log(`enabled ${officer.username}`);
        return 0;
      }
      case 'reset-password': {
        const { officer, oneTimePassword } = await resetPassword(store, createScryptHasher(), target!);
        console.log(`new one-time password for ${officer.username}; their sessions have ended`);
        console.log(`one-time password: ${oneTimePassword}`);
        return 0;
      }
      case 'reset-totp': {
        const reset = await resetTotp(store, target!, issuer !== undefined ? { issuer } : {});
        console.log(`new second factor for ${reset.officer.username}; their sessions have ended`);
        console.log(`totp secret: ${reset.totpSecret}`);
        console.log(`otpauth uri: ${reset.otpauthUri}`);
        return 0;
      }
      default:
        return usage();
    }
  } catch (error) {
    if (error instanceof Ak1AccountError) {
      console.error(`ak1-form officer ${action}: ${error.message}`);
      return error.code === 'not-found' || error.code === 'username-taken' ? 1 : 2;
    }
    console.error(`ak1-form officer ${action}: ${(error as Error).message}`);
    return 1;
  } finally {
    await store.close();
  }
}

function usage(): number {
  console.error(OFFICER_USAGE);
  return 2;
}
