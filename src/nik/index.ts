export { parseNik, daysInMonth } from './parse-nik.js';
export type { NikInfo, NikErrorCode, ParseNikResult, ParseNikOptions } from './parse-nik.js';
export { PROVINCES, isProvinceCode, provinceName } from './provinces.js';
export type { ProvinceCode } from './provinces.js';
