// The application's checks as <ak1-form> loads them: one chunk, fetched once the applicant starts on the first
// step and awaited at its Continue, so the first step shows without the schema.
export { validateApplication } from '../../schema/validate.js';
export { toApplicationInput } from './application-input.js';
