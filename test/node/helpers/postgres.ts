import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

/*
 * A throwaway PostgreSQL cluster for the tests (issue 16): `initdb` into a new temporary folder, the server
 * listening on a Unix socket in that folder only (no TCP port to collide with anything), one database made with
 * `createdb`. PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` account
 * (Debian's package makes it) and its commands run through `runuser`. `stop()` stops the server and removes the
 * folder; an exit hook does the same when a test file ends without calling it (a failed assertion, an uncaught
 * error). PostgreSQL missing is an error, never a skipped test: `npm test` installs it.
 */

export interface Ak1TestPostgres {
  /** `postgresql://postgres@/ak1?host=<socket folder>`. */
  connectionString: string;
  /** The folder of the cluster and its socket. */
  folder: string;
  /** Makes another database in the cluster (as `createdb` does) and gives its connection string. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown) and removes the folder. Safe to call twice. */
  stop(): Promise<void>;
}

const MISSING =
  'PostgreSQL is not installed: the PostgreSQL store tests need its server programs (initdb, pg_ctl, createdb) on PATH or in ' +
  '/usr/lib/postgresql/<version>/bin. On Debian: apt-get install -y postgresql (npm test does this where it may).';

/** The folder of `initdb` and `pg_ctl`: PATH first, then Debian's /usr/lib/postgresql/<newest>/bin. */
export function findPostgresBin(): string {
  const complete = (folder: string) => ['initdb', 'pg_ctl', 'createdb'].every((program) => existsSync(join(folder, program)));
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (!folder || !existsSync(join(folder, 'pg_ctl'))) continue;
    // A link on PATH (/usr/local/bin/pg_ctl) to the folder that has them all.
    const real = dirname(realpathSync(join(folder, 'pg_ctl')));
    if (complete(real)) return real;
    if (complete(folder)) return folder;
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) throw new Error(MISSING);
  return join(root, versions[0]!, 'bin');
}

/**
 * The environment without libfaketime: the tests move the clock of our code (`npm test` runs them again under
 * faketime), not the database server's. PostgreSQL under a moved clock never fires its `lock_timeout`, and the
 * store's timestamps are the handler's anyway (written as text).
 */
function realClock(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('FAKETIME') || name === 'DONT_FAKE_MONOTONIC') continue;
    if (name === 'LD_PRELOAD' || name === 'DYLD_INSERT_LIBRARIES') {
      const kept = (value ?? '').split(/[:\s]+/).filter((library) => library && !/faketime/i.test(library));
      if (kept.length) clean[name] = kept.join(':');
      continue;
    }
    clean[name] = value;
  }
  return clean;
}

export async function startPostgres(options: { fsync?: boolean } = {}): Promise<Ak1TestPostgres> {
  const bin = findPostgresBin();
  const folder = mkdtempSync(join(tmpdir(), 'ak1-pg-'));
  const data = join(folder, 'data');
  const asRoot = process.getuid?.() === 0;
  let prefix: string[] = [];
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    if (!Number.isInteger(uid)) throw new Error('Running as root, the PostgreSQL tests need the postgres account (made by Debian\'s postgresql package)');
    chownSync(folder, uid, gid);
    prefix = ['runuser', '-u', 'postgres', '--'];
  }
  const run = (program: string, args: string[]) => {
    const [command, ...rest] = [...prefix, join(bin, program), ...args];
    const result = spawnSync(command!, rest, { encoding: 'utf8', cwd: folder, env: realClock(process.env) });
    if (result.status !== 0) {
      throw new Error(`${program} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout || result.error?.message}`);
    }
  };

  let stopped = false;
  let started = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    if (started) {
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-s']);
      } catch {
        // Already gone (the test stopped it, or it crashed): the folder goes all the same.
      }
    }
    rmSync(folder, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopNow();
      process.exit(130);
    });
  }

  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    const settings = [
      `-k ${folder}`,
      "-c listen_addresses=''",
      '-c max_connections=200',
      // The tests kill server processes, never the machine: fsync buys them nothing but time.
      ...(options.fsync ? [] : ['-c fsync=off', '-c full_page_writes=off']),
    ].join(' ');
    run('pg_ctl', ['start', '-D', data, '-w', '-s', '-t', '60', '-l', join(folder, 'server.log'), '-o', settings]);
    started = true;
    run('createdb', ['-h', folder, '-U', 'postgres', 'ak1']);
  } catch (error) {
    stopNow();
    throw error;
  }
  const connectionOf = (database: string) => `postgresql://postgres@/${database}?host=${encodeURIComponent(folder)}`;
  return {
    connectionString: connectionOf('ak1'),
    folder,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new RangeError(`not a plain database name: ${name}`);
      run('createdb', ['-h', folder, '-U', 'postgres', name]);
      return connectionOf(name);
    },
    async stop() {
      stopNow();
    },
  };
}
