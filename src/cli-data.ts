/**
 * `ak1-form backup`, `restore` and `keys`: what a district does with the files `npm start` keeps (the SQLite
 * database and the signing-key file in `AK1_DATA_DIR`, default `.data/`). See docs/server.md, "Backups" and
 * "Signing keys".
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { calendarDate } from './schema/index.js';
import { dropSigningKey, readKeyRing, rotateSigningKey } from './server/key-file.js';
import { backupSqliteDatabase, restoreSqliteDatabase, signingKeyUse } from './server/sqlite-store.js';

export const DATA_COMMANDS = ['backup', 'restore', 'keys'] as const;

export const DATA_USAGE = `Usage: ak1-form backup --to <file> [--data-dir <dir>] [--database <file>]
       ak1-form restore <file> [--force] [--data-dir <dir>] [--database <file>]
       ak1-form keys list|rotate [--data-dir <dir>] [--key-file <file>] [--database <file>]
       ak1-form keys retire <kid> [--force] [--data-dir <dir>] [--key-file <file>] [--database <file>]

backup    copies the database while the server runs (SQLite's online backup: one consistent instant) to a
          new file, readable by its owner only, and prints its registrations and checksum
restore   replaces the database with a backup, after checking it is an intact ak1-form database; the server
          must be stopped; an existing database is replaced only with --force
keys list     the signing keys: which one signs, and the cards each signed that are still valid
keys rotate   a new key signs new cards; older cards keep verifying (restart the server to use it)
keys retire   drops an older key, once every card it signed has expired (--force drops it anyway: those
              cards then no longer verify)

Options:
  --data-dir <dir>      where npm start keeps its files (default: AK1_DATA_DIR, else .data)
  --database <file>     the SQLite database (default: <data-dir>/ak1.sqlite)
  --key-file <file>     the signing-key file (default: <data-dir>/signing-key.jwk)
  --time-zone <zone>    the district's time zone, for "expired" (default: Asia/Jakarta)

Exit status: 0 on success, 1 when refused or failed, 2 on a usage error.`;

export async function runDataCommand(argv: string[]): Promise<number> {
  // A key id is base64url, so one in 64 starts with '-': taken by its place, never read as an option.
  const kidAt = argv[0] === 'keys' && argv[1] === 'retire' && argv.length > 2 ? 2 : -1;
  const args = kidAt < 0 ? argv : [...argv.slice(0, kidAt), ...argv.slice(kidAt + 1)];
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        to: { type: 'string' },
        force: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        database: { type: 'string' },
        'key-file': { type: 'string' },
        'time-zone': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${DATA_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(DATA_USAGE);
    return 0;
  }
  const dataDir = resolve(values['data-dir'] ?? process.env.AK1_DATA_DIR ?? '.data');
  const database = resolve(values.database ?? join(dataDir, 'ak1.sqlite'));
  const keyFile = resolve(values['key-file'] ?? join(dataDir, 'signing-key.jwk'));
  const [command, ...rest] = kidAt < 0 ? positionals : [...positionals.slice(0, kidAt), argv[kidAt]!, ...positionals.slice(kidAt)];
  try {
    switch (command) {
      case 'backup': {
        if (!values.to || rest.length) return usage();
        const copy = await backupSqliteDatabase(database, resolve(values.to));
        console.log(`backup: ${resolve(values.to)}: ${copy.registrations} registrations, ${copy.bytes} bytes, sha256 ${copy.checksum}`);
        return 0;
      }
      case 'restore': {
        if (rest.length !== 1) return usage();
        const copy = await restoreSqliteDatabase(resolve(rest[0]!), database, { force: values.force });
        console.log(`restored: ${database}: ${copy.registrations} registrations, sha256 ${copy.checksum}`);
        return 0;
      }
      case 'keys':
        return await keys(rest, { keyFile, database, force: values.force, timeZone: values['time-zone'] ?? 'Asia/Jakarta' });
      default:
        return usage();
    }
  } catch (error) {
    console.error(`ak1-form ${command}: ${(error as Error).message}`);
    return 1;
  }
}

async function keys(
  args: string[],
  { keyFile, database, force, timeZone }: { keyFile: string; database: string; force: boolean; timeZone: string },
): Promise<number> {
  const [action, kid, ...extra] = args;
  if (extra.length) return usage();
  const today = calendarDate(new Date(), timeZone);
  const use = async () => (existsSync(database) ? await signingKeyUse(database, today) : new Map());
  switch (action) {
    case 'list': {
      if (kid) return usage();
      const ring = await readKeyRing(keyFile);
      if (!ring) {
        console.error(`ak1-form keys: no key file at ${keyFile} (npm start makes one)`);
        return 1;
      }
      const cards = await use();
      ring.keys.forEach((entry, i) => {
        const signed = cards.get(entry.kid);
        console.log(
          [
            entry.kid,
            i === 0 ? 'signs' : 'verifies',
            entry.createdAt ? `created ${entry.createdAt}` : 'created before rotation',
            ...(entry.replacedAt ? [`replaced ${entry.replacedAt}`] : []),
            `${signed?.unexpired ?? 0} valid cards of ${signed?.cards ?? 0}${signed?.lastValidUntil ? `, last valid until ${signed.lastValidUntil}` : ''}`,
          ].join('  '),
        );
      });
      return 0;
    }
    case 'rotate': {
      if (kid) return usage();
      const ring = await rotateSigningKey(keyFile);
      console.log(`new signing key: ${ring.keys[0]!.kid}; ${ring.keys.length - 1} older key(s) still verify. Restart the server to sign with it.`);
      return 0;
    }
    case 'retire': {
      if (!kid) return usage();
      const signed = (await use()).get(kid);
      if (signed?.unexpired && !force) {
        console.error(
          `ak1-form keys retire: ${signed.unexpired} card(s) signed with ${kid} are valid until ${signed.lastValidUntil} at the latest; ` +
            'retire it after that day, or add --force (those cards will no longer verify)',
        );
        return 1;
      }
      const ring = await dropSigningKey(keyFile, kid);
      console.log(`retired ${kid}; ${ring.keys.length} key(s) left. Restart the server to stop verifying with it.`);
      return 0;
    }
    default:
      return usage();
  }
}

function usage(): number {
  console.error(DATA_USAGE);
  return 2;
}
