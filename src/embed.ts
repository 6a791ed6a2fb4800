/**
 * The script-tag entry (`dist/cdn/ak1-form.js`). Zod runs without `new Function` so the bundle works under
 * a strict Content-Security-Policy; nothing is put on `window`.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

// Checked before lit and the element load, so a second include costs one small module and no error.
if (customElements.get('ak1-form')) {
  console.warn('ak1-form: <ak1-form> is already defined on this page; this copy does nothing.');
} else {
  void import('./element.js').then(({ Ak1Form }) => {
    // The region lists sit beside this file wherever it is served from (a CDN included).
    Ak1Form.defaultRegionsUrl = new URL('./region-data/', import.meta.url).href;
  });
}
