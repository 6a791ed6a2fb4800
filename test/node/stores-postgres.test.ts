import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Ak1Application } from '../../src/schema/index.js';
import { Ak1SchemaTooNewError, Ak1StoreUnavailableError, createPostgresStore, LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/server/index.js';
import { migratePostgres, POSTGRES_MIGRATIONS } from '../../src/server/migrations/postgres.js';
import type { Ak1RegisterRequest, Ak1Store } from '../../src/server/store.js';
import { testApplicant } from './helpers/applicants.js';
import { startPostgres, type Ak1TestPostgres } from './helpers/postgres.js';
import { storeSuite } from './store-suite.js';

/*
 * The shared store suite against PostgreSQL (issue 16), each case in a new schema of one throwaway cluster
 * (helpers/postgres.ts; PostgreSQL missing fails here, it is never skipped), then the PostgreSQL migrations and
 * several store instances (as several server processes open them) on one schema at once.
 */

const require = createRequire(import.meta.url);
const pg = require('pg') as typeof import('pg');

let cluster: Ak1TestPostgres | undefined;
let schemas = 0;
const connectionString = () => {
  if (!cluster) throw new Error('The PostgreSQL test cluster did not start (see the error of the first test)');
  return cluster.connectionString;
};

before(async () => {
  cluster = await startPostgres();
});
after(async () => {
  await cluster?.stop();
});

storeSuite('PostgreSQL', async () => {
  const schema = `suite_${++schemas}`;
  const open = () => createPostgresStore({ connectionString: connectionString(), schema });
  return { store: await open(), another: open };
});

async function withClient<T>(work: (client: import('pg').Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: connectionString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const versionOf = (schema: string) =>
  withClient(async (client) => (await client.query(`SELECT version FROM ${schema}.ak1_schema_version`)).rows.map((row) => row.version as number));

let sequence = 0;
function request(i: number, slots: Ak1RegisterRequest['slots'] = []): Ak1RegisterRequest {
  const n = ++sequence;
  return {
    id: `pg-${n}-${Math.random().toString(36).slice(2)}`,
    idempotencyKey: `pg-key-${n}-${Math.random().toString(36).slice(2)}`,
    fingerprint: `fingerprint-${i}`,
    application: testApplicant(i) as unknown as Ak1Application,
    registeredAt: `2026-11-28T08:00:${String(n % 60).padStart(2, '0')}+07:00`,
    registrationDate: '2026-11-28',
    validUntil: '2028-11-28',
    reportDueDates: ['2027-05-28', '2027-11-28', '2028-05-28'],
    token: `token-${n}`,
    serialScope: '3604/2026',
    formatNumber: (serial) => `3604-${String(serial).padStart(6, '0')}-281126`,
    slots,
  };
}

describe('PostgreSQL migrations', () => {
  it('list the same steps as the intents', () => {
    assert.deepEqual(
      POSTGRES_MIGRATIONS.map((m) => [m.version, m.name]),
      MIGRATIONS.map((m) => [m.version, m.name]),
    );
  });

  it('make an empty database\'s schema at the latest version, and do nothing when opened again', async () => {
    const schema = `empty_${++schemas}`;
    await (await createPostgresStore({ connectionString: connectionString(), schema })).close();
    assert.deepEqual(await versionOf(schema), [LATEST_SCHEMA_VERSION]);
    const again = await withClient((client) => migratePostgres(client, schema));
    assert.deepEqual(again, { from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
  });

  it('upgrade a schema of before the lifecycle (version 2): its registrations get their submit entry, and it takes new ones', async () => {
    const schema = `previous_${++schemas}`;
    const previous = POSTGRES_MIGRATIONS.filter((m) => m.version < 3);
    await withClient(async (client) => {
      assert.deepEqual(await migratePostgres(client, schema, previous), { from: 0, to: 2 });
      // A registration as the previous schema held it (no version, no history).
      await client.query(
        `INSERT INTO ${schema}.ak1_registrations (id, idempotency_key, fingerprint, serial_scope, serial, registration_number, nik,
           full_name, search_name, status, registered_at, registration_date, valid_until, report_due_dates, token, application, attachments)
         VALUES ('old-1', 'old-key', 'f', '3604/2026', 1, '3604-000001-281126', $1, 'Siti Aminah', 'siti aminah', 'RECEIVED',
           '2026-11-28T08:00:00+07:00', '2026-11-28', '2028-11-28', '["2027-05-28","2027-11-28","2028-05-28"]', 't', $2, '{}')`,
        [(testApplicant(1) as { nik: string }).nik, JSON.stringify(testApplicant(1))],
      );
    });
    const store = await createPostgresStore({ connectionString: connectionString(), schema });
    try {
      assert.deepEqual(await versionOf(schema), [LATEST_SCHEMA_VERSION]);
      const record = (await store.getRecord('3604-000001-281126'))!;
      assert.equal(record.registration.version, 1);
      assert.deepEqual(record.history, [{ at: '2026-11-28T08:00:00+07:00', actor: { kind: 'applicant' }, event: 'submit', to: 'RECEIVED' }]);
      const fresh = await store.register(request(2));
      assert.equal(fresh.outcome, 'created');
      assert.equal((fresh as { registration: { registrationNumber: string } }).registration.registrationNumber, '3604-000002-281126');
    } finally {
      await store.close();
    }
  });

  it('refuse a schema written by a newer ak1-form, and leave it as it is', async () => {
    const schema = `newer_${++schemas}`;
    await (await createPostgresStore({ connectionString: connectionString(), schema })).close();
    await withClient((client) => client.query(`UPDATE ${schema}.ak1_schema_version SET version = $1`, [LATEST_SCHEMA_VERSION + 1]));
    await assert.rejects(createPostgresStore({ connectionString: connectionString(), schema }), (error: Error) => {
      assert.ok(error instanceof Ak1SchemaTooNewError);
      assert.match(error.message, new RegExp(`schema ${schema} has schema version ${LATEST_SCHEMA_VERSION + 1}, written by a newer ak1-form`));
      return true;
    });
    assert.deepEqual(await versionOf(schema), [LATEST_SCHEMA_VERSION + 1]);
  });

  it('roll a failing step back whole: the schema stays at its version', async () => {
    const schema = `failing_${++schemas}`;
    await (await createPostgresStore({ connectionString: connectionString(), schema })).close();
    const failing = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'failing',
      async up(client: { query(sql: string): Promise<unknown> }) {
        await client.query('CREATE TABLE half_done (x integer)');
        throw new Error('the step failed');
      },
    };
    await assert.rejects(
      withClient((client) => migratePostgres(client, schema, [...POSTGRES_MIGRATIONS, failing])),
      /the step failed/,
    );
    assert.deepEqual(await versionOf(schema), [LATEST_SCHEMA_VERSION]);
    assert.equal(await withClient(async (client) => (await client.query(`SELECT to_regclass('${schema}.half_done') AS t`)).rows[0].t), null);
  });

  it('migrate once when several store instances start on an empty database at the same moment', async () => {
    const schema = `together_${++schemas}`;
    const stores = await Promise.all(Array.from({ length: 4 }, () => createPostgresStore({ connectionString: connectionString(), schema })));
    try {
      assert.deepEqual(await versionOf(schema), [LATEST_SCHEMA_VERSION]);
      assert.equal((await stores[0]!.register(request(3))).outcome, 'created');
      assert.equal((await stores[3]!.findByKey('nope')), undefined);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('migrate a schema a DBA made for an account that may not create schemas', async () => {
    const schema = `granted_${++schemas}`;
    await withClient(async (client) => {
      await client.query('CREATE ROLE ak1_app LOGIN');
      await client.query('REVOKE CREATE ON DATABASE ak1 FROM PUBLIC');
      await client.query(`CREATE SCHEMA ${schema} AUTHORIZATION ak1_app`);
    });
    const asApp = connectionString().replace('postgresql://postgres@', 'postgresql://ak1_app@');
    const store = await createPostgresStore({ connectionString: asApp, schema });
    try {
      assert.equal((await store.register(request(4))).outcome, 'created');
    } finally {
      await store.close();
    }
    await assert.rejects(createPostgresStore({ connectionString: asApp, schema: `not_granted_${schemas}` }), /permission denied/);
  });

  it('refuse a schema name that would need quoting', async () => {
    await assert.rejects(createPostgresStore({ connectionString: connectionString(), schema: 'Ak1; DROP' }), RangeError);
  });
});

describe('PostgreSQL store, when the database cannot answer now', () => {
  /** Holds the district's register lock from another connection until `release` is called. */
  async function holdDistrictLock(schema: string) {
    const client = new pg.Client({ connectionString: connectionString() });
    // A failed case may leave it open when the cluster stops: its 'error' then must not end the test process.
    client.on('error', () => {});
    await client.connect();
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ak1-form register ${schema}`]);
    return async () => {
      await client.query('COMMIT');
      await client.end();
    };
  }

  it('answers Ak1StoreUnavailableError when the district lock is not had within lockTimeoutMs, then works again', async () => {
    const schema = `busy_${++schemas}`;
    const store = await createPostgresStore({ connectionString: connectionString(), schema, lockTimeoutMs: 300 });
    try {
      const release = await holdDistrictLock(schema);
      const started = Date.now();
      await assert.rejects(store.register(request(11)), Ak1StoreUnavailableError);
      assert.ok(Date.now() - started < 3000, 'gave up after about lockTimeoutMs');
      await release();
      assert.equal((await store.register(request(11))).outcome, 'created');
    } finally {
      await store.close();
    }
  });

  it('answers Ak1StoreUnavailableError when its connection is cut mid-transaction, and the process and the store carry on', async () => {
    const schema = `cut_${++schemas}`;
    const store = await createPostgresStore({ connectionString: connectionString(), schema });
    try {
      const release = await holdDistrictLock(schema);
      const started = Date.now();
      // Its rejection is awaited only after the cut: handled from the start, so it is never an unhandled rejection.
      const waiting = assert.rejects(store.register(request(12)), Ak1StoreUnavailableError);
      // The register is waiting for the lock inside its transaction: end its connection as a failover would.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await withClient((client) =>
        client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", [
          `ak1-form ${schema}`,
        ]),
      );
      await waiting;
      assert.ok(Date.now() - started < 3000, 'the cut ended it, not the lock timeout (5 s)');
      await release();
      // Nothing of the cut transaction was kept; the retry gets serial 1.
      const retried = await store.register(request(12));
      assert.equal(retried.outcome, 'created');
      assert.equal((retried as { registration: { registrationNumber: string } }).registration.registrationNumber, '3604-000001-281126');
    } finally {
      await store.close();
    }
  });
});

describe('PostgreSQL store, several instances on one schema', () => {
  it('give serials exactly 1..N and never put a window over capacity when registrations race on four instances', async () => {
    const schema = `race_${++schemas}`;
    const stores: Ak1Store[] = [];
    for (let i = 0; i < 4; i++) stores.push(await createPostgresStore({ connectionString: connectionString(), schema }));
    try {
      const slots = [
        { date: '2026-12-01', start: '08:00', end: '10:00', queue: 'A', windowCapacity: 5, dayCapacity: 10 },
        { date: '2026-12-01', start: '10:00', end: '12:00', queue: 'B', windowCapacity: 5, dayCapacity: 10 },
      ];
      const total = 60;
      const requests = Array.from({ length: total }, (_, i) => request(1000 + i, slots));
      // The same key sent to two instances at once, too.
      const outcomes = await Promise.all([
        ...requests.map((req, i) => stores[i % stores.length]!.register(req)),
        stores[1]!.register(requests[0]!),
        stores[2]!.register(requests[0]!),
      ]);
      const created = outcomes.filter((o) => o.outcome === 'created');
      assert.equal(created.length, total);
      assert.deepEqual(outcomes.slice(total).map((o) => o.outcome), ['replayed', 'replayed']);
      const serials = created.map((o) => Number((o as { registration: { registrationNumber: string } }).registration.registrationNumber.split('-')[1])).sort((a, b) => a - b);
      assert.deepEqual(serials, Array.from({ length: total }, (_, i) => i + 1));
      const counts = await stores[0]!.countBookings('2026-12-01', '2026-12-01');
      assert.deepEqual(counts.map((c) => `${c.start} ${c.count}`).sort(), ['08:00 5', '10:00 5']);
      const queueNumbers = created.flatMap((o) => {
        const visit = (o as { registration: { appointment?: { queueNumber: string } } }).registration.appointment;
        return visit ? [visit.queueNumber] : [];
      });
      assert.equal(new Set(queueNumbers).size, 10, 'no queue number given twice');
      // One active registration per NIK, whichever instance is asked.
      const again = await Promise.all(stores.map((store) => store.register(request(1000))));
      assert.deepEqual(again.map((o) => o.outcome), ['already-registered', 'already-registered', 'already-registered', 'already-registered']);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('let one of two decisions on the same version win, whichever instance takes it', async () => {
    const schema = `decide_${++schemas}`;
    const [first, second] = [
      await createPostgresStore({ connectionString: connectionString(), schema }),
      await createPostgresStore({ connectionString: connectionString(), schema }),
    ];
    try {
      const made = await first!.register(request(7));
      const number = (made as { registration: { registrationNumber: string } }).registration.registrationNumber;
      const decide = (id: string) => (record: { registration: { version: number } }) =>
        record.registration.version === 1
          ? { write: { status: 'VERIFIED' as const, history: { at: '2026-11-28T09:00:00+07:00', actor: { kind: 'officer' as const, id }, event: 'verify' } } }
          : { refuse: 'version-conflict' };
      const outcomes = await Promise.all([first!.update(number, decide('a')), second!.update(number, decide('b'))]);
      assert.deepEqual(outcomes.map((o) => o.outcome).sort(), ['refused', 'updated']);
      const record = (await second!.getRecord(number))!;
      assert.equal(record.registration.version, 2);
      assert.deepEqual(record.history.map((h) => h.event), ['submit', 'verify']);
    } finally {
      await first!.close();
      await second!.close();
    }
  });
});

describe('PostgreSQL store, failures shared by the throttles', () => {
  it('count one key\'s failures from two instances together, forget them past their window, and clear them', async () => {
    const schema = `failures_${++schemas}`;
    const [one, two] = await Promise.all([0, 1].map(() => createPostgresStore({ connectionString: connectionString(), schema })));
    try {
      const WINDOW = 60_000;
      for (let i = 0; i < 4; i++) await (i % 2 ? one : two)!.failures!.add('u\ndewi', 1000 * (i + 1), 1000 * (i + 1) + WINDOW);
      await one!.failures!.add('u\nother', 500, 500 + WINDOW);
      // The 4th newest of dewi's is the first, at 1 s; there is no 5th.
      assert.equal(await two!.failures!.nthNewest('u\ndewi', 4, 0), 1000);
      assert.equal(await one!.failures!.nthNewest('u\ndewi', 1, 0), 4000);
      assert.equal(await one!.failures!.nthNewest('u\ndewi', 5, 0), undefined);
      // Past the window of the first two, only two are left.
      assert.equal(await one!.failures!.nthNewest('u\ndewi', 3, 2000), undefined);
      assert.equal(await one!.failures!.nthNewest('u\ndewi', 2, 2000), 3000);
      await two!.failures!.clear('u\ndewi');
      assert.equal(await one!.failures!.nthNewest('u\ndewi', 1, 0), undefined);
      assert.equal(await one!.failures!.nthNewest('u\nother', 1, 0), 500);
    } finally {
      await Promise.all([one, two].map((store) => store!.close()));
    }
  });
});
