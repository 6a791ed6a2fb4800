// The region lists are data files, which a bundler does not follow: the app serves a copy of the package's
// folder from public/ (Vite copies public/ into its build) and points the form at it (src/main.tsx).
import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const dist = dirname(createRequire(import.meta.url).resolve('ak1-form/custom-elements.json'));
cpSync(join(dist, 'region-data'), 'public/region-data', { recursive: true });
