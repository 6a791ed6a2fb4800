// The element as the script-tag bundle loads it. The entry (embed.ts) imports it and registers the element itself,
// after its checks. zod, jitless for the strict CSP, comes with the lazy chunks that use it (src/jitless.ts).
export { Ak1Form, setDefaultRegionsUrl } from './components/ak1-form.js';
