export { runConformance, formatConformanceReport } from './run.js';
export type { ConformanceOptions, ConformanceReport, ConformanceCheck } from './run.js';
export { OFFICE_CHECKS } from './office-checks.js';
export type { ConformanceOfficer } from './office-checks.js';
export {
  ak1KeySetSchema,
  conformanceApplication,
  conformanceNik,
  CONFORMANCE_NAME,
  CONFORMANCE_NIK_PREFIX,
  CONFORMANCE_PHONE,
} from './fixtures.js';
export type { Ak1KeySet, ConformanceApplicant } from './fixtures.js';
