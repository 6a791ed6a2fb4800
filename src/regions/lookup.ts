import { PROVINCES } from '../nik/index.js';
import type { RegionCheck } from '../schema/index.js';

/** A province, regency (kabupaten/kota), district (kecamatan) or village (desa/kelurahan). */
export interface Region {
  /** Kemendagri code, dotted: `36`, `36.04`, `36.04.05`, `36.04.05.2001`. */
  code: string;
  name: string;
}

export interface RegionLookupOptions {
  /**
   * Where the region files are: the `region-data/` folder next to the built bundle (the default) or a
   * district's own copy. Lists are fetched from it as they are needed; a `file:` URL is read from disk in Node.
   */
  baseUrl?: string | URL;
  /** The fetch to use; default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

/**
 * Region lists loaded on demand. Provinces are always at hand; every other list is one small JSON file,
 * fetched once. `has` and `name` answer from the lists loaded so far, so `validateApplication` can use the
 * lookup synchronously.
 */
export interface RegionLookup extends RegionCheck {
  provinces(): Region[];
  regencies(provinceCode: string): Promise<Region[]>;
  districts(regencyCode: string): Promise<Region[]>;
  villages(districtCode: string): Promise<Region[]>;
  /** The name of a region whose list is loaded. */
  name(code: string): string | undefined;
  /**
   * The regions inside `parentCode` if their list is loaded (a province's regencies, a regency's districts,
   * a district's villages), else undefined: for rendering synchronously while the list loads.
   */
  loadedChildren(parentCode: string): Region[] | undefined;
}

/** A region file was missing, unreadable or not what it should be. */
export class Ak1RegionDataError extends Error {
  override name = 'Ak1RegionDataError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const PATTERNS = {
  province: /^\d{2}$/,
  regency: /^\d{2}\.\d{2}$/,
  district: /^\d{2}\.\d{2}\.\d{2}$/,
  village: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
};

/** The file that lists the regions inside `parent`, relative to the base URL. */
export function regionFile(level: 'regencies' | 'districts' | 'villages', parent: string): string {
  return `${level}/${parent}.json`;
}

export function createRegionLookup(options: RegionLookupOptions = {}): RegionLookup {
  const base = new URL(String(options.baseUrl ?? new URL('../region-data/', import.meta.url)), baseForRelative());
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const files = new Map<string, Promise<Region[]>>();
  const loaded = new Map<string, Map<string, string>>();
  const provinces = PROVINCES.map(([code, name]) => ({ code, name }));

  function load(file: string, parent: string, pattern: RegExp): Promise<Region[]> {
    let pending = files.get(file);
    if (!pending) {
      pending = readJson(new URL(file, base), options.fetch).then((data) => {
        const regions = toRegions(data, parent, pattern, file);
        loaded.set(file, new Map(regions.map((r) => [r.code, r.name])));
        return regions;
      });
      // A failed load (a dropped connection) is tried again next time.
      pending.catch(() => files.delete(file));
      files.set(file, pending);
    }
    return pending;
  }

  const regencies = (provinceCode: string) =>
    PATTERNS.province.test(provinceCode)
      ? load(regionFile('regencies', provinceCode), provinceCode, PATTERNS.regency)
      : Promise.resolve([]);
  const districts = (regencyCode: string) =>
    PATTERNS.regency.test(regencyCode)
      ? load(regionFile('districts', regencyCode), regencyCode, PATTERNS.district)
      : Promise.resolve([]);
  const villagesOfRegency = (regencyCode: string) =>
    load(regionFile('villages', regencyCode), regencyCode, PATTERNS.village);

  /** The loaded list that would hold `code`, or undefined when it is not loaded (or `code` has no form). */
  function listFor(code: string): Map<string, string> | undefined {
    if (PATTERNS.province.test(code)) return new Map(PROVINCES);
    if (PATTERNS.regency.test(code)) return loaded.get(regionFile('regencies', code.slice(0, 2)));
    if (PATTERNS.district.test(code)) return loaded.get(regionFile('districts', code.slice(0, 5)));
    if (PATTERNS.village.test(code)) return loaded.get(regionFile('villages', code.slice(0, 5)));
    return undefined;
  }

  return {
    provinces: () => provinces.slice(),
    regencies,
    districts,
    async villages(districtCode) {
      if (!PATTERNS.district.test(districtCode)) return [];
      const all = await villagesOfRegency(districtCode.slice(0, 5));
      return all.filter((village) => village.code.startsWith(`${districtCode}.`));
    },
    has: (code) => listFor(code)?.has(code),
    name: (code) => listFor(code)?.get(code),
    loadedChildren(parentCode) {
      if (PATTERNS.province.test(parentCode)) return toList(loaded.get(regionFile('regencies', parentCode)));
      if (PATTERNS.regency.test(parentCode)) return toList(loaded.get(regionFile('districts', parentCode)));
      if (PATTERNS.district.test(parentCode)) {
        const villages = toList(loaded.get(regionFile('villages', parentCode.slice(0, 5))));
        return villages?.filter((village) => village.code.startsWith(`${parentCode}.`));
      }
      return undefined;
    },
  };
}

function toList(list: Map<string, string> | undefined): Region[] | undefined {
  return list && [...list].map(([code, name]) => ({ code, name }));
}

async function readJson(url: URL, fetchImpl: typeof fetch | undefined): Promise<unknown> {
  try {
    if (url.protocol === 'file:' && !fetchImpl) {
      // Node's fetch cannot read file: URLs; getBuiltinModule keeps node:fs out of browser bundles.
      const fs = (globalThis as { process?: { getBuiltinModule?(id: string): unknown } }).process?.getBuiltinModule?.(
        'node:fs/promises',
      ) as typeof import('node:fs/promises') | undefined;
      if (!fs) throw new Error('file: URLs can be read only in Node 20.16 or later');
      return JSON.parse(await fs.readFile(url, 'utf8'));
    }
    const response = await (fetchImpl ?? globalThis.fetch)(url, { credentials: 'omit' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return await response.json();
  } catch (cause) {
    throw new Ak1RegionDataError(`Region list ${url.pathname.split('/').slice(-2).join('/')} could not be loaded`, {
      cause,
    });
  }
}

/** Region files are data from a server like any other: check their shape before trusting them. */
function toRegions(data: unknown, parent: string, pattern: RegExp, file: string): Region[] {
  if (!Array.isArray(data)) throw new Ak1RegionDataError(`Region list ${file} is not a list`);
  return data.map((row) => {
    if (
      !Array.isArray(row) ||
      typeof row[0] !== 'string' ||
      typeof row[1] !== 'string' ||
      !pattern.test(row[0]) ||
      !row[0].startsWith(`${parent}.`) ||
      row[1].length > 100
    ) {
      throw new Ak1RegionDataError(`Region list ${file} holds an invalid entry`);
    }
    return { code: row[0], name: row[1] };
  });
}

function baseForRelative(): string | undefined {
  return (globalThis as { location?: { href: string } }).location?.href;
}
