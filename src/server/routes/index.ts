import type { Ak1Route } from '../router.js';
import { availability } from './availability.js';
import { challenge } from './challenge.js';
import { exportRegistrations } from './export.js';
import { keys } from './keys.js';
import { register } from './register.js';
import { verify, verifyPage } from './verify.js';

/**
 * Every route of the reference backend. Paths are under `endpointPath` unless `base: 'public'` (under the
 * public site's path). A new route is a file in this folder and a row here; docs/server.md lists them.
 */
export const ROUTES: readonly Ak1Route[] = [
  { method: 'POST', path: '', handle: register, limit: 'registrations' },
  { method: 'GET', path: '/challenge', handle: challenge },
  { method: 'GET', path: '/availability', handle: availability },
  { method: 'GET', path: '/verify/*token', handle: verify },
  { method: 'GET', path: '/keys', handle: keys },
  // The export is for the office's own tools, never for scripts on other sites.
  { method: 'GET', path: '/export.csv', handle: exportRegistrations, cors: false },
  { method: 'GET', path: '/verify/*token', base: 'public', handle: verifyPage },
];
