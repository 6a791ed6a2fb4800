// The element as the script-tag bundle loads it: zod switched to jitless before any schema is made.
import './jitless.js';
export { Ak1Form } from './element.js';
export { setDefaultRegionsUrl } from './components/ak1-form.js';
