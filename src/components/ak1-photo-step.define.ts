/**
 * Registers `<ak1-photo-step>`, the form's photo and documents step. The form's documents step imports this
 * lazily; a second copy of ak1-form on the page warns and keeps the first.
 */
import { Ak1PhotoStep } from './ak1-photo-step.js';

export { Ak1PhotoStep };

if (!customElements.get('ak1-photo-step')) {
  customElements.define('ak1-photo-step', Ak1PhotoStep);
} else if (customElements.get('ak1-photo-step') !== Ak1PhotoStep) {
  console.warn('ak1-form: <ak1-photo-step> is already defined on this page; this copy does nothing.');
}
