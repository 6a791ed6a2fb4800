/**
 * Registers `<ak1-office>`, the office counter (`ak1-form/office`). Importing this module is its only effect; a
 * second copy on the same page warns and leaves the first one in place. Applicants never load it.
 */
import { Ak1Office } from './components/office/ak1-office.js';

export { Ak1Office };

if (!customElements.get('ak1-office')) {
  customElements.define('ak1-office', Ak1Office);
} else {
  console.warn('ak1-form: <ak1-office> is already defined on this page; this copy does nothing.');
}
