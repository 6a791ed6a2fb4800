import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Ak1RegionDataError, createRegionLookup } from '../../src/regions/index.js';
import { validateApplication } from '../../src/schema/index.js';
import { fullApplication, TODAY } from '../fixtures/application.js';

// The region files are emitted by the build (test/run.mjs builds before testing); these tests read them
// from dist/ exactly as an SDK user in Node would.
const DATA = new URL('../../dist/region-data/', import.meta.url);
const lookup = () => createRegionLookup({ baseUrl: DATA });

describe('region data from idn-area-data 4.0.1', () => {
  it('is in dist/region-data/ once: the script-tag bundle in dist/cdn/ reads the same folder', () => {
    assert.ok(existsSync(DATA), 'run the build first');
    assert.ok(readdirSync(DATA, { recursive: true }).length > 1000);
    assert.equal(existsSync(new URL('../cdn/region-data/', DATA)), false);
  });

  it('pins 36.04 to Kabupaten Serang and 36.73 to Kota Serang', async () => {
    const regions = lookup();
    const banten = await regions.regencies('36');
    assert.deepEqual(banten.find((r) => r.code === '36.04'), { code: '36.04', name: 'Kabupaten Serang' });
    assert.deepEqual(banten.find((r) => r.code === '36.73'), { code: '36.73', name: 'Kota Serang' });
    assert.equal(regions.name('36.02'), 'Kabupaten Lebak');
  });

  it('counts 38 provinces, 514 regencies, 7,285 districts and 83,762 villages', async () => {
    const regions = lookup();
    const provinces = regions.provinces();
    let regencies = 0;
    let districts = 0;
    let villages = 0;
    for (const province of provinces) {
      for (const regency of await regions.regencies(province.code)) {
        regencies++;
        const inRegency = await regions.districts(regency.code);
        districts += inRegency.length;
        for (const district of inRegency) villages += (await regions.villages(district.code)).length;
      }
    }
    assert.deepEqual([provinces.length, regencies, districts, villages], [38, 514, 7285, 83762]);
  });

  it('reads names with quoted commas and quotes as written', async () => {
    const regions = lookup();
    const lubukPakam = await regions.villages('12.07.28');
    assert.equal(lubukPakam.find((v) => v.code === '12.07.28.1007')?.name, 'Lubuk Pakam I,II');
    const districts = await regions.districts('35.29');
    assert.equal(districts.find((d) => d.code === '35.29.22')?.name, 'Ra"as');
  });

  it('loads each list once, when first asked for, and answers `has` only for lists at hand', async () => {
    const requested: string[] = [];
    const regions = createRegionLookup({
      baseUrl: 'https://cdn.example/ak1/region-data/',
      fetch: (async (url: URL) => {
        requested.push(String(url));
        const file = new URL(String(url).replace('https://cdn.example/ak1/region-data/', ''), DATA);
        const { readFile } = await import('node:fs/promises');
        return new Response(await readFile(file));
      }) as typeof fetch,
    });
    assert.equal(regions.has('36'), true);
    assert.equal(regions.has('37'), false);
    assert.equal(regions.has('36.04'), undefined, 'not loaded yet');
    assert.deepEqual(requested, []);
    await Promise.all([regions.regencies('36'), regions.regencies('36')]);
    await regions.villages('36.04.05');
    await regions.villages('36.04.06');
    assert.deepEqual(requested, [
      'https://cdn.example/ak1/region-data/regencies/36.json',
      'https://cdn.example/ak1/region-data/villages/36.04.json',
    ]);
    assert.equal(regions.has('36.04'), true);
    assert.equal(regions.has('36.99'), false);
    assert.equal(regions.has('36.04.05'), undefined, 'the districts of 36.04 are not loaded');
    assert.equal(regions.has('36.04.05.2001'), true);
    assert.equal(regions.has('36.04.05.9999'), false);
  });

  it('lets validateApplication check codes against the lists at hand', async () => {
    const regions = lookup();
    await Promise.all([regions.regencies('36'), regions.districts('36.04'), regions.villages('36.04.05')]);
    const app = fullApplication();
    assert.ok(validateApplication(app, { today: TODAY, regions }).ok);
    app.address.villageCode = '36.04.05.2999';
    const result = validateApplication(app, { today: TODAY, regions });
    assert.deepEqual(!result.ok && result.issues, [{ path: ['address', 'villageCode'], code: 'address.villageCode.unknown' }]);
  });

  it('refuses a region file that is not what it should be, and tries a failed one again', async () => {
    const replies = [
      () => new Response('not json'),
      () => Response.json({ '36.04': 'x' }),
      () => Response.json([['36.04', 'Kabupaten Serang'], ['32.01', 'Kabupaten Bogor']]),
      () => Response.json([['36.04', 'x'.repeat(101)]]),
      () => new Response('', { status: 503 }),
      () => Response.json([['36.04', 'Kabupaten Serang']]),
    ];
    let call = 0;
    const regions = createRegionLookup({
      baseUrl: 'https://cdn.example/',
      fetch: (async () => replies[call++]!()) as unknown as typeof fetch,
    });
    for (let i = 0; i < replies.length - 1; i++) {
      await assert.rejects(regions.regencies('36'), Ak1RegionDataError);
    }
    assert.deepEqual(await regions.regencies('36'), [{ code: '36.04', name: 'Kabupaten Serang' }]);
  });

  it('answers malformed parent codes with an empty list and no request', async () => {
    let calls = 0;
    const regions = createRegionLookup({ baseUrl: 'https://cdn.example/', fetch: (async () => { calls++; return Response.json([]); }) as unknown as typeof fetch });
    assert.deepEqual(await regions.regencies('../x'), []);
    assert.deepEqual(await regions.districts('36'), []);
    assert.deepEqual(await regions.villages('36.04.5'), []);
    assert.equal(calls, 0);
  });

  it('reads from a file: URL given as a string too', async () => {
    const regions = createRegionLookup({ baseUrl: pathToFileURL('dist/region-data').href });
    assert.equal((await regions.regencies('36')).length, 8);
  });
});

describe('loadedChildren', () => {
  it('lists the children of a loaded parent and nothing before', async () => {
    const regions = lookup();
    assert.equal(regions.loadedChildren('36'), undefined);
    await regions.regencies('36');
    assert.equal(regions.loadedChildren('36')?.length, 8);
    assert.equal(regions.loadedChildren('36.04.05'), undefined);
    await regions.villages('36.04.05');
    const villages = regions.loadedChildren('36.04.05')!;
    assert.ok(villages.length > 5 && villages.every((v) => v.code.startsWith('36.04.05.')));
    assert.equal(regions.loadedChildren('x'), undefined);
  });
});
