/**
 * The script-tag entry (`dist/cdn/ak1-form.js`), one file with the element: it checks the browser and for a
 * second copy, then registers `<ak1-form>`. Nothing is put on `window`. The element comes in the same file, so the
 * first step needs one request after the page; its imports define a class and nothing more (no schema, no zod:
 * those come with the lazy checks, zod jitless for a strict Content-Security-Policy), so an old browser or a
 * second copy runs them harmlessly and stops at the checks below.
 */
import { Ak1Form, setDefaultRegionsUrl } from './cdn-element.js';

/** What the form needs of the browser; without it the applicant sees the office's address instead. */
function browserCanRunTheForm(): boolean {
  return (
    typeof customElements !== 'undefined' &&
    typeof Element.prototype.attachShadow === 'function' &&
    typeof fetch === 'function' &&
    typeof AbortController === 'function' &&
    typeof TextEncoder === 'function' &&
    typeof Intl === 'object' &&
    typeof crypto?.getRandomValues === 'function'
  );
}

if (!browserCanRunTheForm()) {
  void import('./unsupported.js').then(({ showUnsupportedNotice }) => showUnsupportedNotice(document));
} else if (customElements.get('ak1-form')) {
  console.warn('ak1-form: <ak1-form> is already defined on this page; this copy does nothing.');
} else {
  // The package's one copy of the region lists, dist/region-data/, one folder up from dist/cdn/ wherever the
  // package is served from (a CDN included).
  setDefaultRegionsUrl(new URL('../region-data/', import.meta.url).href);
  customElements.define('ak1-form', Ak1Form);
}
