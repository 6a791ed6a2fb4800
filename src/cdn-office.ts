// The office counter as a script-tag bundle (`dist/cdn/ak1-office.js`), served by the district's own server
// (design.md, "Decisions"): zod in jitless mode for a strict Content-Security-Policy, then the element. Nothing is
// put on `window`. It shares no entry with ak1-form.js, so applicants' downloads do not change.
import './jitless.js';
import './office.js';
