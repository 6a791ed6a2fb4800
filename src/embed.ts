/**
 * The script-tag entry (`dist/cdn/ak1-form.js`): it checks the browser and for a second copy, then loads the
 * element (with zod in jitless mode, for a strict Content-Security-Policy). Nothing is put on `window`.
 */

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
  // Checked before lit and the element load, so a second include costs one small module and no error.
  console.warn('ak1-form: <ak1-form> is already defined on this page; this copy does nothing.');
} else {
  void import('./cdn-element.js').then(({ setDefaultRegionsUrl }) => {
    // The package's one copy of the region lists, dist/region-data/, one folder up from dist/cdn/ wherever the
    // package is served from (a CDN included).
    setDefaultRegionsUrl(new URL('../region-data/', import.meta.url).href);
  });
}
