import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TestServerConfig } from './server-process.js';

const SCRIPT = fileURLToPath(new URL('./server-process.ts', import.meta.url));

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Everything the process printed to stderr. */
  stderr(): string;
  /** SIGTERM, then its exit code and last report. */
  stop(): Promise<{ code: number | null; maxRssBytes?: number }>;
}

/** Starts `server-process.ts` in its own Node process and resolves once it listens. */
export function startServer(config: TestServerConfig): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, AK1_TEST_SERVER: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout! });
  const reports: Array<Record<string, unknown>> = [];
  let onReport: (() => void) | undefined;
  lines.on('line', (line) => {
    try {
      reports.push(JSON.parse(line));
    } catch {
      return;
    }
    onReport?.();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
    onReport = () => {
      const port = reports.find((r) => typeof r.port === 'number')?.port;
      if (!port) return;
      clearTimeout(timer);
      onReport = undefined;
      resolve({
        url: `http://127.0.0.1:${port}`,
        process: child,
        stderr: () => stderr,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done({ code: child.exitCode });
            child.once('close', (code) => {
              const closed = reports.find((r) => r.closed);
              done({ code, ...(closed ? { maxRssBytes: closed.maxRssBytes as number } : {}) });
            });
            child.kill('SIGTERM');
          }),
      });
    };
  });
}
