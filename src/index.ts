/**
 * The ak1-form SDK: the application schema, the NIK parser and region lookup, for browsers, workers and
 * Node. It imports no lit; `ak1-form/element` registers the `<ak1-form>` element.
 *
 * @packageDocumentation
 */
export * from './schema/index.js';
export { parseNik, PROVINCES, isProvinceCode, provinceName } from './nik/index.js';
export type { NikInfo, NikErrorCode, ParseNikResult, ParseNikOptions, ProvinceCode } from './nik/index.js';
export { createRegionLookup } from './regions/index.js';
export type { Region, RegionLookup, RegionLookupOptions } from './regions/index.js';
