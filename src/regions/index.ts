export { createRegionLookup, regionFile, Ak1RegionDataError } from './lookup.js';
export type { Region, RegionLookup, RegionLookupOptions } from './lookup.js';
