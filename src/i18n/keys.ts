import type { Ak1MessageKey, Ak1WarningKey, ApplicationField } from '../schema/index.js';

/**
 * The fields the first step asks for, in its order. The form's steps take their first step from here, and the
 * catalogue carries these fields' messages, so the step and its texts cannot drift apart.
 */
export const FIRST_STEP_FIELDS = [
  'nik',
  'kkNumber',
  'fullName',
  'birthPlace',
  'birthDate',
  'sex',
  'religion',
  'maritalStatus',
  'heightCm',
  'weightKg',
  'disability',
] as const satisfies readonly ApplicationField[];

/** The first step's fields, and the application as a whole: any Continue can raise the latter's keys. */
type FirstStepScope = (typeof FIRST_STEP_FIELDS)[number] | 'application' | 'schemaVersion';

/** Message keys whose texts are in the catalogue itself (`Ak1Catalogue.messages`). */
export type Ak1FirstStepMessageKey = Extract<Ak1MessageKey | Ak1WarningKey, `${FirstStepScope}.${string}`>;
/** Message keys whose texts load with the later steps (`Ak1JourneyTexts.messages`). */
export type Ak1LaterMessageKey = Exclude<Ak1MessageKey | Ak1WarningKey, Ak1FirstStepMessageKey>;
