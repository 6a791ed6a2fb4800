import type { Ak1DebugTexts } from '../types.js';

/** `debug`'s setup self-check: what each check asks and, when it fails, what to change. */
export const enDebug: Ak1DebugTexts = {
  title: 'ak1-form setup check (debug)',
  intro:
    'This panel shows because of the debug attribute, for the site’s webmaster only. The same results are in the browser’s console. Remove the debug attribute once every check passes.',
  running: 'Checking the setup…',
  passed: 'Passed',
  failed: 'Failed',
  skipped: 'Not checked',
  summary: (failed, total) => (failed ? `${failed} of ${total} checks failed.` : `All ${total} checks passed.`),
  checks: {
    configuration: {
      title: 'The attributes and the config property are valid',
      fix: 'Fix the attributes the console names (Ak1ConfigError).',
    },
    endpointHttps: {
      title: 'The endpoint uses https:// (or localhost while trying it out)',
      fix: 'Set the endpoint attribute to the backend’s https:// address. Browsers block http:// from an https page, and it would send the applicant’s data unencrypted.',
    },
    endpointReachable: {
      title: 'The endpoint’s server can be reached',
      fix: 'Check the host name in the endpoint attribute, and that the backend is running and open to the internet.',
    },
    endpointCors: {
      title: 'The backend’s CORS allows this page’s origin',
      fix: 'Add this page’s origin to the backend’s allowed origins (corsOrigins of the reference server).',
    },
    endpointHeaders: {
      title: 'The backend’s CORS allows POST with Content-Type and Idempotency-Key',
      fix: 'The backend must answer the OPTIONS preflight with Access-Control-Allow-Methods: POST and Access-Control-Allow-Headers: Content-Type, Idempotency-Key.',
    },
    availability: {
      title: 'The backend answers the schedule request (GET {endpoint}/availability)',
      fix: 'The endpoint attribute must be the backend’s base path, the one with /availability under it (e.g. https://disnaker.example.go.id/api/ak1). Test the backend with: npx ak1-form conformance <endpoint>.',
    },
    regionLists: {
      title: 'The region lists load',
      fix: 'Point regions-url at the package’s region-data/ folder, and add its origin to connect-src in the page’s Content-Security-Policy.',
    },
    chunks: {
      title: 'The parts of the form loaded later can load (CSP and CORS)',
      fix: 'Add the CDN’s origin to script-src in the Content-Security-Policy, and make sure the CDN sends Access-Control-Allow-Origin.',
    },
  },
};
