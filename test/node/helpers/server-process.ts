/*
 * One reference server process for the concurrency tests and the bench: createAk1Handler on a SQLite file (or,
 * given `postgres`, on a PostgreSQL schema), listening on 127.0.0.1. Configured by the JSON in AK1_TEST_SERVER (see `TestServerConfig`). Prints
 * `{"port":N}` once listening; on SIGTERM closes the server, then the database, prints
 * `{"closed":true,"maxRssBytes":N}` and exits 0.
 */
import { createServer } from 'node:http';
import {
  ak1DemoDistrict,
  createAk1Handler,
  createPostgresStore,
  createSqliteStore,
  loadOrCreateSigningKey,
  toNodeListener,
  type Ak1DistrictOptions,
} from '../../../src/server/index.js';
import { addOfficer } from '../../../src/server/office/accounts.js';
import { createScryptHasher } from '../../../src/server/office/passwords.js';
import type { Ak1OfficerRole } from '../../../src/schema/index.js';

export interface TestServerConfig {
  database: string;
  /** The store on PostgreSQL instead of the SQLite file `database`. */
  postgres?: { connectionString: string; schema?: string };
  keyFile: string;
  port?: number;
  /** The server's clock starts at this instant and runs on. Default: the real clock. */
  now?: string;
  district?: Partial<Ak1DistrictOptions>;
  exportToken?: string;
  corsOrigins?: string[];
  /** More handler options (JSON), spread over the ones above: deadlines, limits and the like, small for tests. */
  options?: Record<string, unknown>;
  /** Officers with passwords already chosen: the office routes are on (scrypt) when given. */
  officers?: Array<{ username: string; password: string; name: string; roles: Ak1OfficerRole[] }>;
}

const config = JSON.parse(process.env.AK1_TEST_SERVER ?? '{}') as TestServerConfig;
const offsetMs = config.now ? Date.parse(config.now) - Date.now() : 0;

let maxRssBytes = process.memoryUsage.rss();
setInterval(() => {
  maxRssBytes = Math.max(maxRssBytes, process.memoryUsage.rss());
}, 50).unref();

const store = config.postgres ? await createPostgresStore(config.postgres) : await createSqliteStore(config.database);
const passwordHasher = config.officers ? createScryptHasher() : undefined;
for (const officer of config.officers ?? []) {
  if (!(await store.officers.findByUsername(officer.username))) await addOfficer(store, passwordHasher!, officer);
}
const handler = createAk1Handler({
  store,
  endpointPath: '/api/ak1',
  publicUrl: 'http://localhost:8080',
  district: { ...ak1DemoDistrict, ...config.district },
  signingKey: await loadOrCreateSigningKey(config.keyFile),
  corsOrigins: config.corsOrigins ?? [],
  ...(config.exportToken ? { exportToken: config.exportToken } : {}),
  now: () => new Date(Date.now() + offsetMs),
  // Every test client is 127.0.0.1: per-address limits are off unless a test turns them on in `options`.
  limits: false,
  ...(passwordHasher ? { passwordHasher } : {}),
  ...config.options,
});
const server = createServer(toNodeListener(handler));
server.keepAliveTimeout = 10_000;
server.listen(config.port ?? 0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }));
});

process.once('SIGTERM', () => {
  server.close(async () => {
    await store.close();
    maxRssBytes = Math.max(maxRssBytes, process.memoryUsage.rss());
    // Written before exiting: process.exit does not wait for a pipe to take the line.
    process.stdout.write(`${JSON.stringify({ closed: true, maxRssBytes })}\n`, () => process.exit(0));
  });
  server.closeIdleConnections();
});
