import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * `npm start` (demo/start.mjs, the built bundle) as separate OS processes, for the tests and the bench of
 * several servers on one PostgreSQL (issue 16). Each process listens on a port of its own choosing (PORT=0) on
 * 127.0.0.1; the caller gives the settings every process of one deployment shares (AK1_DATABASE_URL, one
 * AK1_DATA_DIR for the signing keys, AK1_DEMO_OFFICERS, …).
 */

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface NpmStartProcess {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  process: ChildProcess;
  /** Everything it printed. */
  output(): string;
  /** SIGKILL: no clean-up, as a crash or the OOM killer ends it. Resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM, as Ctrl-C: resolves with its exit code once it is gone. */
  stop(): Promise<number | null>;
}

/** What demo/start.mjs would otherwise build itself, outside the lock every build takes. */
const BUILT = ['dist/cdn/ak1-form.js', 'dist/server/index.js', 'dist/index.js'];

export function startNpm(settings: NodeJS.ProcessEnv): Promise<NpmStartProcess> {
  const missing = BUILT.filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length) return Promise.reject(new Error(`npm start needs the build (${missing.join(', ')} missing): run npm run build first (npm test does)`));
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: '0', ...settings };
  delete env.AK1_PUBLIC_URL;
  const child = spawn(process.execPath, ['demo/start.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const gone = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return gone;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start did not listen within 60 s:\n${output}`));
    }, 60_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before listening:\n${output}`));
    };
    child.once('exit', onExit);
    const onData = () => {
      const port = /ak1-form demo: http:\/\/[^:]+:(\d+)\//.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.off('data', onData);
      resolve({
        url: `http://127.0.0.1:${port}`,
        process: child,
        output: () => output,
        kill: async () => void (await end('SIGKILL')),
        stop: () => end('SIGTERM'),
      });
    };
    child.stdout!.on('data', onData);
  });
}
