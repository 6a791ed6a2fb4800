// The checks as <ak1-form> loads them: one chunk, fetched right after the first step renders and awaited at its
// Continue, so the first step shows without the schema (and zod). The configuration's check is here too: the
// first step renders from the unchecked configuration, and a mistake replaces it with the notice once this comes.
export { validateApplication } from '../../schema/validate.js';
export { toApplicationInput } from './application-input.js';
export { checkConfig } from './config-check.js';
