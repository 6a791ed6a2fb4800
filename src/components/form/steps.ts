import { FIRST_STEP_FIELDS } from '../../i18n/index.js';
import type { ApplicationField } from '../../schema/index.js';

/** The steps of the journey, in order; the ids are public (`ak1-step-change`'s `step`). */
export const STEP_IDS = ['identity', 'contact', 'education', 'work', 'documents', 'visit', 'consent', 'review', 'done'] as const;
export type StepId = (typeof STEP_IDS)[number];

/** The application fields each step asks for: its Continue validates these and reports only their issues. */
export const STEP_FIELDS: Record<StepId, readonly ApplicationField[]> = {
  // The catalogue carries this step's messages (the step works before anything else loads): one list for both.
  identity: FIRST_STEP_FIELDS,
  contact: ['phone', 'email', 'address'],
  education: ['education', 'skills', 'languages'],
  work: ['workExperience', 'jobPreferences'],
  documents: ['photo', 'documents'],
  visit: ['preferredVisitDate'],
  consent: ['consent'],
  review: [],
  done: [],
};

/** The step that asks for a field, so an issue from the server can take the applicant back to it. */
export function stepOfField(field: string): StepId | undefined {
  return STEP_IDS.find((step) => (STEP_FIELDS[step] as readonly string[]).includes(field));
}

/** The steps the applicant fills in (shown in the step indicator). */
export const QUESTION_STEPS = STEP_IDS.filter((step) => step !== 'review' && step !== 'done');
