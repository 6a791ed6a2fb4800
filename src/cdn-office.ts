// The office counter as a script-tag bundle (`dist/cdn/ak1-office.js`), served by the district's own server
// (design.md, "Decisions"). zod is jitless for a strict Content-Security-Policy wherever it is first evaluated (the
// build resolves it to src/jitless.ts). Nothing is put on `window`. It shares no entry with ak1-form.js, so
// applicants' downloads do not change.
import './office.js';
