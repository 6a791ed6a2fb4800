// The element as the script-tag bundle loads it: zod switched to jitless before any schema is made. The entry
// (embed.ts) imports it and registers the element itself, after its checks.
import './jitless.js';
export { Ak1Form, setDefaultRegionsUrl } from './components/ak1-form.js';
