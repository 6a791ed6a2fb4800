import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ak1DemoDistrict, createAk1Handler, createMemoryStore, type Ak1LogEntry } from '../../src/server/index.js';
import { figure } from './figures.js';

/*
 * Issue 12, item 6: `GET /api/ak1/availability?from=abc` answered 500 (`RangeError: Invalid time value`, from
 * working out `to` before `from` was checked). Every query a route reads is now checked before it is used: a
 * bad one is a 400 problem, whatever the route and whatever else the query holds.
 */

const ORIGIN = 'http://localhost:8080';
const API = `${ORIGIN}/api/ak1`;
const EXPORT_TOKEN = 'rahasia-kantor-123';

function handler() {
  const logs: Ak1LogEntry[] = [];
  const handle = createAk1Handler({
    store: createMemoryStore(),
    endpointPath: '/api/ak1',
    publicUrl: ORIGIN,
    district: ak1DemoDistrict,
    corsOrigins: [],
    exportToken: EXPORT_TOKEN,
    limits: false,
    now: () => new Date('2026-11-28T02:00:00Z'),
    log: (entry) => logs.push(entry),
  } as Parameters<typeof createAk1Handler>[0]);
  const get = (path: string) => handle(new Request(`${ORIGIN}${path}`, { headers: { authorization: `Bearer ${EXPORT_TOKEN}` } }));
  return { get, logs };
}

/** Values a query parameter may hold that are no date. */
const NOT_DATES = [
  'abc',
  '',
  '2026-02-31',
  '2026-13-01',
  '2026-1-1',
  '+275760-09-13',
  '275760-09-14',
  '0000-00-00',
  '2026-11-28T00:00:00Z',
  ' 2026-11-28',
  '%00',
  '%E0%A4%A',
  'NaN',
  'Infinity',
  '1e400',
  '__proto__',
  'constructor',
  'x'.repeat(10_000),
];

async function problemOf(response: Response): Promise<{ status: number; type?: string; contentType: string | null }> {
  const contentType = response.headers.get('content-type');
  const body = contentType?.includes('json') ? await response.json() : await response.text();
  return { status: response.status, type: typeof body === 'object' ? body.type : undefined, contentType };
}

describe('item 6: queries that threw', () => {
  it('availability?from=abc, and every other date a range can be given as, is a 400 invalid-request problem', async (t) => {
    const { get, logs } = handler();
    let asked = 0;
    for (const value of NOT_DATES) {
      for (const query of [`from=${value}`, `to=${value}`, `from=${value}&to=2026-12-01`, `from=2026-12-01&to=${value}`, `from=${value}&to=${value}`]) {
        asked++;
        const reply = await problemOf(await get(`/api/ak1/availability?${query}`));
        assert.equal(reply.status, 400, `availability?${query.slice(0, 80)}`);
        assert.equal(reply.type, 'urn:ak1:problem:invalid-request');
        assert.equal(reply.contentType, 'application/problem+json');
      }
    }
    assert.equal(logs.filter((entry) => entry.status >= 500).length, 0);
    figure(t, 'item-6', 'bad availability ranges', `${asked} × 400 invalid-request, 0 × 500`);
  });

  it('the office export with a date, a delimiter or a language it cannot use is a 400 problem, never a 500', async () => {
    const { get, logs } = handler();
    for (const value of NOT_DATES) {
      for (const query of [`date=${value}`, `registeredOn=${value}`]) {
        const reply = await problemOf(await get(`/api/ak1/export.csv?${query}`));
        assert.equal(reply.status, 400, `export.csv?${query.slice(0, 80)}`);
        assert.equal(reply.type, 'urn:ak1:problem:invalid-request');
      }
    }
    for (const query of ['delimiter=%09', 'delimiter=', 'delimiter=,,', 'lang=xx', 'lang=', 'lang=__proto__', 'lang=constructor', 'lang=toString', 'lang=en&lang=id']) {
      const reply = await problemOf(await get(`/api/ak1/export.csv?date=2026-12-01&${query}`));
      assert.ok(reply.status === 200 || reply.status === 400, `export.csv?…&${query}: ${reply.status}`);
      if (reply.status === 400) assert.equal(reply.type, 'urn:ak1:problem:invalid-request');
    }
    assert.equal(logs.filter((entry) => entry.status >= 500).length, 0);
  });

  it('any query on any GET route is answered without a 5xx (fast-check, 2,000 runs)', async (t) => {
    const { get, logs } = handler();
    const paths = ['/api/ak1/availability', '/api/ak1/export.csv', '/api/ak1/keys', '/api/ak1/verify/a.b.c', '/verify/a.b.c'];
    const names = fc.constantFrom('from', 'to', 'date', 'registeredOn', 'delimiter', 'lang', '__proto__', 'x');
    const values = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...NOT_DATES.slice(0, -1), '2026-12-01', '2027-03-01', '9999-12-31', '0001-01-01', ';', ','));
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.array(fc.tuple(names, values), { maxLength: 4 }), async (path, pairs) => {
        runs++;
        const query = pairs.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
        const response = await get(`${path}?${query}`);
        await response.arrayBuffer();
        return response.status < 500;
      }),
      { numRuns: 2000 },
    );
    assert.equal(logs.filter((entry) => entry.status >= 500).length, 0);
    figure(t, 'item-6', 'random queries on every GET route', `${runs} runs, 0 × 5xx`);
  });
});
